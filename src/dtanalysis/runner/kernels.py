"""Warm Jupyter kernels, reused across reports.

Starting a kernel (~0.6 s) and importing pandas and seaborn in it (~1.5 s) dominate a report's
cost, so each worker keeps one kernel alive, imports the heavy modules once, and between
notebooks resets the user namespace (`%reset -f`), matplotlib's state and the state of the
dtanalysis modules (`dtanalysis.modstate`: rebound attributes, module-level dicts and lists)
and the package's caches but the loaded tables (`dtanalysis.caches`, by name), so nothing of
one province's run leaks into the next (tests/runner/test_pool.py proves it). The reset runs
right after a report's take-away, in the same request, while the page is rendered
(`engine`, `slots.settle`); a report that failed leaves its kernel to be reset before the
next one. nbclient gets an asynchronous client, so its dead-kernel poll and cell timeouts
work on a kernel it did not start; a kernel that died or timed out is replaced by the
worker. Kernels use IPC transport, so parallel runs never race for TCP ports (papermill
issue 511).

A kernel is started in a given folder with a given environment (the project's root among it):
nothing here reads or changes this process's working folder or environment beyond copying it.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import queue
import re
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The modules a report imports, imported once per kernel. Every name must import (tested), so
# a renamed module cannot silently drop out of the warm-up and make each report pay for it.
WARM_MODULES = (
    "pandas", "numpy", "matplotlib", "matplotlib.pyplot", "seaborn", "pyarrow",
    "dtanalysis", "dtanalysis.analysis", "dtanalysis.report", "dtanalysis.report.charts",
    "dtanalysis.report.sections",
)
# After the imports, everything alive is moved out of the garbage collector's sight
# (`gc.freeze()`: modules, classes, the stack's caches, alive until the kernel ends): the
# collection `%reset -f` runs before every report, and those during it, then walk only what
# reports made (0.075 → 0.004 s per reset, measured).
WARM_UP = (
    "import importlib\n"
    f"for _m in {WARM_MODULES!r}:\n"
    "    importlib.import_module(_m)\n"
    "import dtanalysis.modstate as _ms\n"
    "_ms.snapshot()\n"
    "import gc as _gc\n"
    "_gc.collect(); _gc.freeze()\n"
    "del importlib, _m, _ms, _gc\n"
)
# Run silently (no history, no `_i` / `Out` entries of its own): one `%reset -f` empties the
# namespace and the output cache (with a garbage collection); the names used here are deleted.
# What is still alive after it (the tables a report loaded and what the analyses derived from
# them, `analysis.data.memo`, kept for the next report) is frozen out of the collector's sight
# as the warm-up's imports are: each reset's collections walk what one report made, not
# everything every report before it kept (measured: 60 reports of both languages, kernels'
# CPU 31.0 / 32.1 → 27.9 / 29.3 s; a whole build's 200 reports 94.4 → 76.5 s).
RESET = (
    "get_ipython().run_line_magic('reset', '-f')\n"
    "import dtanalysis.modstate as _ms; _ms.restore(); del _ms\n"
    "import dtanalysis.caches as _c; _c.clear_all(keep=('analysis.data',)); del _c\n"
    "import matplotlib as _mpl, matplotlib.pyplot as _plt\n"
    "_plt.close('all'); _mpl.rcdefaults(); _mpl.rcParams.update(_mpl.rcParamsDefault)\n"
    "import seaborn as _sns; _sns.reset_defaults()\n"
    "del _mpl, _plt, _sns\n"
    "import gc as _gc\n"
    "_gc.collect(); _gc.freeze(); del _gc\n"
)
# No IPython history: a report's cells are kept in its notebook, and the history (an SQLite
# file under ~/.ipython, shared by every kernel of the user) cost a write and its saving
# thread's work on every cell, about 8 % of a warm kernel's CPU time (measured, py-spy).
KERNEL_OPTIONS = ("--HistoryManager.enabled=False",)
POLL_SECONDS = 1.0  # how often a set-up run checks that its kernel is still alive


@functools.cache
def _ready_client():
    """`ReadyClient`, built on first use (jupyter_client is imported only where a kernel is
    started)."""
    import time

    from jupyter_client.asynchronous import AsyncKernelClient

    class ReadyClient(AsyncKernelClient):
        """nbclient's client of a warm kernel, ready as soon as its IOPub channel is seen to
        carry messages. jupyter_client's `wait_for_ready` then also waits for 0.2 s of silence
        on IOPub, on every report (a sixth of a warm report's time, measured); here it stops
        at the idle status of its own kernel_info request, the last message that request
        causes. A subscription not yet connected (ZeroMQ drops what is published before it)
        sees nothing of it: the request is sent again, as jupyter_client does.

        A kernel slower than a try's wait to answer (a busy machine) answers every request
        sent meanwhile, in order, once it is up: the reply to any of them, and the idle status
        of any, counts. (Waiting for the reply to the request just sent — one reply read per
        request, or even the older replies dropped — kept the wait one reply behind for as
        long as each answer took longer than a try: "Kernel didn't respond in 379 seconds"
        under load.)"""

        # How long one try waits for a reply, then for the idle status after it (scaled by
        # the load, as the whole limit is).
        REPLY_WAIT = 1.0
        IDLE_WAIT = 0.2

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            started = time.monotonic()
            sent: set[str] = set()
            while True:
                # the limit scales with the machine's load, looked at again on every try: a
                # kernel that is alive but slow on a busy machine is waited for
                deadline = started + (patience(timeout) if timeout is not None
                                      else float("inf"))
                sent.add(self.kernel_info())
                # The reply to ANY request of this wait counts, and so does the idle status
                # of any: a kernel slower to answer than one try's wait (a busy machine) is
                # otherwise always one reply behind the request just sent, try after try.
                reply = await self._reply_to(sent, seconds=patience(self.REPLY_WAIT))
                if reply is not None and await self._idle_after(
                        sent, seconds=patience(self.IDLE_WAIT)):
                    self._handle_kernel_info_reply(reply)
                    return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {deadline - started:.0f} "
                                       "seconds")

        async def _reply_to(self, sent: set[str], seconds: float) -> dict | None:
            """A kernel_info reply to one of the requests `sent` (other messages read and
            dropped); None when `seconds` pass without one."""
            while True:
                try:
                    reply = await self.shell_channel.get_msg(timeout=seconds)
                except queue.Empty:
                    return None
                if (reply["msg_type"] == "kernel_info_reply"
                        and reply["parent_header"].get("msg_id") in sent):
                    return reply

        async def _idle_after(self, sent: set[str], seconds: float) -> bool:
            """Whether IOPub shows the idle status of one of the requests `sent` within
            `seconds` of the last message it brought (every other message is read and
            dropped): the subscription is connected."""
            while True:
                try:
                    msg = await self.iopub_channel.get_msg(timeout=seconds)
                except queue.Empty:
                    return False
                if (msg["msg_type"] == "status"
                        and msg["parent_header"].get("msg_id") in sent
                        and msg["content"].get("execution_state") == "idle"):
                    return True

    ReadyClient.__module__ = __name__
    ReadyClient.__qualname__ = "ReadyClient"
    return ReadyClient


def __getattr__(name: str):
    if name == "ReadyClient":  # what the kernel manager's `client_class` names
        return _ready_client()
    raise AttributeError(name)


MAX_SLOWDOWN = 10.0  # a wait grows with the load up to ten times its length


def patience(seconds: float) -> float:
    """`seconds` scaled by how busy the machine is: the 1-minute load average per core, from
    1 (an idle machine: the limit as given) to MAX_SLOWDOWN. A kernel that needs 60 s to start
    at a load of 10 on 2 cores is slow, not dead: a correct run must not fail for it."""
    try:
        load = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:  # no load average on this system
        load = 1.0
    return seconds * min(MAX_SLOWDOWN, max(1.0, load))


@dataclass(frozen=True)
class Request:
    """Code sent to a kernel (`WarmKernel.start`): the client waiting for its reply, the
    message's id, when it was sent (`time.monotonic`)."""

    client: object
    msg_id: str
    sent: float


class KernelError(RuntimeError):
    """A kernel that could not be started or set up (the caller falls back or fails the run)."""


class WarmKernel:
    """One kernel of this Python (sys.executable), started in `cwd` with this process's
    environment plus `env`."""

    def __init__(self, cwd: Path, env: dict[str, str] | None = None, warm_up: bool = True):
        # jupyter_client costs a few hundred ms to import: only where a kernel is started.
        from jupyter_client.manager import KernelManager

        _sweep_stale_folders()
        # Private (0700: the connection file holds the kernel's key), named after this
        # process so that a later run can remove it when this process was killed before it
        # could (`_sweep_stale_folders`); removed at exit when the kernel was never shut down.
        self._dir = tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-")
        os.chmod(self._dir, 0o700)
        _LIVE_FOLDERS.add(self._dir)
        self.km = KernelManager(kernel_name="python3", transport="ipc",
                                ip=os.path.join(self._dir, "k"),
                                connection_file=os.path.join(self._dir, "kernel.json"))
        spec = self.km.kernel_spec
        spec.argv = [sys.executable if part in ("python", "python3", "{python}") else part
                     for part in spec.argv] + list(KERNEL_OPTIONS)
        # nbclient polls for a dead kernel and enforces cell timeouts only with an async
        # client: a blocking one stalls its event loop in get_msg() and a dead kernel hangs
        # the run forever. Our own set-up runs use a blocking client (`run`).
        self.km.client_class = "dtanalysis.runner.kernels.ReadyClient"
        self.cwd, self._home = Path(cwd), _folder_id(cwd)
        self.km.start_kernel(cwd=str(cwd), env={**os.environ, **(env or {})})
        # True only once a report's run ended with `RESET` (`slots.settle`): the next
        # report's `reset` has nothing to do.
        self.clean = False
        if warm_up:
            self.run(WARM_UP)

    def run(self, code: str, timeout: float = 120) -> None:
        """Run set-up code silently and wait for the kernel's reply on the shell channel
        (`start`, then `finish`)."""
        self.finish(self.start(code), timeout)

    def start(self, code: str) -> Request:
        """Send set-up code to run silently; `finish` waits for its reply. The kernel works
        on it while this process does something else (a report's page is rendered while its
        kernel writes the report's numbers and resets itself).

        A client of its own each time (a client kept across a Papermill run on the same
        kernel stops receiving replies once Papermill's client has come and gone), with the
        shell channel only: the reply comes when the code has run. `wait_for_ready` and
        `execute_interactive` would also connect IOPub and wait 0.2 s for it to settle on
        every call (a third of a warm report's set-up, measured)."""
        import time

        from jupyter_client.blocking import BlockingKernelClient  # with the manager's import

        client = BlockingKernelClient(parent=self.km, connection_file=self.km.connection_file)
        client.load_connection_file()
        client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            msg_id = client.execute(code, silent=True, store_history=False,
                                    allow_stdin=False)
        except BaseException:
            client.stop_channels()
            raise
        return Request(client, msg_id, time.monotonic())

    def finish(self, request: Request, timeout: float = 120) -> None:
        """Wait for the reply to `request` (`start`): KernelError when the code failed, the
        kernel died, or `timeout` seconds (scaled by the load) passed since it was sent."""
        import time

        client = request.client
        try:
            while True:
                waited = time.monotonic() - request.sent
                if waited > patience(timeout):
                    raise KernelError(f"kernel set-up did not answer within {waited:.0f} s")
                try:
                    reply = client.get_shell_msg(timeout=POLL_SECONDS)
                except queue.Empty:
                    if not self.is_alive():
                        raise KernelError("the kernel died during set-up") from None
                    continue
                if reply.get("parent_header", {}).get("msg_id") == request.msg_id:
                    break
        finally:
            client.stop_channels()
        if reply["content"]["status"] != "ok":
            raise KernelError(f"kernel set-up failed: {reply['content'].get('evalue')}")

    def reset(self) -> None:
        """Make the kernel as a report finds it (`RESET`), unless the last report's own reset
        already did (`clean`, set by `slots.settle`): a report is about to run on it."""
        if not self.clean:
            self.run(RESET)
        self.clean = False

    def at_home(self) -> bool:
        """Its working folder is still the folder it started in, not removed or replaced (as
        a worker's damaged or deleted copy of the project is): a kernel whose folder is gone
        fails every report."""
        return _folder_id(self.cwd) == self._home

    def is_alive(self) -> bool:
        try:
            return bool(self.km.is_alive())
        except Exception:  # noqa: BLE001 - a manager that cannot tell has no live kernel
            return False

    def kill(self) -> None:
        """Kill the kernel process now (a timed-out report, an interrupted run); its run
        then ends with nbclient's DeadKernelError. The worker replaces the kernel."""
        process = getattr(self.km.provisioner, "process", None)
        pid = getattr(process, "pid", None)
        if pid is None:
            return
        # The kernel leads its own session (jupyter_client starts it so): kill its group, so
        # a process the notebook started goes too.
        with contextlib.suppress(OSError):  # already gone
            os.killpg(os.getpgid(pid), signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)

    def shutdown(self) -> None:
        try:
            self.km.shutdown_kernel(now=True)
        finally:
            shutil.rmtree(self._dir, ignore_errors=True)
            _LIVE_FOLDERS.discard(self._dir)


FOLDER_PREFIX = "dtanalysis-kernel-"
_LIVE_FOLDERS: set[str] = set()  # connection folders of this process's kernels


@atexit.register
def _remove_live_folders() -> None:
    """At exit (a run that ended, one interrupted by Ctrl-C), no connection folder of this
    process's kernels stays behind, shut down or not."""
    for folder in list(_LIVE_FOLDERS):
        shutil.rmtree(folder, ignore_errors=True)
    _LIVE_FOLDERS.clear()


@functools.cache
def _sweep_stale_folders() -> int:
    """Remove the connection folders that processes of this user left when they were killed
    (`kill -9`, a lost Dask worker): `dtanalysis-kernel-<pid>-*` whose process is gone.
    Once per process; returns how many were removed."""
    removed = 0
    pattern = re.compile(re.escape(FOLDER_PREFIX) + r"(\d+)-")
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return 0
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or int(match.group(1)) == os.getpid():
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.getuid() or not entry.is_dir(
                    follow_symlinks=False):
                continue
            os.kill(int(match.group(1)), 0)  # the process is alive: its folder is in use
        except ProcessLookupError:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed += 1
        except OSError:  # PermissionError: a process of another user: alive
            continue
    return removed


def _folder_id(path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
