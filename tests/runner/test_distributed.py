"""Reports on a real Dask `LocalCluster` of 2 worker processes (`--scheduler local:2`), on a
tiny SYNTHETIC notebook reading SYNTHETIC processed tables (tests/synthetic.py): the workers
never see the client's project (their folder is elsewhere and an audit hook refuses any access
to it: tests/runner/worker_site), yet the reports that come back are the local runner's (apart
from dates); a failing notebook is a failed report, not retried; a worker killed mid-run and a
kernel that cannot start cost nothing but a retry elsewhere. Bad `--scheduler` values and
unreachable schedulers are one-line errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pandas as pd
import pytest
import test_pool
from synthetic import frame, tables

from dtanalysis.builder import report as build_report
from dtanalysis.cli import main
from dtanalysis.domain.schema import empty_quarantine
from dtanalysis.errors import ClusterError, ParameterError
from dtanalysis.paths import Paths
from dtanalysis.pipeline.store import write_tables
from dtanalysis.runner.context import RunContext
from dtanalysis.runner.distributed import dask_executor, parse_scheduler
from dtanalysis.runner.jobs import province_job
from dtanalysis.runner.pool import run_jobs
from dtanalysis.runner.remote import CACHE_ENV, Payload, materialise
from dtanalysis.vocab import PROCESSED_TABLES

ROOT = Path(__file__).resolve().parents[2]
WORKER_SITE = Path(__file__).parent / "worker_site"
BODY = """
from dtanalysis.analysis import Data
data = Data.load()
print("report for", province, "on data", data.manifest["data_version"], "with",
      len(data.dti), "DTI rows")
if province == "Hải Dương":
    raise ValueError("synthetic failure for " + province)
"""
# Hà Nội's first kernel cannot start; Quảng Ninh's first worker is killed as it starts it;
# Hải Phòng's copy of the project is removed as it starts, once the test re-arms it.
PROVINCES = ("Hà Nội", "Hải Phòng", "Hải Dương", "Quảng Ninh")
FAULTS = "kernel-start:ha-noi,worker-kill:quang-ninh,copy-lost:hai-phong"


@pytest.fixture
def dask_project(tmp_path):
    root = test_pool.project.__wrapped__(tmp_path)
    test_pool.synthetic_notebook(root / "notebooks" / "province_report.ipynb", BODY)
    return root


def test_parse_scheduler():
    assert parse_scheduler("local") == ("local", None)
    assert parse_scheduler("local:3") == ("local", min(3, os.cpu_count() or 1))  # clamped
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




def synthetic_project(root: Path) -> Path:
    """The shipped registry, SYNTHETIC processed tables, the synthetic notebook."""
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    made = tables()
    for name in PROCESSED_TABLES:
        made.setdefault(name, frame(name, []))
    write_tables(made, empty_quarantine(), root / "data" / "processed")
    test_pool.synthetic_notebook(root / "notebooks" / "province_report.ipynb", BODY)
    return root


def _probe(root: str) -> dict:
    """On a worker: its folder, and whether it (and a process it starts) can read `root`."""
    manifest = os.path.join(root, "data", "processed", "manifest.json")
    seen = {"cwd": os.getcwd()}
    try:
        with open(manifest, encoding="utf-8"):
            seen["open"] = "read"
    except PermissionError:
        seen["open"] = "refused"
    child = subprocess.run([sys.executable, "-c", f"open({manifest!r})"], capture_output=True,
                           text=True, check=False)
    seen["child"] = "refused" if "PermissionError" in child.stderr else "read"
    return seen


def _settings(dask_worker) -> tuple:
    """On a worker: whether it samples a profile of its tasks, and its tick interval."""
    import dask

    return (any("profile" in name for name in dask_worker.periodic_callbacks),
            dask.config.get("distributed.admin.tick.interval"))


def _kill_kernels_under(folder: Path) -> None:
    """Kernels a killed worker left behind (their DTANALYSIS_ROOT is in `folder`)."""
    mark = f"DTANALYSIS_ROOT={folder}".encode()
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and mark in (proc / "environ").read_bytes():
                os.kill(int(proc.name), signal.SIGKILL)
        except OSError:
            continue


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The same four reports run by the local runner and on a LocalCluster of 2 workers."""
    base = tmp_path_factory.mktemp("distributed")
    local_root = synthetic_project(base / "local")
    ctx = RunContext.create(Paths.at(local_root))
    local = run_jobs([province_job(ctx.paths, n) for n in PROVINCES], ctx, n_jobs=1)
    root = synthetic_project(base / "client")
    notebook = Path("notebooks") / "province_report.ipynb"  # the same one (same cell ids)
    shutil.copyfile(local_root / notebook, root / notebook)
    (base / "elsewhere").mkdir()
    (base / "faults").mkdir()
    cache = base / "worker-cache"
    try:
        with pytest.MonkeyPatch.context() as patch:
            # What the worker processes (spawned now) inherit: another folder, the audit
            # hook refusing the client's project, the faults, their own cache.
            patch.chdir(base / "elsewhere")
            patch.setenv("PYTHONPATH", os.pathsep.join(
                [str(WORKER_SITE), *filter(None, [os.environ.get("PYTHONPATH")])]))
            patch.setenv("DTANALYSIS_TEST_FORBID", str(root))
            patch.setenv("DTANALYSIS_TEST_FAULTS", FAULTS)
            patch.setenv("DTANALYSIS_TEST_FAULT_DIR", str(base / "faults"))
            patch.setenv(CACHE_ENV, str(cache))
            ctx = RunContext.create(Paths.at(root))
            jobs = [province_job(ctx.paths, n) for n in PROVINCES]
            (base / "faults" / "copy-lost-hai-phong").touch()  # disarmed until run 4
            digest = Payload.of(ctx, jobs).digest
            with dask_executor("local:2") as reports:
                probes = reports.client.run(_probe, str(root))
                first_workers = sorted(probes)
                settings = reports.client.run(_settings)
                # first the kernel-start fault (both workers alive: "elsewhere" is the other
                # one), then the killed worker, through `dtanalysis.report(scheduler=ADDRESS)`
                # on the same cluster as a running one (`--scheduler tcp://…`)
                remote = run_jobs(jobs[:3], ctx, executor=reports)
                sent = [reports.sent_to]
                result = build_report(root, provinces=list(PROVINCES[3:]),
                                      scheduler=reports.client.scheduler.address)
                remote += result.outcomes
                # 3. every worker holds a copy: nothing is sent, the copy is left as it is
                copy = _files(cache / digest)
                again = run_jobs(jobs[1:2], ctx, force=True, executor=reports)
                sent.append(reports.sent_to)
                untouched = _files(cache / digest) == copy
                # 4. the copy vanishes as the report starts (none sent): its worker asks
                (base / "faults" / "copy-lost-hai-phong").unlink()
                again += run_jobs(jobs[1:2], ctx, force=True, executor=reports)
                sent.append(reports.sent_to)
                # 5. the copy was removed between runs: both workers are sent the payload
                shutil.rmtree(cache / digest)
                again += run_jobs(jobs[1:2], ctx, force=True, executor=reports)
                sent.append(reports.sent_to)
                workers = sorted(reports.client.scheduler_info()["workers"])
    finally:
        _kill_kernels_under(cache)
    return SimpleNamespace(local_root=local_root, root=root, local=local, remote=remote,
                           probes=probes, faults=base / "faults", cache=cache, sent=sent,
                           again=again, untouched=untouched, workers=workers, digest=digest,
                           first_workers=first_workers, settings=settings)


def _files(folder: Path) -> dict:
    """Each file of `folder` by path: its inode and modification time (rewritten or not)."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _outcomes(outcomes) -> dict:
    return {o.job.slug: o for o in outcomes}


def _html(path: Path) -> str:
    """A page without its dates and the cell ids Papermill makes up for each run."""
    text = re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "DATE", path.read_text("utf-8"))
    return re.sub(r'id="cell-id=[0-9a-f-]+"', "ID", text)


def _outputs(path: Path) -> str:
    """The executed notebook's outputs, without execution counts (a warm kernel's count
    depends on the reports it ran before)."""
    outputs = json.dumps([cell.get("outputs") for cell in nbformat.read(str(path), 4).cells
                          if cell.cell_type == "code"], ensure_ascii=False)
    return re.sub(r'In\[\d+\]|"execution_count": \d+', "N", outputs)


@pytest.mark.slow
def test_workers_never_see_the_clients_project(runs):
    assert len(runs.probes) == 2
    for seen in runs.probes.values():
        assert not seen["cwd"].startswith(str(runs.root))
        assert seen["open"] == seen["child"] == "refused"  # the audit hook is in force
    # every report that ran read its data from the worker's copy, checked by hash
    ctx = RunContext.create(Paths.at(runs.root))
    digest = Payload.of(ctx, [province_job(ctx.paths, n) for n in PROVINCES]).digest
    assert [p.name for p in runs.cache.iterdir() if not p.name.startswith(".")] == [digest]
    assert all(o.worker.startswith("tcp://127.0.0.1:") for o in runs.remote)


@pytest.mark.slow
def test_the_local_clusters_workers_neither_profile_nor_tick_every_20_ms(runs):
    assert list(runs.settings.values()) == [(False, "500ms")] * 2


@pytest.mark.slow
def test_the_payload_goes_only_to_workers_without_a_copy(runs):
    first, held, _, removed = runs.sent
    assert first == runs.first_workers  # a fresh cache: both workers were sent it
    assert held == [] and runs.untouched  # both held it: nothing sent, the copy not rewritten
    # the copy removed between runs: sent to both again (one replaces the worker killed)
    assert removed == runs.workers
    assert [o.status for o in runs.again] == ["ok", "ok", "ok"], [o.error for o in runs.again]
    assert (runs.cache / runs.digest / "data" / "processed" / "manifest.json").is_file()


@pytest.mark.slow
def test_a_worker_whose_copy_vanished_mid_run_is_sent_the_payload(runs):
    assert (runs.faults / "copy-lost-hai-phong").exists()  # the fault happened in run 4
    _, _, lost, _ = runs.sent
    outcome = runs.again[1]
    assert len(lost) == 1 and lost[0] in runs.workers  # only the worker that asked
    assert outcome.status == "ok" and outcome.retried == ()  # not a failed attempt
    assert (runs.root / "reports" / "provinces" / "hai-phong.html").is_file()


@pytest.mark.slow
def test_same_reports_as_the_local_runner_apart_from_dates(runs):
    assert {o.job.slug: o.status for o in runs.remote} == {
        o.job.slug: o.status for o in runs.local} == {
        "ha-noi": "ok", "hai-phong": "ok", "hai-duong": "failed", "quang-ninh": "ok"}
    local, here = runs.local_root / "reports" / "provinces", runs.root / "reports" / "provinces"
    version = RunContext.create(Paths.at(runs.root)).data_version
    assert sorted(p.name for p in here.iterdir()) == sorted(p.name for p in local.iterdir())
    assert not [p for p in here.iterdir() if p.name.startswith(".")]  # no temporaries left
    for slug in ("ha-noi", "hai-phong", "quang-ninh"):
        assert _html(here / f"{slug}.html") == _html(local / f"{slug}.html")
        assert f"on data {version} with" in _html(here / f"{slug}.html")
        assert (here / f"{slug}.csv").read_bytes() == (local / f"{slug}.csv").read_bytes()
        pd.testing.assert_frame_equal(pd.read_excel(here / f"{slug}.xlsx"),
                                      pd.read_excel(local / f"{slug}.xlsx"))
    for slug in ("ha-noi", "hai-phong", "hai-duong", "quang-ninh"):
        assert _outputs(here / f"{slug}.ipynb") == _outputs(local / f"{slug}.ipynb")
        mine, theirs = (json.loads((f / f"{slug}.json").read_text()) for f in (here, local))
        for record in (mine, theirs):
            for key in ("run_date", "seconds", "html_mtime_ns", "html_sha256"):
                record.pop(key, None)
            if record["error"]:  # the execution count: a warm kernel's depends on its past
                record["error"] = re.sub(r"\(cell \d+\)", "(cell N)", record["error"])
        assert mine == theirs
    # the record describes the client's own page: a second run skips every ok report
    ctx = RunContext.create(Paths.at(runs.root))
    again = run_jobs([province_job(ctx.paths, n) for n in ("Hà Nội", "Quảng Ninh")], ctx)
    assert [o.status for o in again] == ["skipped", "skipped"]


@pytest.mark.slow
def test_a_failing_notebook_is_a_failed_report_not_a_retry(runs):
    failed = _outcomes(runs.remote)["hai-duong"]
    assert failed.status == "failed" and failed.retried == ()
    assert "synthetic failure for Hải Dương" in failed.error
    folder = runs.root / "reports" / "provinces"
    assert not (folder / "hai-duong.html").exists()
    assert json.loads((folder / "hai-duong.json").read_text())["status"] == "failed"


@pytest.mark.slow
def test_a_kernel_that_cannot_start_is_retried_on_another_worker(runs):
    assert (runs.faults / "kernel-start-ha-noi").exists()  # the fault happened
    outcome = _outcomes(runs.remote)["ha-noi"]
    assert outcome.status == "ok"
    assert len(outcome.retried) == 1 and "no kernel could be started" in outcome.retried[0]
    assert outcome.worker != outcome.retried[0].split(" ", 1)[0]


@pytest.mark.slow
def test_a_worker_killed_mid_run_costs_only_a_rerun(runs):
    assert (runs.faults / "worker-kill-quang-ninh").exists()  # its worker was SIGKILLed
    outcome = _outcomes(runs.remote)["quang-ninh"]
    assert outcome.status == "ok", outcome.error
    assert outcome.worker.startswith("tcp://")
    assert (runs.root / "reports" / "provinces" / "quang-ninh.html").is_file()
    assert "quang-ninh.html" in (runs.root / "reports" / "index.html").read_text("utf-8")


def test_a_damaged_copy_on_a_worker_is_replaced(tmp_path):
    root = synthetic_project(tmp_path / "project")
    ctx = RunContext.create(Paths.at(root))
    payload = Payload.of(ctx, [province_job(ctx.paths, "Hải Phòng")])
    copy = materialise(payload, tmp_path / "cache")
    assert copy.name == payload.digest
    assert (copy / "notebooks" / "province_report.ipynb").is_file()
    (copy / "data" / "processed" / "dti.parquet").write_bytes(b"damaged")
    assert materialise(payload, tmp_path / "cache") == copy
    assert (copy / "data" / "processed" / "dti.parquet").read_bytes() == (
        root / "data" / "processed" / "dti.parquet").read_bytes()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [payload.digest]


def test_a_worker_with_other_code_sends_the_job_back(tmp_path):
    from dataclasses import replace

    from dtanalysis.runner.remote import RunSpec, run_remote

    root = synthetic_project(tmp_path / "project")
    ctx = RunContext.create(Paths.at(root))
    job = province_job(ctx.paths, "Hải Phòng")
    spec = replace(RunSpec.of(ctx), code_digest="0" * 16)
    result = run_remote(job, spec, Payload.of(ctx, [job]), "reports/provinces/hai-phong")
    assert result.status == "retry" and result.files == {}
    assert "install the same version" in result.retry and "0" * 16 in result.retry


def test_a_job_no_worker_can_run_is_a_failed_report_after_three_workers(tmp_path):
    from dataclasses import replace

    root = synthetic_project(tmp_path / "project")
    ctx = replace(RunContext.create(Paths.at(root)), code_digest="0" * 16)  # no worker has it
    job = province_job(ctx.paths, "Hải Phòng")
    with dask_executor("local:2", processes=False) as reports:  # threads: no kernel starts
        [outcome] = run_jobs([job], ctx, executor=reports)
    assert outcome.status == "failed" and len(outcome.retried) == 3
    assert len({r.split(" ", 1)[0] for r in outcome.retried[:2]}) == 2  # both workers tried
    assert outcome.error.startswith("no worker could run it (3 tried)")
    record = json.loads(job.record.read_text())
    assert record["status"] == "failed" and "install the same version" in record["error"]
    assert not job.html.exists()


def test_a_local_cluster_does_not_want_port_8787():
    # a user's own cluster (or anything) on Dask's default dashboard port: our LocalCluster
    # has no dashboard, and its scheduler's HTTP server takes a free port without a warning
    import socket
    import warnings

    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", 8787))
        holder.listen()
    except OSError:
        pass  # taken already: the same condition
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with dask_executor("local:1", processes=False) as reports:
                assert len(reports.client.scheduler_info()["workers"]) == 1
        assert not [w for w in caught if "8787" in str(w.message)]
    finally:
        holder.close()
