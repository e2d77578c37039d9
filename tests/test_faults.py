"""Faults tried for real (issues 10 and 12): `kill -9` of `clean` and `report` at named points
(the TEST-ONLY pause points of `dtanalysis.testhooks`), two runs at once on one project,
Ctrl-C with kernels running (counted), a file-size limit and a full disk during writes, a
read-only project, truncated Parquet, and the row-count floors."""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from runner.test_pool import synthetic_notebook

from dtanalysis.cli import main
from dtanalysis.errors import BusyError, ProjectError, StorageError
from dtanalysis.paths import Paths
from dtanalysis.pipeline import store
from dtanalysis.pipeline.stages import data_is_current, run_clean, run_validate

ROOT = Path(__file__).resolve().parents[1]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def hidden(root: Path) -> list[str]:
    """Staging, old and temporary files or folders a run leaves when it is killed."""
    found = [p.name for p in (root / "data").iterdir() if p.name.startswith(".processed-")]
    if (root / "reports").exists():
        found += [p.name for p in (root / "reports").rglob(".*")
                  if p.name != ".dtanalysis.lock"]
    return found


def start(root: Path, *args: str, pause: str | None = None, env: dict | None = None,
          **popen) -> subprocess.Popen:
    env = {**os.environ, **(env or {})}
    if pause:
        env["DTANALYSIS_TEST_PAUSE_AT"] = pause
    return subprocess.Popen([sys.executable, "-m", "dtanalysis", *args, "--root", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            **popen)


def wait_paused(proc: subprocess.Popen, point: str, timeout: float = 120) -> None:
    """Read the child's stderr until it says it paused at `point`."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            break
        seen.append(line)
        if line.startswith(f"dtanalysis-test-paused-at {point}"):
            return
    proc.kill()
    raise AssertionError(f"never paused at {point}: rc={proc.poll()} {''.join(seen)[-2000:]}")


def kill9(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


# --------------------------------------------------------------------------- kill -9 of clean


@pytest.mark.slow
@pytest.mark.parametrize(("command", "point"), [
    ("clean", "clean:staged"), ("clean", "swap:old-moved"), ("clean", "swap:new-in-place"),
    ("build", "swap:old-moved"),  # build swaps the Data Docs in first: killed inside that swap
])
def test_kill9_of_clean_leaves_a_complete_state_and_the_next_run_recovers(project_copy, command,
                                                                          point):
    root = project_copy
    processed = Paths.at(root).processed
    before = snapshot(processed)
    # a raw change, so the killed run's tables differ from the old ones
    catalogue = root / "data/raw/indicator_catalogue.csv"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("\n", "\r\n"),
                         encoding="utf-8")
    proc = start(root, command, *(["--force"] if command == "build" else []), pause=point)
    wait_paused(proc, point)
    if point == "clean:staged":
        # a second run at the same time waits briefly, then refuses in one line
        started = time.monotonic()
        with pytest.raises(BusyError, match=r"busy: pid \d+, `dtanalysis clean`"):
            run_clean(root)
        assert 2 < time.monotonic() - started < 20
    kill9(proc)
    if command == "build":
        assert not (root / "reports/data_docs").exists()   # the window the swap leaves
    elif point == "swap:old-moved":
        assert not processed.exists()
    # The next run (any command holding the lock) puts back a complete state first.
    assert run_validate(root).ok
    after = snapshot(processed)
    after.pop("validation.json"), before.pop("validation.json")
    if point == "swap:new-in-place":
        assert after != before and not store.verify(processed)   # the new complete state
    else:
        assert after == before                 # the old complete state
    assert (root / "reports/data_docs/index.html").exists()
    assert hidden(root) == []


def test_lock_is_released_when_its_process_dies(tmp_path):
    root = tmp_path / "p"
    (root / "data" / "raw").mkdir(parents=True)
    code = ("import sys, time\nfrom dtanalysis.lock import project_lock\n"
            "from dtanalysis.paths import Paths\n"
            f"with project_lock(Paths.at({str(root)!r}), 'build'):\n"
            "    print('locked', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    from dtanalysis.lock import project_lock

    with pytest.raises(BusyError, match="dtanalysis build"), \
            project_lock(Paths.at(root), "clean", wait=0.2):
        pass
    kill9(proc)
    with project_lock(Paths.at(root), "clean", wait=0.2):
        pass                                   # the OS released it with the process


# --------------------------------------------------------------------------- reports


@pytest.fixture
def synthetic_project(tmp_path):
    """Raw data, a synthetic manifest and a synthetic notebook (see tests/runner)."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    (root / "data" / "processed").mkdir()
    (root / "data" / "processed" / "manifest.json").write_text(
        json.dumps({"data_version": "synthetic"}))
    return root


def kernels(marker: str) -> list[int]:
    """Processes whose command line names `marker` (kernels' connection files live there)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if marker in cmdline and "ipykernel" in cmdline:
                found.append(int(entry.name))
    return found


def gone(marker: str, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while kernels(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not kernels(marker)


@pytest.mark.slow
def test_kill9_of_report_between_page_and_record_reruns_it(synthetic_project, tmp_path):
    from dtanalysis.runner.context import RunContext
    from dtanalysis.runner.freshness import is_fresh
    from dtanalysis.runner.jobs import province_job

    root = synthetic_project
    synthetic_notebook(root / "notebooks/province_report.ipynb", "print(province)\n")
    assert main(["report", "--province", "Hải Phòng", "--root", str(root)]) == 0
    record = json.loads((root / "reports/provinces/hai-phong.json").read_text())
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = start(root, "report", "--province", "Hải Phòng", "--force", pause="report:written",
                 env={"TMPDIR": str(tmp)})
    wait_paused(proc, "report:written")
    kill9(proc)
    assert gone(str(tmp))                      # orphaned kernels end with their parent
    # Same inputs, new page, old record: the page is not the one the record names, so the
    # report is not up to date (it was, by the inputs hash alone).
    assert json.loads((root / "reports/provinces/hai-phong.json").read_text()) == record
    paths = Paths.at(root)
    assert not is_fresh(province_job(paths, "Hải Phòng"), RunContext.create(paths))
    # the next run removes the killed run's temporaries
    (root / "reports/provinces/.hai-phong.html.tmp-1-dead").write_text("half")
    assert main(["report", "--province", "Hải Phòng", "--root", str(root)]) == 0
    assert hidden(root) == []


SLEEPY = """
import os, pathlib, time
pathlib.Path(os.environ["MARKERS"], province).write_text("running")
if province != "Hải Phòng":
    time.sleep(120)
"""


@pytest.mark.slow
def test_ctrl_c_stops_a_run_cleanly_with_no_kernel_left(synthetic_project, tmp_path):
    root = synthetic_project
    synthetic_notebook(root / "notebooks/province_report.ipynb", SLEEPY)
    tmp, markers = tmp_path / "tmp", tmp_path / "markers"
    tmp.mkdir(), markers.mkdir()
    assert kernels(str(tmp)) == []
    proc = start(root, "report", "--province", "Hải Phòng", "--province", "Hải Dương",
                 "--province", "Quảng Ninh", "--jobs", "2",
                 env={"TMPDIR": str(tmp), "MARKERS": str(markers)})
    deadline = time.monotonic() + 120
    while len(list(markers.iterdir())) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(kernels(str(tmp))) == 2         # two warm kernels, two sleeping reports
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    lines = [line for line in err.splitlines() if not line.startswith("[")]
    assert len(lines) == 1 and lines[0].startswith("interrupted:"), err
    assert "Traceback" not in err
    assert gone(str(tmp), timeout=5)           # no kernel left behind
    found = {p.stem for p in (root / "reports/provinces").glob("*.json")}
    assert found == {"hai-phong"}              # the finished one kept; the others left as were
    assert hidden(root) == []


BIG = """
if province == "Hải Dương":
    print("x" * 3_000_000)                # its notebook cannot be written under the limit
else:
    print(province)
"""


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


@pytest.mark.slow
def test_a_file_size_limit_fails_that_report_only(synthetic_project):
    # Before: a worker thread died, the run printed "0 failed", exit 0, 0-byte files left.
    root = synthetic_project
    synthetic_notebook(root / "notebooks/province_report.ipynb", BIG)
    proc = start(root, "report", "--province", "Hải Dương", "--province", "Hải Phòng",
                 "--jobs", "1", preexec_fn=_limit_file_size)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    assert "1 failed" in err and "file size limit exceeded" in err
    folder = root / "reports/provinces"
    records = {p.stem: json.loads(p.read_text()) for p in folder.glob("*.json")}
    assert records["hai-phong"]["status"] == "ok"       # the next report went on
    assert records["hai-duong"]["status"] == "failed"
    assert [p.name for p in folder.iterdir() if p.stat().st_size == 0] == []
    assert hidden(root) == []


# --------------------------------------------------------------------------- disk, read-only


def test_full_disk_during_clean_is_one_line_and_changes_nothing(project_copy, monkeypatch,
                                                               capsys):
    import pandas as pd

    root = project_copy
    before = snapshot(Paths.at(root).processed)

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    with pytest.raises(StorageError, match="no space left on the device"):
        run_clean(root)
    assert main(["clean", "--root", str(root)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: writing the new tables"), err
    assert "data/processed/ was left as it was" in err[0]
    assert snapshot(Paths.at(root).processed) == before
    assert hidden(root) == []


def test_a_read_only_project_says_so(tmp_path, monkeypatch, capsys):
    from dtanalysis import lock

    root = tmp_path / "p"
    (root / "data" / "raw").mkdir(parents=True)
    real_open = os.open

    def read_only(path, flags, *args):
        if str(path).endswith(lock.LOCK_FILE):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(lock.os, "open", read_only)
    assert main(["clean", "--root", str(root)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot be written (the file system is read-only)" in err[0]


# --------------------------------------------------------------------------- damaged tables


def test_truncated_parquet_is_not_current_and_says_run_clean(project_copy, capsys):
    # Before: `build` said "98 up to date", exit 0; `report` and `load` gave a traceback.
    root = project_copy
    assert data_is_current(root)
    dti = Paths.at(root).processed / "dti.parquet"
    dti.write_bytes(dti.read_bytes()[: dti.stat().st_size // 2])
    assert not data_is_current(root)          # `build` cleans again instead of trusting it
    with pytest.raises(ProjectError, match=r"dti\.parquet.*run `dtanalysis clean`"):
        store.load("dti", root)
    assert main(["report", "--province", "Hải Phòng", "--root", str(root)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "dti.parquet: changed or truncated" in err[0]
    assert "run `dtanalysis clean`" in err[0]
    assert main(["validate", "--root", str(root)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot be read" in err[0] and "dtanalysis clean" in err[0]


# --------------------------------------------------------------------------- row-count floors


@pytest.mark.slow
def test_registry_cut_to_its_header_is_refused(project_copy, capsys):
    root = project_copy
    before = snapshot(Paths.at(root).processed)
    registry = root / "data/raw/provinces_63_with_34_crosswalk.csv"
    lines = registry.read_text(encoding="utf-8").splitlines()
    # Before: "validated (provinces 0, dti 0 …)" and the empty tables replaced data/processed.
    # Header only: refused by the reader, one line naming the file.
    registry.write_text(lines[0] + "\n", encoding="utf-8")
    assert main(["clean", "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: data/raw/provinces_63_with_34_crosswalk.csv") and \
        err.count("\n") == 1
    assert snapshot(Paths.at(root).processed) == before
    # Cut to ten provinces: read, then refused by the row-count floors of the suites. (The
    # maps' boundaries would refuse it first, exit 2, as naming units the registry lacks:
    # tests/report/test_maps.py; without them the suites' floors are what is left.)
    # PAPI's publications.csv names Quảng Ninh (22): it is kept among the ten.
    shutil.rmtree(root / "data/raw/geo")
    kept = lines[:10] + [line for line in lines[10:] if line.startswith("22,")]
    registry.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert main(["clean", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "FAIL provinces.unit_set" in err and "at least 63 rows with unit_set 63, found 10" in err
    assert re.search(r"provinces does not shrink below its last build: 97 rows then, \d+ now",
                     err)
    assert main(["clean", "--allow-shrink", "--root", str(root)]) == 1   # the floor stays
    assert "at least 63 rows with unit_set 63, found 10" in capsys.readouterr().err
    assert snapshot(Paths.at(root).processed) == before


@pytest.mark.slow
def test_a_table_does_not_shrink_without_allow_shrink(project_copy, capsys):
    root = project_copy
    indicators = root / "data/raw/indicators.csv"
    lines = indicators.read_text(encoding="utf-8").splitlines()
    indicators.write_text("\n".join(lines[:-5]) + "\n", encoding="utf-8")
    before = json.loads((Paths.at(root).processed / "manifest.json").read_text())
    rows = before["tables"]["indicators"]["rows"]
    assert main(["clean", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"FAIL indicators.(table): indicators does not shrink below its last build: {rows}" \
           in err
    assert json.loads((Paths.at(root).processed / "manifest.json").read_text()) == before
    assert main(["clean", "--allow-shrink", "--root", str(root)]) == 0
    after = json.loads((Paths.at(root).processed / "manifest.json").read_text())
    assert after["tables"]["indicators"]["rows"] < rows
