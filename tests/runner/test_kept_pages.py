"""A failed report keeps its last good page, marked stale with the failure on the page and on
the index; it never deletes it, and the index never links a file that does not exist (issue
21, failure 2). SYNTHETIC notebooks, as in test_pool."""

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from test_pool import project, records, report_cli, synthetic_notebook  # noqa: F401

FAILS = 'raise ValueError("synthetic failure number " + "1")\n'


def _links(index: Path) -> list[str]:
    return [unquote(h.split("#")[0]) for h in
            re.findall(r'href="([^"]+)"', index.read_text(encoding="utf-8"))
            if not h.startswith(("http", "#"))]


def test_a_failed_report_keeps_its_last_good_page_marked_stale(project):  # noqa: F811
    notebook = project / "notebooks" / "province_report.ipynb"
    synthetic_notebook(notebook, 'print("good page of", province)\n')
    assert report_cli(project, "Hải Phòng") == 0
    page = project / "reports/provinces/hai-phong.html"
    good = records(project)["hai-phong"]
    assert "good page of" in page.read_text(encoding="utf-8")
    (page.with_suffix(".csv")).write_text("a,b\n1,2\n", encoding="utf-8")  # its take-away

    for attempt in ("1", "2"):  # failing twice: one banner, the newest failure
        synthetic_notebook(notebook, FAILS.replace('"1"', f'"{attempt}"'))
        assert report_cli(project, "Hải Phòng") == 1
        assert page.is_file() and page.with_suffix(".csv").is_file()  # never deleted
        text = page.read_text(encoding="utf-8")
        assert "good page of" in text                     # the last good page, as it was
        assert text.count('class="dtanalysis-stale"') == 1
        assert f"synthetic failure number {attempt}" in text
        record = records(project)["hai-phong"]
        assert record["status"] == "failed"
        assert record["last_good"]["run_date"] == good["run_date"]
        index = project / "reports/index.html"
        html = index.read_text(encoding="utf-8")
        assert 'href="provinces/hai-phong.html#briefing"' in html
        assert (f"trang cũ của lần chạy {good['run_date']} được giữ lại" in html
                and f"synthetic failure number {attempt}" in html)
        missing = [h for h in _links(index) if not (index.parent / h).exists()]
        assert not missing, missing

    synthetic_notebook(notebook, 'print("new good page of", province)\n')
    assert report_cli(project, "Hải Phòng") == 0
    text = page.read_text(encoding="utf-8")
    assert "new good page of" in text and "dtanalysis-stale" not in text
    assert "last_good" not in json.loads(page.with_suffix(".json").read_text())


def test_a_report_that_never_succeeded_leaves_no_page(project):  # noqa: F811
    synthetic_notebook(project / "notebooks" / "province_report.ipynb", FAILS)
    assert report_cli(project, "Hải Phòng") == 1
    assert not (project / "reports/provinces/hai-phong.html").exists()
    index = project / "reports/index.html"
    assert "hai-phong.html" not in index.read_text(encoding="utf-8")
    missing = [h for h in _links(index) if not (index.parent / h).exists()]
    assert not missing, missing


def test_an_empty_or_cut_notebook_never_replaces_the_last_one(project):  # noqa: F811
    # Before: a notebook papermill (or a worker) could not write whole, on a full disk, was
    # renamed over the last one: a 0-byte .ipynb stayed.
    from dtanalysis.paths import Paths
    from dtanalysis.runner.context import RunContext
    from dtanalysis.runner.jobs import province_job
    from dtanalysis.runner.outputs import store

    synthetic_notebook(project / "notebooks" / "province_report.ipynb", 'print("ok")\n')
    assert report_cli(project, "Hải Phòng") == 0
    job = province_job(Paths.at(project), "Hải Phòng")
    kept = job.ipynb.read_bytes()
    ctx = RunContext.create(Paths.at(project))
    for sent in (b"", kept[: len(kept) // 2]):
        outcome = store(job, ctx, {}, "writing the notebook: no space left on the device",
                        1.0, {"ipynb": sent})
        assert outcome.status == "failed"
        assert job.ipynb.read_bytes() == kept
        assert [p.name for p in job.ipynb.parent.iterdir() if p.stat().st_size == 0] == []


@pytest.mark.slow  # runs reports on a kernel
def test_one_unit_named_three_ways_runs_once(project):  # noqa: F811
    # Before: `Hải Phòng`, `hai-phong` and `31` ran three times into the same files.
    from dtanalysis.builder import report

    synthetic_notebook(project / "notebooks" / "province_report.ipynb", 'print(province)\n')
    result = report(project, provinces=["Hải Phòng", "hai-phong", "31", "Huế"], jobs=1)
    assert [o.job.label for o in result.outcomes] == ["Hải Phòng", "Huế"]
    assert [o.status for o in result.outcomes] == ["ok", "ok"]
