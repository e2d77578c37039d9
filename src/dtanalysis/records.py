"""The record each report run leaves beside its page (`<slug>.json`): what ran, on which
inputs, when, and how it ended. The runner writes it; the index page reads it. There must be no
other dtanalysis import in this module: the runner and the site both stand above it.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

# Every key a record holds (a record written by an older version may lack some).
FIELDS = ("kind", "label", "slug", "unit_set", "lang", "parameters", "run_date", "data_version",
          "package_version", "commit", "inputs_hash", "html", "ipynb", "status", "error",
          "seconds", "html_sha256", "html_bytes", "html_mtime_ns", "standing", "exports_error", "last_good")
# "standing" (province reports): one dict per index of the catalogue, as in the briefing —
# index, label, year, rank, rank_status, score, score_status, score_decimals, n_units,
# rank_delta (places gained), previous_year, published (the index has a table for the set),
# gap_years (later years it published without a value for the unit).
# "last_good" (a failed report whose last good page was kept): that page's run_date and
# data_version; the page carries a banner saying it is stale and why.

# How a report run ended (`runner.context.Outcome.status`), and a record's `status`: OK (the page
# was written), SKIPPED (its inputs had not changed since its last good run: nothing ran, and
# its record is left as it was, so a record is OK or FAILED), FAILED (the run wrote no new page;
# `error` says why). In this order wherever they are counted (the run log, the operations
# page). Not the statuses of a value (`vocab.STATUSES`).
OK, SKIPPED, FAILED = "ok", "skipped", "failed"
OUTCOMES = (OK, SKIPPED, FAILED)
RECORD_STATUSES = (OK, FAILED)


def record_problem(record: dict) -> str | None:
    """Why `record` is not one this module describes (a key outside FIELDS, a status outside
    RECORD_STATUSES), or None."""
    unknown = [key for key in record if key not in FIELDS]
    if unknown:
        return f"a run record has no field {', '.join(map(repr, unknown))} (records.FIELDS)"
    if "status" in record and record["status"] not in RECORD_STATUSES:
        return (f"a run record's status is one of {', '.join(RECORD_STATUSES)}, "
                f"not {record['status']!r}")
    return None


def write_record(path: Path, record: dict) -> None:
    """Write through a hidden temporary and a rename: a crash leaves the old record or the new
    one, never half of one (the temporary's name follows `files.temporary_for`). A record with
    a key outside FIELDS or a status outside RECORD_STATUSES is a bug of its writer: ValueError,
    nothing written."""
    problem = record_problem(record)
    if problem:
        raise ValueError(problem)
    path = Path(path)
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_record(path: Path) -> dict:
    """The record at `path`, or {} when it is missing or not readable JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def read_records(folder: Path) -> list[dict]:
    """Every readable record in `folder`, in file-name order."""
    return [record for path in sorted(Path(folder).glob("*.json"))
            if (record := read_record(path))]
