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
from dtanalysis.runner.context import RunContext
from dtanalysis.runner.jobs import check_parameters, province_job
from dtanalysis.runner.pool import run_jobs

ROOT = Path(__file__).resolve().parents[2]

PARAMS = 'province = "Hải Phòng"\nunit_set = "63"\nyear = None\npeers = "region"\nlang = "vi"\n'
BODY = """
import matplotlib as mpl
assert "leak" not in globals(), "a variable leaked from the previous report"
assert not {"_ms", "_mpl", "_plt", "_sns"} & set(globals()), "the reset left its own names"
assert not Out, "outputs of the previous report are still cached"
assert mpl.rcParams["lines.linewidth"] == mpl.rcParamsDefault["lines.linewidth"]
mpl.rcParams["lines.linewidth"] = 9
leak = province
leak  # an output in the cache
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


# --------------------------------------------------------------------------- faults (issue 12)
HANGS = """
import os, time
if province == "Hải Dương":
    os._exit(1)                       # a cell that ends its kernel
if province == "Quảng Ninh":
    time.sleep(120)                   # a cell that never returns (in time)
print("report for", province)
"""


def test_dead_kernel_and_hung_cell_fail_their_report_only(project):
    # Before: os._exit hung the run forever (nbclient's dead-kernel poll never ran on a
    # blocking client) and a sleeping cell had no limit.
    synthetic_notebook(project / "notebooks" / "province_report.ipynb", HANGS)
    ctx = RunContext.create(Paths.at(project), cell_timeout=3)
    names = ("Hải Phòng", "Hải Dương", "Quảng Ninh", "Huế")
    jobs = [province_job(Paths.at(project), n) for n in names]
    started = time.perf_counter()
    outcomes = run_jobs(jobs, ctx, n_jobs=1)  # one warm kernel: it must be replaced twice
    assert time.perf_counter() - started < 60
    assert [o.status for o in outcomes] == ["ok", "failed", "failed", "ok"], outcomes
    assert "kernel died" in outcomes[1].error
    assert "--cell-timeout" in outcomes[2].error and "3 s" in outcomes[2].error
    found = records(project)
    assert found["hai-duong"]["status"] == found["quang-ninh"]["status"] == "failed"
    assert (project / "reports/provinces/hue.html").exists()
    assert not (project / "reports/provinces/quang-ninh.html").exists()


def test_report_timeout_stops_a_slow_report(project):
    body = "import time\nif province == 'Hải Dương':\n    time.sleep(120)\n"
    synthetic_notebook(project / "notebooks" / "province_report.ipynb", body)
    ctx = RunContext.create(Paths.at(project), cell_timeout=None, report_timeout=4)
    jobs = [province_job(Paths.at(project), n) for n in ("Hải Dương", "Hải Phòng")]
    outcomes = run_jobs(jobs, ctx, n_jobs=1)
    assert [o.status for o in outcomes] == ["failed", "ok"]
    assert "--report-timeout" in outcomes[0].error and outcomes[0].seconds < 30


MODULE_STATE = """
import dtanalysis.vocab as vocab, dtanalysis.report as report
from dtanalysis.report.charts import style
assert vocab.UNIT_SET_SIZE == {"63": 63, "34": 34}, vocab.UNIT_SET_SIZE
assert vocab.MARKS == {"published_secondary": "§", "derived": "†", "uncertain": "‡"}, vocab.MARKS
assert not hasattr(report, "LEAKED"), report.LEAKED
assert style.STATUS_COLOURS["official"] == "#1f4e79", style.STATUS_COLOURS
vocab.UNIT_SET_SIZE["63"] = 1                  # changed in place
vocab.MARKS = {}                               # rebound
report.LEAKED = province                       # added
style.STATUS_COLOURS["official"] = "red"
"""


def test_warm_kernel_resets_dtanalysis_module_state(project):
    # Before: a module attribute set by one province's notebook was seen by the next one.
    synthetic_notebook(project / "notebooks" / "province_report.ipynb", MODULE_STATE)
    ctx = RunContext.create(Paths.at(project))
    jobs = [province_job(Paths.at(project), n) for n in ("Hải Phòng", "Quảng Ninh", "Huế")]
    outcomes = run_jobs(jobs, ctx, n_jobs=1)
    assert [o.status for o in outcomes] == ["ok", "ok", "ok"], [o.error for o in outcomes]


def test_a_failing_write_fails_its_report_and_the_worker_goes_on(project, monkeypatch):
    # Before: an OSError writing the record killed the worker thread; the run said 0 failed.
    import errno

    from dtanalysis.runner import outputs

    real = outputs.write_record

    def full_disk(path, record):
        if path.stem == "hai-duong":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, record)

    monkeypatch.setattr(outputs, "write_record", full_disk)
    synthetic_notebook(project / "notebooks" / "province_report.ipynb", "print(province)\n")
    assert report_cli(project, "Hải Phòng", "Hải Dương", "Quảng Ninh") == 1
    found = records(project)
    assert found["hai-phong"]["status"] == found["quang-ninh"]["status"] == "ok"
    assert "hai-duong" not in found                       # no record claims it
    assert not (project / "reports/provinces/hai-duong.html").exists()
    folder = project / "reports" / "provinces"
    assert [p.name for p in folder.iterdir() if p.stat().st_size == 0] == []
    assert [p.name for p in folder.iterdir() if ".tmp-" in p.name] == []
    # a page truncated (by a crash, a full disk) is not up to date: it is run again
    page = folder / "hai-phong.html"
    page.write_bytes(page.read_bytes()[:100])
    ctx = RunContext.create(Paths.at(project))
    assert run_jobs([province_job(Paths.at(project), "Hải Phòng")], ctx)[0].status == "ok"
    assert page.stat().st_size > 100


def test_chains_put_the_languages_of_a_report_together_in_plan_order(project):
    from dtanalysis.runner.pool import chains

    paths = Paths.at(project)
    names = ["Hải Phòng", "Quảng Ninh", "Hà Nội"]
    plan = ([province_job(paths, n, "63", "vi") for n in names]
            + [province_job(paths, n, "34", "vi") for n in names[:1]]
            + [province_job(paths, n, "63", "en") for n in names])
    runs = chains(plan)
    assert [[(j.slug, j.unit_set, j.lang) for j in run] for run in runs] == [
        [("hai-phong", "63", "vi"), ("hai-phong", "63", "en")],
        [("quang-ninh", "63", "vi"), ("quang-ninh", "63", "en")],
        [("ha-noi", "63", "vi"), ("ha-noi", "63", "en")],
        [("hai-phong", "34", "vi")]]


def test_both_languages_of_a_unit_run_on_one_warm_kernel(project):
    """A build plans every Vietnamese report, then every English one; the runner still runs
    the two languages of a unit one after the other on one kernel (what it derived from the
    tables is kept for the second)."""
    synthetic_notebook(project / "notebooks" / "province_report.ipynb",
                       'import os\nprint("kernel", os.getpid(), lang)\n')
    paths = Paths.at(project)
    names = ["Hải Phòng", "Quảng Ninh", "Hà Nội", "Đà Nẵng", "Huế", "Cần Thơ"]
    plan = [province_job(paths, n, "63", lang) for lang in ("vi", "en") for n in names]
    outcomes = run_jobs(plan, RunContext.create(paths), n_jobs=2, force=True)
    assert [o.status for o in outcomes] == ["ok"] * len(plan)

    def kernel(job) -> str:
        nb = nbformat.read(str(job.ipynb), as_version=4)
        text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
        return text.split()[1]

    kernels = {job.slug: set() for job in plan}
    for job in plan:
        kernels[job.slug].add(kernel(job))
    assert all(len(pids) == 1 for pids in kernels.values()), kernels
    assert len(set().union(*kernels.values())) == 2  # two kernels shared the units


def test_kernels_started_during_the_cleaning_are_taken_or_stopped(project, monkeypatch):
    """A build starts its warm kernels while it cleans (`slots.early_kernels`): a report's slot
    takes one of them instead of starting its own, and those no slot took are stopped, their
    connection folders removed, when the build ends (here: a failed cleaning)."""
    from dtanalysis import builder
    from dtanalysis.runner import kernels, slots

    started = []
    real = kernels.WarmKernel.__init__

    def counted(self, *a, **k):
        real(self, *a, **k)
        started.append(self)

    monkeypatch.setattr(kernels.WarmKernel, "__init__", counted)
    ctx = RunContext.create(Paths.at(project))
    with slots.early_kernels(ctx.paths.notebooks, ctx.kernel_env(), 2):
        slot = slots.KernelSlot.of(ctx)
        assert slots.ensure_warm(slot)
        assert slot.kernel in started  # taken (the other may still be starting)
    # leaving waited for the other one: two kernels in all, not a third one for the slot
    assert len(started) == 2
    other = next(k for k in started if k is not slot.kernel)
    assert not other.is_alive() and not Path(other._dir).exists()  # not taken: stopped
    assert slot.kernel.is_alive()
    slots.release(slot, stop=True)
    # a build whose cleaning fails stops the kernels it started ahead
    started.clear()
    monkeypatch.setattr("dtanalysis.pipeline.stages.clean_processed",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("synthetic")))
    with pytest.raises(RuntimeError, match="synthetic"):
        builder.build(project, force=True, jobs=2)
    assert len(started) == 2 and not any(k.is_alive() or Path(k._dir).exists() for k in started)


def test_a_kernel_resets_after_its_take_away_not_again_before_the_next_report(project,
                                                                              monkeypatch):
    """The take-away and the kernel's reset run together, while the page is rendered; the
    next report finds the kernel clean and does not reset it again. A failed report leaves
    it as the failure did: the next one resets it first (and the notebook's assertions prove
    nothing leaked either way)."""
    from dtanalysis.runner import kernels

    sent = []
    start = kernels.WarmKernel.start

    def recording(self, code):
        sent.append("take-away + reset" if "take_away" in code and code.endswith(kernels.RESET)
                    else "reset" if code == kernels.RESET else "warm-up")
        return start(self, code)

    monkeypatch.setattr(kernels.WarmKernel, "start", recording)
    ctx = RunContext.create(Paths.at(project))
    jobs = [province_job(Paths.at(project), n) for n in ("Hải Phòng", "Hải Dương", "Huế")]
    outcomes = run_jobs(jobs, ctx, n_jobs=1, force=True)
    assert [o.status for o in outcomes] == ["ok", "failed", "ok"], [o.error for o in outcomes]
    assert sent == ["warm-up", "reset", "take-away + reset",  # Hải Phòng
                    # Hải Dương: found clean; fails (no take-away, no reset)
                    "reset", "take-away + reset"]  # Huế: reset first


def test_a_take_away_left_running_by_a_run_cut_short_is_dropped_with_its_kernel(project):
    """A run interrupted between the notebook and `settle` leaves its request pending: the
    slot's release closes its client and stops the kernel (its state is unknown)."""
    from dtanalysis.runner import slots

    slot = slots.KernelSlot(Paths.at(project).notebooks)
    assert slots.ensure_warm(slot, fall_back=False)
    kernel = slot.kernel
    slot.pending = (kernel, kernel.start("import time; time.sleep(30)"))
    slots.release(slot)
    assert slot.pending is None and slot.kernel is None and not slot.spoiled
    assert not kernel.is_alive()
