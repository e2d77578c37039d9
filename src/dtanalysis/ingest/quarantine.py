"""Rows that could not be cleaned. Nothing is dropped silently: each goes to
`data/processed/quarantine.csv` with its file, line, the province it names (as written, from
whichever column the reader recognised as the province or code column, so a report can
attribute it), its raw values and the reason.

Every reader `clean` calls returns one shape, `ReadResult`: the rows it read, each with its
provenance (`source`, `source_file`, `source_line` where the table has them), and the rows it
quarantined. A reader that has more to say extends it (the DTI press facts' aggregates, the
national indices' catalogue and collapsed scores)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd

from ..vocab import QUARANTINE_COLUMNS


@dataclass(frozen=True)
class Quarantined:
    table: str
    source_file: str
    source_line: int
    raw: dict
    reason: str
    province: str | None = None  # the province cell as written (may name several)
    province_code: str | None = None  # the code cell as written

    def as_row(self) -> dict:
        return {
            "table": self.table,
            "source_file": self.source_file,
            "source_line": self.source_line,
            "province": self.province or None,
            "province_code": self.province_code or None,
            "raw": json.dumps(self.raw, ensure_ascii=False, sort_keys=True, default=str),
            "reason": self.reason,
        }


@dataclass
class ReadResult:
    """What a reader of `data/raw` returns (module docstring)."""

    rows: list[dict] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)

    def add(self, other: ReadResult) -> None:
        """Take `other`'s rows and quarantined rows after this one's."""
        self.rows += other.rows
        self.quarantined += other.quarantined


def to_frame(items: list[Quarantined]) -> pd.DataFrame:
    frame = pd.DataFrame([q.as_row() for q in items], columns=list(QUARANTINE_COLUMNS))
    frame = frame.astype({"table": "string", "source_file": "string", "raw": "string",
                          "reason": "string", "source_line": "Int64", "province": "string",
                          "province_code": "string"})
    return frame.sort_values(["source_file", "source_line", "reason"], kind="stable",
                             ignore_index=True)


def summary(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "quarantine: no rows"
    lines = [(f"quarantine: {len(frame)} row(s) could not be cleaned "
              "(see data/processed/quarantine.csv)")]
    for row in frame.itertuples(index=False):
        lines.append(f"  {row.source_file}:{row.source_line}  {row.reason}")
    return "\n".join(lines)
