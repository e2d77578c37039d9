"""Published values that confirm derived ones: `<index>/checks/*.csv` (e.g. PAPI's totals quoted
by the press, `published-totals-for-checking.csv`: year, province_code_in_source,
province_name_in_source, what, published_value_as_written, source_url).

A derived overall score equal to a published one (to the decimals the publication gives), or a
derived overall rank equal to a published rank, is a published value: its status becomes
`reported` (a publisher's figure quoted by the press) and the publication is cited beside the
derivation — the report shows it as published (issue 19, point 4). A check that disagrees, or
names a unit the tables do not value, changes nothing. Checks are never a table of values: a
published figure without a derived one to confirm is not imported here.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..domain.registry import Registry
from ..domain.text import fold
from ..errors import DtanalysisError
from ..vocab import NOTE_SEPARATOR
from .index_catalogue import Index, read_rows
from .index_derive import weakest
from .index_tables import resolve_name

CHECKS_FOLDER = "checks"
_COLUMNS = ("year", "province_code_in_source", "published_value_as_written", "source_url")
_RANK = re.compile(r"^\s*rank\s+(\d+)\b", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(\d+)(?:[.,](\d+))?\s*$")


def _published(text: str) -> tuple[str, float, int] | None:
    """('rank', 1, 0) from 'rank 1 (led PAPI 2020)'; ('score', 47.8212, 4) from '47,8212'."""
    if (rank := _RANK.match(text)) is not None:
        return "rank", float(rank.group(1)), 0
    if (number := _NUMBER.match(text)) is not None:
        decimals = number.group(2) or ""
        return "score", float(f"{number.group(1)}.{decimals or 0}"), len(decimals)
    return None


def confirm(scores: list[dict], index: Index, registry: Registry,
            aliases: dict[str, str]) -> None:
    """Mark, in `scores` (index_scores rows, changed in place), the derived overall values of
    `index` that a check file confirms (module docstring)."""
    folder = index.folder / CHECKS_FOLDER
    if not folder.is_dir() or not index.metrics:
        return
    by_key = {(r["year"], r["unit_set"], r["province_code"]): r for r in scores
              if r["index"] == index.index and r["metric"] == index.root}
    for path in sorted(folder.glob("*.csv")):
        for _, row in _rows(path):
            found = _published(row["published_value_as_written"])
            code = _code(row, index, registry, aliases)
            if found is None or code is None or not re.fullmatch(r"\d{4}", row["year"]):
                continue
            target = by_key.get((int(row["year"]), "63", code))
            if target is None:
                continue
            kind, value, decimals = found
            if target.get(kind) is None or target.get(f"{kind}_status") != "derived":
                continue
            if kind == "rank":
                same = int(target["rank"]) == int(value)
            else:
                same = abs(round(float(target["score"]), decimals) - value) < 0.5 * 10 ** -decimals
            if not same:
                continue
            url = row["source_url"]
            target[f"{kind}_status"] = "reported"
            target["status"] = weakest(target.get("score_status"), target.get("rank_status"))
            target["source"] = "; ".join(dict.fromkeys(
                [*(s.strip() for s in str(target.get("source") or "").split(";") if s.strip()),
                 url]))
            target["note"] = NOTE_SEPARATOR.join(n for n in (
                target.get("note"),
                f"{kind} confirmed by a publication: {row['published_value_as_written']}")
                if n)


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        return read_rows(path, _COLUMNS)
    except DtanalysisError:
        return []  # a check file of another shape is not a check of this kind


def _code(row: dict, index: Index, registry: Registry, aliases: dict[str, str]) -> str | None:
    name = index.codebook.get(fold(row["province_code_in_source"])) \
        or row.get("province_name_in_source")
    if not name:
        return None
    try:
        return resolve_name(name, "63", registry, aliases).code
    except DtanalysisError:
        return None
