"""TEST-ONLY pause points: a run started with `DTANALYSIS_TEST_PAUSE_AT=<point>` stops at that
point, writes `dtanalysis-test-paused-at <point>` to stderr and sleeps (60 s, or
`DTANALYSIS_TEST_PAUSE_SECONDS`), so a test can `kill -9` or interrupt a real process at a
known moment (tests/test_faults.py). Without the variable a pause point is one dictionary
lookup. Points: see `POINTS`.

TEST-ONLY faults on Dask workers (`fault_point`): `DTANALYSIS_TEST_FAULTS=<fault>:<key>,…`
with `DTANALYSIS_TEST_FAULT_DIR=<folder>` makes the named fault happen once (the first process
to reach it leaves a marker in the folder, so a retry elsewhere goes through; a test re-arms
one by removing its marker): `kernel-start` (a report's kernel cannot be started),
`worker-kill` (the worker process is killed) and `copy-lost` (the machine's copy of the
project is removed as the report starts), keyed by the report's slug.
"""

from __future__ import annotations

import os
import time

POINTS = (
    "clean:staged",         # the new tables written to the staging folder, not validated
    "swap:old-moved",       # between the two renames of a swap (the target is missing)
    "swap:new-in-place",    # after the swap, before the old folder is removed
    "report:written",       # a report's page and notebook replaced, its record not yet
    "reports:started",      # a build's reports about to run (data/processed swapped in)
)


def pause_point(point: str) -> None:
    if os.environ.get("DTANALYSIS_TEST_PAUSE_AT") != point:
        return
    os.write(2, f"dtanalysis-test-paused-at {point} {os.getpid()}\n".encode())
    time.sleep(float(os.environ.get("DTANALYSIS_TEST_PAUSE_SECONDS", "60")))


FAULTS = ("kernel-start", "worker-kill", "copy-lost")


def fault_point(fault: str, key: str) -> bool:
    """True the first time (across processes) `fault` is reached for `key` when
    DTANALYSIS_TEST_FAULTS names `<fault>:<key>`; False otherwise (one lookup)."""
    wanted = os.environ.get("DTANALYSIS_TEST_FAULTS")
    if not wanted or f"{fault}:{key}" not in wanted.split(","):
        return False
    marker = os.path.join(os.environ.get("DTANALYSIS_TEST_FAULT_DIR", "."), f"{fault}-{key}")
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True
