"""The facts the briefing's headline sentence says, as data: where the unit stands on each index
(rank of N and year), which index it stands best and worst on, and how many of its own targets
are met. The sentence's wording is the report's (`report.sections.briefing`); which values may
lead and how a target is judged are the rules of `analysis.briefing` and `analysis.targets`,
called here, never restated.

An index is compared with another by the share of the ranked units at or above the unit's
place (rank / N: 8 of 63 is 0.13, 1 of 63 is 0.02) — ranks among all N, never a median of
a few. An uncertain rank (‡) is not a place to lead with: it is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .briefing import IndexRow, TargetSummary


@dataclass(frozen=True)
class IndexPlace:
    index: str
    year: int
    rank: int
    n_units: int
    status: str | None

    @property
    def share(self) -> float:
        """rank / N: the smaller, the better placed among all ranked units."""
        return self.rank / self.n_units


def index_places(rows: list[IndexRow]) -> list[IndexPlace]:
    """The rank each index row leads with, in the rows' order; a row without a rank, or whose
    rank is uncertain (‡), has none."""
    places = []
    for row in rows:
        h = row.lead
        if h.rank is None or h.year is None or not h.n_units or h.rank_status == "uncertain":
            continue
        places.append(IndexPlace(row.index, int(h.year), int(h.rank), int(h.n_units),
                                 h.rank_status))
    return places


def strongest_weakest(places: list[IndexPlace]) -> tuple[IndexPlace | None, IndexPlace | None]:
    """The index the unit is best and worst placed on (smallest and largest rank / N); both
    None with fewer than two places, or when every place has the same share (nothing to tell
    apart)."""
    if len(places) < 2:
        return None, None
    ordered = sorted(places, key=lambda p: (p.share, p.index))
    best, worst = ordered[0], ordered[-1]
    if best.share == worst.share:
        return None, None
    return best, worst


@dataclass(frozen=True)
class TargetsMet:
    met: int
    total: int
    year: int | None  # the latest year of a value the targets were judged on

    @property
    def percent(self) -> float | None:
        return None if not self.total else 100.0 * self.met / self.total


def targets_met(summary: TargetSummary) -> TargetsMet:
    """How many of the unit's targets are met (the verdicts of `analysis.briefing`'s
    `target_summary`), of how many, and the latest year of a value judged."""
    table = summary.table
    dates = pd.to_datetime(table["latest_date"], errors="coerce").dropna() \
        if "latest_date" in table else pd.Series(dtype="datetime64[ns]")
    year = int(dates.max().year) if not dates.empty else None
    return TargetsMet(met=int(summary.reached), total=int(summary.total), year=year)
