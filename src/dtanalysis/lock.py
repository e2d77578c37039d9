"""One run at a time per project: `clean`, `validate`, `build` and `report` hold an exclusive
`fcntl` lock on `data/.dtanalysis.lock` while they write. A second run waits a few seconds,
then refuses with a `BusyError` naming the run that holds it; the operating system releases
the lock when its process ends, even by `kill -9`, so a crash never leaves the project locked.

The lock is taken once per run, by its outermost call (`build`, `report`, `compare`, `clean`,
`validate`); what they call below takes their `Paths` and runs under their lock. Taking it
again in the thread that holds it is a programming error (RuntimeError), never a silent
nesting. A project whose folder cannot be written is refused here, in one line, before any
work.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import BusyError, StorageError
from .files import disk_reason
from .paths import Paths

LOCK_FILE = ".dtanalysis.lock"  # in data/
DEFAULT_WAIT = 3.0  # seconds a second run waits for the first before refusing

_held: dict[str, int] = {}  # lock path → owning thread
_guard = threading.Lock()

def lock_path(paths: Paths):
    return paths.root / "data" / LOCK_FILE

@contextmanager
def project_lock(paths: Paths, command: str, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the project's lock inside the block (see the module's docstring)."""
    path = lock_path(paths)
    key, me = str(path), threading.get_ident()
    with _guard:
        if _held.get(key) == me:
            raise RuntimeError(f"`dtanalysis {command}` asked for the project lock its own "
                               "run already holds: a call under a run's lock takes its Paths "
                               "and does not lock again")
    fd = _open(paths, path)
    try:
        _acquire(fd, path, wait)
        os.ftruncate(fd, 0)
        os.write(fd, (f"pid {os.getpid()}, `dtanalysis {command}`, since "
                      f"{dt.datetime.now().strftime('%H:%M:%S')}\n").encode())
        with _guard:
            _held[key] = me
        try:
            yield
        finally:
            with _guard:
                del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)

def _open(paths: Paths, path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        reason = disk_reason(error)
        if reason is None:
            raise
        raise StorageError(f"{paths.root} cannot be written ({reason}): dtanalysis writes "
                           "data/processed and reports there",
                           hint="fix the folder's permissions, or copy the project to a "
                                "writable folder") from error

def _acquire(fd: int, path, wait: float) -> None:
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                try:
                    holder = path.read_text(encoding="utf-8").strip() or "another run"
                except OSError:
                    holder = "another run"
                raise BusyError(f"the project is busy: {holder} is using it",
                                hint="wait for it to finish (or stop it), then run again",
                                ) from None
            time.sleep(0.1)

__all__ = ["DEFAULT_WAIT", "LOCK_FILE", "lock_path", "project_lock"]
