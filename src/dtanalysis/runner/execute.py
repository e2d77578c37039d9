"""One report run here: its notebook executed by Papermill on a kernel slot (`slots`), the
numbers it takes away computed by the same kernel, the page rendered to offline HTML, and what
it leaves written (`outputs`)."""

from __future__ import annotations

import os
import threading
import time

from ..errors import StorageError
from ..files import atomic_write, disk_errors, disk_reason, temporary_for
from .context import Outcome, RunContext
from .freshness import sha256
from .jobs import Job
from .outputs import (
    TAKE_AWAY_KINDS,
    conclude,
    discard,
    footer_html,
    header_html,
    keep,
    new_record,
    place_take_away,
    run_date_now,
    take_away_request,
    whole_notebook,
)
from .slots import KernelSlot, settle

# Set by `_load_stack` when the first report runs (see there).
papermill = PapermillExecutionError = ENGINE_NAME = kernel_slot = None
notebook_to_html = page_has_no_remote_references = None


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
    from . import render as _render

    for name, value in (("papermill", _papermill),
                        ("PapermillExecutionError",
                         _papermill_exceptions.PapermillExecutionError),
                        ("kernel_slot", _engine.kernel_slot),
                        ("notebook_to_html", _render.notebook_to_html),
                        ("page_has_no_remote_references", _render.page_has_no_remote_references),
                        ("ENGINE_NAME", _engine.ENGINE_NAME)):
        if globals()[name] is None:
            globals()[name] = value


class Interrupted(Exception):
    """The run was interrupted (Ctrl-C) while this job ran: nothing of it was kept."""


def execute(job: Job, ctx: RunContext, slot: KernelSlot | None = None,
            stop: threading.Event | None = None) -> Outcome:
    """Run one job on `slot` (the thread's warm kernel; by default a fresh kernel) and write
    its outputs: the executed notebook, the HTML page, the numbers it takes away (computed by
    the kernel that ran it), the record — each through a temporary and a rename, so a crash
    leaves the old file or the new one. A cell that raises, a cell or report over its time
    limit, a kernel that dies, a full disk: the job is failed with the reason (and the slot
    marked `spoiled` when its kernel cannot be reused). Raises `Interrupted`, keeping the old
    files, when `stop` was set during the run."""
    _load_stack()
    slot = slot or KernelSlot.of(ctx)
    started = time.perf_counter()
    run_date = run_date_now()
    record = new_record(job, ctx, run_date)
    executed = temporary_for(job.ipynb, suffix=".ipynb")  # papermill's output, renamed at the end
    taken = None  # the folder the kernel writes the report's numbers into
    timed_out = threading.Event()
    watchdog = _watchdog(slot, ctx.report_timeout, timed_out)
    error = html = None
    try:
        with disk_errors(f"writing reports into {ctx.paths.relative(job.out.parent)}"):
            job.out.parent.mkdir(parents=True, exist_ok=True)
            if job.kind in TAKE_AWAY_KINDS:
                taken = temporary_for(job.html, suffix=".numbers")
                taken.mkdir()
                slot.after_run = ("import dtanalysis.runner.exports as _x\n"
                                  f"_x.take_away({take_away_request(job, ctx, run_date, taken)!r})"
                                  "\ndel _x\n")
        try:
            with kernel_slot(slot):
                nb = papermill.execute_notebook(
                    str(job.notebook), str(executed), parameters=job.parameters,
                    engine_name=ENGINE_NAME, kernel_name="python3", progress_bar=False,
                    log_output=False, request_save_on_cell_execute=False,
                    execution_timeout=ctx.cell_timeout)
        finally:
            slot.after_run = None
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
    settle(slot)  # the take-away (and the kernel's reset) left running during the rendering
    if stop is not None and stop.is_set():
        executed.unlink(missing_ok=True)
        discard(taken)
        slot.spoiled = True
        raise Interrupted(job.label)

    def write() -> None:
        if whole_notebook(executed):
            os.replace(executed, job.ipynb)  # kept for audit, also when it failed
        if error is None:
            atomic_write(job.html, html)
            stat = job.html.stat()
            record.update(html_sha256=sha256(html.encode("utf-8")),
                          html_bytes=stat.st_size, html_mtime_ns=stat.st_mtime_ns)
            if taken is not None:
                place_take_away(job, taken, record)

    try:
        error = keep(job, ctx, record, error, write)
    finally:
        executed.unlink(missing_ok=True)
        discard(taken)
    seconds = time.perf_counter() - started
    return conclude(job, ctx, record, error, seconds)


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
