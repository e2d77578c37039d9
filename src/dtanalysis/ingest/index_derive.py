"""From the rows of every table to `index_scores`: one row per (index, year, unit_set,
province_code, metric), then the values an index's `metrics.csv` says can be computed.

Collapse. Score and rank are chosen separately, each from the best-standing row that gives it
(`vocab.STATUSES`: official > reported > published_secondary > derived > uncertain); the
row's `status` is the
weaker of the two, `score_status`/`rank_status` say which is which, and two rows of equal
standing giving different values leave a `conflict` naming both.

Derive. A parent whose `aggregate` is `sum` or `mean` gets a value for a province only when
every child present in that year's tables has a value for it. A child is present when at least
one province has a value for it that year (SC52 after 2020 is not: its column is empty); an
empty cell of a present child is a gap, and so is the parent. Derived values are `derived` (or
`uncertain` if a child is), with the formula in `note`. A parent given by a source is never
overwritten.

Rank. A metric with derived scores gets a derived rank for every province without a published
one, among the provinces that have a value (ties share the best rank) — but only when that
year's tables account for every unit of the set (a value or an explicit empty row): a rank
among a partial list is not a rank.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict

from ..vocab import COMPUTED_NOTE, NOTE_SEPARATOR, STANDING, TABLE_KEYS
from .index_catalogue import Index
from .merge import disputed, pick

KEY = TABLE_KEYS["index_scores"]
GROUP = ("index", "year", "unit_set")
DECIMALS = 10  # derived sums are rounded here: beyond the inputs' precision, only float noise


def weakest(*statuses: str | None) -> str:
    return max((s for s in statuses if s), key=STANDING.__getitem__)


def collapse(rows: list[dict]) -> list[dict]:
    """One row per KEY (module docstring), sorted by KEY."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(row[k] for k in KEY)].append(row)
    merged = []
    for key in sorted(groups):
        candidates = sorted(groups[key], key=lambda r: (STANDING[r["status"]],
                                                        r["source_file"], r["source_line"]))
        score_from, score_conflict = pick(candidates, "score")
        rank_from, rank_conflict = pick(candidates, "rank")
        used = [r for r in (score_from, rank_from) if r is not None] or candidates[:1]
        # A row without values (a membership) speaks through its note, so keep every note.
        notes = [r["note"] for r in (used if score_from or rank_from else candidates)]
        merged.append({
            **dict(zip(KEY, key)),
            "score": score_from["score"] if score_from else None,
            "rank": rank_from["rank"] if rank_from else None,
            "status": weakest(*(r["status"] for r in used)),
            "score_status": score_from["status"] if score_from else None,
            "rank_status": rank_from["status"] if rank_from else None,
            "source": "; ".join(dict.fromkeys(r["source"] for r in used)),
            "source_file": used[0]["source_file"],
            "source_line": used[0]["source_line"],
            "note": NOTE_SEPARATOR.join(dict.fromkeys(n for n in notes if n)) or None,
            # what the source calls the score, from the row the score came from
            "score_words": score_from.get("score_words") if score_from else None,
            "score_words_en": score_from.get("score_words_en") if score_from else None,
            "conflict": "; ".join(c for c in (score_conflict, rank_conflict) if c) or None,
            "disputed": "; ".join(d for d in (disputed(candidates, "score", score_from),
                                              disputed(candidates, "rank", rank_from))
                                  if d) or None,
        })
    return merged


def _depth(index: Index, metric: str) -> int:
    depth, node = 0, index.metrics[metric]
    while node.parent is not None:
        depth, node = depth + 1, index.metrics[node.parent]
    return depth


def derive(scores: list[dict], indexes: dict[str, Index],
           covered: dict[tuple, set[str]], set_sizes: dict[str, int]) -> list[dict]:
    """`scores` (collapsed) plus derived parents and ranks, sorted by KEY.

    `covered[(index, year, unit_set)]` are the province codes that year's tables name (with a
    value or an empty row); `set_sizes` the number of units of each set."""
    # One table per (index, year, unit_set): derivation never crosses them.
    tables: dict[tuple, dict[tuple, dict]] = defaultdict(dict)
    for row in scores:
        key = tuple(row[k] for k in KEY)
        tables[key[:3]][key] = dict(row)
    for group, table in tables.items():
        index = indexes.get(group[0])
        if index is None:
            continue
        parents = [m for m in index.metrics.values() if m.aggregate != "none"]
        # Deepest parents first: a dimension is summed before the total that needs it.
        derived = [parent.metric
                   for parent in sorted(parents, key=lambda m: -_depth(index, m.metric))
                   if _derive_parent(table, index, parent.metric, group)]
        if len(covered.get(group, ())) == set_sizes[group[2]]:
            for metric in sorted(derived):
                _derive_ranks(table, group, metric, index.higher_is_better)
    return [row for group in sorted(tables) for _, row in sorted(tables[group].items())]


def _derive_parent(table: dict, index: Index, parent: str, group: tuple) -> bool:
    """Add derived values of `parent` for one (index, year, unit_set); True if any."""
    children = index.children(parent)
    rows_of = defaultdict(dict)
    for key, row in table.items():
        if key[:3] == group and row["score"] is not None:
            rows_of[key[3]][key[4]] = row
    present = [c for c in children if any(c in by_metric for by_metric in rows_of.values())]
    if not present:
        return False
    absent = [c for c in children if c not in present]
    aggregate = index.metrics[parent].aggregate
    formula = f"{COMPUTED_NOTE}: {aggregate} of {' + '.join(present)}"
    if absent:
        formula += f" ({', '.join(absent)} not in {group[1]}'s tables)"
    added = False
    for province, by_metric in sorted(rows_of.items()):
        if not all(c in by_metric for c in present):
            continue  # a gap in a present child: the parent is a gap too
        existing = table.get((*group, province, parent))
        if existing is not None and existing["score"] is not None:
            continue  # a source gives it: never overwritten
        parts = [by_metric[c] for c in present]
        total = math.fsum(p["score"] for p in parts)
        value = round(total / len(parts) if aggregate == "mean" else total, DECIMALS)
        status = "uncertain" if any(p["status"] == "uncertain" for p in parts) else "derived"
        table[(*group, province, parent)] = _with_score(existing, group, province, parent,
                                                        value, status, parts, formula)
        added = True
    return added


def _with_score(existing: dict | None, group: tuple, province: str, metric: str,
                value: float, status: str, parts: list[dict], formula: str) -> dict:
    row = dict(existing) if existing else {
        **dict(zip(KEY, (*group, province, metric))), "rank": None, "rank_status": None,
        "conflict": None, "note": None, "source_file": parts[0]["source_file"],
        "source_line": parts[0]["source_line"]}
    row.update(score=value, score_status=status,
               status=weakest(status, row.get("rank_status")),
               source="; ".join(dict.fromkeys(p["source"] for p in parts)),
               note=NOTE_SEPARATOR.join(n for n in (formula, row.get("note")) if n))
    return row


def _derive_ranks(table: dict, group: tuple, metric: str, higher_is_better: bool) -> None:
    rows = [r for k, r in table.items()
            if k[:3] == group and k[4] == metric and r["score"] is not None]
    sign = -1 if higher_is_better else 1
    ordered = sorted(sign * r["score"] for r in rows)
    for row in rows:
        if row["rank"] is not None:
            continue  # a published rank stays
        row["rank"] = 1 + bisect_left(ordered, sign * row["score"])  # ties: best rank
        row["rank_status"] = "derived"
        row["status"] = weakest(row["score_status"], "derived")
        row["note"] = (f"{row['note']}{NOTE_SEPARATOR}" if row["note"] else "") + (
            f"{COMPUTED_NOTE} rank among the {len(rows)} provinces with a value "
            f"({'highest' if higher_is_better else 'lowest'} first, ties share the best rank)")
