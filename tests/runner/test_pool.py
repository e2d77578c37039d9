"""The report runner on tiny SYNTHETIC notebooks (made here): parameter checks before any
kernel starts, failure isolation, skipping of unchanged reports, and warm kernels that leak
nothing from one run into the next."""

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from dtanalysis.cli import main
from dtanalysis.errors import ParameterError
from dtanalysis.paths import Paths
from dtanalysis.runner.jobs import check_parameters, province_job
from dtanalysis.runner.pool import RunContext, run_jobs

ROOT = Path(__file__).resolve().parents[2]

PARAMS = 'province = "Hải Phòng"\nunit_set = "63"\nyear = None\npeers = "region"\nlang = "vi"\n'
BODY = """
import matplotlib as mpl
assert "leak" not in globals(), "a variable leaked from the previous report"
assert mpl.rcParams["lines.linewidth"] == mpl.rcParamsDefault["lines.linewidth"]
mpl.rcParams["lines.linewidth"] = 9
leak = province
if province == "Hải Dương":
    raise ValueError("synthetic failure for " + province)
print("report for", province)
"""


def synthetic_notebook(path: Path, body: str = BODY) -> None:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(PARAMS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Synthetic test notebook"), params,
                nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    (root / "data" / "processed").mkdir(parents=True)
    (root / "data" / "processed" / "manifest.json").write_text(
        json.dumps({"data_version": "synthetic"}))
    synthetic_notebook(root / "notebooks" / "province_report.ipynb")
    return root


def report_cli(root: Path, *provinces: str) -> int:
    """`dtanalysis report --province … --jobs 1 --root ROOT`, in this process."""
    argv = ["report", "--root", str(root), "--jobs", "1"]
    for name in provinces:
        argv += ["--province", name]
    return main(argv)


def records(root: Path) -> dict[str, dict]:
    folder = root / "reports" / "provinces"
    return {p.stem: json.loads(p.read_text()) for p in folder.glob("*.json")}


def test_unknown_province_is_a_clear_error(project):
    with pytest.raises(ParameterError, match="'Atlantis'"):
        province_job(Paths.at(project), "Atlantis")


def test_unknown_parameter_names_it(project):
    with pytest.raises(ParameterError, match="'provinse'"):
        check_parameters(project / "notebooks" / "province_report.ipynb", {"provinse": "x"})


def test_cli_rejects_bad_province_before_any_kernel(project):
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "dtanalysis", "report", "--province",
                          "Atlantis", "--root", str(project)], capture_output=True, text=True,
                         check=False)
    assert out.returncode == 2
    assert "unknown province 'Atlantis'" in out.stderr
    assert not (project / "reports").exists()
    assert time.perf_counter() - started < 30


def test_a_failing_report_does_not_stop_the_others(project, capsys):
    code = report_cli(project, "Hải Phòng", "Hải Dương", "Quảng Ninh")
    assert code == 1
    found = records(project)
    assert found["hai-phong"]["status"] == found["quang-ninh"]["status"] == "ok"
    assert found["hai-duong"]["status"] == "failed"
    assert "synthetic failure for Hải Dương" in found["hai-duong"]["error"]
    failed_nb = nbformat.read(str(project / "reports/provinces/hai-duong.ipynb"), 4)
    assert any(o.get("ename") == "ValueError" for c in failed_nb.cells
               for o in c.get("outputs", []))                       # kept for audit
    assert not (project / "reports/provinces/hai-duong.html").exists()
    index = (project / "reports" / "index.html").read_text()
    assert "synthetic failure for Hải Dương" in index
    err = capsys.readouterr().err
    assert "[3/3]" in err and "1 failed" in err


def test_warm_kernel_leaks_nothing_between_reports(project):
    # one kernel, three provinces: the notebook asserts no variable or rcParam leaked
    ctx = RunContext.create(Paths.at(project))
    jobs = [province_job(Paths.at(project), n) for n in ("Hải Phòng", "Quảng Ninh", "Huế")]
    outcomes = run_jobs(jobs, ctx, n_jobs=1)
    assert [o.status for o in outcomes] == ["ok", "ok", "ok"], [o.error for o in outcomes]


def test_unchanged_reports_are_skipped(project):
    assert report_cli(project, "Hải Phòng") == 0
    first = records(project)["hai-phong"]
    assert report_cli(project, "Hải Phòng") == 0
    assert records(project)["hai-phong"]["run_date"] == first["run_date"]
    ctx = RunContext.create(Paths.at(project))
    job = province_job(Paths.at(project), "Hải Phòng")
    assert run_jobs([job], ctx)[0].status == "skipped"
    assert run_jobs([job], ctx, force=True)[0].status == "ok"
    # a changed notebook, or changed data, re-runs the report
    synthetic_notebook(project / "notebooks" / "province_report.ipynb", BODY + "\n1 + 1\n")
    assert run_jobs([job], RunContext.create(Paths.at(project)))[0].status == "ok"
    (project / "data/processed/manifest.json").write_text(json.dumps({"data_version": "v2"}))
    assert run_jobs([job], RunContext.create(Paths.at(project)))[0].status == "ok"
