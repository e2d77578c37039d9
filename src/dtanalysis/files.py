"""Writing files so that a crash never leaves half of one: every page, record and index is
written to a hidden temporary beside its target and renamed over it (a reader, or the next
run after `kill -9`, sees the old file or the new one, never a truncated one), and the disk's
refusals (full, size limit, read-only) become one-line `StorageError`s.

There must be no other dtanalysis import in this module but `errors`: every layer writes.
"""

from __future__ import annotations

import errno
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StorageError

TMP_MARK = ".tmp-"  # in the name of every temporary this module writes: `.<name>.tmp-<id>`
# errno → what to tell the user; pyarrow raises OSErrors without errno, so the text is matched
# too.
_DISK = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file size limit exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
}
_DISK_TEXT = {"No space left on device": errno.ENOSPC, "Disk quota exceeded": errno.EDQUOT,
              "File too large": errno.EFBIG, "Read-only file system": errno.EROFS,
              "Permission denied": errno.EACCES}


def temporary_for(path: Path, suffix: str = "") -> Path:
    """A hidden, unique temporary name beside `path` (same folder: the rename is atomic)."""
    path = Path(path)
    return path.parent / f".{path.name}{TMP_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}{suffix}"


def atomic_write(path: Path, data: str | bytes, encoding: str = "utf-8") -> None:
    """Write `data` to `path` through a temporary and a rename; on any error the temporary
    is removed and `path` keeps its old content."""
    path = Path(path)
    tmp = temporary_for(path)
    try:
        with disk_errors(f"writing {path}"):
            if isinstance(data, str):
                tmp.write_text(data, encoding=encoding)
            else:
                tmp.write_bytes(data)
            os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def remove_temporaries(folder: Path) -> int:
    """Remove temporaries left in `folder` (recursively) by a run that was killed; call it
    only while holding the project lock. Returns how many were removed."""
    removed = 0
    if Path(folder).is_dir():
        for path in list(Path(folder).rglob(f".*{TMP_MARK}*")):
            if path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
            elif path.is_dir():  # a report's numbers being written (runner.execute)
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
    return removed


def disk_reason(error: BaseException) -> str | None:
    """What the disk said, in words, when `error` is a refusal of the disk; else None."""
    if not isinstance(error, OSError):
        return None
    if error.errno in _DISK:
        return _DISK[error.errno]
    for text, code in _DISK_TEXT.items():
        if text in str(error):
            return _DISK[code]
    return None


@contextmanager
def disk_errors(what: str, hint: str | None = None) -> Iterator[None]:
    """Turn the disk's refusals inside the block into a StorageError: `<what>: <reason>`."""
    try:
        yield
    except OSError as error:
        reason = disk_reason(error)
        if reason is None:
            raise
        raise StorageError(f"{what}: {reason}",
                           hint=hint or "free some space or fix the permissions, then run "
                                        "again") from error
