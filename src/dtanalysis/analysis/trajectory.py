"""Section 2, trajectory: overall rank and score per year of a province, its peers and the mean
over provinces; a gap stays a gap."""

from __future__ import annotations

import pandas as pd

from .data import OVERALL, Data, name_of, overall_rows, plain_value, set_years

TRAJECTORY_COLUMNS = ("year", "province_code", "name", "role", "rank", "rank_status", "score",
                      "score_status", "source", "note")


def trajectory(data: Data, code: str, unit_set: str, peer_codes: list[str] | tuple = (),
               years: list[int] | None = None) -> pd.DataFrame:
    """Overall rank and score per year of the province (role "province"), its peers ("peer")
    and the mean over provinces of the set from `dti_aggregates` ("mean", score only): one row
    per entity and year of the set, NaN where nothing was published (a gap stays a gap)."""
    years = years if years is not None else trajectory_years(data, unit_set)
    rows = overall_rows(data, unit_set)
    out = []
    for role, codes in (("province", [code]), ("peer", list(peer_codes))):
        for c in codes:
            own = rows[rows["province_code"] == c].set_index("year")
            name = name_of(data, c, unit_set)
            for y in years:
                r = own.loc[y] if y in own.index else None
                out.append({
                    "year": y, "province_code": c, "name": name, "role": role,
                    "rank": None if r is None else plain_value(r["rank"]),
                    "rank_status": None if r is None else plain_value(r["rank_status"]),
                    "score": None if r is None else plain_value(r["score"]),
                    "score_status": None if r is None else plain_value(r["score_status"]),
                    "source": None if r is None else plain_value(r["source"]),
                    "note": None if r is None else plain_value(r["note"]),
                })
    means = provinces_mean(data, unit_set).set_index("year")
    for y in years:
        r = means.loc[y] if y in means.index else None
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
