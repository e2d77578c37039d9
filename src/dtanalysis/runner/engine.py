"""The Papermill engine that runs report notebooks on dtanalysis's kernels.

Papermill's extension point for custom kernels is a registered engine (dagstermill does the
same): ours is registered under `dtanalysis`, here and as a `papermill.engine` entry point, so
`papermill.execute_notebook(..., engine_name="dtanalysis")` runs on the kernel the calling
thread has put in its slot (`with kernel_slot(KernelSlot(...)):`) — the thread's warm kernel,
reset first, or else a fresh kernel started for this one run in the slot's folder with the
slot's environment (the project's root among it) and shut down afterwards. A slot's
`after_run` code runs on the same kernel once the notebook ran without error (the report's
take-away: the numbers it computed, `exports.take_away`). Papermill's own
`cwd=` argument changes the whole process's folder, and setting the root in `os.environ` leaks
into every later run; neither is used.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


def __getattr__(name: str):
    # Papermill loads its `papermill.engine` entry points while `papermill.engines` is first
    # imported. When that first import is the one just below (this module imported before
    # papermill, e.g. as a process's first import), the entry point finds this module half
    # built: it gets a stand-in, which `register` at the end of this module replaces.
    if name == "DtanalysisEngine":
        return
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


import nbclient.client
from nbformat import from_dict
from nbformat.v4 import output_from_msg as _nbformat_output_from_msg
from papermill.engines import NBClientEngine, papermill_engines

from .kernels import RESET, WarmKernel
from .slots import KernelSlot, take_away_lost

__all__ = ["ENGINE_NAME", "DtanalysisEngine", "KernelSlot", "kernel_slot"]

ENGINE_NAME = "dtanalysis"
_local = threading.local()


@contextmanager
def kernel_slot(slot: KernelSlot) -> Iterator[KernelSlot]:
    """Make `slot` the calling thread's slot for the runs inside the block."""
    previous = getattr(_local, "slot", None)
    _local.slot = slot
    try:
        yield slot
    finally:
        _local.slot = previous


def output_from_msg(msg: dict):
    """nbformat's `output_from_msg` without checking each display and stream output against
    the notebook schema as it arrives: the same output (tested), for an eighth of a report's
    time in this process (56 outputs: 18 → 0.3 ms, measured). The notebook is still checked
    whole, strictly, before its page is rendered (`render.notebook_to_html`), which raises on
    an invalid output. Every other kind of message (a result, an error) goes to nbformat's.

    Installed as nbclient's (`nbclient.client.output_from_msg`, the name its client calls):
    in this process, every nbclient run gets it, and its outputs are the same."""
    kind = msg["header"]["msg_type"]
    content = msg["content"]
    if kind == "display_data":
        return from_dict({"output_type": kind, "metadata": content["metadata"],
                          "data": content["data"]})
    if kind == "stream":
        return from_dict({"output_type": kind, "name": content["name"],
                          "text": content["text"]})
    return _nbformat_output_from_msg(msg)


nbclient.client.output_from_msg = output_from_msg


class DtanalysisEngine(NBClientEngine):
    """NBClientEngine on the calling thread's kernel slot."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        slot: KernelSlot | None = getattr(_local, "slot", None)
        if slot is None:
            raise RuntimeError("the dtanalysis engine runs inside `kernel_slot(...)` only "
                               "(see dtanalysis.runner.execute)")
        if slot.kernel is not None:
            slot.active = slot.kernel
            try:
                slot.kernel.reset()
                result = super().execute_managed_notebook(nb_man, kernel_name,
                                                          km=slot.kernel.km, **kwargs)
                _after_run(nb_man, slot, slot.kernel)
                return result
            finally:
                slot.active = None
        kernel = slot.active = WarmKernel(slot.cwd, slot.env, warm_up=False)
        try:
            result = super().execute_managed_notebook(nb_man, kernel_name, km=kernel.km,
                                                      **kwargs)
            _after_run(nb_man, slot, kernel)
            return result
        finally:
            slot.active = None
            kernel.shutdown()


def _after_run(nb_man, slot: KernelSlot, kernel: WarmKernel) -> None:
    """The slot's `after_run` code on `kernel`, once the notebook ran without error. On the
    slot's warm kernel it is sent with the kernel's reset after it and left running
    (`slot.pending`): the kernel writes the report's numbers and resets itself while this
    process renders the page, and `slots.settle` waits for it before the report's files are
    written. A fresh kernel runs it now, before it is stopped. It reports its own errors (in
    the files it writes); a kernel that cannot run it (died, timed out) is logged and not
    reused, and the report stands."""
    if slot.after_run is None or nb_man.nb.metadata.papermill.get("exception"):
        return  # nothing asked, or a cell failed: the report fails, nothing to take away
    try:
        if kernel is slot.kernel:
            slot.pending = (kernel, kernel.start(slot.after_run + RESET))
        else:
            kernel.run(slot.after_run)
    except Exception as error:  # noqa: BLE001 - the notebook ran: its page is made
        take_away_lost(slot, error)


papermill_engines.register(ENGINE_NAME, DtanalysisEngine)
