"""Run report jobs with Papermill on warm kernels and render them to offline HTML.

Outputs (see README): `reports/provinces/<slug>.html` for the 63 provinces,
`reports/units-2025/<slug>.html` for the 34 units, `reports/overview.html`, each with its
executed notebook (`.ipynb`, kept for audit) and a record (`.json`, see `records`) from which the
site builds `reports/index.html`.

A report whose inputs (data version, notebook, parameters, package version and code) have not
changed is skipped unless `force`. Reports run on warm kernels (see `kernels`, `engine`), one per
job slot; a failing notebook does not stop the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import queue
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Protocol

from .. import __version__
from ..errors import DtanalysisError, ProjectError, StorageError
from ..files import atomic_write, disk_errors, disk_reason, temporary_for
from ..identity import code_digest, git_commit
from ..paths import Paths
from ..pipeline.store import manifest, require_intact
from ..records import read_record, write_record
from ..testhooks import pause_point
from .exports import (
    compare_numbers,
    export_paths,
    province_numbers,
    province_standing,
    write_exports,
)
from .jobs import Job, lang_suffix
from .pdf import pdf_path

log = logging.getLogger(__name__)

# Set by `_load_stack` when the first report runs (see there).
papermill = PapermillExecutionError = ENGINE_NAME = KernelSlot = kernel_slot = None
WarmKernel = notebook_to_html = page_has_no_remote_references = None


def _load_stack() -> None:
    """Papermill, the warm-kernel engine and the renderer, imported when the first report
    runs: a rebuild with nothing to do never pays for them (about a second). Each becomes a
    module attribute as if imported at the top (one already set, e.g. by a benchmark's
    timing wrapper, is kept)."""
    if globals()["ENGINE_NAME"] is not None:
        return
    import papermill as _papermill
    import papermill.exceptions as _papermill_exceptions

    from . import engine as _engine
    from . import kernels as _kernels
    from . import render as _render

    for name, value in (("papermill", _papermill),
                        ("PapermillExecutionError",
                         _papermill_exceptions.PapermillExecutionError),
                        ("KernelSlot", _engine.KernelSlot), ("kernel_slot", _engine.kernel_slot),
                        ("WarmKernel", _kernels.WarmKernel),
                        ("notebook_to_html", _render.notebook_to_html),
                        ("page_has_no_remote_references", _render.page_has_no_remote_references),
                        ("ENGINE_NAME", _engine.ENGINE_NAME)):
        if globals()[name] is None:
            globals()[name] = value


@dataclass
class Outcome:
    job: Job
    status: str          # ok, failed, skipped
    seconds: float = 0.0
    error: str | None = None
    worker: str | None = None      # where it ran, on a cluster (`runner.distributed`)
    retried: tuple[str, ...] = ()  # on a cluster: why it was moved from a worker, per move


# Time limits of one report (seconds): far above a real report's few seconds, low enough that a
# hung notebook cannot stall a build for long. `--cell-timeout` / `--report-timeout`; 0: none.
DEFAULT_CELL_TIMEOUT = 300.0
DEFAULT_REPORT_TIMEOUT = 900.0


@dataclass
class RunContext:
    """What every report of one run shares: paths, data version, code identity."""
    paths: Paths
    data_version: str
    commit: str | None
    code_digest: str
    with_code: bool = False
    pdf: bool = False  # a PDF will be printed beside each page: the page links it
    notebook_digests: dict[Path, str] = field(default_factory=dict)
    cell_timeout: float | None = DEFAULT_CELL_TIMEOUT     # seconds; None: no limit
    report_timeout: float | None = DEFAULT_REPORT_TIMEOUT  # seconds; None: no limit

    @classmethod
    def create(cls, paths: Paths, with_code: bool = False,
               cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
               report_timeout: float | None = DEFAULT_REPORT_TIMEOUT,
               pdf: bool = False) -> RunContext:
        """The run's context; ProjectError when data/processed is missing, or damaged (a file
        that no longer matches its manifest: the reports would trust it)."""
        version = manifest(paths).get("data_version")
        if not version:
            raise ProjectError("no processed data", hint="run `dtanalysis clean` first")
        require_intact(paths)
        return cls(paths, version, git_commit(paths.root), code_digest(), with_code, pdf,
                   cell_timeout=cell_timeout or None, report_timeout=report_timeout or None)

    def inputs_hash(self, job: Job) -> str:
        digest = self.notebook_digests.get(job.notebook)
        if digest is None:
            digest = self.notebook_digests[job.notebook] = _sha256(job.notebook.read_bytes())
        payload = {"data": self.data_version, "notebook": digest, "parameters": job.parameters,
                   "version": __version__, "code": self.code_digest,
                   "with_code": self.with_code}
        return _sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())

    def kernel_env(self) -> dict[str, str]:
        """What a report kernel of this project gets added to its environment."""
        return {"DTANALYSIS_ROOT": str(self.paths.root)}


class Progress(Protocol):
    """Told how many reports a run has, then of each as it ends (one call at a time)."""

    def start(self, total: int) -> None: ...

    def update(self, outcome: Outcome) -> None: ...


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_fresh(job: Job, ctx: RunContext) -> bool:
    """The job's record says ok for the same inputs, and its page is the very file that run
    wrote: same size and modification time as recorded (a stat, not a hash: a rebuild with
    nothing changed stays fast). A page truncated, rewritten or replaced by a run killed
    before its record was written is not up to date."""
    record = read_record(job.record)
    if not (record.get("status") == "ok" and record.get("inputs_hash") == ctx.inputs_hash(job)):
        return False
    try:
        stat = job.html.stat()
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == (record.get("html_bytes"),
                                                record.get("html_mtime_ns"))


def header_html(job: Job) -> str:
    """The link to the same report in the other language (`<slug>.html` ↔ `<slug>.en.html`),
    named in that language; the build writes both."""
    other = "en" if job.lang == "vi" else "vi"
    name = {"vi": "Tiếng Việt", "en": "English"}[other]
    href = f"{job.slug}{lang_suffix(other)}.html"
    label = ("Đọc báo cáo này bằng tiếng Anh" if job.lang == "vi"
             else "Read this report in Vietnamese")
    return (f'<nav class="dta-lang" aria-label="{escape(label)}"><a href="{escape(href)}" '
            f'hreflang="{other}" lang="{other}">{escape(name)}</a></nav>')


def footer_html(job: Job, ctx: RunContext, run_date: str) -> str:
    """The page's foot, after its last section "About the data": the downloads, and the
    technical provenance (data version, package version, commit, run date)."""
    vi = job.lang == "vi"
    labels = (("Phiên bản dữ liệu", "dtanalysis", "Commit", "Ngày chạy")
              if vi else ("Data version", "dtanalysis", "Commit", "Run date"))
    values = (ctx.data_version, __version__, ctx.commit or "—", run_date)
    items = " · ".join(f"<span><b>{escape(k)}</b> {escape(str(v))}</span>"
                       for k, v in zip(labels, values))
    note = ("Dấu vết kỹ thuật của lần chạy này (để kiểm tra lại):" if vi else
            "Technical provenance of this run (for audit):")
    downloads = ""
    if job.kind in ("province", "compare"):
        csv, xlsx = export_paths(job.html)
        links = [(csv.name, "CSV (Excel, UTF-8)"), (xlsx.name, "XLSX")]
        if ctx.pdf:
            links.append((pdf_path(job.html).name, "PDF (A4)"))
        label = ("Tải số liệu của báo cáo (giá trị, trạng thái, nguồn, tệp và dòng):" if vi
                 else "Download the report's numbers (value, status, source, file and line):")
        downloads = (f'<nav class="dta-downloads" aria-label="{escape(label)}"><p>'
                     f"{escape(label)} " + " · ".join(
                         f'<a href="{escape(href)}">{escape(text)}</a>' for href, text in links)
                     + "</p></nav>")
    # The data version at the foot of every printed page (print stylesheet: @page boxes).
    foot = f"{labels[0]} {ctx.data_version} · {job.label}"
    page_foot = ("<style>@page { @bottom-left { content: \"" + foot.replace('"', "'")
                 + "\"; font: 7pt 'DejaVu Sans', sans-serif; color: #57606a; } }</style>")
    return (f'{downloads}<footer class="dtanalysis-footer"><p>{escape(note)} {items}</p>'
            f"</footer>{page_foot}")


def _take_away(job: Job, ctx: RunContext, run_date: str, record: dict) -> None:
    """The report's numbers as CSV / XLSX beside it and its standing in the record (for the
    index). The page is already written and stays valid without them: a failure here is
    recorded as `exports_error` and logged, not a failed report."""
    try:
        if job.kind == "compare":
            numbers = compare_numbers(ctx.paths.root, ctx.data_version,
                                      job.parameters["provinces"], job.unit_set)
        else:
            province = job.parameters["province"]
            numbers = province_numbers(ctx.paths.root, ctx.data_version, province,
                                       job.unit_set, job.parameters.get("peers", "region"))
            record["standing"] = province_standing(ctx.paths.root, ctx.data_version,
                                                   province, job.unit_set)
        write_exports(numbers, job.html, {
            "report": job.label, "unit_set": job.unit_set, "lang": job.lang,
            "data_version": ctx.data_version, "package_version": __version__,
            "run_date": run_date, "columns": ", ".join(numbers.columns)})
    except ProjectError as error:  # no processed tables (a notebook-only project): nothing
        record["exports_error"] = f"{type(error).__name__}: {error}"  # to export, not a fault
        log.info("%s: no CSV/XLSX written: %s", job.label, error)
    except (DtanalysisError, OSError, ValueError, KeyError) as error:
        record["exports_error"] = f"{type(error).__name__}: {error}"
        log.warning("%s: no CSV/XLSX written: %s", job.label, error)


def new_record(job: Job, ctx: RunContext, run_date: str) -> dict:
    """A report's record before its run: what runs, on which inputs, when."""
    return {"kind": job.kind, "label": job.label, "slug": job.slug, "unit_set": job.unit_set,
            "lang": job.lang, "parameters": job.parameters, "run_date": run_date,
            "data_version": ctx.data_version, "package_version": __version__,
            "commit": ctx.commit, "inputs_hash": ctx.inputs_hash(job),
            "html": job.html.name, "ipynb": job.ipynb.name}


def run_date_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


class Interrupted(Exception):
    """The run was interrupted (Ctrl-C) while this job ran: nothing of it was kept."""


def execute(job: Job, ctx: RunContext, slot: KernelSlot | None = None,
            stop: threading.Event | None = None) -> Outcome:
    """Run one job on `slot` (the thread's warm kernel; by default a fresh kernel) and write
    its outputs: the executed notebook, the HTML page, the record — each through a temporary
    and a rename, so a crash leaves the old file or the new one. A cell that raises, a cell or
    report over its time limit, a kernel that dies, a full disk: the job is failed with the
    reason (and the slot marked `spoiled` when its kernel cannot be reused). Raises
    `Interrupted`, keeping the old files, when `stop` was set during the run."""
    _load_stack()
    slot = slot or KernelSlot(ctx.paths.notebooks, ctx.kernel_env())
    started = time.perf_counter()
    run_date = run_date_now()
    record = new_record(job, ctx, run_date)
    executed = temporary_for(job.ipynb, suffix=".ipynb")  # papermill's output, renamed at the end
    timed_out = threading.Event()
    watchdog = _watchdog(slot, ctx.report_timeout, timed_out)
    error = html = None
    try:
        with disk_errors(f"writing reports into {ctx.paths.relative(job.out.parent)}"):
            job.out.parent.mkdir(parents=True, exist_ok=True)
        try:
            with kernel_slot(slot):
                nb = papermill.execute_notebook(
                    str(job.notebook), str(executed), parameters=job.parameters,
                    engine_name=ENGINE_NAME, kernel_name="python3", progress_bar=False,
                    log_output=False, request_save_on_cell_execute=False,
                    execution_timeout=ctx.cell_timeout)
        finally:
            if watchdog is not None:
                watchdog.cancel()
        html = notebook_to_html(nb, with_code=ctx.with_code, title=f"{job.label} — dtanalysis",
                                lang=job.lang, footer_html=footer_html(job, ctx, run_date),
                                header_html=header_html(job))
        remote = page_has_no_remote_references(html)
        if remote:
            raise RuntimeError(f"the page would load remote resources: {remote[:3]}")
    except PapermillExecutionError as failure:
        error = f"{failure.ename}: {failure.evalue} (cell {failure.exec_count})"
    except Exception as failure:  # noqa: BLE001 - one report's failure must not stop others
        error = _reason(failure, ctx, timed_out)
        slot.spoiled = True  # timed out, died, or in an unknown state: do not reuse it
    if stop is not None and stop.is_set():
        executed.unlink(missing_ok=True)
        slot.spoiled = True
        raise Interrupted(job.label)

    def write() -> None:
        if _whole_notebook(executed):
            os.replace(executed, job.ipynb)  # kept for audit, also when it failed
        if error is None:
            atomic_write(job.html, html)
            stat = job.html.stat()
            record.update(html_sha256=_sha256(html.encode("utf-8")),
                          html_bytes=stat.st_size, html_mtime_ns=stat.st_mtime_ns)
            if job.kind in ("province", "compare"):
                _take_away(job, ctx, run_date, record)

    try:
        error = _keep(job, ctx, record, error, write)
    finally:
        executed.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    return _conclude(job, ctx, record, error, seconds)


def _whole_notebook(path: Path) -> bool:
    """Papermill wrote `path` whole (a full disk leaves it empty or cut short: then it is not
    kept, and the old notebook stays)."""
    try:
        return _whole_json(path.read_bytes())
    except OSError:
        return False


def _whole_json(data: bytes) -> bool:
    try:
        return isinstance(json.loads(data), dict)
    except ValueError:
        return False


def store(job: Job, ctx: RunContext, record: dict, error: str | None, seconds: float,
          files: dict[str, bytes]) -> Outcome:
    """Write a report that ran elsewhere (a Dask worker, `runner.remote`) into this project,
    as `execute` writes one that ran here: `files` are its outputs by suffix (`ipynb`,
    `html`, and for a province `csv`, `xlsx`), `record` the record the run wrote; each file
    goes through a temporary and a rename, the page's size and time in the record are this
    disk's, the record comes last, and a failed report leaves no page."""

    def write() -> None:
        with disk_errors(f"writing reports into {ctx.paths.relative(job.out.parent)}"):
            job.out.parent.mkdir(parents=True, exist_ok=True)
        if "ipynb" in files and _whole_json(files["ipynb"]):
            atomic_write(job.ipynb, files["ipynb"])  # kept for audit, also when it failed
        if error is None:
            atomic_write(job.html, files["html"])
            stat = job.html.stat()
            record.update(html_sha256=_sha256(files["html"]), html_bytes=stat.st_size,
                          html_mtime_ns=stat.st_mtime_ns)
            for suffix, path in zip(("csv", "xlsx"), export_paths(job.html)):
                if suffix in files:
                    atomic_write(path, files[suffix])

    record = {**new_record(job, ctx, run_date_now()), **record,
              "inputs_hash": ctx.inputs_hash(job), "html": job.html.name,
              "ipynb": job.ipynb.name}
    for key in ("html_sha256", "html_bytes", "html_mtime_ns", "status", "error"):
        record.pop(key, None)  # the worker's, rewritten here
    if error is None and "html" not in files:
        error = "the worker sent back no page"
    return _conclude(job, ctx, record, _keep(job, ctx, record, error, write), seconds)


def _keep(job: Job, ctx: RunContext, record: dict, error: str | None,
          write: Callable[[], None]) -> str | None:
    """Run `write` (the report's files); the report's error afterwards (a disk's refusal is
    one). A failed report keeps its last good page (and its CSV / XLSX), marked stale with
    the failure on the page and, through `last_good` in the record, on the index; a page no
    good run is known to have written is removed: never a stale page that looks current."""
    last_good = _last_good(read_record(job.record))
    try:
        with disk_errors(f"writing the report {ctx.paths.relative(job.html)}"):
            write()
    except StorageError as failure:
        error = str(failure)
    if error:
        if last_good and job.html.is_file() and _mark_stale(job.html, record, error):
            record["last_good"] = last_good
        else:
            job.html.unlink(missing_ok=True)  # never leave a stale page that looks current
    return error


def _last_good(previous: dict) -> dict | None:
    """What the page on disk is, when a good run wrote it: that run's date and data version
    (carried over by later failed runs)."""
    if previous.get("status") == "ok":
        return {"run_date": previous.get("run_date"),
                "data_version": previous.get("data_version")}
    return previous.get("last_good") or None


STALE_BANNER = re.compile(r"<!--dtanalysis-stale-->.*?<!--/dtanalysis-stale-->", re.DOTALL)


def _mark_stale(page: Path, record: dict, error: str) -> bool:
    """Put (or replace) a banner at the top of the kept page: the run of `record` failed with
    `error`, this page is an older one. False when the page cannot be read or written."""
    banner = ('<!--dtanalysis-stale--><div class="dtanalysis-stale" role="alert" style="'
              "background:#fff4e5;border:1px solid #f0b35b;padding:.5rem .75rem;"
              'margin:.5rem;font-family:sans-serif">⚠ Trang cũ / stale page: lần chạy '
              f"{escape(str(record.get('run_date', '')))} bị lỗi / the latest run failed: "
              f"{escape(error)} — đây là trang của lần chạy tốt trước / this is the last good "
              "run's page.</div><!--/dtanalysis-stale-->")
    try:
        text = STALE_BANNER.sub("", page.read_text(encoding="utf-8"))
        body = re.search(r"<body[^>]*>", text)
        at = body.end() if body else 0
        with disk_errors(f"marking the page {page.name} stale"):
            atomic_write(page, text[:at] + banner + text[at:])
    except (OSError, UnicodeDecodeError, StorageError) as failure:
        log.warning("%s: could not mark the page stale: %s", page.name, failure)
        return False
    return True


def _conclude(job: Job, ctx: RunContext, record: dict, error: str | None,
              seconds: float) -> Outcome:
    """Write the report's record (the last of its files) and return its outcome."""
    pause_point("report:written")
    record.update(status="failed" if error else "ok", error=error, seconds=round(seconds, 2))
    try:
        with disk_errors(f"writing the record {ctx.paths.relative(job.record)}"):
            write_record(job.record, record)
    except StorageError as failure:
        job.record.unlink(missing_ok=True)  # no old record may claim this report is current
        job.html.unlink(missing_ok=True)
        error = error or str(failure)
        record["status"] = "failed"
    return Outcome(job, record["status"], seconds, error)


def _watchdog(slot: KernelSlot, seconds: float | None,
              fired: threading.Event) -> threading.Timer | None:
    """A timer that kills the slot's running kernel after `seconds` (the report timeout)."""
    if not seconds:
        return None

    def fire() -> None:
        fired.set()
        if slot.active is not None:
            slot.active.kill()

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    return timer


def _reason(failure: Exception, ctx: RunContext, timed_out: threading.Event) -> str:
    """Why a report failed other than by an exception in a cell, in words."""
    # nbclient's exceptions, imported with papermill already
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if timed_out.is_set():
        return (f"the report ran longer than {ctx.report_timeout:g} s (--report-timeout); its "
                "kernel was stopped")
    if isinstance(failure, CellTimeoutError):
        return (f"a cell ran longer than {ctx.cell_timeout:g} s (--cell-timeout); its kernel "
                "was stopped")
    if isinstance(failure, DeadKernelError):
        return ("the kernel died while running the notebook (a cell ended its process, or it "
                "ran out of memory); the kernel was replaced")
    if isinstance(failure, StorageError):
        return str(failure)
    reason = disk_reason(failure)
    if reason:
        return f"writing the report: {reason}"
    return f"{type(failure).__name__}: {failure}"


def run_jobs(jobs: list[Job], ctx: RunContext, n_jobs: int | None = None, force: bool = False,
             progress: Progress | None = None, warm: bool = True,
             executor: Executor | None = None) -> list[Outcome]:
    """Run jobs on `n_jobs` warm kernels (default: one per core); skip fresh ones unless
    `force`. `progress` hears of each job as it ends. Outcomes come back in the order of
    `jobs`; every job has one (a worker that stopped unexpectedly fails its jobs). Ctrl-C
    (KeyboardInterrupt) stops every kernel, keeps the old files of the reports that were
    running, and is raised again once the workers have ended.

    With an `executor`, `n_jobs` is the executor's business: a `runner.distributed.DaskReports`
    (`--scheduler`) runs the jobs on a Dask cluster that need not share this filesystem and
    hands each report back to be written here (`store`); any `concurrent.futures.Executor`
    gets each job submitted (`execute_here`: on the warm kernel of the executing thread, which
    writes into this project itself: a shared filesystem)."""
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    if progress:
        progress.start(len(jobs))

    def report(outcome: Outcome) -> None:
        with lock:
            outcomes.append(outcome)
            if progress:
                progress.update(outcome)

    todo: queue.Queue[Job] = queue.Queue()
    for job in jobs:
        if not force and is_fresh(job, ctx):
            report(Outcome(job, "skipped"))
        else:
            todo.put(job)
    if not todo.empty() and executor is not None and hasattr(executor, "run_reports"):
        executor.run_reports(list(todo.queue), ctx, report)  # runner.distributed.DaskReports
    elif not todo.empty() and executor is not None:
        futures = {executor.submit(execute_here, job, ctx, warm): job
                   for job in list(todo.queue)}
        for future in as_completed(futures):
            report(_outcome_of(future, futures[future]))
    elif not todo.empty():
        n_jobs = max(1, min(n_jobs or os.cpu_count() or 1, todo.qsize()))
        stop, slots = threading.Event(), []
        threads = [threading.Thread(target=_worker, args=(todo, ctx, warm, report, stop, slots),
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
    seen = {id(o.job) for o in outcomes}
    for job in jobs:
        if id(job) not in seen:
            report(Outcome(job, "failed", error="its worker stopped without a result"))
    order = {id(job): i for i, job in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order[id(o.job)])


def _outcome_of(future, job: Job) -> Outcome:
    """The outcome a future brings back, with the caller's `job` (the same report, not a
    copy that travelled); a job whose execution itself broke (a worker lost for good, an error
    outside `execute`) is a failed report, not a crashed run."""
    try:
        outcome = future.result()
    except Exception as failure:  # noqa: BLE001 - one report's failure must not stop others
        return Outcome(job, "failed", 0.0, f"{type(failure).__name__}: {failure}")
    return Outcome(job, outcome.status, outcome.seconds, outcome.error)


# Warm kernels of the threads that run `execute_here` (an executor's workers), by thread id.
_here_slots: dict[int, KernelSlot] = {}
_here_lock = threading.Lock()


def execute_here(job: Job, ctx: RunContext, warm: bool = True) -> Outcome:
    """`execute` on the calling thread's warm kernel, started on its first job and kept for
    the next (a fresh kernel per job when a warm one cannot be had; replaced when a run
    spoiled it); what an executor's worker runs. `shutdown_here()` stops the kernels this
    process started."""
    _load_stack()
    slot = slot_here(ctx)
    if warm and slot.kernel is None:
        try:
            slot.kernel = WarmKernel(slot.cwd, slot.env)
        except Exception as error:  # noqa: BLE001 - fall back to a fresh kernel
            log.warning("warm kernel unavailable (%s); using a fresh kernel", error)
    try:
        return execute(job, ctx, slot)
    finally:
        release(slot)


def slot_here(ctx: RunContext) -> KernelSlot:
    """The calling thread's kernel slot for `ctx`'s project (a new one, its old kernel
    stopped, when the thread last ran another project)."""
    _load_stack()
    key = threading.get_ident()
    with _here_lock:
        slot = _here_slots.get(key)
        if slot is None or slot.env != ctx.kernel_env() or slot.cwd != ctx.paths.notebooks:
            if slot is not None and slot.kernel is not None:
                slot.kernel.shutdown()
            slot = _here_slots[key] = KernelSlot(ctx.paths.notebooks, ctx.kernel_env())
    return slot


def release(slot: KernelSlot) -> None:
    """After a run: a kernel the run spoiled is stopped (the next run starts another)."""
    if slot.spoiled:
        if slot.kernel is not None:
            slot.kernel.shutdown()
            slot.kernel = None
        slot.spoiled = False


def shutdown_here() -> int:
    """Stop the warm kernels `execute_here` started in this process; how many."""
    with _here_lock:
        slots = list(_here_slots.values())
        _here_slots.clear()
    stopped = 0
    for slot in slots:
        if slot.kernel is not None:
            slot.kernel.shutdown()
            stopped += 1
    return stopped


def _stop(stop: threading.Event, slots: list[KernelSlot], threads: list[threading.Thread],
          ) -> None:
    """Tell the workers to stop, kill the kernels they are running, wait for them to end."""
    stop.set()
    for slot in list(slots):
        if slot.active is not None:
            slot.active.kill()
    for thread in threads:
        thread.join(timeout=30)


def _worker(todo: queue.Queue, ctx: RunContext, warm: bool,
            report: Callable[[Outcome], None], stop: threading.Event | None = None,
            slots: list[KernelSlot] | None = None) -> None:
    """One job slot: takes jobs until none is left (or `stop` is set), on one warm kernel
    (started with the first job, replaced when a run spoiled it), or on a fresh kernel per job
    when a warm one cannot be had. No job's failure ends the worker."""
    _load_stack()
    slot = KernelSlot(ctx.paths.notebooks, ctx.kernel_env())
    if slots is not None:
        slots.append(slot)
    try:
        while stop is None or not stop.is_set():
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            if warm and slot.kernel is None:
                try:
                    slot.kernel = WarmKernel(slot.cwd, slot.env)
                except Exception as error:  # noqa: BLE001 - fall back to fresh kernels
                    log.warning("warm kernel unavailable (%s); using a fresh kernel per "
                                "report", error)
                    warm = False
            try:
                outcome = execute(job, ctx, slot, stop)
            except Interrupted:
                return
            except Exception as error:  # a bug must fail its job, not the run
                log.exception("report %s", job.label)
                outcome = Outcome(job, "failed", error=f"{type(error).__name__}: {error}")
            if slot.spoiled:
                if slot.kernel is not None:
                    slot.kernel.shutdown()
                    slot.kernel = None
                slot.spoiled = False
            report(outcome)
    finally:
        if slot.kernel is not None:
            slot.kernel.shutdown()
