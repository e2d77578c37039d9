"""TEST-ONLY: put on PYTHONPATH of Dask workers (and so of the kernels they start) by
tests/runner/test_distributed.py. With DTANALYSIS_TEST_FORBID=<folder>, an audit hook refuses
every open, listing, chdir and subprocess cwd inside that folder (the client's project): a
worker that read or wrote the client's files, as on a shared filesystem, fails loudly."""

import os
import sys

_FORBIDDEN = os.environ.get("DTANALYSIS_TEST_FORBID")


def _inside(path) -> bool:
    if path is None or isinstance(path, int):
        return False
    try:
        real = os.path.realpath(os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    return real == _ROOT or real.startswith(_ROOT + os.sep)


def _hook(event, args):
    if event in ("open", "os.listdir", "os.scandir", "os.chdir", "os.mkdir", "os.rename",
                 "os.remove", "shutil.copytree", "shutil.rmtree"):
        path = args[0] if args else None
    elif event == "subprocess.Popen":
        path = args[2] if len(args) > 2 else None
    else:
        return
    if _inside(path):
        raise PermissionError(f"TEST: {path} is in the client's project, not on this worker")


if _FORBIDDEN:
    _ROOT = os.path.realpath(_FORBIDDEN)
    sys.addaudithook(_hook)
