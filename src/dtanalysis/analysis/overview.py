"""The national overview: rank matrix, movers, regions compared and coverage per year of a unit
set."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from .data import (
    STATUS_ORDER,
    Data,
    method_changes_between,
    n_units,
    overall_rows,
    plain_value,
    set_years,
    units,
)
from .position import national_position
from .trajectory import provinces_mean, trajectory_years


@dataclass(frozen=True)
class RankMatrix:
    ranks: pd.DataFrame  # index: province code (best of the reference ranking first); columns: years
    statuses: pd.DataFrame  # same shape: rank_status or None
    names: pd.Series  # code → short name


def rank_matrix(data: Data, unit_set: str) -> RankMatrix:
    """Overall rank of every unit of the set in every year of the data (NaN where unknown),
    units ordered by the latest complete ranking (else the latest ranking), then by name."""
    rows = overall_rows(data, unit_set)
    years = set_years(data, unit_set)
    everyone = units(data, unit_set)
    ranks = rows.pivot_table(index="province_code", columns="year", values="rank",
                             aggfunc="first")
    ranks = ranks.reindex(index=everyone["province_code"], columns=years).astype("Float64")
    statuses = rows.pivot(index="province_code", columns="year", values="rank_status")
    statuses = statuses.reindex(index=everyone["province_code"], columns=years)
    statuses = statuses.where(ranks.notna().to_numpy(), None)
    reference = national_position(data, unit_set)
    order = {c: i for i, c in enumerate(reference.table["province_code"])}
    names = everyone.set_index("province_code")["short_name"]
    ordered = sorted(ranks.index, key=lambda c: (order.get(c, len(order)), names[c]))
    return RankMatrix(ranks.loc[ordered], statuses.loc[ordered], names.loc[ordered])


def movers(data: Data, unit_set: str) -> pd.DataFrame:
    """Rank changes between consecutive years of the set's data where both ranks are known
    and neither is uncertain, largest first (`change` = places gained, > 0 up)."""
    rows = overall_rows(data, unit_set)
    # an uncertain rank is never one end of a move (claims.may_lead)
    rows = rows[rows["rank"].notna() & (rows["rank_status"] != "uncertain")]
    years = set_years(data, unit_set)
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
                "method_changes": method_changes_between(before, after),
            })
    frame = pd.DataFrame(records, columns=[
        "province_code", "name", "region", "region_en", "from_year", "to_year", "from_rank",
        "to_rank", "from_status", "to_status", "change", "method_changes"])
    if frame.empty:
        return frame
    frame["size"] = frame["change"].abs()
    frame = frame.sort_values(["size", "to_year", "name"], ascending=[False, False, True])
    return frame.drop(columns="size").reset_index(drop=True)


def regions_compared(data: Data, unit_set: str, year: int | None = None) -> pd.DataFrame:
    """Per region, for the latest complete ranking: units ranked, median, best and worst rank
    (with the unit holding each)."""
    position = national_position(data, unit_set, year)
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


def coverage(data: Data, unit_set: str) -> pd.DataFrame:
    """Per year of the set: how many units have an overall rank / score, the ranks by status,
    and whether the mean over provinces was published."""
    rows = overall_rows(data, unit_set)
    means = set(provinces_mean(data, unit_set)["year"].dropna().astype(int))
    records = []
    for year in trajectory_years(data, unit_set):
        group = rows[rows["year"] == year]
        record = {"year": year, "n_units": n_units(data, unit_set),
                  "n_rank": int(group["rank"].notna().sum()),
                  "n_score": int(group["score"].notna().sum()),
                  "mean_published": year in means}
        for status in STATUS_ORDER:
            record[f"n_rank_{status}"] = int((group["rank_status"] == status).sum())
        records.append(record)
    return pd.DataFrame(records)
