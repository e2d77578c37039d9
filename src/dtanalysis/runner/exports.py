"""A province report's numbers as files beside its HTML: `<slug>.csv` (UTF-8 with a BOM, so
Excel shows Vietnamese) and `<slug>.xlsx`, linked from the page by relative paths (offline).

A text cell starting with `=`, `+`, `-`, `@` (or a tab / carriage return) would run as a formula
when the file is opened in a spreadsheet: such cells get a leading apostrophe. Numbers stay
numbers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET = "numbers"


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot start a spreadsheet formula."""
    import pandas as pd  # lazy: a rebuild with nothing to run must not import pandas

    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]):
            continue
        out[column] = [f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
                       for v in out[column]]
    return out


def export_paths(html: Path) -> tuple[Path, Path]:
    return html.with_suffix(".csv"), html.with_suffix(".xlsx")


@lru_cache(maxsize=2)
def _data(root: str, data_version: str):
    # lazy: the analysis stack (pandas tables) is only needed once reports are written
    from ..analysis import Data

    return Data.load(root)


def province_numbers(root: Path, data_version: str, province: str, unit_set: str,
                     peers: object = "region") -> pd.DataFrame:
    """The numbers the report on `province` shows (analysis.exports.report_numbers); the
    same in either language, so the English report of a build reuses the Vietnamese one's
    (kept per data version, a copy handed out)."""
    key = tuple(peers) if isinstance(peers, list | tuple) else peers
    return _numbers(str(root), data_version, province, unit_set, key).copy()


@lru_cache(maxsize=256)
def _numbers(root: str, data_version: str, province: str, unit_set: str,
             peers: object) -> pd.DataFrame:
    from ..analysis import peers as peer_codes  # lazy, as above
    from ..analysis.exports import report_numbers
    from ..domain.registry import registry

    data = _data(root, data_version)
    code = registry(Path(root)).resolve(province, unit_set=unit_set).code
    if isinstance(peers, str) and peers != "region":
        peers = [peers]
    elif isinstance(peers, tuple):
        peers = list(peers)
    return report_numbers(data, code, unit_set, peer_codes(data, code, unit_set, peers))


COMPARE_SECTIONS = ("indices", "targets", "indicators")


def compare_numbers(root: Path, data_version: str, provinces: list[str],
                    unit_set: str) -> pd.DataFrame:
    """The numbers a comparison page shows, unit after unit in the order given: each unit's
    rows of `report_numbers` of sections indices (every index, metric and year), targets and
    indicators."""
    import pandas as pd  # lazy, as above

    from ..analysis.exports import report_numbers
    from ..domain.group import resolve_group

    data = _data(str(root), data_version)
    frames = []
    for unit in resolve_group(provinces, unit_set, root):
        rows = report_numbers(data, unit.code, unit_set)
        frames.append(rows[rows["section"].isin(COMPARE_SECTIONS)])
    return pd.concat(frames, ignore_index=True)


def province_standing(root: Path, data_version: str, province: str,
                      unit_set: str) -> list[dict]:
    """The briefing's rows (one per index of the catalogue) as plain values, for the index
    page: the index's id and short label (from the catalogue), the lead year's rank (of
    `n_units`), score (with the decimals of its scale), statuses, the rank change against the
    previous year with a rank, and the years the index published without a value for the unit
    (`gap_years`; `published` False: no table for the set at all). The same in either
    language (its words are in both): kept per data version (a copy handed out)."""
    import copy

    return copy.deepcopy(_standing(str(root), data_version, province, unit_set))


@lru_cache(maxsize=256)
def _standing(root: str, data_version: str, province: str, unit_set: str) -> list[dict]:
    from ..analysis import claims
    from ..analysis import indices as ix  # lazy, as above
    from ..analysis.briefing import index_rows
    from ..analysis.data import name_of
    from ..domain.registry import registry
    from ..report.i18n import t
    from ..report.wording import missing_text

    data = _data(root, data_version)
    code = registry(Path(root)).resolve(province, unit_set=unit_set).code
    catalogue = ix.catalogue(data).set_index("index")
    out = []
    unit_name = name_of(data, code, unit_set)

    def reason(index: str, label: str, year: int) -> dict:
        """Why the unit has no value that year (`claims.why_missing`), in both languages."""
        m = claims.why_missing(data, index, year, unit_set, code)
        return {"year": year, "kind": m.kind,
                **{lang: missing_text(m, lang, label, unit_name) for lang in ("vi", "en")}}

    def coverage(index: str, year) -> dict | None:
        if year is None:
            return None
        c = claims.coverage(data, index, int(year), unit_set)
        return {"held": c.held_measure, "out_of": c.out_of, "measure": c.measure,
                "declared": c.declared}

    for row in index_rows(data, code, unit_set):
        h, change = row.lead, row.lead.rank_change
        entry = catalogue.loc[row.index]
        label = str(entry["label"])
        gap_years = [g.year for g in row.gaps if h.year is None or g.year > h.year]
        no_table = {lang: t("cl_missing_no_table_set", lang, index=label,
                            set_short=t(f"set_short_{unit_set}", lang)) for lang in ("vi", "en")}
        out.append({"index": row.index, "label": str(entry["label"]),
                    "year": _plain(h.year, int),
                    "rank": _plain(h.rank, int), "rank_status": h.rank_status,
                    "score": _plain(h.score, float), "score_status": h.score_status,
                    "score_decimals": 4 if float(entry["score_max"]) <= 1 else 2,
                    "n_units": _plain(h.n_units, int),
                    "rank_delta": None if change is None else _plain(change.delta, int),
                    "previous_year": None if change is None else _plain(change.previous_year,
                                                                        int),
                    "published": bool(row.published_years),
                    "gap_years": gap_years,
                    # why each gap year has no value (claims.why_missing), and, for an index
                    # without any value, why its latest year has none
                    "gap_reasons": [reason(row.index, label, y) for y in gap_years],
                    "missing": (None if h.rank is not None or h.score is not None else
                                reason(row.index, label, max(row.published_years))
                                if row.published_years else {"kind": "no_table", **no_table}),
                    "coverage": coverage(row.index, h.year)})
    return out


def _plain(value, kind):
    return None if value is None else kind(value)


def write_exports(frame: pd.DataFrame, html: Path, about: dict[str, str]) -> tuple[Path, Path]:
    """Write the CSV and XLSX beside `html` (same name); `about` (data version, report, …)
    goes to the XLSX's second sheet. Returns both paths. The XLSX is streamed (openpyxl's
    write-only workbook: the same cells, in two thirds of the time of pandas' `to_excel`), its
    first sheet's header row frozen and its columns as wide as their text (8 to 48)."""
    import pandas as pd  # lazy, as in neutralise
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    csv, xlsx = export_paths(html)
    safe = neutralise(frame)
    csv.write_text(safe.to_csv(index=False, lineterminator="\r\n"), encoding="utf-8-sig")
    about_frame = neutralise(pd.DataFrame({"field": list(about), "value": list(about.values())}))
    book = Workbook(write_only=True)
    for name, table in ((SHEET, safe), ("about", about_frame)):
        sheet = book.create_sheet(name)
        rows = [[str(c) for c in table.columns]] + [
            [_cell(v) for v in row] for row in table.itertuples(index=False, name=None)]
        if name == SHEET:
            sheet.freeze_panes = "A2"
            for i, column in enumerate(zip(*rows), start=1):
                width = max(len(str(v)) if v is not None else 0 for v in column)
                sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 48)
        for row in rows:
            sheet.append(row)
    book.save(xlsx)
    return csv, xlsx


def _cell(value):
    """A cell's value for openpyxl: None for a blank (NA, NaN), plain Python numbers."""
    import pandas as pd  # lazy, as in neutralise

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value
