"""A rebuild with nothing changed costs less than importing pandas: it checks the processed
data's manifest and each report's record, rewrites the index pages, and never loads pandas,
Papermill, nbconvert, matplotlib or Great Expectations (measured by `benchmarks/run.py`; here
the modules a real no-op `dtanalysis build` loads are checked)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "papermill", "nbconvert", "nbclient", "matplotlib", "great_expectations",
         "numpy")

PROBE = f"""
import json, sys
from dtanalysis.cli import main
code = main(["build", "--root", sys.argv[1], "--quiet"])
print(json.dumps({{"code": code, "loaded": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""


def _mark_every_report_built(root) -> int:
    """Every report of a build (both languages) as a successful earlier run leaves it: its
    page, and its record with the inputs hash of the current data, notebook and code. The
    records are the real `RunContext`'s; no report is faked as different from what a run
    writes but for its page's text."""
    from dtanalysis.paths import Paths
    from dtanalysis.records import write_record
    from dtanalysis.runner.context import RunContext
    from dtanalysis.runner.jobs import build_plan
    from dtanalysis.runner.outputs import new_record
    from dtanalysis.site.datapackage import write_data_package

    paths = Paths.at(root)
    write_data_package(paths)  # as the build that cleaned the data wrote it
    ctx = RunContext.create(paths)
    plan = build_plan(paths)
    for job in plan:
        job.out.parent.mkdir(parents=True, exist_ok=True)
        job.html.write_text("<html></html>", encoding="utf-8")
        stat = job.html.stat()
        record = new_record(job, ctx, "2026-12-06 00:00 UTC")
        record.update(status="ok", error=None, html_bytes=stat.st_size,
                      html_mtime_ns=stat.st_mtime_ns)
        write_record(job.record, record)
    from dtanalysis.site.index_page import write_index

    write_index(paths)  # the index and validation pages that build wrote at its end
    return len(plan)


def test_a_rebuild_with_nothing_to_do_loads_no_heavy_module(project_copy):
    n = _mark_every_report_built(project_copy)
    # both languages: every unit of both sets, two overviews and the comparison of
    # data/raw/comparisons.csv
    assert n == 2 * (63 + 34 + 2 + 1)
    done = subprocess.run([sys.executable, "-c", PROBE, str(project_copy)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "loaded": []}, result
    log = (project_copy / "reports" / "runs.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(log[-1])["counts"] == {"total": n, "ok": 0, "skipped": n, "failed": 0}
    # the index pages were written, one per language
    assert (project_copy / "reports" / "index.html").is_file()
    assert (project_copy / "reports" / "index.en.html").is_file()
