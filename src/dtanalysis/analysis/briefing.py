"""The one-page briefing: where a province stands on each index (one row per index, built by the
functions of `INDEX_ROWS`), its strongest and weakest sub-indices against the median, and its
progress toward its own targets — every value taken from the other analyses, none typed.

An index row leads with a published value (official or reported by the press): when the latest
value is derived or uncertain and an earlier published one exists, the row leads with the
published one and carries the later value beside it (`later`), so the report shows the mark and
the reason. A new index (PCI, PAPI, …) is one more function in `INDEX_ROWS` returning an
`IndexRow` — the briefing section draws whatever rows it gets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .data import Data, is_marked, name_of, overall_rows
from .headline import Headline, headline
from .pillars import pillars
from .targets import targets_progress

MIN_COMPARED = 3  # a "median" of fewer units with a value is not shown as a comparison
TOP_SUBINDICES = 2  # strongest and weakest shown


@dataclass(frozen=True)
class IndexRow:
    """A province's standing on one index: `lead` is the year the briefing leads with (a
    published value when one exists); `later` a later derived / uncertain value, or None."""

    index: str  # the index key ("dti"); its label is the text "bf_index_<index>"
    lead: Headline
    later: Headline | None = None

    @property
    def has_value(self) -> bool:
        return self.lead.rank is not None or self.lead.score is not None


def dti_row(data: Data, code: str, unit_set: str, year: int | None = None) -> IndexRow:
    """The overall DTI row: the latest year with a published rank (or score, when no rank was
    ever published) unless `year` is given; a later derived / uncertain value goes to `later`."""
    latest = headline(data, code, unit_set, year)
    if year is not None or latest.year is None or not _is_marked_lead(latest):
        return IndexRow("dti", latest)
    rows = overall_rows(data, unit_set)
    rows = rows[(rows["province_code"] == code) & (rows["year"] < latest.year)]
    published = rows[(rows["rank"].notna() & ~rows["rank_status"].map(_marked))
                     | (rows["rank"].isna() & rows["score"].notna()
                        & ~rows["score_status"].map(_marked))]
    if published.empty:
        return IndexRow("dti", latest)
    lead = headline(data, code, unit_set, int(published["year"].max()))
    return IndexRow("dti", lead, later=latest)


def _marked(status) -> bool:
    return is_marked(None if pd.isna(status) else str(status))


def _is_marked_lead(h: Headline) -> bool:
    """The value a headline leads with (rank, else score) is derived or uncertain."""
    if h.rank is not None:
        return is_marked(h.rank_status)
    return h.score is not None and is_marked(h.score_status)


# One function per index, in the order the briefing shows them. Each takes
# (data, code, unit_set, year) and returns an IndexRow, or None when the index does not apply.
INDEX_ROWS: list[Callable[[Data, str, str, int | None], IndexRow | None]] = [dti_row]


def index_rows(data: Data, code: str, unit_set: str, year: int | None = None) -> list[IndexRow]:
    rows = (build(data, code, unit_set, year) for build in INDEX_ROWS)
    return [row for row in rows if row is not None]


def subindex_standing(data: Data, code: str, unit_set: str,
                      year: int | None = None) -> pd.DataFrame:
    """The province's sub-indices (pillars, main indices) of the latest year (or `year`) in
    which it has at least one compared against a median of >= MIN_COMPARED units, strongest
    first: `basis` "rank" (when that year has ranks to compare) else "score"; `margin` > 0 =
    better than the median (places for ranks, points for scores). Empty when nothing can be
    compared (too few units with a value)."""
    frame = pillars(data, code, unit_set)
    columns = ["year", "metric", "basis", "value", "status", "median", "n", "margin", "source"]
    if year is not None:
        frame = frame[frame["year"] == year]
    for y in sorted(frame["year"].unique(), reverse=True):
        rows = frame[frame["year"] == y]
        for basis in ("rank", "score"):
            usable = rows[rows[basis].notna() & (rows[f"n_{basis}"] >= MIN_COMPARED)]
            if usable.empty:
                continue
            median = usable[f"median_{basis}"].astype(float)
            value = usable[basis].astype(float)
            out = pd.DataFrame({
                "year": int(y), "metric": usable["metric"], "basis": basis, "value": value,
                "status": usable[f"{basis}_status"], "median": median,
                "n": usable[f"n_{basis}"].astype(int),
                "margin": (median - value) if basis == "rank" else (value - median),
                "source": usable["source"],
            })
            return out.sort_values(["margin", "metric"], ascending=[False, True],
                                   ignore_index=True)[columns]
    return pd.DataFrame(columns=columns)


@dataclass(frozen=True)
class TargetSummary:
    total: int
    reached: int
    not_reached: int
    no_data: int  # no value reported up to the deadline: "no data", never "overdue"
    deadline_passed_not_reached: int  # a value exists, the deadline passed, not reached
    table: pd.DataFrame  # targets_progress rows


def target_summary(data: Data, code: str, unit_set: str,
                   as_of: dt.date | None = None) -> TargetSummary:
    table = targets_progress(data, code, unit_set, as_of)
    has_value = table["latest_value"].notna()
    reached = table["reached"].map(lambda r: r is True)
    return TargetSummary(
        total=len(table), reached=int(reached.sum()),
        not_reached=int((has_value & ~reached).sum()), no_data=int((~has_value).sum()),
        deadline_passed_not_reached=int((has_value & ~reached & table["deadline_passed"]).sum()),
        table=table)


@dataclass(frozen=True)
class Briefing:
    code: str
    unit_set: str
    name: str
    indices: list[IndexRow]
    subindices: pd.DataFrame  # subindex_standing, strongest first
    targets: TargetSummary

    @property
    def strongest(self) -> pd.DataFrame:
        s = self.subindices
        return s[s["margin"] > 0].head(TOP_SUBINDICES)

    @property
    def weakest(self) -> pd.DataFrame:
        s = self.subindices
        return s[s["margin"] < 0].iloc[::-1].head(TOP_SUBINDICES)


def briefing(data: Data, code: str, unit_set: str, year: int | None = None,
             as_of: dt.date | None = None) -> Briefing:
    return Briefing(code, unit_set, name_of(data, code, unit_set),
                    index_rows(data, code, unit_set, year), subindex_standing(data, code, unit_set, year),
                    target_summary(data, code, unit_set, as_of))
