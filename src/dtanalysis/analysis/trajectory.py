"""Section 2, trajectory: overall rank and score per year of a province, its peers and the mean
over provinces; a gap stays a gap."""

from __future__ import annotations

import pandas as pd

from .data import (
    OVERALL,
    Data,
    first_rows,
    memo,
    name_of,
    overall_rows,
    plain_value,
    set_years,
)

TRAJECTORY_COLUMNS = ("year", "province_code", "name", "role", "rank", "rank_status", "score",
                      "score_status", "source", "note", "note_vi", "disputed", "score_words",
                      "score_words_en")


def trajectory(data: Data, code: str, unit_set: str, peer_codes: list[str] | tuple = (),
               years: list[int] | None = None) -> pd.DataFrame:
    """Overall rank and score per year of the province (role "province"), its peers ("peer")
    and the mean over provinces of the set from `dti_aggregates` ("mean", score only): one row
    per entity and year of the set, NaN where nothing was published (a gap stays a gap)."""
    years = years if years is not None else trajectory_years(data, unit_set)
    by_unit = _overall_by_unit(data, unit_set)
    out = []
    for role, codes in (("province", [code]), ("peer", list(peer_codes))):
        for c in codes:
            own = by_unit.get(c, {})
            name = name_of(data, c, unit_set)
            for y in years:
                r = own.get(y)
                out.append({
                    "year": y, "province_code": c, "name": name, "role": role,
                    **({k: None for k in _VALUES} if r is None else
                       {k: plain_value(r.get(k)) for k in _VALUES})})
    means = _means_by_year(data, unit_set)
    for y in years:
        r = means.get(y)
        out.append({"year": y, "province_code": None, "name": None, "role": "mean",
                    "rank": None, "rank_status": None,
                    "score": None if r is None else plain_value(r["value"]),
                    "score_status": None if r is None else plain_value(r["status"]),
                    "source": None if r is None else plain_value(r["source"]),
                    "note": None if r is None else plain_value(r["note"])})
    frame = pd.DataFrame(out, columns=list(TRAJECTORY_COLUMNS))
    frame["rank"] = pd.to_numeric(frame["rank"]).astype("Float64")
    frame["score"] = pd.to_numeric(frame["score"]).astype("Float64")
    frame["year"] = frame["year"].astype(int)
    return frame


_VALUES = ("rank", "rank_status", "score", "score_status", "source", "note", "note_vi",
           "disputed", "score_words", "score_words_en")


def _overall_by_unit(data: Data, unit_set: str) -> dict[str, dict[int, dict]]:
    """Per Data and set, once for every unit: code → year → its overall row (the first, as
    a dict of the values a trajectory reads)."""
    return memo(data, ("overall_by_unit", unit_set), lambda: first_rows(
        overall_rows(data, unit_set), ("province_code", "year"),
        ["province_code", "year", *(v for v in _VALUES
                                    if v in overall_rows(data, unit_set).columns)]))


def _means_by_year(data: Data, unit_set: str) -> dict[int, dict]:
    """Per Data and set: year → the mean over provinces (`provinces_mean`, first row)."""
    return memo(data, ("means_by_year", unit_set),
                lambda: first_rows(provinces_mean(data, unit_set), ("year",)))


def trajectory_years(data: Data, unit_set: str) -> list[int]:
    agg = data.aggregates
    mean_years = agg.loc[(agg["unit_set"] == unit_set) & (agg["entity"] == "provinces_mean"),
                         "year"].dropna()
    return sorted(set(set_years(data, unit_set)) | {int(y) for y in mean_years})


def provinces_mean(data: Data, unit_set: str) -> pd.DataFrame:
    """The mean overall DTI score over the provinces of a set, per year (dti_aggregates)."""
    agg = data.aggregates
    rows = agg[(agg["unit_set"] == unit_set) & (agg["entity"] == "provinces_mean")
               & (agg["metric"] == OVERALL)]
    return rows.sort_values("year", ignore_index=True)
