"""What each publisher published, declared as data beside the index: `<index>/publications.csv`.

    year,unit_set,units_published,also_published,source,note
    2023,63,top 30,,shared data/indices/README.md,"From 2023 VCCI publishes only the top 30"
    2023,63,all but Quảng Ninh,,https://…,"asterisk in the official table"

`units_published` is one of `all`, `top N`, `all but <name>; <name>`; `also_published` names
units (`;`-separated) whose value was published outside the publisher's set (a province
stating its own rank outside the top 30). A declaration is what lets a report say "not
published": where an index, year and unit set have none, a missing value is worded as "not in
the collected tables", never as "not published" (`analysis.claims`).

A declaration the tables contradict is refused (InputError naming the file and row): a unit
with a published rank above N in a "top N" year, an excluded unit with a published value.
Derived and uncertain values are the project's, not a publication: they contradict nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..domain.registry import Registry
from ..errors import DtanalysisError, InputError
from ..vocab import MARKED_STATUSES, UNIT_SET_SIZE, UNIT_SETS
from .index_catalogue import Index, read_rows
from .index_tables import resolve_name

PUBLICATIONS_FILE = "publications.csv"
KINDS = ("all", "top", "all_but")
_TOP = re.compile(r"^top\s+(\d+)$", re.IGNORECASE)
_ALL_BUT = re.compile(r"^all\s+but\s+(.+)$", re.IGNORECASE)


def read_publications(index: Index, registry: Registry, aliases: dict[str, str],
                      relative: Callable[[Path], str]) -> list[dict]:
    """The rows of `index_publications` for one index (none when the file is absent)."""
    path = index.folder / PUBLICATIONS_FILE
    if not path.exists():
        return []
    shown = relative(path)
    records: dict[tuple, dict] = {}
    for line, row in read_rows(path, ("year", "unit_set", "units_published", "source")):
        if not re.fullmatch(r"\d{4}", row["year"]):
            raise InputError(f"year {row['year']!r} is not a four-digit year", path=shown,
                             row=line)
        unit_set = row["unit_set"]
        if unit_set not in UNIT_SETS:
            raise InputError(f"unit_set {unit_set!r} is not one of {', '.join(UNIT_SETS)}",
                             path=shown, row=line)
        if not row["source"]:
            raise InputError("a declaration needs the source that says what was published",
                             path=shown, row=line)
        size = UNIT_SET_SIZE[unit_set]
        text = " ".join(row["units_published"].split())
        excluded: list[str] = []
        if text.lower() == "all":
            kind, n = "all", size
        elif (top := _TOP.match(text)) is not None:
            kind, n = "top", int(top.group(1))
            if not 0 < n < size:
                raise InputError(f"'top {n}' is not a part of the {size} units", path=shown,
                                 row=line)
        elif (but := _ALL_BUT.match(text)) is not None:
            kind = "all_but"
            excluded = _codes(but.group(1), unit_set, registry, aliases, shown, line)
            n = size - len(excluded)
        else:
            raise InputError(f"units_published {row['units_published']!r} is not 'all', "
                             "'top N' or 'all but <name>; <name>'", path=shown, row=line)
        also = _codes(row.get("also_published", ""), unit_set, registry, aliases, shown, line)
        key = (int(row["year"]), unit_set)
        if key in records:
            raise InputError(f"{key[0]} ({unit_set}-unit set) is declared twice", path=shown,
                             row=line)
        records[key] = {
            "index": index.index, "year": key[0], "unit_set": unit_set, "kind": kind,
            "n_published": n, "excluded": "|".join(excluded) or None,
            "also_published": "|".join(also) or None, "as_written": row["units_published"],
            "note": row.get("note") or None, "source": row["source"], "source_file": shown,
            "source_line": line}
    return list(records.values())


def _codes(text: str, unit_set: str, registry: Registry, aliases: dict[str, str], shown: str,
           line: int) -> list[str]:
    codes = []
    for name in (part.strip() for part in (text or "").split(";")):
        if not name:
            continue
        try:
            codes.append(resolve_name(name, unit_set, registry, aliases).code)
        except DtanalysisError as e:
            raise InputError(f"{name!r} is not a unit of the {unit_set}-unit set ({e.message})",
                             path=shown, row=line) from None
    return codes


def check_publications(declared: list[dict], scores: list[dict], roots: dict[str, str]) -> None:
    """Refuse a declaration the tables contradict (module docstring): the first one found,
    as an InputError naming the file and the row."""
    for d in declared:
        excluded = set((d["excluded"] or "").split("|")) - {""}
        also = set((d["also_published"] or "").split("|")) - {""}
        for row in scores:
            if (row["index"], row["year"], row["unit_set"]) != (d["index"], d["year"],
                                                                 d["unit_set"]):
                continue
            code = row["province_code"]
            published = [m for m in ("score", "rank")
                         if row.get(m) is not None and row[m] == row[m]
                         and row.get(f"{m}_status") not in MARKED_STATUSES]
            if code in excluded and published:
                raise InputError(
                    f"declares {code} excluded in {d['year']}, but {row.get('source_file')} "
                    f"row {row.get('source_line')} gives it a published {published[0]}",
                    path=d["source_file"], row=d["source_line"],
                    hint="fix the declaration or the table")
            if (d["kind"] == "top" and row["metric"] == roots.get(d["index"])
                    and "rank" in published and code not in also
                    and float(row["rank"]) > d["n_published"]):
                raise InputError(
                    f"declares only the top {d['n_published']} published in {d['year']}, but "
                    f"{row.get('source_file')} row {row.get('source_line')} gives {code} the "
                    f"published rank {int(row['rank'])}",
                    path=d["source_file"], row=d["source_line"],
                    hint="name the unit in also_published if someone else published it")
