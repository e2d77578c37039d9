"""Section 7, the 2025 merger seen from a unit: the 34-set unit a province joined, its members and
their 63-set history side by side."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from .data import Data, member_codes, memo, name_of, overall_rows, unit
from .trajectory import TRAJECTORY_COLUMNS, trajectory


@dataclass(frozen=True)
class Merger:
    unit_set: str
    code: str
    name: str
    unit_code: str  # the 34-set unit: the successor of a 63-set province, or the unit itself
    unit_name: str
    member_codes: tuple[str, ...]  # 63-set members of that unit (the province among them)
    member_names: tuple[str, ...]
    unit_results: pd.DataFrame  # overall rows of the 34-set unit (every year published)
    members_history: pd.DataFrame  # trajectory (63 set) of every member, side by side

    @property
    def merged(self) -> bool:
        """True when the 34-set unit is made of more than one province."""
        return len(self.member_codes) > 1

    @property
    def other_members(self) -> tuple[str, ...]:
        return tuple(c for c in self.member_codes if c != self.code or self.unit_set == "34")


def merger(data: Data, code: str, unit_set: str) -> Merger:
    """The 2025 merger seen from a unit: for a 63-set province, the 34-set unit it joined, the
    other members and that unit's results; for a 34-set unit, its members. Both carry the
    members' 63-set history side by side (ranks of the two sets stay in separate frames).
    Built once per Data and unit (the merger section and the sources of the about section, in
    both languages, ask for it); each caller gets its own copies of the frames."""
    held = memo(data, ("merger", code, unit_set), lambda: _merger(data, code, unit_set))
    return replace(held, unit_results=held.unit_results.copy(),
                   members_history=held.members_history.copy())


def _merger(data: Data, code: str, unit_set: str) -> Merger:
    if unit_set == "63":
        successor = unit(data, code, "63")["successor_code"]
        if pd.isna(successor):
            raise KeyError(f"province {code!r} has no successor in the 34-unit set")
        unit_code = str(successor)
    else:
        unit_code = code
    members = tuple(member_codes(data, unit_code, "34"))
    results = overall_rows(data, "34")
    results = results[results["province_code"] == unit_code].sort_values("year")[
        ["year", "rank", "rank_status", "score", "score_status", "source", "note"]]
    history = trajectory(data, members[0], "63", members[1:]) if members else \
        pd.DataFrame(columns=list(TRAJECTORY_COLUMNS))
    if not history.empty:
        history = history[history["role"] != "mean"].reset_index(drop=True)
        history["role"] = ["province" if c == code and unit_set == "63" else "member"
                           for c in history["province_code"]]
    return Merger(
        unit_set=unit_set, code=code, name=name_of(data, code, unit_set), unit_code=unit_code,
        unit_name=name_of(data, unit_code, "34"), member_codes=members,
        member_names=tuple(name_of(data, m, "63") for m in members),
        unit_results=results.reset_index(drop=True), members_history=history,
    )
