"""What a validation found, in plain words: one `Failure` per failed expectation with up to
ten offending rows and where each came from, per-table counts, and the text the command line
prints and `validation.json` stores."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

MAX_ROWS_SHOWN = 10


@dataclass
class Failure:
    """One failed expectation of one table."""

    table: str
    column: str | None  # the expectation's column(s) as in the suite; None for table-level
    expectation: str  # GX expectation type
    description: str  # meta.description: what is expected, in plain words
    checked: list[str] = field(default_factory=list)  # table columns it reads
    unexpected_count: int | None = None
    element_count: int | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)  # up to MAX_ROWS_SHOWN offenders
    observed: Any = None  # for table-level expectations (types, column sets)
    error: str | None = None  # GX raised instead of evaluating

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table, "column": self.column, "checked": list(self.checked),
            "expectation": self.expectation, "description": self.description,
            "unexpected_count": self.unexpected_count, "element_count": self.element_count,
            "observed": jsonable(self.observed), "error": self.error,
            "rows": jsonable(self.rows),
        }

    def format(self) -> str:
        where = self.column or "(table)"
        if self.checked and self.checked != [self.column]:
            where = f"{where} [{', '.join(self.checked)}]"
        lines = [f"FAIL {self.table}.{where}: {self.description}"]
        detail = f"  {self.expectation}"
        if self.unexpected_count is not None:
            detail += f": {self.unexpected_count} of {self.element_count} rows unexpected"
        if self.observed is not None:
            detail += f"; observed {_text(self.observed)}"
        lines.append(detail)
        if self.error:
            lines.append(f"  error: {self.error}")
        for row in self.rows:
            values = ", ".join(f"{k}={_text(v)}" for k, v in row["values"].items())
            lines.append(f"  row {row['row']}: {values} | source_file={_text(row['source_file'])}"
                         f" source_line={_text(row['source_line'])}")
        hidden = (self.unexpected_count or 0) - len(self.rows)
        if self.rows and hidden > 0:
            lines.append(f"  ... and {hidden} more rows")
        return "\n".join(lines)


@dataclass
class TableStatistics:
    rows: int
    evaluated: int  # expectations evaluated
    successful: int

    @property
    def failed(self) -> int:
        return self.evaluated - self.successful


@dataclass
class ValidationReport:
    success: bool
    failures: list[Failure]
    statistics: dict[str, TableStatistics]
    data_docs: Path | None = None  # index.html of the Data Docs site, when built

    def add_checks(self, evaluated: dict[str, int], failures: list[Failure]) -> None:
        """Add the results of checks run beside the suites (row-count floors): `evaluated`
        checks per table, of which `failures` failed."""
        for table, count in evaluated.items():
            stats = self.statistics.setdefault(table, TableStatistics(0, 0, 0))
            failed = sum(f.table == table for f in failures)
            stats.evaluated += count
            stats.successful += count - failed
        self.failures += failures
        self.success = self.success and not failures

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable summary (for `validation.json` and notebooks)."""
        evaluated = sum(s.evaluated for s in self.statistics.values())
        successful = sum(s.successful for s in self.statistics.values())
        return {
            "success": self.success,
            "evaluated": evaluated,
            "successful": successful,
            "tables": {name: {"rows": s.rows, "evaluated": s.evaluated,
                              "successful": s.successful, "failed": s.failed}
                       for name, s in self.statistics.items()},
            "failures": [f.to_dict() for f in self.failures],
            "data_docs": str(self.data_docs) if self.data_docs else None,
        }

    def format(self) -> str:
        """Plain text for the terminal: per-table counts, then every failed expectation with
        up to ten offending rows and where each came from."""
        evaluated = sum(s.evaluated for s in self.statistics.values())
        failed = sum(s.failed for s in self.statistics.values())
        head = ("validation passed" if self.success
                else f"validation FAILED: {failed} of {evaluated} expectations failed")
        lines = [f"{head} ({len(self.statistics)} tables)"]
        width = max((len(n) for n in self.statistics), default=5)
        for name, s in self.statistics.items():
            lines.append(f"  {name:<{width}}  {s.successful:>3}/{s.evaluated:<3} expectations "
                         f"passed  ({s.rows} rows)")
        for failure in self.failures:
            lines += ["", failure.format()]
        if self.data_docs:
            lines += ["", f"Data Docs: {self.data_docs}"]
        return "\n".join(lines)



def jsonable(value: Any) -> Any:
    """Plain JSON types: numpy scalars → Python, NA/NaN → None, dates → ISO text."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, np.ndarray)):
        return [jsonable(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str):
        return value
    return str(value)


def _text(value: Any) -> str:
    if value is None:
        return "<null>"
    if isinstance(value, str):
        return repr(value) if (value != value.strip() or value == "") else value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
