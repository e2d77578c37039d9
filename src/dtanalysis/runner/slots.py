"""Kernel slots: where a thread's reports run (`KernelSlot`), its warm kernel started or
replaced by `ensure_warm` and given up by `release` after a run that spoiled it. The local
thread pool, an executor's threads (`slot_here`) and a Dask worker (`runner.remote`) all go
through this one pair."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .context import RunContext
from .kernels import Request, WarmKernel

log = logging.getLogger(__name__)


@dataclass
class KernelSlot:
    """Where the calling thread's notebooks run: its warm kernel, or (None) a fresh kernel per
    run, started in `cwd` with `env` added to the environment."""

    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    kernel: WarmKernel | None = None
    # The kernel running a notebook right now (warm or fresh), for a watchdog or an interrupt
    # to kill; None between runs.
    active: WarmKernel | None = None
    # Set when the last run left the warm kernel unusable (timed out, died, interrupted): the
    # worker replaces it before the next report.
    spoiled: bool = False
    # Code the engine runs on the same kernel once the notebook ran without error (the
    # report's take-away, `outputs.take_away_request`); None: nothing.
    after_run: str | None = None
    # That code, with the kernel's reset after it, still running on the warm kernel while
    # the page is rendered (`engine`): `settle` waits for it.
    pending: tuple[WarmKernel, Request] | None = None

    @classmethod
    def of(cls, ctx: RunContext) -> KernelSlot:
        """A slot for `ctx`'s project: its notebooks folder, its kernel environment."""
        return cls(ctx.paths.notebooks, ctx.kernel_env())


def ensure_warm(slot: KernelSlot, fall_back: bool = True) -> bool:
    """The slot has a warm kernel, alive and in its folder: kept, or started (a dead one, or
    one whose folder was removed or replaced, is stopped first). When none can be started:
    with `fall_back`, False, logged (the report runs on a fresh kernel); else the error."""
    kernel = slot.kernel
    if kernel is not None and not (kernel.is_alive() and kernel.at_home()):
        kernel.shutdown()
        slot.kernel = None
    if slot.kernel is None:
        try:
            slot.kernel = _take_early(slot) or WarmKernel(slot.cwd, slot.env)
        except Exception as error:
            if not fall_back:
                raise
            log.warning("warm kernel unavailable (%s); using a fresh kernel", error)
            return False
    return True


def settle(slot: KernelSlot) -> None:
    """Wait for what the last run left running on the slot's warm kernel (its take-away and
    its reset, `engine`): the kernel is then `clean` for the next report. A kernel that
    could not run it (died, failed, timed out) is logged and not reused; the report stands
    (the take-away reports its own errors in the files it writes)."""
    pending, slot.pending = slot.pending, None
    if pending is None:
        return
    kernel, request = pending
    try:
        kernel.finish(request)
    except Exception as error:  # noqa: BLE001 - the notebook ran: its page is made
        take_away_lost(slot, error)
    else:
        kernel.clean = True


def take_away_lost(slot: KernelSlot, error: Exception) -> None:
    """The slot's kernel could not run a report's take-away (died, failed, timed out): logged,
    and the kernel not reused; the report stands."""
    log.warning("the kernel could not run the report's take-away: %s", error)
    slot.spoiled = True


def release(slot: KernelSlot, stop: bool = False) -> None:
    """After a run: a kernel the run spoiled is stopped (the next run starts another); with
    `stop`, the kernel is stopped in any case (its worker ends)."""
    if slot.pending is not None:  # left by a run cut short (Ctrl-C) before `settle`
        slot.pending[1].client.stop_channels()
        slot.pending, slot.spoiled = None, True
    if slot.spoiled or stop:
        if slot.kernel is not None:
            slot.kernel.shutdown()
            slot.kernel = None
        slot.spoiled = False


# Warm kernels of the threads that run reports for an executor (`slot_here`), by thread id.
_here_slots: dict[int, KernelSlot] = {}
_here_lock = threading.Lock()


def slot_here(ctx: RunContext) -> KernelSlot:
    """The calling thread's kernel slot for `ctx`'s project, kept for its next report (a new
    one, its old kernel stopped, when the thread last ran another project)."""
    key = threading.get_ident()
    with _here_lock:
        slot = _here_slots.get(key)
        if slot is None or slot.env != ctx.kernel_env() or slot.cwd != ctx.paths.notebooks:
            if slot is not None and slot.kernel is not None:
                slot.kernel.shutdown()
            slot = _here_slots[key] = KernelSlot.of(ctx)
    return slot


def shutdown_here() -> int:
    """Stop the warm kernels `slot_here` slots started in this process; how many."""
    with _here_lock:
        slots = list(_here_slots.values())
        _here_slots.clear()
    stopped = 0
    for slot in slots:
        if slot.kernel is not None:
            slot.kernel.shutdown()
            stopped += 1
    return stopped


# Warm kernels started ahead of the reports (`early_kernels`), waiting for a slot of the same
# folder and environment to take them.
_early: list[_EarlyKernel] = []
_early_lock = threading.Lock()


class _EarlyKernel:
    """A warm kernel being started in the background for `cwd` / `env`."""

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        self.cwd, self.env = cwd, dict(env)
        self.kernel: WarmKernel | None = None
        self._thread = threading.Thread(target=self._start, daemon=True,
                                        name="dtanalysis-early-kernel")
        self._thread.start()

    def _start(self) -> None:
        try:
            self.kernel = WarmKernel(self.cwd, self.env)
        except Exception as error:  # noqa: BLE001 - the slot that wanted it starts its own
            log.info("a kernel started ahead could not start (%s)", error)

    def wait(self) -> WarmKernel | None:
        """The kernel once started, or None when it could not be."""
        self._thread.join()
        return self.kernel


@contextmanager
def early_kernels(cwd: Path, env: dict[str, str], n: int) -> Iterator[None]:
    """Start `n` warm kernels for `cwd` / `env` now, in the background, for the first slots
    that need one (`ensure_warm`): a build starts its kernels while it cleans and validates
    the data (one core's work), not after. A kernel's warm-up imports the stack and reads no
    table, so what the cleaning writes is what its first report loads. On leaving, every
    kernel no slot took is stopped (the cleaning failed, Ctrl-C); one that could not start is
    only logged: the slot starts its own."""
    mine = [_EarlyKernel(cwd, env) for _ in range(max(0, n))]
    with _early_lock:
        _early.extend(mine)
    try:
        yield
    finally:
        with _early_lock:
            left = [early for early in mine if early in _early]
            for early in left:
                _early.remove(early)
        for early in left:
            kernel = early.wait()
            if kernel is not None:
                kernel.shutdown()


def _take_early(slot: KernelSlot) -> WarmKernel | None:
    """A kernel `early_kernels` started for the slot's folder and environment (waiting for it
    to be warm), or None."""
    with _early_lock:
        early = next((e for e in _early if e.cwd == slot.cwd and e.env == slot.env), None)
        if early is None:
            return None
        _early.remove(early)
    return early.wait()
