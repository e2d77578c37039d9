"""The build as library functions a notebook can call and the command line renders:

    result = dtanalysis.build()          # clean (if needed) → validate → every report → index
    result.ok, result.reports.failed     # what happened, as data
    dtanalysis.report(provinces=["Hải Phòng"], lang="en")

Cleaning is skipped when `data/processed` was built from the current `data/raw`, suites and
code (and validated); a report is skipped when its inputs have not changed (`force` re-runs
both). Parameters and province names are checked before any kernel starts: a bad one raises
ParameterError. Nothing here prints: progress goes to a `Progress` and to `logging`.

How `root` travels: `build`, `report` and `compare` (the command line's and the Python API's
doors) resolve `root` into a `Paths` once, first thing (`Paths.at(root).require_project()`;
the command line, which resolved it for its run log, hands that `Paths` in: `_project`),
check their options, then take the project lock once and recover what a killed run left, once.
Everything below receives that `Paths` and neither resolves, locks nor recovers again:
`build` asks `pipeline.current.is_current(paths)` (the processed data's own manifest and
hashes: nothing under reports/ decides), cleans with `pipeline.stages.clean_processed(paths)`
(which reads `data/raw` through `ingest.clean.clean_project(paths)`: each reader returns a
`ReadResult` and is given the project root; only the index catalogue's own files still find
it from their path), writes the Data Docs with `pipeline.stages.write_data_docs(paths)` when
they are missing over current data, then the data package, the changes page, the plan and the
reports (`runner`, `site`), all with `paths`. The
`clean` and `validate` commands are doors of their own (`pipeline.stages.run_clean(root)`,
`run_validate(root)`), which resolve, lock and recover in the same way around the same
`paths` functions; the project lock refuses to be taken twice by one thread.
"""

from __future__ import annotations

import logging
import math
import os
import subprocess
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .domain.registry import check_unit_set
from .errors import DtanalysisError, ParameterError
from .files import remove_temporaries
from .lock import project_lock
from .paths import Paths
from .pipeline.current import is_current, recover
from .records import FAILED
from .runner.context import (
    DEFAULT_CELL_TIMEOUT,
    DEFAULT_REPORT_TIMEOUT,
    Outcome,
    Progress,
    RunContext,
    kernel_env,
)
from .runner.freshness import is_fresh
from .runner.jobs import (
    LANGS,
    Job,
    all_province_jobs,
    build_plan,
    check_peers,
    check_year,
    compare_job,
    province_job,
    read_comparisons,
)
from .runner.pdf import find_chromium, pdf_is_current, print_pdf
from .runner.pool import run_jobs
from .site.index_page import write_index
from .testhooks import pause_point

if TYPE_CHECKING:
    from .pipeline.stages import CleanResult

log = logging.getLogger(__name__)


def _project(root: Path | str | Paths | None) -> Paths:
    """The project at `root`, resolved once here: a `Paths` a caller already resolved (the
    command line) is taken as it is."""
    return root if isinstance(root, Paths) else Paths.at(root).require_project()


@dataclass
class ReportsResult:
    """The reports of one run, in plan order, and the index page written after them."""

    outcomes: list[Outcome]
    index: Path
    seconds: float
    pdfs: list[Path] = field(default_factory=list)  # PDFs written by this run (--pdf)
    pdf_errors: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == FAILED]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.pdf_errors


@dataclass
class BuildResult:
    """`clean` is None when data/processed was up to date; `reports` is None when cleaning
    failed (validation, or `strict` with quarantined rows), and then no report ran."""

    clean: CleanResult | None  # pipeline.stages.CleanResult
    reports: ReportsResult | None

    @property
    def ok(self) -> bool:
        return (self.clean is None or self.clean.ok) and (self.reports is not None
                                                           and self.reports.ok)


def build(root=None, *, jobs: int | None = None, lang: str | None = None, force: bool = False,
          with_code: bool = False, strict: bool = False, pdf: bool = False,
          allow_shrink: bool = False, cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
          report_timeout: float | None = DEFAULT_REPORT_TIMEOUT,
          progress: Progress | None = None, scheduler: str | None = None) -> BuildResult:
    """Clean and validate `data/raw` when it changed, then every province report of both
    sets, the overview and the index. Holds the project lock (BusyError when another run
    holds it); recovers what a killed run left first. `lang` None builds every report in
    Vietnamese and English (`<slug>.html`, `<slug>.en.html`); "vi" or "en" one language.
    `scheduler` (an address, or `local[:N]`) runs the reports on a Dask cluster (see
    `runner.distributed`)."""
    paths = _project(root)
    jobs = check_jobs(jobs)
    scheduler = _check_run_options(lang, cell_timeout, report_timeout, scheduler,
                                   both=True)
    read_comparisons(paths)  # a bad row of data/raw/comparisons.csv: refused before anything
    with project_lock(paths, "build"), ExitStack() as early:
        recover(paths)
        cleaned = None
        if force or not is_current(paths):
            if scheduler is None:  # this machine's kernels start while the data is cleaned
                from .runner.slots import early_kernels  # lazy: jupyter_client

                early.enter_context(early_kernels(paths.notebooks, kernel_env(paths),
                                                  jobs or os.cpu_count() or 1))
            from .pipeline.stages import clean_processed  # lazy: pandas, the cleaning code

            cleaned = clean_processed(paths, strict=strict, data_docs=True,
                                      allow_shrink=allow_shrink)
            if not cleaned.ok:
                return BuildResult(cleaned, None)
        else:
            log.info("data/processed is up to date with data/raw")
            if not (paths.data_docs / "index.html").is_file():
                # an output, like the pages: written again when missing, without cleaning
                from .pipeline.stages import write_data_docs  # lazy: pandas, GX

                write_data_docs(paths)
                log.info("reports/data_docs written again (they were missing)")
        # reports/data/ (all the data, for the index to link) and reports/changes.html (the last
        # data version's changes): redone with the data (a code change re-cleans too; the data
        # package also when missing); a rebuild with nothing to do does not import them
        # (pandas).
        if cleaned is not None or not (paths.reports / "data" / "datapackage.json").is_file():
            from .site.datapackage import write_data_package

            write_data_package(paths)
        if cleaned is not None:
            from .site.changes import write_changes_page

            write_changes_page(paths)
        plan = build_plan(paths, LANGS if lang is None else (lang,))
        pause_point("reports:started")
        return BuildResult(cleaned, _run(paths, plan, jobs, force, with_code, progress,
                                         cell_timeout, report_timeout, scheduler, pdf))


def report(root=None, *, provinces: list[str] | None = None, all_units: bool = False,
           unit_set: str = "63", jobs: int | None = None, lang: str = "vi",
           force: bool = False, with_code: bool = False, pdf: bool = False,
           year: int | None = None, peers: list[str] | None = None,
           cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
           report_timeout: float | None = DEFAULT_REPORT_TIMEOUT,
           progress: Progress | None = None, scheduler: str | None = None) -> ReportsResult:
    """Reports of the named provinces (any spelling), or of every unit of the set; `year`
    and `peers` (names, any spelling) become the notebook's parameters (checked first)."""
    paths = _project(root)
    jobs = check_jobs(jobs)
    scheduler = _check_run_options(lang, cell_timeout, report_timeout, scheduler)
    unit_set = check_unit_set(unit_set, "unit_set: ")
    if provinces is not None and (isinstance(provinces, str) or not all(
            isinstance(p, str) for p in provinces)):
        raise ParameterError("provinces must be a list of names, e.g. [\"Hải Phòng\"]")
    if peers is not None and (isinstance(peers, str) or not all(
            isinstance(p, str) for p in peers)):
        raise ParameterError("peers must be a list of names, e.g. [\"Hải Dương\"]")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise ParameterError(f"year must be a whole year such as 2023, not {year!r}")
    extra = {}
    if year is not None:
        extra["year"] = check_year(paths, unit_set, year)
    if peers:
        extra["peers"] = check_peers(paths, unit_set, peers)
    plan = (all_province_jobs(paths, unit_set, lang, extra) if all_units else
            [province_job(paths, name, unit_set, lang, extra) for name in provinces or []])
    # One unit named several ways (`Hải Phòng`, `hai-phong`, `31`) is one report, run once.
    seen: set[Path] = set()
    plan = [job for job in plan if not (job.html in seen or seen.add(job.html))]
    with project_lock(paths, "report"):
        recover(paths)
        return _run(paths, plan, jobs, force, with_code, progress, cell_timeout,
                    report_timeout, scheduler, pdf)


def compare(root=None, *, provinces: list[str], unit_set: str = "63", lang: str = "vi",
            force: bool = False, with_code: bool = False, pdf: bool = False,
            cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
            report_timeout: float | None = DEFAULT_REPORT_TIMEOUT,
            progress: Progress | None = None) -> ReportsResult:
    """The comparison page of a chosen group (2 to 8 units of one set, any spelling, none
    twice): `reports/compare/<slug-a>--<slug-b>….html` with its CSV and XLSX, run like a
    province report. The group is checked first (ParameterError: nothing is written)."""
    paths = _project(root)
    _check_run_options(lang, cell_timeout, report_timeout, None)
    unit_set = check_unit_set(unit_set, "unit_set: ")  # the same words as report()'s
    plan = [compare_job(paths, provinces, unit_set, lang)]
    with project_lock(paths, "compare"):
        recover(paths)
        return _run(paths, plan, 1, force, with_code, progress, cell_timeout, report_timeout,
                    None, pdf)


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


def _check_run_options(lang, cell_timeout, report_timeout, scheduler, *,
                       both: bool = False) -> str | None:
    """The options of `build` and `report` checked before any work starts (the command line
    refuses the same values): a ParameterError, one line; the scheduler as it will run.
    `both`: `lang` None means every language (`build`)."""
    if not (both and lang is None) and (not isinstance(lang, str) or lang not in LANGS):
        raise ParameterError(f"lang must be 'vi' or 'en'{' (or None: both)' if both else ''}, "
                             f"not {lang!r}")
    for name, value in (("cell_timeout", cell_timeout), ("report_timeout", report_timeout)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or not math.isfinite(value) or value < 0):
            raise ParameterError(f"{name} must be a number of seconds ≥ 0 (or None), "
                                 f"not {value!r}")
    if scheduler is None:
        return None
    from .runner.distributed import check_scheduler  # its module imports dask lazily

    return check_scheduler(scheduler)


def _run(paths: Paths, plan: list[Job], jobs: int | None, force: bool, with_code: bool,
         progress: Progress | None, cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
         report_timeout: float | None = DEFAULT_REPORT_TIMEOUT,
         scheduler: str | None = None, pdf: bool = False) -> ReportsResult:
    started = time.perf_counter()
    ctx = RunContext.create(paths, with_code, cell_timeout, report_timeout, pdf)
    chromium = find_chromium() if pdf else None  # refused before any kernel starts
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
        # what the stopped reports were still writing (a report's numbers folder, its
        # notebook): a worker that had not reached its own clean-up when the run stopped
        # waiting for it leaves them (this run holds the project lock)
        remove_temporaries(paths.reports)
        write_index(paths)  # the reports finished before Ctrl-C are listed
        raise
    pdfs, pdf_errors = (_print_pdfs(outcomes, chromium, jobs, force) if chromium
                        else ([], []))
    index = write_index(paths)
    return ReportsResult(outcomes, index, time.perf_counter() - started, pdfs, pdf_errors)


def _print_pdfs(outcomes: list[Outcome], chromium: str, jobs: int | None,
                force: bool) -> tuple[list[Path], list[str]]:
    """A PDF beside every report page that has none newer than its HTML (`force`: every
    page), a few Chromiums at a time; a failed print is reported, not raised."""
    from concurrent.futures import ThreadPoolExecutor  # lazy: only with --pdf

    pages = [o.job.html for o in outcomes if o.status != FAILED and o.job.html.is_file()
             and (force or not pdf_is_current(o.job.html))]
    written, errors = [], []

    def one(html: Path):
        try:
            return print_pdf(html, chromium), None
        except (DtanalysisError, OSError, subprocess.TimeoutExpired) as error:
            return None, f"{html.name}: {error}"

    with ThreadPoolExecutor(max_workers=max(1, min(jobs or os.cpu_count() or 1, 4))) as pool:
        for path, error in pool.map(one, pages):
            if path is not None:
                written.append(path)
            if error:
                log.warning("PDF failed: %s", error)
                errors.append(error)
    return written, errors
