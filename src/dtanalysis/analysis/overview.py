"""The national overview: rank matrix, movers, regions compared and coverage per year of a unit
set, for any index of the catalogue (`index`, DTI by default)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from .data import (
    OVERALL,
    STATUS_ORDER,
    Data,
    method_changes_between,
    n_units,
    overall_rows,
    plain_value,
    set_years,
    units,
)
from .indices import methods_between
from .position import national_position
from .trajectory import provinces_mean, trajectory_years


@dataclass(frozen=True)
class RankMatrix:
    ranks: pd.DataFrame  # index: province code (best of the reference ranking first); columns: years
    statuses: pd.DataFrame  # same shape: rank_status or None
    names: pd.Series  # code → short name


def rank_matrix(data: Data, unit_set: str, index: str = OVERALL) -> RankMatrix:
    """Overall rank of every unit of the set in every year of the index's data (NaN where
    unknown), units ordered by the latest complete ranking (else the latest ranking), then by
    name."""
    rows = overall_rows(data, unit_set, index)
    years = set_years(data, unit_set, index)
    everyone = units(data, unit_set)
    ranks = rows.pivot_table(index="province_code", columns="year", values="rank",
                             aggfunc="first")
    ranks = ranks.reindex(index=everyone["province_code"], columns=years).astype("Float64")
    statuses = rows.pivot(index="province_code", columns="year", values="rank_status")
    statuses = statuses.reindex(index=everyone["province_code"], columns=years)
    statuses = statuses.where(ranks.notna().to_numpy(), None)
    reference = national_position(data, unit_set, index=index)
    order = {c: i for i, c in enumerate(reference.table["province_code"])}
    names = everyone.set_index("province_code")["short_name"]
    ordered = sorted(ranks.index, key=lambda c: (order.get(c, len(order)), names[c]))
    return RankMatrix(ranks.loc[ordered], statuses.loc[ordered], names.loc[ordered])


def movers(data: Data, unit_set: str, index: str = OVERALL) -> pd.DataFrame:
    """Rank changes between consecutive years of the set's data where both ranks are known,
    largest first (`change` = places gained, > 0 up). An uncertain (‡) rank is never a
    change: a pair with one is left out (the heat map lists it with its mark)."""
    rows = overall_rows(data, unit_set, index)
    # an uncertain rank is never one end of a move (claims.may_lead)
    rows = rows[rows["rank"].notna() & (rows["rank_status"] != "uncertain")]
    years = set_years(data, unit_set, index)
    info = units(data, unit_set).set_index("province_code")
    records = []
    for before, after in pairwise(years):
        a = rows[rows["year"] == before].set_index("province_code")
        b = rows[rows["year"] == after].set_index("province_code")
        for c in sorted(set(a.index) & set(b.index)):
            records.append({
                "province_code": c, "name": info.loc[c, "short_name"],
                "region": info.loc[c, "region"], "region_en": info.loc[c, "region_en"],
                "from_year": before, "to_year": after,
                "from_rank": int(a.loc[c, "rank"]), "to_rank": int(b.loc[c, "rank"]),
                "from_status": plain_value(a.loc[c, "rank_status"]),
                "to_status": plain_value(b.loc[c, "rank_status"]),
                "change": int(a.loc[c, "rank"]) - int(b.loc[c, "rank"]),
                "method_changes": (method_changes_between(before, after) if index == OVERALL
                                   else methods_between(data, index, before, after)),
            })
    frame = pd.DataFrame(records, columns=[
        "province_code", "name", "region", "region_en", "from_year", "to_year", "from_rank",
        "to_rank", "from_status", "to_status", "change", "method_changes"])
    if frame.empty:
        return frame
    frame["size"] = frame["change"].abs()
    frame = frame.sort_values(["size", "to_year", "name"], ascending=[False, False, True])
    return frame.drop(columns="size").reset_index(drop=True)


def regions_compared(data: Data, unit_set: str, year: int | None = None,
                     index: str = OVERALL, exact: bool = False) -> pd.DataFrame:
    """Per region, for the latest complete ranking (`exact`: the ranking of `year`): units
    ranked, median, best and worst rank (with the unit holding each)."""
    position = national_position(data, unit_set, year, index=index, exact=exact)
    table = position.table
    records = []
    for region, group in table.groupby("region", sort=False):
        best = group[group["rank"] == group["rank"].min()]
        worst = group[group["rank"] == group["rank"].max()]
        records.append({
            "region": region, "region_en": group["region_en"].iloc[0],
            "year": position.year, "complete": position.complete, "n_ranked": len(group),
            "n_units": int((units(data, unit_set)["region"] == region).sum()),
            "median_rank": float(group["rank"].astype(float).median()),
            "best_rank": int(best["rank"].iloc[0]), "best_name": ", ".join(best["name"]),
            "worst_rank": int(worst["rank"].iloc[0]), "worst_name": ", ".join(worst["name"]),
        })
    frame = pd.DataFrame(records, columns=[
        "region", "region_en", "year", "complete", "n_ranked", "n_units", "median_rank",
        "best_rank", "best_name", "worst_rank", "worst_name"])
    return frame.sort_values(["median_rank", "region"], ignore_index=True)


def coverage(data: Data, unit_set: str, index: str = OVERALL) -> pd.DataFrame:
    """Per year of the set: how many units have an overall rank / score, the ranks by status
    (every status of the vocabulary: `n_rank` is their sum), and whether the mean over
    provinces was published (DTI only: no other index has it in the data)."""
    rows = overall_rows(data, unit_set, index)
    means = (set(provinces_mean(data, unit_set)["year"].dropna().astype(int))
             if index == OVERALL else set())
    years = trajectory_years(data, unit_set) if index == OVERALL else set_years(data, unit_set,
                                                                                   index)
    records = []
    for year in years:
        group = rows[rows["year"] == year]
        record = {"year": year, "n_units": n_units(data, unit_set),
                  "n_rank": int(group["rank"].notna().sum()),
                  "n_score": int(group["score"].notna().sum()),
                  "mean_published": year in means}
        for status in STATUS_ORDER:
            record[f"n_rank_{status}"] = int((group["rank_status"] == status).sum())
        records.append(record)
    return pd.DataFrame(records)
