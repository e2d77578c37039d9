"""The run log, `reports/runs.jsonl`: one JSON line per `build` / `report` run, appended when
the run ends, for schedulers (cron, systemd, CI) and for whoever asks "did last night's refresh
work?".

Each line: `command`, `argv`, `start` / `end` (ISO 8601 UTC), `seconds`, `exit_code` (see
`dtanalysis.cli`), `data_version` (of data/processed after the run, or null), `cleaned` (true
when this run rebuilt data/processed, false when it was up to date, null for `report`),
`counts` (`total`, `ok`, `skipped`, `failed` reports), `rebuilt` (labels of the reports run
successfully), `failures` (`label`, `unit_set`, `error` of each failed report), `error` (the
one-line error of a run that stopped, exit code 2, or the reason cleaning was refused).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..paths import MANIFEST, Paths
from ..records import FAILED, OK, OUTCOMES

RUN_LOG = "runs.jsonl"


def run_log_path(paths: Paths) -> Path:
    return paths.reports / RUN_LOG


def run_entry(command: str, argv: list[str], start: str, end: str, seconds: float,
              exit_code: int, paths: Paths, result=None, error: str | None = None) -> dict:
    """The log line of one run; `result` is a `BuildResult` or `ReportsResult` (or None when
    the run stopped on an error)."""
    reports = getattr(result, "reports", result)
    clean = getattr(result, "clean", None)
    outcomes = list(getattr(reports, "outcomes", None) or [])
    if clean is not None and not clean.ok and error is None:
        error = clean.refused or "validation failed"
    try:  # plain JSON: a run that stopped on an error must not pay for importing pandas
        version = json.loads((paths.processed / MANIFEST).read_text(encoding="utf-8")).get(
            "data_version")
    except (OSError, ValueError, AttributeError):
        version = None
    return {
        "command": command, "argv": argv, "start": start, "end": end,
        "seconds": round(seconds, 2), "exit_code": exit_code, "data_version": version,
        "cleaned": (None if command != "build" or result is None else clean is not None),
        "counts": {"total": len(outcomes),
                   **{s: sum(o.status == s for o in outcomes) for s in OUTCOMES}},
        "rebuilt": [o.job.label for o in outcomes if o.status == OK],
        "failures": [{"label": o.job.label, "unit_set": o.job.unit_set, "error": o.error}
                     for o in outcomes if o.status == FAILED],
        "error": error,
    }


def append_run(paths: Paths, entry: dict) -> Path:
    """Append `entry` as one line (a single write, so concurrent runs do not interleave)."""
    path = run_log_path(paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)
    return path


def read_runs(paths: Paths, last: int | None = None) -> list[dict]:
    """The logged runs, oldest first (the `last` ones); unreadable lines (not UTF-8, not JSON, not
    an object) are skipped."""
    try:
        lines = run_log_path(paths).read_bytes().splitlines()
    except OSError:
        return []
    runs = []
    for line in lines:
        try:  # a line that is not UTF-8 JSON of one run (a damaged log) is skipped
            run = json.loads(line.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            continue
        if isinstance(run, dict):
            runs.append(run)
    return runs[-last:] if last else runs
