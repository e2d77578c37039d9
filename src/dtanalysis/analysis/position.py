"""Section 3, national position: the latest complete ranking of the set, each unit with its region
and its rank within the region."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from .data import Data, memo, n_units, overall_rows, plain_value, units


@dataclass(frozen=True)
class Position:
    unit_set: str
    year: int | None  # the ranking shown (None: no rank of the set at all)
    complete: bool  # every unit of the set has a rank that year
    n_ranked: int
    n_units: int
    table: pd.DataFrame  # one row per ranked unit, best first
    code: str | None = None

    @property
    def row(self) -> pd.Series | None:
        if self.code is None:
            return None
        rows = self.table[self.table["province_code"] == self.code]
        return None if rows.empty else rows.iloc[0]


def complete_ranking_years(data: Data, unit_set: str, index: str = "dti") -> list[int]:
    """Years whose overall ranking of the set (by the index, default DTI) has a rank for every
    unit."""
    rows = overall_rows(data, unit_set, index)
    counts = rows[rows["rank"].notna()].groupby("year")["province_code"].nunique()
    size = n_units(data, unit_set)
    return sorted(int(y) for y, n in counts.items() if n == size)


def national_position(data: Data, unit_set: str, year: int | None = None,
                      code: str | None = None, index: str = "dti",
                      exact: bool = False) -> Position:
    """The latest complete overall ranking of the set at or before `year` (every unit ranked),
    with each unit's region and its rank within the region. When no ranking is complete, the
    latest one with the most ranks, flagged `complete=False`. `index`: DTI by default, or any
    index of the catalogue. `exact`: the ranking of `year` itself (complete or not). The
    ranking is built once per Data, set, year and index (every unit's report shows it); each
    caller gets its own copy of the table."""
    held = memo(data, ("national_position", unit_set, year, index, exact),
                lambda: _national_position(data, unit_set, year, index, exact))
    return replace(held, table=held.table.copy(), code=code)


def _national_position(data: Data, unit_set: str, year: int | None, index: str,
                       exact: bool) -> Position:
    code = None
    rows = overall_rows(data, unit_set, index)
    ranked = rows[rows["rank"].notna()]
    if year is not None:
        ranked = ranked[ranked["year"] <= year]
    size = n_units(data, unit_set)
    complete = [y for y in complete_ranking_years(data, unit_set, index)
                if year is None or y <= year]
    if exact and year is not None and (ranked["year"] == year).any():
        chosen, is_complete = year, year in complete
    elif complete:
        chosen, is_complete = complete[-1], True
    elif not ranked.empty:
        counts = ranked.groupby("year")["province_code"].nunique()
        chosen = int(counts[counts == counts.max()].index.max())
        is_complete = False
    else:
        return Position(unit_set, None, False, 0, size, _position_frame([]), code)
    table = ranked[ranked["year"] == chosen]
    info = units(data, unit_set).set_index("province_code")
    records = []
    for _, r in table.iterrows():
        u = info.loc[r["province_code"]]
        records.append({
            "province_code": r["province_code"], "name": u["short_name"],
            "region": u["region"], "region_en": u["region_en"],
            "rank": int(r["rank"]), "rank_status": plain_value(r["rank_status"]),
            "score": plain_value(r["score"]), "score_status": plain_value(r["score_status"]),
            "source": plain_value(r["source"]), "note": plain_value(r["note"]),
        })
    frame = _position_frame(records)
    frame["rank_in_region"] = (frame.groupby("region")["rank"].rank(method="min")
                               .astype("Int64"))
    frame["region_ranked"] = frame.groupby("region")["rank"].transform("size").astype("Int64")
    return Position(unit_set, chosen, is_complete, len(frame), size, frame, code)


def _position_frame(records: list[dict]) -> pd.DataFrame:
    columns = ["province_code", "name", "region", "region_en", "rank", "rank_status", "score",
               "score_status", "source", "note"]
    frame = pd.DataFrame(records, columns=columns)
    frame["rank"] = frame["rank"].astype("Int64")
    frame["score"] = pd.to_numeric(frame["score"]).astype("Float64")
    frame = frame.sort_values(["rank", "name"], ignore_index=True)
    if frame.empty:
        frame["rank_in_region"] = pd.Series(dtype="Int64")
        frame["region_ranked"] = pd.Series(dtype="Int64")
    return frame
