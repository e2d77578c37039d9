"""The Papermill engine that runs report notebooks on dtanalysis's kernels.

Papermill's extension point for custom kernels is a registered engine (dagstermill does the
same): ours is registered under `dtanalysis`, here and as a `papermill.engine` entry point, so
`papermill.execute_notebook(..., engine_name="dtanalysis")` runs on the kernel the calling
thread has put in its slot (`with kernel_slot(KernelSlot(...)):`) — the thread's warm kernel,
reset first, or else a fresh kernel started for this one run in the slot's folder with the
slot's environment (the project's root among it) and shut down afterwards. Papermill's own
`cwd=` argument changes the whole process's folder, and setting the root in `os.environ` leaks
into every later run; neither is used.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from papermill.engines import NBClientEngine, papermill_engines

from .kernels import WarmKernel

ENGINE_NAME = "dtanalysis"
_local = threading.local()


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


@contextmanager
def kernel_slot(slot: KernelSlot) -> Iterator[KernelSlot]:
    """Make `slot` the calling thread's slot for the runs inside the block."""
    previous = getattr(_local, "slot", None)
    _local.slot = slot
    try:
        yield slot
    finally:
        _local.slot = previous


class DtanalysisEngine(NBClientEngine):
    """NBClientEngine on the calling thread's kernel slot."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        slot: KernelSlot | None = getattr(_local, "slot", None)
        if slot is None:
            raise RuntimeError("the dtanalysis engine runs inside `kernel_slot(...)` only "
                               "(see dtanalysis.runner.pool)")
        if slot.kernel is not None:
            slot.active = slot.kernel
            try:
                slot.kernel.reset()
                return super().execute_managed_notebook(nb_man, kernel_name,
                                                        km=slot.kernel.km, **kwargs)
            finally:
                slot.active = None
        kernel = slot.active = WarmKernel(slot.cwd, slot.env, warm_up=False)
        try:
            return super().execute_managed_notebook(nb_man, kernel_name, km=kernel.km,
                                                    **kwargs)
        finally:
            slot.active = None
            kernel.shutdown()


papermill_engines.register(ENGINE_NAME, DtanalysisEngine)
