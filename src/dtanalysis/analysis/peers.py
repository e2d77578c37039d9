"""Which units a province is compared with: its region (at most 15, nearest in rank) or a list of
names."""

from __future__ import annotations

from ..domain.registry import registry
from .data import Data, unit, units

MAX_REGION_PEERS = 15  # every real region is smaller; keeps a report's cost flat in units


def _nearest_in_rank(data: Data, code: str, unit_set: str, codes: list[str]) -> list[str]:
    """At most MAX_REGION_PEERS of `codes`: those closest in overall rank to `code` in the
    latest year it has one (then by code), so a huge region still gives a readable chart."""
    if len(codes) <= MAX_REGION_PEERS:
        return codes
    ranks = data.dti[(data.dti["unit_set"] == unit_set) & (data.dti["metric"] == "dti")
                     & data.dti["rank"].notna()]
    own = ranks[ranks["province_code"] == code]
    if own.empty:
        return sorted(codes)[:MAX_REGION_PEERS]
    year = own["year"].max()
    at = ranks[ranks["year"] == year].set_index("province_code")["rank"].astype(float)
    mine = float(own.loc[own["year"] == year, "rank"].iloc[0])
    distance = {c: abs(at[c] - mine) if c in at.index else float("inf") for c in codes}
    return sorted(codes, key=lambda c: (distance[c], c))[:MAX_REGION_PEERS]


def peers(data: Data, code: str, unit_set: str, peers: object = "region") -> list[str]:
    """Codes of the units compared with `code` (never `code` itself): "region" → the other
    units of its region in the set; a list of names or codes → each resolved by the registry
    in the same set; None or [] → none."""
    if peers is None:
        return []
    if isinstance(peers, str):
        if peers != "region":
            raise ValueError(f"peers must be 'region' or a list of province names, not "
                             f"{peers!r}")
        region = unit(data, code, unit_set)["region"]
        same = units(data, unit_set)
        same = same[(same["region"] == region) & (same["province_code"] != code)]
        return _nearest_in_rank(data, code, unit_set, list(same["province_code"]))
    if not isinstance(peers, (list, tuple)):
        raise TypeError(f"peers must be 'region' or a list of province names, not {peers!r}")
    known = set(units(data, unit_set)["province_code"])
    codes: list[str] = []
    for given in peers:
        text = str(given).strip()
        if text in known:
            found = text
        else:
            found = registry(data.root).resolve(given, unit_set=unit_set).code
        if found != code and found not in codes:
            codes.append(found)
    return codes
