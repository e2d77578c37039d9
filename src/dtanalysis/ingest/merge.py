"""The standing rule for merging facts of several raw files into one row per key (used by
`index_derive.collapse` for every index, DTI included: the `dti` table is the DTI rows of
`index_scores`).

Standing: an official table beats a press report, which beats a derived value, which beats an
uncertain one. Score and rank are merged separately: each comes from the best-standing source
that gives it (so an official rank and a reported score can share a row; the row's `status` is
then the weaker of the two). Two sources of equal standing that give different values are kept
as a `conflict` naming both, which validation reports as a failure.
"""

from __future__ import annotations

from ..vocab import STANDING


def where(row: dict) -> str:
    return f"{row['source_file']}:{row['source_line']}"


def pick(rows: list[dict], field: str) -> tuple[dict | None, str | None]:
    """The row of best standing that gives `field`, and a conflict (in words, naming both
    sources) when two of that standing disagree; also used for the national indices."""
    given = [r for r in rows if r[field] is not None]
    if not given:
        return None, None
    best = min(STANDING[r["status"]] for r in given)
    peers = [r for r in given if STANDING[r["status"]] == best]
    chosen = peers[0]
    for other in peers[1:]:
        if abs(float(other[field]) - float(chosen[field])) > 1e-9:
            return chosen, (f"{field}: {chosen[field]} ({chosen['status']}, {where(chosen)}, "
                            f"{chosen['source']}) vs {other[field]} ({other['status']}, "
                            f"{where(other)}, {other['source']})")
    return chosen, None


def disputed(rows: list[dict], field: str, chosen: dict | None) -> str | None:
    """The other values of `field` the sources give, differing from the chosen one (any
    standing: a derived 0.5293 against a secondary copy's 0.4513), in words naming each
    source; None when all agree. Shown beside the value, counted on the validation page."""
    if chosen is None:
        return None
    others = []
    for r in rows:
        if r is chosen or r[field] is None:
            continue
        if abs(float(r[field]) - float(chosen[field])) > 1e-9:
            value = int(r[field]) if field == "rank" else r[field]
            others.append(f"{field} {value} ({r['status']}, {where(r)}, {r['source']})")
    return "; ".join(dict.fromkeys(others)) or None
