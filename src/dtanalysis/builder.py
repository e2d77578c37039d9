"""The build as library functions a notebook can call and the command line renders:

    result = dtanalysis.build()          # clean (if needed) → validate → every report → index
    result.ok, result.reports.failed     # what happened, as data
    dtanalysis.report(provinces=["Hải Phòng"], lang="en")

Cleaning is skipped when `data/processed` was built from the current `data/raw`, suites and
code (and validated); a report is skipped when its inputs have not changed (`force` re-runs
both). Parameters and province names are checked before any kernel starts: a bad one raises
ParameterError. Nothing here prints: progress goes to a `Progress` and to `logging`.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import ParameterError
from .lock import project_lock
from .paths import Paths
from .pipeline.stages import CleanResult, data_is_current, recover, run_clean
from .runner.jobs import Job, all_province_jobs, build_plan, province_job
from .runner.pool import (
    DEFAULT_CELL_TIMEOUT,
    DEFAULT_REPORT_TIMEOUT,
    Outcome,
    Progress,
    RunContext,
    is_fresh,
    run_jobs,
)
from .site.index_page import write_index
from .testhooks import pause_point

log = logging.getLogger(__name__)


@dataclass
class ReportsResult:
    """The reports of one run, in plan order, and the index page written after them."""

    outcomes: list[Outcome]
    index: Path
    seconds: float

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class BuildResult:
    """`clean` is None when data/processed was up to date; `reports` is None when cleaning
    failed (validation, or `strict` with quarantined rows), and then no report ran."""

    clean: CleanResult | None
    reports: ReportsResult | None

    @property
    def ok(self) -> bool:
        return (self.clean is None or self.clean.ok) and (self.reports is not None
                                                           and self.reports.ok)


def build(root=None, *, jobs: int | None = None, lang: str = "vi", force: bool = False,
          with_code: bool = False, strict: bool = False, allow_shrink: bool = False,
          cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
          report_timeout: float | None = DEFAULT_REPORT_TIMEOUT,
          progress: Progress | None = None, scheduler: str | None = None) -> BuildResult:
    """Clean and validate `data/raw` when it changed, then every province report of both
    sets, the overview and the index. Holds the project lock (BusyError when another run
    holds it); recovers what a killed run left first. `scheduler` (an address, or
    `local[:N]`) runs the reports on a Dask cluster (see `runner.distributed`)."""
    paths = Paths.at(root).require_project()
    jobs = check_jobs(jobs)
    with project_lock(paths, "build"):
        recover(paths)
        cleaned = None
        if force or not data_is_current(paths.root):
            cleaned = run_clean(paths.root, strict=strict, data_docs=True,
                                allow_shrink=allow_shrink)
            if not cleaned.ok:
                return BuildResult(cleaned, None)
        else:
            log.info("data/processed is up to date with data/raw")
        plan = build_plan(paths, lang)
        pause_point("reports:started")
        return BuildResult(cleaned, _run(paths, plan, jobs, force, with_code, progress,
                                         cell_timeout, report_timeout, scheduler))


def report(root=None, *, provinces: list[str] | None = None, all_units: bool = False,
           unit_set: str = "63", jobs: int | None = None, lang: str = "vi",
           force: bool = False, with_code: bool = False,
           cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
           report_timeout: float | None = DEFAULT_REPORT_TIMEOUT,
           progress: Progress | None = None, scheduler: str | None = None) -> ReportsResult:
    """Reports of the named provinces (any spelling), or of every unit of the set."""
    paths = Paths.at(root).require_project()
    jobs = check_jobs(jobs)
    plan = (all_province_jobs(paths, unit_set, lang) if all_units else
            [province_job(paths, name, unit_set, lang) for name in provinces or []])
    with project_lock(paths, "report"):
        recover(paths)
        return _run(paths, plan, jobs, force, with_code, progress, cell_timeout,
                    report_timeout, scheduler)


def check_jobs(jobs: int | None) -> int | None:
    """`jobs` as the pool takes it: None (one per core) stays; below 1 is an error; above the
    cores is clamped to them (each kernel takes a core and ~150 MB: more only thrash)."""
    if jobs is None:
        return None
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ParameterError(f"--jobs must be a whole number of 1 or more, not {jobs!r}",
                             hint="leave it out to run one report per core")
    cores = os.cpu_count() or 1
    if jobs > cores:
        log.warning("--jobs %d is more than the %d core(s): running %d at a time",
                    jobs, cores, cores)
        return cores
    return jobs


def _run(paths: Paths, plan: list[Job], jobs: int | None, force: bool, with_code: bool,
         progress: Progress | None, cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
         report_timeout: float | None = DEFAULT_REPORT_TIMEOUT,
         scheduler: str | None = None) -> ReportsResult:
    started = time.perf_counter()
    ctx = RunContext.create(paths, with_code, cell_timeout, report_timeout)
    try:
        if scheduler:
            from .runner.distributed import dask_executor, parse_scheduler  # lazy: imports dask

            parse_scheduler(scheduler)  # a bad value fails before a cluster starts
            if force or not all(is_fresh(job, ctx) for job in plan):
                with dask_executor(scheduler) as executor:
                    outcomes = run_jobs(plan, ctx, jobs, force, progress, executor=executor)
            else:  # nothing to run: no cluster to start
                outcomes = run_jobs(plan, ctx, jobs, force, progress)
        else:
            outcomes = run_jobs(plan, ctx, jobs, force, progress)
    except KeyboardInterrupt:
        write_index(paths)  # the reports finished before Ctrl-C are listed
        raise
    index = write_index(paths)
    return ReportsResult(outcomes, index, time.perf_counter() - started)
