"""The site's pages: the validation page shows failures offline and the index links it."""

import pandas as pd

from dtanalysis.paths import Paths
from dtanalysis.pipeline.stages import run_validate


def test_validation_page_shows_failures_offline(project_copy):
    from dtanalysis.runner.render import page_has_no_remote_references
    from dtanalysis.site.index_page import write_index

    root = project_copy
    processed = Paths.at(root).processed
    dti = pd.read_parquet(processed / "dti.parquet")
    dti.loc[0, "status"] = "rumoured"
    dti.to_parquet(processed / "dti.parquet", index=False)
    assert not run_validate(root).ok
    write_index(Paths.at(root))
    page = (root / "reports" / "validation.html").read_text(encoding="utf-8")
    assert "✘" in page and "rumoured" in page and "data/raw/" in page
    assert "A DTI row&#x27;s status is official, reported, derived or uncertain." in page
    index = (root / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="validation.html"' in index
    assert page_has_no_remote_references(page) == []
    assert page_has_no_remote_references(index) == []
