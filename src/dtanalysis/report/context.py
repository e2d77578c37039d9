"""What every section of a report shares: the checked parameters and the data, as a
`ReportContext` (province report) or an `OverviewContext` (national overview)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .. import analysis as an
from ..domain.registry import check_unit_set, registry
from ..errors import ParameterError
from .i18n import check_lang, t


@dataclass(frozen=True, eq=False)
class ReportContext:
    data: an.Data
    code: str
    unit_set: str
    year: int | None
    peer_codes: tuple[str, ...]
    peers: object  # the parameter as given ("region" or names)
    lang: str
    as_of: dt.date | None = None

    @property
    def name(self) -> str:
        return an.name_of(self.data, self.code, self.unit_set)

    @property
    def unit(self) -> pd.Series:
        return an.unit(self.data, self.code, self.unit_set)

    @property
    def region(self) -> str:
        return str(self.unit["region" if self.lang == "vi" else "region_en"])

    @property
    def set_label(self) -> str:
        return t(f"set_{self.unit_set}", self.lang)


def report_context(province: object, unit_set: object = "63", year: object = None,
                   peers: object = "region", lang: str = "vi", *, data: an.Data | None = None,
                   root=None, as_of: dt.date | None = None) -> ReportContext:
    """Check the notebook parameters and bundle what every section needs. Raises
    ParameterError naming the parameter (an unknown province: the registry's UnknownProvince,
    which quotes the name and suggests the nearest units); both are ValueErrors."""
    check_lang(lang)
    unit_set = check_unit_set(str(unit_set).strip(), "unit_set: ")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year)
        else:
            raise ParameterError(f"year must be None (latest) or a year such as 2022, not "
                                 f"{year!r}")
    if province is None or (isinstance(province, str) and not province.strip()):
        raise ParameterError("province must name a province, e.g. 'Hải Phòng'")
    data = data if data is not None else an.Data.load(root)
    if year is not None and year not in an.set_years(data, unit_set):
        raise ParameterError(f"no DTI data for year {year} in the {unit_set}-unit set; years "
                             f"with data: {', '.join(map(str, an.set_years(data, unit_set)))}")
    unit = registry(data.root).resolve(province, unit_set=unit_set)
    if isinstance(peers, str) and peers != "region":
        peers = [peers]
    peer_codes = an.peers(data, unit.code, unit_set, peers)
    return ReportContext(data, unit.code, unit_set, year, tuple(peer_codes), peers, lang, as_of)




@dataclass(frozen=True, eq=False)
class OverviewContext:
    data: an.Data
    unit_set: str
    lang: str

    @property
    def set_label(self) -> str:
        return t(f"set_{self.unit_set}", self.lang)


def overview_context(unit_set: object = "63", lang: str = "vi", *,
                     data: an.Data | None = None, root=None) -> OverviewContext:
    check_lang(lang)
    unit_set = check_unit_set(str(unit_set).strip(), "unit_set: ")
    return OverviewContext(data if data is not None else an.Data.load(root), unit_set, lang)


@dataclass(frozen=True, eq=False)
class CompareContext:
    """A chosen group of units of one set (`dtanalysis compare`), in the order given."""
    data: an.Data
    codes: tuple[str, ...]
    unit_set: str
    lang: str
    as_of: dt.date | None = None

    @property
    def names(self) -> list[str]:
        return [an.name_of(self.data, c, self.unit_set) for c in self.codes]

    @property
    def set_label(self) -> str:
        return t(f"set_{self.unit_set}", self.lang)


def compare_context(provinces: object, unit_set: object = "63", lang: str = "vi", *,
                    data: an.Data | None = None, root=None,
                    as_of: dt.date | None = None) -> CompareContext:
    """Check the comparison notebook's parameters: 2 to 8 units of one set, any spelling, none
    twice (`domain.group.resolve_group`; a ParameterError otherwise)."""
    from ..domain.group import resolve_group

    check_lang(lang)
    unit_set = str(unit_set).strip()
    data = data if data is not None else an.Data.load(root)
    group = resolve_group(provinces, unit_set, data.root)
    return CompareContext(data, tuple(u.code for u in group), unit_set, lang, as_of)
