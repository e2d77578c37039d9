"""The site's pages: the validation page shows failures offline and the index links it."""

import json

import pandas as pd

from dtanalysis.paths import VALIDATION, Paths
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


def test_hostile_values_on_the_validation_and_index_pages_stay_text(project_copy, tmp_path,
                                                                    require_chromium):
    """Offending values and report errors reach these pages: escaped, never markup."""
    from browser import INJECTION_PROBE, NOTHING_INJECTED, open_offline

    from dtanalysis.records import write_record
    from dtanalysis.site.index_page import write_index

    hostile = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    paths = Paths.at(project_copy)
    # A failed validation whose offending row holds the text (written as `validate` writes
    # it; running Great Expectations here would only cost seconds).
    summary = json.loads((paths.processed / VALIDATION).read_text(encoding="utf-8"))
    suite = json.loads((paths.expectations / "dti.json").read_text(encoding="utf-8"))
    description = suite["expectations"][0]["meta"]["description"]
    summary.update(success=False, failures=[{
        "table": "dti", "description": description, "unexpected_count": 1,
        "rows": [{"values": {"status": hostile}, "source_file": hostile, "source_line": 2}]}])
    (paths.processed / VALIDATION).write_text(json.dumps(summary), encoding="utf-8")
    folder = project_copy / "reports" / "provinces"
    folder.mkdir(parents=True, exist_ok=True)
    write_record(folder / "x.json", {"kind": "province", "label": hostile, "slug": "x",
                                     "status": "failed", "error": hostile, "lang": "vi",
                                     "html": "x.html", "ipynb": "x.ipynb"})
    write_index(paths)
    for name in ("validation.html", "index.html"):
        report = open_offline(project_copy / "reports" / name, tmp_path / f"{name}.png",
                              probe=INJECTION_PROBE)
        assert report.probe == NOTHING_INJECTED, (name, report.probe)
        assert "<script>window.__pwned=1</script>" in report.text, name
