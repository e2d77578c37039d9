"""Reports on a real Dask `LocalCluster` (`--scheduler local:N`), on tiny SYNTHETIC notebooks:
each report runs in a kernel started by a worker process (not by this one), lands in the
project's reports/ (shared filesystem), a failing notebook is a failed report that does not
stop the others; bad `--scheduler` values and unreachable schedulers are one-line errors."""

from __future__ import annotations

import json
import os
import re

import pytest
import test_pool

from dtanalysis.cli import main
from dtanalysis.errors import ClusterError, ParameterError
from dtanalysis.runner.distributed import dask_executor, parse_scheduler

BODY = """
import os
print("report for", province, "kernel parent", os.getppid())
if province == "Hải Dương":
    raise ValueError("synthetic failure for " + province)
"""


@pytest.fixture
def dask_project(tmp_path):
    root = test_pool.project.__wrapped__(tmp_path)
    test_pool.synthetic_notebook(root / "notebooks" / "province_report.ipynb", BODY)
    return root


def test_parse_scheduler():
    assert parse_scheduler("local") == ("local", None)
    assert parse_scheduler("local:3") == ("local", 3)
    assert parse_scheduler("tcp://10.0.0.5:8786") == ("address", None)
    for bad in ("", "local:0", "local:x"):
        with pytest.raises(ParameterError):
            parse_scheduler(bad)


def test_bad_scheduler_value_is_a_one_line_error(dask_project, capsys):
    code = main(["report", "--root", str(dask_project), "--province", "Hải Phòng",
                 "--scheduler", "local:0"])
    assert code == 2
    assert capsys.readouterr().err.strip().startswith("error: --scheduler local:0")


def test_unreachable_scheduler_is_a_cluster_error(monkeypatch):
    monkeypatch.setattr("dtanalysis.runner.distributed.CONNECT_TIMEOUT", "1s")
    with (pytest.raises(ClusterError, match="cannot reach the Dask scheduler"),
          dask_executor("tcp://127.0.0.1:9")):
        pass


@pytest.mark.slow
def test_reports_run_on_local_cluster_workers(dask_project, capsys):
    code = main(["report", "--root", str(dask_project), "--province", "Hải Phòng",
                 "--province", "Hải Dương", "--province", "Đà Nẵng", "--scheduler", "local:2",
                 "--force"])
    assert code == 1  # Hải Dương's notebook fails, the two others are produced
    folder = dask_project / "reports" / "provinces"
    records = {p.stem: json.loads(p.read_text()) for p in folder.glob("*.json")}
    assert {k: r["status"] for k, r in records.items()} == {
        "hai-phong": "ok", "hai-duong": "failed", "da-nang": "ok"}
    assert "synthetic failure for Hải Dương" in records["hai-duong"]["error"]
    assert not (folder / "hai-duong.html").exists()
    parents = set()
    for slug in ("hai-phong", "da-nang"):
        html = (folder / f"{slug}.html").read_text(encoding="utf-8")
        parents.add(int(re.search(r"kernel parent (\d+)", html).group(1)))
        assert records[slug]["data_version"] == "synthetic"
    assert os.getpid() not in parents  # each kernel was started by a Dask worker process
    assert (dask_project / "reports" / "index.html").exists()
    err = capsys.readouterr().err
    assert "FAILED Hải Dương" in err
