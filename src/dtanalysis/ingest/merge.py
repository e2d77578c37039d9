"""Merge DTI facts from several raw files into one row per (year, unit_set, province_code,
metric).

Standing: an official table beats a press report, which beats a derived value, which beats an
uncertain one. Score and rank are merged separately: each comes from the best-standing source
that gives it (so an official rank and a reported score can share a row; the row's `status` is
then the weaker of the two). Two sources of equal standing that give different values are kept
as a `conflict` naming both, which validation reports as a failure.
"""

from __future__ import annotations

from collections import defaultdict

from ..vocab import STANDING, TABLE_KEYS

KEY = TABLE_KEYS["dti"]


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


def merge_dti(rows: list[dict]) -> list[dict]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(row[k] for k in KEY)].append(row)
    merged = []
    for key in sorted(groups):
        candidates = sorted(groups[key], key=lambda r: (STANDING[r["status"]],
                                                        r["source_file"], r["source_line"]))
        score_from, score_conflict = pick(candidates, "score")
        rank_from, rank_conflict = pick(candidates, "rank")
        used = [r for r in (score_from, rank_from) if r is not None]
        weakest = max(used, key=lambda r: STANDING[r["status"]])
        first = min(used, key=lambda r: STANDING[r["status"]])
        sources = list(dict.fromkeys(r["source"] for r in used))
        notes = list(dict.fromkeys(r["note"] for r in used if r.get("note")))
        conflicts = [c for c in (score_conflict, rank_conflict) if c]
        merged.append({
            **dict(zip(KEY, key)),
            "score": score_from["score"] if score_from else None,
            "rank": rank_from["rank"] if rank_from else None,
            "status": weakest["status"],
            "score_status": score_from["status"] if score_from else None,
            "rank_status": rank_from["status"] if rank_from else None,
            "source": "; ".join(sources),
            "note": " | ".join(notes) or None,
            "conflict": "; ".join(conflicts) or None,
            "source_file": first["source_file"],
            "source_line": first["source_line"],
        })
    return merged
