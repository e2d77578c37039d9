"""What a map of an index shows: every unit of a set with its rank in the index's latest ranking
(`indices.latest_rankings`: the latest year ranking at least half the units, else the year
ranking the most), or why it has none.

A unit is coloured only by a rank it has that year that is not uncertain (‡): an uncertain
rank never leads (it is listed in the map's table with its mark and reason). A unit without a
drawn rank carries a `reason`:

- `uncertain`: its rank that year is uncertain (‡);
- `listed`: it is in the year's table without a rank (the table's note says why);
- `not_ranked`: the year's table holds ranks for other units, not for this one (how many of
  the set's units it holds is `n_ranked`; a method change in force, e.g. PCI's top 30 from
  2023, is in `methods`);
- `no_table`: the index has no ranking of the set at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..vocab import STATUSES
from .data import Data, memo, plain_value, units
from .indices import latest_rankings, shared_catalogue, year_summaries

REASONS = ("uncertain", "listed", "not_ranked", "no_table")


@dataclass(frozen=True)
class MapRanks:
    index: str
    label: str  # the index's short name (DTI, PCI, PAPI)
    unit_set: str
    year: int | None  # the ranking drawn (None: no ranking of the set)
    n_units: int
    out_of: int  # ranks are places among this many units
    n_ranked: int  # units with a rank that year, every status counted
    by_status: dict  # status → units ranked with it that year (every status of vocab)
    methods: tuple[int, ...]  # years of the index's method changes in force that year
    table: pd.DataFrame  # one row per unit of the set (code order): see MAP_COLUMNS

    @property
    def drawn(self) -> pd.DataFrame:
        return self.table[self.table["drawn"]]


MAP_COLUMNS = ["province_code", "name", "region", "region_en", "rank", "rank_status", "score",
               "score_status", "source", "note", "drawn", "reason"]


def map_ranks(data: Data, unit_set: str, index: str) -> MapRanks:
    """Every unit of the set with its rank in the index's latest ranking, or the reason it
    has none drawn. Once per Data, set and index (the overview and every report read it)."""
    return memo(data, ("map_ranks", unit_set, index),
                lambda: _map_ranks(data, unit_set, index))


def _map_ranks(data: Data, unit_set: str, index: str) -> MapRanks:
    cat = shared_catalogue(data).set_index("index")
    label = str(cat.loc[index, "label"])
    everyone = units(data, unit_set)
    n_set = len(everyone)
    ranking = next((r for r in latest_rankings(data, unit_set) if r.index == index), None)
    if ranking is None:
        table = pd.DataFrame([{
            "province_code": u.province_code, "name": u.short_name, "region": u.region,
            "region_en": u.region_en, "rank": pd.NA, "rank_status": None, "score": None,
            "score_status": None, "source": None, "note": None, "drawn": False,
            "reason": "no_table"} for u in everyone.itertuples(index=False)],
            columns=MAP_COLUMNS)
        return MapRanks(index, label, unit_set, None, n_set, n_set, 0,
                        dict.fromkeys(STATUSES, 0), (), table)
    year = ranking.year
    own, national = next(((o, n) for y, o, n in year_summaries(data, index, unit_set,
                                                       cat.loc[index, "root"]) if y == year),
                         ({}, {"out_of": n_set}))
    records = []
    for u in everyone.itertuples(index=False):
        row = own.get(u.province_code)
        rank = row["rank"] if row is not None else pd.NA
        status = plain_value(row["rank_status"]) if row is not None else None
        has_rank = row is not None and not pd.isna(rank)
        if has_rank and status == "uncertain":
            reason = "uncertain"
        elif has_rank:
            reason = None
        elif row is not None:
            reason = "listed"
        else:
            reason = "not_ranked"
        records.append({
            "province_code": u.province_code, "name": u.short_name, "region": u.region,
            "region_en": u.region_en, "rank": int(rank) if has_rank else pd.NA,
            "rank_status": status if has_rank else None,
            "score": plain_value(row["score"]) if row is not None else None,
            "score_status": plain_value(row["score_status"]) if row is not None else None,
            "source": plain_value(row["source"]) if row is not None else None,
            "note": plain_value(row["note"]) if row is not None else None,
            "drawn": reason is None, "reason": reason})
    table = pd.DataFrame(records, columns=MAP_COLUMNS)
    table["rank"] = table["rank"].astype("Int64")
    statuses = table.loc[table["rank"].notna(), "rank_status"]
    by_status = {s: int((statuses == s).sum()) for s in STATUSES}
    methods = data.index_methods[data.index_methods["index"] == index]
    in_force = tuple(sorted(int(y) for y in methods["year"] if int(y) <= year))
    return MapRanks(index, label, unit_set, year, n_set, int(national["out_of"]),
                    int(table["rank"].notna().sum()), by_status, in_force, table)


def rank_classes(out_of: int, k: int = 5) -> list[tuple[int, int]]:
    """`k` classes of ranks 1..out_of as (first, last), as equal as whole ranks allow (1–13,
    14–26, 27–38, 39–51, 52–63 for 63); fewer when there are fewer ranks than classes."""
    k = max(1, min(k, out_of))
    edges = [round(i * out_of / k) for i in range(k + 1)]
    return [(edges[i] + 1, edges[i + 1]) for i in range(k)]


def rank_class(rank: object, classes: list[tuple[int, int]]) -> int | None:
    """The class (0 = best) a rank falls in, None for no rank; a rank beyond the last class
    (a tie past `out_of`) is in the last."""
    if rank is None or pd.isna(rank):
        return None
    for i, (_, last) in enumerate(classes):
        if int(rank) <= last:
            return i
    return len(classes) - 1

