"""Run report jobs: skip those whose inputs have not changed (`freshness`), hand the others to
a `ReportExecutor`, and give back one outcome per job.

Outputs (see README): `reports/provinces/<slug>.html` for the 63 provinces,
`reports/units-2025/<slug>.html` for the 34 units, `reports/overview.html`, each with its
executed notebook (`.ipynb`, kept for audit) and a record (`.json`, see `records`) from which the
site builds `reports/index.html` (`outputs`).

A `ReportExecutor` runs the reports to do and tells of each as it ends: `ThreadReports` (this
machine's threads, one warm kernel each: the default), `FuturesReports` (any
`concurrent.futures.Executor`, each job on the warm kernel of the thread that runs it) and
`runner.distributed.DaskReports` (a Dask cluster). A failing notebook does not stop the others.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, as_completed
from typing import Protocol, runtime_checkable

from ..records import FAILED, SKIPPED
from . import execute as _execute
from .context import Outcome, Progress, RunContext
from .freshness import is_fresh
from .jobs import Job
from .slots import KernelSlot, ensure_warm, release, slot_here

log = logging.getLogger(__name__)

Report = Callable[[Outcome], None]  # told of each report as it ends (one call at a time)


@runtime_checkable
class ReportExecutor(Protocol):
    """Runs report jobs and tells `report` of each as it ends, once per job (a job left
    without an outcome is failed by `run_jobs`)."""

    def run_reports(self, jobs: list[Job], ctx: RunContext, report: Report) -> None: ...


def run_jobs(jobs: list[Job], ctx: RunContext, n_jobs: int | None = None, force: bool = False,
             progress: Progress | None = None, warm: bool = True,
             executor: ReportExecutor | Executor | None = None) -> list[Outcome]:
    """Run jobs on `n_jobs` warm kernels (default: one per core); skip fresh ones unless
    `force`. `progress` hears of each job as it ends. Outcomes come back in the order of
    `jobs`; every job has one (a worker that stopped unexpectedly fails its jobs). Ctrl-C
    (KeyboardInterrupt) stops every kernel, keeps the old files of the reports that were
    running, and is raised again once the workers have ended.

    With an `executor`, `n_jobs` is the executor's business: a `ReportExecutor` such as
    `runner.distributed.DaskReports` (`--scheduler`: a Dask cluster that need not share this
    filesystem hands each report back to be written here, `outputs.store`); any
    `concurrent.futures.Executor` gets each job submitted (`FuturesReports`)."""
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    if progress:
        progress.start(len(jobs))

    def report(outcome: Outcome) -> None:
        with lock:
            outcomes.append(outcome)
            if progress:
                progress.update(outcome)

    todo = []
    for job in jobs:
        if not force and is_fresh(job, ctx):
            report(Outcome(job, SKIPPED))
        else:
            todo.append(job)
    if todo:
        reports_executor(executor, n_jobs, warm).run_reports(todo, ctx, report)
    seen = {id(o.job) for o in outcomes}
    for job in jobs:
        if id(job) not in seen:
            report(Outcome(job, FAILED, error="its worker stopped without a result"))
    order = {id(job): i for i, job in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order[id(o.job)])


def reports_executor(executor: ReportExecutor | Executor | None, n_jobs: int | None = None,
                     warm: bool = True) -> ReportExecutor:
    """The `ReportExecutor` for `run_jobs`'s `executor`: itself, a `concurrent.futures`
    executor wrapped, or (None) this machine's threads."""
    if executor is None:
        return ThreadReports(n_jobs, warm)
    if isinstance(executor, Executor):
        return FuturesReports(executor, warm)
    if isinstance(executor, ReportExecutor):
        return executor
    raise TypeError(f"not an executor of reports: {type(executor).__name__}")


class ThreadReports:
    """`n_jobs` threads of this process (default: one per core, at most one per job), each
    with its warm kernel (started with its first job, replaced when a run spoiled it), or a
    fresh kernel per job when a warm one cannot be had. No job's failure ends a thread."""

    def __init__(self, n_jobs: int | None = None, warm: bool = True) -> None:
        self.n_jobs, self.warm = n_jobs, warm

    def run_reports(self, jobs: list[Job], ctx: RunContext, report: Report) -> None:
        todo: queue.Queue[list[Job]] = queue.Queue()
        runs = chains(jobs)
        for chain in runs:
            todo.put(chain)
        n_jobs = max(1, min(self.n_jobs or os.cpu_count() or 1, len(runs)))
        stop, slots = threading.Event(), []
        threads = [threading.Thread(target=_worker,
                                    args=(todo, ctx, self.warm, report, stop, slots),
                                    daemon=True)
                   for _ in range(n_jobs)]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except KeyboardInterrupt:
            _stop(stop, slots, threads)
            raise


def chains(jobs: list[Job]) -> list[list[Job]]:
    """`jobs` as runs of one kernel: the languages of one report (the same kind, unit set and
    slug) together, in the order of their first job. A warm kernel keeps what it derived from
    the tables (`analysis.data.memo`) from one report to the next, so the second language of
    a unit costs what its words and charts cost, not its analysis again."""
    runs: dict[tuple[str, str, str], list[Job]] = {}
    for job in jobs:
        runs.setdefault((job.kind, job.unit_set, job.slug), []).append(job)
    return list(runs.values())


class FuturesReports:
    """Each job submitted to a `concurrent.futures.Executor` (`execute_here`: on the warm
    kernel of the executing thread, which writes into this project itself: a shared
    filesystem)."""

    def __init__(self, executor: Executor, warm: bool = True) -> None:
        self.executor, self.warm = executor, warm

    def run_reports(self, jobs: list[Job], ctx: RunContext, report: Report) -> None:
        futures = {self.executor.submit(execute_here, job, ctx, self.warm): job
                   for job in jobs}
        for future in as_completed(futures):
            report(_outcome_of(future, futures[future]))


def _outcome_of(future, job: Job) -> Outcome:
    """The outcome a future brings back, with the caller's `job` (the same report, not a
    copy that travelled); a job whose execution itself broke (a worker lost for good, an error
    outside `execute`) is a failed report, not a crashed run."""
    try:
        outcome = future.result()
    except Exception as failure:  # noqa: BLE001 - one report's failure must not stop others
        return Outcome(job, FAILED, 0.0, f"{type(failure).__name__}: {failure}")
    return Outcome(job, outcome.status, outcome.seconds, outcome.error)


def execute_here(job: Job, ctx: RunContext, warm: bool = True) -> Outcome:
    """`execute` on the calling thread's warm kernel, started on its first job and kept for
    the next (a fresh kernel per job when a warm one cannot be had; replaced when a run
    spoiled it); what an executor's worker runs. `slots.shutdown_here()` stops the kernels
    this process started."""
    slot = slot_here(ctx)
    if warm:
        ensure_warm(slot)
    try:
        return _execute.execute(job, ctx, slot)
    finally:
        release(slot)


def _stop(stop: threading.Event, slots: list[KernelSlot], threads: list[threading.Thread],
          ) -> None:
    """Tell the workers to stop, kill the kernels they are running, wait for them to end."""
    stop.set()
    for slot in list(slots):
        if slot.active is not None:
            slot.active.kill()
    for thread in threads:
        thread.join(timeout=30)


def _worker(todo: queue.Queue, ctx: RunContext, warm: bool, report: Report,
            stop: threading.Event | None = None, slots: list[KernelSlot] | None = None) -> None:
    """One job slot: takes runs of jobs (`chains`) until none is left (or `stop` is set), on
    one warm kernel (started with the first job, replaced when a run spoiled it), or on a
    fresh kernel per job when a warm one cannot be had. No job's failure ends the worker."""
    slot = KernelSlot.of(ctx)
    if slots is not None:
        slots.append(slot)
    try:
        while stop is None or not stop.is_set():
            try:
                chain = todo.get_nowait()
            except queue.Empty:
                return
            for job in chain:
                if stop is not None and stop.is_set():
                    return
                warm = _run_one(job, ctx, slot, warm, report, stop)
                if warm is None:
                    return
    finally:
        release(slot, stop=True)


def _run_one(job: Job, ctx: RunContext, slot: KernelSlot, warm: bool, report: Report,
             stop: threading.Event | None) -> bool | None:
    """One job of a worker on its slot; whether its kernel is still to be kept warm, or None
    when the run was interrupted (the job's old files kept, no outcome: `run_jobs` fails it)."""
    if warm and not ensure_warm(slot):
        warm = False  # a fresh kernel per report from now on
    try:
        outcome = _execute.execute(job, ctx, slot, stop)
    except _execute.Interrupted:
        return None
    except Exception as error:  # a bug must fail its job, not the run
        log.exception("report %s", job.label)
        outcome = Outcome(job, FAILED, error=f"{type(error).__name__}: {error}")
    release(slot)
    report(outcome)
    return warm
