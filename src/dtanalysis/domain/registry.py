"""The province registry: the 63 provinces in force until 30 June 2025, the 34 units from
1 July 2025, the crosswalk between them, and the resolver that maps any spelling to a unit.

Source: `data/raw/provinces_63_with_34_crosswalk.csv` (GSO codes and names; crosswalk per
Resolution 202/2025/QH15, with the Tiền Giang → Đồng Tháp correction noted in the file).
"""

from __future__ import annotations

import datetime as dt
import difflib
import numbers
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..caches import cached
from ..errors import InputError, ParameterError, ProvinceError, SeveralProvinces, UnknownProvince
from ..paths import REGISTRY_FILE, Paths
from ..vocab import UNIT_SETS, other_unit_set, split_several
from . import rawtext
from .text import fold, nfc, slugify, strip_diacritics

__all__ = ["REGISTRY_SOURCE", "Province", "ProvinceError", "Registry", "SeveralProvinces",
           "UnknownProvince", "check_unit_set", "province", "registry", "registry_at",
           "unit_set_on"]

REGISTRY_SOURCE = "registry:gso-crosswalk-2025"
MERGER_DATE = dt.date(2025, 7, 1)

# Prefixes and suffixes that name a division type, not a province (already folded).
_PREFIXES = ("thanh pho", "tp", "tinh", "province of", "city of")
_SUFFIXES = ("city", "province")
# Spellings no rule derives from the registry's own columns.
_EXTRA_ALIASES = {
    "79": ("hcm", "hcmc", "tphcm", "tp hcm", "hcm city", "ho chi minh city", "sai gon", "saigon"),
    "46": ("thua thien hue", "thua thien", "tt hue", "tth", "hue"),
    "77": ("br vt", "brvt"),
}
_PAREN = re.compile(r"\([^)]*\)")
MAX_NAME = 100  # folded; the longest unit name is 25 characters: no suggestion beyond this
COLUMNS = ("gso_code_pre2025", "official_name_pre2025", "division_type_pre2025", "short_name",
           "short_name_ascii", "dti_2022_published_name", "gso_region_6", "new_code_2025",
           "new_name_2025")


@dataclass(frozen=True)
class Province:
    unit_set: str
    code: str
    name: str
    short_name: str
    ascii_name: str
    slug: str
    division_type: str
    region: str
    region_en: str
    successor_code: str | None = None
    members: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        return f"{self.short_name} ({self.code}, {self.unit_set} set)"


def unit_set_on(date: dt.date | dt.datetime | str | int) -> str:
    """The unit set in force on a date: '63' before 1 July 2025, '34' from then on.
    A bare year counts as 31 December of that year. Anything else (`"2025-13-45"`, `10**20`,
    a float, True) is a ParameterError, one line."""
    given = date
    try:
        if isinstance(date, bool) or not isinstance(date, (numbers.Integral, str, dt.date)):
            raise TypeError
        if isinstance(date, numbers.Integral) or re.fullmatch(r"\s*\d{1,4}\s*", date if isinstance(
                date, str) else ""):
            date = dt.date(int(date), 12, 31)
        elif isinstance(date, str):
            date = dt.date.fromisoformat(date.strip()[:10])
    except (TypeError, ValueError, OverflowError):
        raise ParameterError(f"on={quoted(given)} is not a date: give a date, an ISO date "
                             "such as '2025-07-01', or a year") from None
    if isinstance(date, dt.datetime):
        date = date.date()
    return "34" if date >= MERGER_DATE else "63"


def _split_region(text: str) -> tuple[str, str]:
    match = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
    return (match.group(1), match.group(2)) if match else (text, "")


def _short(official: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if official.startswith(prefix):
            return official[len(prefix):]
    return official


def core_name(key: str) -> str:
    """A folded name without its division-type prefix or suffix: "tp hai phong" → "hai phong"."""
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
                key, changed = key[len(prefix) + 1:], True
        for suffix in _SUFFIXES:
            if key.endswith(" " + suffix):
                key, changed = key[: -len(suffix) - 1], True
    return key


class Registry:
    """Both unit sets and a resolver over every spelling of every unit."""

    def __init__(self, rows: list[dict[str, str]], source: str = REGISTRY_FILE,
                 lines: list[int] | None = None):
        _check_rows(rows, source, lines or list(range(2, len(rows) + 2)))
        self.rows = rows
        self.units: dict[str, dict[str, Province]] = {s: {} for s in UNIT_SETS}
        self._aliases: dict[str, dict[str, set[str]]] = {s: {} for s in UNIT_SETS}
        self._build(rows)

    @classmethod
    def from_file(cls, path: Path, root: Path | str | None = None) -> Registry:
        """The registry file, read like every raw table (`rawtext`): any encoding Excel
        writes; `InputError` when it cannot be, or lists no unit, or repeats a code."""
        path = Path(path)
        root = Path(root) if root is not None else rawtext.project_of(path)
        name = rawtext.shown(path, root)
        table = rawtext.read_text_file(path, root)
        if len(table.rows) < 2 or not any(any(c) for _, c in table.rows[1:]):
            raise InputError("lists no provinces (only a header): no units to resolve names "
                             "to", path=name, hint="restore it (git checkout -- data/raw)")
        found = rawtext.records(table.rows, name, required=COLUMNS)
        return cls([record for _, record in found], name, [line for line, _ in found])

    # -- construction -------------------------------------------------------------------
    def _build(self, rows: list[dict[str, str]]) -> None:
        members: dict[str, list[str]] = {}
        for row in rows:
            members.setdefault(row["new_code_2025"], []).append(row["gso_code_pre2025"])
        by_old = {row["gso_code_pre2025"]: row for row in rows}
        for row in rows:
            region, region_en = _split_region(row["gso_region_6"])
            old = Province(
                unit_set="63",
                code=row["gso_code_pre2025"],
                name=row["official_name_pre2025"],
                short_name=row["short_name"],
                ascii_name=row["short_name_ascii"],
                slug=slugify(row["short_name_ascii"]),
                division_type=row["division_type_pre2025"],
                region=region,
                region_en=region_en,
                successor_code=row["new_code_2025"],
            )
            self._add("63", old, (row["official_name_pre2025"], row["short_name"],
                                  row["short_name_ascii"], row["dti_2022_published_name"]))
        for code, member_codes in sorted(members.items()):
            row = next(r for r in rows if r["new_code_2025"] == code)
            official = row["new_name_2025"]
            short = _short(official)
            # The unit keeps the code of one member; the region is that member's region.
            seat = by_old.get(code) or by_old[member_codes[0]]
            region, region_en = _split_region(seat["gso_region_6"])
            ascii_name = strip_diacritics(short)
            new = Province(
                unit_set="34",
                code=code,
                name=official,
                short_name=short,
                ascii_name=ascii_name,
                slug=slugify(ascii_name),
                division_type="thành phố" if official.startswith("Thành phố") else "tỉnh",
                region=region,
                region_en=region_en,
                members=tuple(sorted(member_codes)),
            )
            self._add("34", new, (official, short, ascii_name))

    def _add(self, unit_set: str, unit: Province, names: tuple[str, ...]) -> None:
        self.units[unit_set][unit.code] = unit
        keys = {fold(n) for n in names if n} | set(_EXTRA_ALIASES.get(unit.code, ()))
        keys |= {core_name(k) for k in keys}
        for key in keys:
            self._aliases[unit_set].setdefault(key, set()).add(unit.code)

    # -- lookup -------------------------------------------------------------------------
    def all(self, unit_set: str = "63") -> list[Province]:
        unit_set = check_unit_set(unit_set)
        return [self.units[unit_set][c] for c in sorted(self.units[unit_set])]

    def get(self, code: str, unit_set: str = "63") -> Province:
        return self.units[check_unit_set(unit_set)][code]

    def successor(self, unit: Province) -> Province | None:
        return self.units["34"].get(unit.successor_code) if unit.successor_code else None

    def members(self, unit: Province) -> list[Province]:
        return [self.units["63"][c] for c in unit.members]

    def resolve(self, given: object, unit_set: str | None = None,
                on: dt.date | str | int | None = None) -> Province:
        """Map any spelling, GSO code or slug to a unit of the set in force (`unit_set`, or
        the set in force `on` a date, else '63'). Raises UnknownProvince / SeveralProvinces
        quoting what was given and suggesting the nearest units."""
        unit_set = check_unit_set(unit_set or (unit_set_on(on) if on is not None else "63"))
        code = self._match(given, unit_set)
        if code is not None:
            return self.units[unit_set][code]
        text = nfc(str(given)).strip()
        parts = split_several(text)
        if len(parts) > 1 and all(self._match(p, unit_set) for p in parts):
            names = ", ".join(self.units[unit_set][self._match(p, unit_set)].short_name
                              for p in parts)
            raise SeveralProvinces(
                f"{quoted(text)} names several provinces ({names}); one row must name one unit",
                given)
        raise self._unknown(given, unit_set)

    def _match(self, given: object, unit_set: str) -> str | None:
        if given is None:
            return None
        if isinstance(given, int) and not isinstance(given, bool):
            given = str(given)
        text = nfc(str(given)).strip()
        if re.fullmatch(r"\d{1,2}(\.0)?", text):
            code = text.split(".")[0].zfill(2)
            return code if code in self.units[unit_set] else None
        key = fold(_PAREN.sub(" ", text))
        candidates = self._aliases[unit_set].get(key) or self._aliases[unit_set].get(core_name(key))
        if candidates and len(candidates) == 1:
            return next(iter(candidates))
        return None

    def _unknown(self, given: object, unit_set: str) -> UnknownProvince:
        key = core_name(fold(_PAREN.sub(" ", str(given))))
        close = difflib.get_close_matches(key, list(self._aliases[unit_set]), n=6,
                                          cutoff=0.6) if len(key) <= MAX_NAME else []
        names: list[str] = []
        for alias in close:
            for code in sorted(self._aliases[unit_set][alias]):
                name = self.units[unit_set][code].short_name
                if name not in names:
                    names.append(name)
        hint = ""
        other = other_unit_set(unit_set)
        other_code = self._match(given, other)
        if other_code:
            unit = self.units[other][other_code]
            if other == "63":
                succ = self.units["34"][unit.successor_code]
                hint = (f"; {unit.short_name} is one of the 63 provinces before 1 July 2025 and "
                        f"joined {succ.short_name} ({succ.code}) in the 34-unit set")
            else:
                hint = f"; {unit.short_name} ({unit.code}) is a unit of the 34-unit set"
        suggestion = f"; did you mean {', '.join(names[:3])}?" if names else ""
        return UnknownProvince(
            f"unknown province {quoted(given)} in the {unit_set}-unit set{hint}{suggestion}",
            given, tuple(names[:3]))


def quoted(given: object, limit: int = 60) -> str:
    """`given` as a message quotes it: repr, cut to `limit` characters (a 10,000-character
    name stays a one-line error)."""
    text = repr(given)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(str(given)):,} characters)"


def _check_rows(rows: list[dict[str, str]], source: str, lines: list[int]) -> None:
    """A unit set must have units, each code once: a repeated GSO code would silently rename
    a province (the last row would win)."""
    if not rows:
        raise InputError("lists no provinces: no units to resolve names to", path=source,
                         hint="restore it (git checkout -- data/raw)")
    seen: dict[str, int] = {}
    for line, row in zip(lines, rows, strict=True):
        code = row.get("gso_code_pre2025", "")
        if not re.fullmatch(r"\d{2}", code or "") or not re.fullmatch(
                r"\d{2}", row.get("new_code_2025", "") or ""):
            raise InputError(f"GSO codes {code!r} / {row.get('new_code_2025')!r} are not two "
                             "digits", path=source, row=line, hint="fix the row")
        if code in seen:
            raise InputError(f"repeats the GSO code {code} (already on row {seen[code]}): "
                             "one code, one province", path=source, row=line,
                             hint="fix or remove one of the two rows")
        seen[code] = line


def check_unit_set(unit_set: object, where: str = "") -> str:
    """`unit_set` as one of UNIT_SETS ('63', 63 → '63'): the one check of a unit set given as a
    parameter, a ParameterError naming the sets otherwise. `where` ("data/raw/comparisons.csv,
    row 3: ") starts the message."""
    text = str(unit_set)
    if text not in UNIT_SETS:
        raise ParameterError(f"{where}unknown unit set {text!r}: use "
                             f"{' or '.join(repr(s) for s in UNIT_SETS)}")
    return text


@cached("domain.registry", maxsize=8)
def _registry_at(path: str, mtime: float) -> Registry:
    return Registry.from_file(Path(path))


def registry(root: Path | str | None = None) -> Registry:
    """The registry of the project at `root` (cached until the file changes)."""
    return registry_at(Paths.at(root))


def registry_at(paths: Paths) -> Registry:
    """`registry` for a caller that holds the project's `Paths`."""
    path = paths.raw / REGISTRY_FILE
    return _registry_at(str(path), path.stat().st_mtime)


def province(name: object, unit_set: str | None = None, on: dt.date | str | int | None = None,
             root: Path | str | None = None) -> Province:
    """Resolve any spelling of a province: `dtanalysis.province("TP.HCM")`."""
    return registry(root).resolve(name, unit_set=unit_set, on=on)
