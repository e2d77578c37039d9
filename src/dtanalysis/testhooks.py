"""TEST-ONLY pause points: a run started with `DTANALYSIS_TEST_PAUSE_AT=<point>` stops at that
point, writes `dtanalysis-test-paused-at <point>` to stderr and sleeps (60 s, or
`DTANALYSIS_TEST_PAUSE_SECONDS`), so a test can `kill -9` or interrupt a real process at a
known moment (tests/test_faults.py). Without the variable a pause point is one dictionary
lookup. Points: see `POINTS`.
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
