"""Warm Jupyter kernels, reused across reports.

Starting a kernel (~0.6 s) and importing pandas and seaborn in it (~1.5 s) dominate a report's
cost, so each worker keeps one kernel alive, imports the heavy modules once, and between
notebooks resets the user namespace (`%reset -f`) and matplotlib's state, so nothing of one
province's run leaks into the next (tests/runner/test_pool.py proves it). Kernels use IPC
transport, so parallel runs never race for TCP ports (papermill issue 511).

A kernel is started in a given folder with a given environment (the project's root among it):
nothing here reads or changes this process's working folder or environment beyond copying it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

# The modules a report imports, imported once per kernel. Every name must import (tested), so
# a renamed module cannot silently drop out of the warm-up and make each report pay for it.
WARM_MODULES = (
    "pandas", "numpy", "matplotlib", "matplotlib.pyplot", "seaborn", "pyarrow",
    "dtanalysis", "dtanalysis.analysis", "dtanalysis.report", "dtanalysis.report.charts",
    "dtanalysis.report.sections",
)
WARM_UP = (
    "import importlib\n"
    f"for _m in {WARM_MODULES!r}:\n"
    "    importlib.import_module(_m)\n"
    "del importlib, _m\n"
)
RESET = (
    "get_ipython().run_line_magic('reset', '-f')\n"
    "import matplotlib as _mpl, matplotlib.pyplot as _plt\n"
    "_plt.close('all'); _mpl.rcdefaults(); _mpl.rcParams.update(_mpl.rcParamsDefault)\n"
    "import seaborn as _sns; _sns.reset_defaults()\n"
    "del _mpl, _plt, _sns\n"
    "get_ipython().run_line_magic('reset', '-f')\n"
)


class KernelError(RuntimeError):
    """A kernel that could not be started or set up (the caller falls back or fails the run)."""


class WarmKernel:
    """One kernel of this Python (sys.executable), started in `cwd` with this process's
    environment plus `env`."""

    def __init__(self, cwd: Path, env: dict[str, str] | None = None, warm_up: bool = True):
        # jupyter_client costs a few hundred ms to import: only where a kernel is started.
        from jupyter_client.manager import KernelManager

        self._dir = tempfile.mkdtemp(prefix="dtanalysis-kernel-")
        self.km = KernelManager(kernel_name="python3", transport="ipc",
                                ip=os.path.join(self._dir, "k"),
                                connection_file=os.path.join(self._dir, "kernel.json"))
        spec = self.km.kernel_spec
        spec.argv = [sys.executable if part in ("python", "python3", "{python}") else part
                     for part in spec.argv]
        self.km.start_kernel(cwd=str(cwd), env={**os.environ, **(env or {})})
        if warm_up:
            self.run(WARM_UP)

    def run(self, code: str) -> None:
        # A client of its own each time: a client kept across a Papermill run on the same
        # kernel stops receiving replies once Papermill's client has come and gone.
        client = self.km.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            reply = client.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
        finally:
            client.stop_channels()
        if reply["content"]["status"] != "ok":
            raise KernelError(f"kernel set-up failed: {reply['content'].get('evalue')}")

    def reset(self) -> None:
        self.run(RESET)

    def shutdown(self) -> None:
        try:
            self.km.shutdown_kernel(now=True)
        finally:
            shutil.rmtree(self._dir, ignore_errors=True)
