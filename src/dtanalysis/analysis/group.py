"""A chosen group of units side by side (`dtanalysis compare`, `dtanalysis.compare`): every
catalogue index's values of each unit as one tidy table, each unit's latest value per index,
their targets, the indicators they share, and the 2025 merger where they merged together.

Ranks and scores stay inside one index, one year and one unit set; a value never published
is no row. Asked for (`with_reason`), a year an index published for the set without a value for
the unit — or a year it has no table for the set — is a row without score and rank, whose
`reason` says which of these it is (the words a page prints are `report.i18n`'s)."""

from __future__ import annotations

import pandas as pd

from . import indices as ix
from .data import Data, memo, n_units, name_of, plain_value
from .targets import targets_progress

# Why a unit has no value in a year of an index (the `reason` column):
LISTED_WITHOUT_VALUE = "listed_without_value"   # in the year's table, without score or rank
NOT_IN_TABLES_HELD = "not_in_tables_held"       # the tables held here have no row of the unit
NO_TABLE_FOR_SET = "no_table_for_set"           # no table of the set that year (another set's)
NOT_YET_FORMED = "unit_not_yet_formed"          # a unit of 2025, a year before any table of it
REASONS = (LISTED_WITHOUT_VALUE, NOT_IN_TABLES_HELD, NO_TABLE_FOR_SET, NOT_YET_FORMED)
FIRST_YEAR_OF_34 = 2025  # the 34 units were formed on 1 July 2025 (DTI 2024 ranked them too)

GROUP_COLUMNS = ["unit_set", "province_code", "name", "index", "year", "metric", "score",
                 "rank", "out_of", "n_ranked", "n_units", "status", "score_status",
                 "rank_status", "source", "note"]


def group_scores(data: Data, codes: list[str], unit_set: str,
                 with_reason: bool = False) -> pd.DataFrame:
    """One row per (unit, index, year, metric) with a score or a rank in `index_scores`:
    the unit's code and name, the value, its rank `out_of` units (the units ranked when the
    year's ranking is complete, else the whole set: `indices.ranked_out_of`), how many units
    that year ranks (`n_ranked`) of the set's `n_units`, statuses, source and note; units in
    the order given, then index (the catalogue's order), year, metric. `with_reason`: also a
    row per gap of an index's overall metric (see the module), with `reason`."""
    scores = data.index_scores
    order = {c: i for i, c in enumerate(codes)}
    catalogue = ix.catalogue(data)
    index_order = {i: n for n, i in enumerate(catalogue["index"])}
    rows = scores[(scores["unit_set"] == unit_set) & scores["province_code"].isin(codes)
                  & (scores["score"].notna() | scores["rank"].notna())].copy()
    counts = _ranked_counts(data, unit_set)
    n_set = n_units(data, unit_set)
    keys = list(zip(rows["index"], rows["year"].astype(int), rows["metric"]))
    rows["n_ranked"] = [counts.get(k, (0, float("nan")))[0] for k in keys]
    rows["out_of"] = [ix.ranked_out_of(*counts.get(k, (0, float("nan"))), n_set) for k in keys]
    rows["n_units"] = n_set
    rows["name"] = [name_of(data, c, unit_set) for c in rows["province_code"]]
    rows = rows[GROUP_COLUMNS]
    if with_reason:
        rows = rows.assign(reason=pd.Series([pd.NA] * len(rows), index=rows.index,
                                            dtype="string"))
        gaps = _gap_rows(data, codes, unit_set, catalogue, counts, n_set)
        if gaps:
            rows = pd.concat([rows, pd.DataFrame(gaps, columns=[*GROUP_COLUMNS, "reason"])],
                             ignore_index=True)
    rows = rows.assign(_u=rows["province_code"].map(order), _i=rows["index"].map(index_order))
    rows = rows.sort_values(["_u", "_i", "year", "metric"], kind="stable").drop(
        columns=["_u", "_i"])
    rows = rows.reset_index(drop=True)
    rows["year"] = rows["year"].astype("int64")
    for column in ("rank", "out_of", "n_ranked", "n_units"):
        rows[column] = pd.to_numeric(rows[column]).astype("Int64")
    rows["score"] = pd.to_numeric(rows["score"]).astype("Float64")
    return rows


def _ranked_counts(data: Data, unit_set: str) -> dict[tuple, tuple[int, float]]:
    """(index, year, metric) → (units ranked, highest rank) in the set, once per Data."""
    def build():
        rows = data.index_scores[data.index_scores["unit_set"] == unit_set]
        grouped = rows.groupby(["index", "year", "metric"])["rank"]
        return {(i, int(y), m): (int(n), float(top) if pd.notna(top) else float("nan"))
                for (i, y, m), n, top in zip(grouped.count().index, grouped.count(),
                                             grouped.max())}
    return memo(data, ("group_ranked_counts", unit_set), build)


def _gap_rows(data: Data, codes: list[str], unit_set: str, catalogue: pd.DataFrame,
              counts: dict, n_set: int) -> list[dict]:
    out = []
    for entry in catalogue.itertuples(index=False):
        any_set = sorted({int(y) for y in data.index_scores.loc[
            data.index_scores["index"] == entry.index, "year"]})
        for code in codes:
            name = name_of(data, code, unit_set)
            traj = ix.trajectory(data, code, unit_set, entry.index)
            published = {int(y) for y in traj["year"]}
            for row in traj[traj["score"].isna() & traj["rank"].isna()].itertuples(index=False):
                out.append(_gap(unit_set, code, name, entry.index, int(row.year), entry.root,
                                LISTED_WITHOUT_VALUE if row.listed else NOT_IN_TABLES_HELD,
                                row.note if row.listed else None, int(row.n_rank),
                                int(row.out_of), n_set))
            for year in any_set:
                if year not in published:
                    reason = (NOT_YET_FORMED if unit_set == "34" and year < FIRST_YEAR_OF_34
                              else NO_TABLE_FOR_SET)
                    out.append(_gap(unit_set, code, name, entry.index, year, entry.root,
                                    reason, None, 0, n_set, n_set))
    return out


def _gap(unit_set, code, name, index, year, metric, reason, note, n_ranked, out_of,
         n_set) -> dict:
    return {"unit_set": unit_set, "province_code": code, "name": name, "index": index,
            "year": year, "metric": metric, "score": None, "rank": None, "out_of": out_of,
            "n_ranked": n_ranked, "n_units": n_set, "status": None, "score_status": None,
            "rank_status": None, "source": None, "note": plain_value(note), "reason": reason}


def latest_side_by_side(data: Data, codes: list[str], unit_set: str) -> pd.DataFrame:
    """Per index of the catalogue (its order) and unit (the order given): the unit's
    scorecard row (`indices.scorecard`: the latest published value leads, its year, score,
    rank of `out_of`, statuses, source, n ranked of n units that year)."""
    frames = []
    for position, code in enumerate(codes):
        card = ix.scorecard(data, code, unit_set)
        card.insert(0, "province_code", code)
        card.insert(1, "name", name_of(data, code, unit_set))
        card["_unit"], card["_index"] = position, range(len(card))
        frames.append(card)
    out = pd.concat(frames, ignore_index=True).sort_values(["_index", "_unit"], kind="stable")
    return out.drop(columns=["_unit", "_index"]).reset_index(drop=True)


def group_targets(data: Data, codes: list[str], unit_set: str, as_of=None) -> pd.DataFrame:
    """Each unit's own targets (`targets.targets_progress`, a 34-set unit's members' too),
    units in the order given, with the unit the report is on in `group_code`."""
    frames = []
    for code in codes:
        progress = targets_progress(data, code, unit_set, as_of)
        progress.insert(0, "group_code", code)
        frames.append(progress)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def shared_indicators(data: Data, codes: list[str], unit_set: str) -> pd.DataFrame:
    """The indicators at least two of the units have a value for: one row per (indicator,
    unit) with the unit's latest value (period, value, unit, qualifier, as written, source);
    indicators in the catalogue's order."""
    ind = data.indicators
    rows = ind[(ind["unit_set"] == unit_set) & ind["province_code"].isin(codes)
               & ind["value"].notna()]
    if rows.empty:
        return rows.iloc[0:0]
    latest = (rows.sort_values(["period_end", "source_line"], kind="stable")
              .groupby(["indicator", "province_code"], sort=False).tail(1))
    shared = latest.groupby("indicator")["province_code"].nunique()
    latest = latest[latest["indicator"].isin(shared[shared >= 2].index)]
    position = {k: i for i, k in enumerate(data.catalogue["indicator"])}
    order = {c: i for i, c in enumerate(codes)}
    latest = latest.assign(_i=latest["indicator"].map(position),
                           _u=latest["province_code"].map(order))
    return latest.sort_values(["_i", "indicator", "_u"]).drop(columns=["_i", "_u"]).reset_index(
        drop=True)


def merged_together(data: Data, codes: list[str], unit_set: str) -> list[tuple[str, list[str]]]:
    """For the 63 set: each 34-set unit that two or more of the group merged into on
    1 July 2025, with those members' codes (in the order given); [] for the 34 set."""
    if unit_set != "63":
        return []
    provinces = data.provinces[data.provinces["unit_set"] == "63"].set_index("province_code")
    into: dict[str, list[str]] = {}
    for code in codes:
        successor = provinces.loc[code, "successor_code"] if code in provinces.index else None
        if isinstance(successor, str) and successor:
            into.setdefault(successor, []).append(code)
    return [(s, members) for s, members in into.items() if len(members) >= 2]


def compare(units, unit_set: str = "63", root=None, *, with_reason: bool = False,
            data: Data | None = None) -> pd.DataFrame:
    """A group of units on every index of the catalogue, as one tidy table:
    `dtanalysis.compare(["Hải Phòng", "Hải Dương", "Quảng Ninh"])`. 2 to 8 units of one set,
    any spelling (a unit twice, or one of the other set, is a ParameterError); see
    `group_scores` for the columns (`year` is int64). A value not published is no row;
    `with_reason=True` adds a row per gap of an index's overall metric, with its `reason`
    (`REASONS`)."""
    from ..domain.group import resolve_group  # the registry: names in any spelling

    data = data if data is not None else Data.load(root)
    group = resolve_group(units, unit_set, data.root if root is None else root)
    return group_scores(data, [u.code for u in group], str(unit_set).strip(), with_reason)
