"""A chosen group of units to compare (`dtanalysis compare`, `dtanalysis.compare`, and the
groups of `data/raw/comparisons.csv`): 2 to 8 units of one set, each named in any spelling,
none twice. Checked here, before any table is read or any kernel starts; every refusal is one
line (a ParameterError)."""

from __future__ import annotations

from pathlib import Path

from ..errors import ParameterError, ProvinceError
from ..paths import Paths
from ..vocab import other_unit_set
from .registry import Province, check_unit_set, registry, registry_at

MIN_UNITS, MAX_UNITS = 2, 8


def resolve_group(names, unit_set: str = "63", root: Paths | Path | str | None = None,
                  where: str = "") -> list[Province]:
    """The units `names` name in `unit_set`, in the order given. Refused in one line: fewer
    than 2 or more than 8 names, a name of no unit, a name of a unit of the other set only,
    the same unit twice (in any spelling). `where` ("data/raw/comparisons.csv, row 3: ")
    starts the message. `root`: the project's root, or the `Paths` a caller already holds
    (`build`'s plan: not resolved again)."""
    unit_set = check_unit_set(str(unit_set).strip(), where)
    if isinstance(names, str):
        names = [names]
    names = [n for n in (names or [])]
    if not MIN_UNITS <= len(names) <= MAX_UNITS:
        raise ParameterError(f"{where}a comparison takes {MIN_UNITS} to {MAX_UNITS} units, "
                             f"not {len(names)}", hint="name each unit with --province")
    reg = registry_at(root) if isinstance(root, Paths) else registry(root)
    other = other_unit_set(unit_set)
    units: list[Province] = []
    for name in names:
        if name is None or not str(name).strip():
            raise ParameterError(f"{where}a unit's name is empty",
                                 hint="give a name, a GSO code or a slug")
        try:
            unit = reg.resolve(name, unit_set=unit_set)
        except ProvinceError as error:
            try:
                elsewhere = reg.resolve(name, unit_set=other)
            except ProvinceError:
                raise ParameterError(f"{where}{error}") from error
            raise ParameterError(
                f"{where}{str(name).strip()!r} is {elsewhere.short_name}, a unit of the "
                f"{other}-unit set, not of the {unit_set}-unit set",
                hint=f"compare units of one set (--set {other} for this one)") from error
        twice = next((u for u in units if u.code == unit.code), None)
        if twice is not None:
            raise ParameterError(f"{where}{str(name).strip()!r} names {unit.short_name} a "
                                 "second time", hint="name each unit once")
        units.append(unit)
    return units


def group_slug(units: list[Province]) -> str:
    """The comparison's file name: the units' slugs joined by `--`, in the order given."""
    return "--".join(u.slug for u in units)
