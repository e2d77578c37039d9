"""A province report's numbers as files beside its HTML: `<slug>.csv` (UTF-8 with a BOM, so
Excel shows Vietnamese) and `<slug>.xlsx`, linked from the page by relative paths (offline).

They are computed once, in the kernel that ran the report, from its own tables (`Data.load`
of the kernel, the tables the report read): after the notebook, the runner has the kernel run
`take_away`, which writes the CSV / XLSX and the province's standing (for the index page)
into a folder the runner then moves them from (`outputs.place_take_away`).

A text cell starting with `=`, `+`, `-`, `@` (or a tab / carriage return) would run as a formula
when the file is opened in a spreadsheet: such cells get a leading apostrophe. Numbers stay
numbers."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..vocab import LANGS

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET = "numbers"


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot start a spreadsheet formula."""
    import pandas as pd  # lazy: a rebuild with nothing to run must not import pandas

    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_numeric_dtype(values):
            continue
        if isinstance(values.dtype, pd.StringDtype):  # text only: one vectorised test
            starts = values.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
            if starts.any():
                out[column] = values.mask(starts, "'" + values)
            continue
        out[column] = [_safe_text(v) for v in values]
    return out


def export_paths(html: Path) -> tuple[Path, Path]:
    return html.with_suffix(".csv"), html.with_suffix(".xlsx")


TAKE_AWAY_FILE = "take_away.json"


def take_away(request: str) -> None:
    """Run in a report's kernel after its notebook (`runner.execute`): write the numbers the
    report shows as `numbers.csv` / `numbers.xlsx` into the request's folder, and
    `take_away.json`: a province's `standing`, or `exports_error` (with `quiet` when there are
    no processed tables to export: a notebook-only project, not a fault). `request` is
    `outputs.take_away_request`'s JSON."""
    from ..errors import ProjectError

    spec = json.loads(request)
    folder = Path(spec["folder"])
    out: dict = {}
    try:
        numbers, standing = _numbers(spec)
        if standing is not None:
            out["standing"] = standing
        write_exports(numbers, folder / "numbers.html",
                      {**spec["about"], "columns": ", ".join(numbers.columns)})
    except ProjectError as error:
        out.update(exports_error=f"{type(error).__name__}: {error}", quiet=True)
    except Exception as error:  # noqa: BLE001 - the page is made; only its files are lost
        out.update(exports_error=f"{type(error).__name__}: {error}")
    (folder / TAKE_AWAY_FILE).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


def _numbers(spec: dict) -> tuple[pd.DataFrame, list[dict] | None]:
    """The numbers and (a province's) standing `take_away` writes: the same in every language,
    so computed once per Data and report (the languages of a unit run one after the other on
    one warm kernel, `pool.chains`)."""
    from ..analysis.data import memo  # lazy, as in _data

    root, version, unit_set = spec["root"], spec["data_version"], spec["unit_set"]
    parameters = spec["parameters"]

    def compute() -> tuple[pd.DataFrame, list[dict] | None]:
        if spec["kind"] == "compare":
            return compare_numbers(root, version, parameters["provinces"], unit_set), None
        return (province_numbers(root, version, parameters["province"], unit_set,
                                 parameters.get("peers", "region")),
                province_standing(root, version, parameters["province"], unit_set))

    # what the numbers depend on (not the language, nor the links to other pages)
    key = ("runner.take_away", spec["kind"], unit_set, version,
           json.dumps([parameters.get(k) for k in ("province", "provinces", "peers")],
                      ensure_ascii=False, default=str))
    numbers, standing = memo(_data(root), key, compute)
    return numbers.copy(), copy.deepcopy(standing)


def _data(root: Path | str):
    # lazy: the analysis stack (pandas tables) is only needed where reports run
    from ..analysis import Data

    return Data.load(root)  # the tables of this process (in a kernel: the report's own)


def province_numbers(root: Path | str, data_version: str, province: str, unit_set: str,
                     peers: object = "region") -> pd.DataFrame:
    """The numbers the report on `province` shows (analysis.exports.report_numbers) from the
    processed tables of version `data_version` at `root`."""
    from ..analysis import peers as peer_codes  # lazy, as above
    from ..analysis.exports import report_numbers
    from ..domain.registry import registry

    data = _data(root)
    code = registry(Path(root)).resolve(province, unit_set=unit_set).code
    if isinstance(peers, str) and peers != "region":
        peers = [peers]
    elif isinstance(peers, tuple):
        peers = list(peers)
    return report_numbers(data, code, unit_set, peer_codes(data, code, unit_set, peers))


COMPARE_SECTIONS = ("indices", "targets", "indicators")


def compare_numbers(root: Path | str, data_version: str, provinces: list[str],
                    unit_set: str) -> pd.DataFrame:
    """The numbers a comparison page shows, unit after unit in the order given: each unit's
    rows of `report_numbers` of sections indices (every index, metric and year), targets and
    indicators."""
    import pandas as pd  # lazy, as above

    from ..analysis.exports import report_numbers
    from ..domain.group import resolve_group

    data = _data(root)
    frames = []
    for unit in resolve_group(provinces, unit_set, root):
        rows = report_numbers(data, unit.code, unit_set)
        frames.append(rows[rows["section"].isin(COMPARE_SECTIONS)])
    return pd.concat(frames, ignore_index=True)


def province_standing(root: Path | str, data_version: str, province: str,
                      unit_set: str) -> list[dict]:
    """The briefing's rows (one per index of the catalogue) as plain values, for the index
    page: the index's id and short label (from the catalogue), the lead year's rank (of
    `n_units`), score (with the decimals of its scale), statuses, what another source gives
    instead (`disputed`, words per language), the rank change against the
    previous year with a rank, and the years the index published without a value for the unit
    (`gap_years`; `published` False: no table for the set at all). The same in either
    language (its words are in both)."""
    from ..analysis import claims
    from ..analysis import indices as ix  # lazy, as above
    from ..analysis.briefing import index_rows
    from ..analysis.data import name_of
    from ..domain.registry import registry
    from ..report.i18n import t
    from ..report.wording import disputed_text, missing_text

    data = _data(root)
    code = registry(Path(root)).resolve(province, unit_set=unit_set).code
    catalogue = ix.catalogue(data).set_index("index")
    out = []
    unit_name = name_of(data, code, unit_set)

    def reason(index: str, label: str, year: int) -> dict:
        """Why the unit has no value that year (`claims.why_missing`), in both languages."""
        m = claims.why_missing(data, index, year, unit_set, code)
        return {"year": year, "kind": m.kind,
                **{lang: missing_text(m, lang, label, unit_name) for lang in LANGS}}

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
                            set_short=t(f"set_short_{unit_set}", lang)) for lang in LANGS}
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
                    "coverage": coverage(row.index, h.year),
                    # what other sources give for the rank or score shown (claims rule 5),
                    # in words per language: '' where no source disagrees
                    "disputed": {lang: {"rank": disputed_text(h.rank_disputes, lang),
                                        "score": disputed_text(h.score_disputes, lang)}
                                 for lang in LANGS}})
    return out


def _plain(value, kind):
    return None if value is None else kind(value)


def write_exports(frame: pd.DataFrame, html: Path, about: dict[str, str]) -> tuple[Path, Path]:
    """Write the CSV and XLSX beside `html` (same name); `about` (data version, report, …)
    goes to the XLSX's second sheet. Returns both paths. The XLSX (`xlsx.write_workbook`) has
    its first sheet's header row frozen and its columns as wide as their text (8 to 48)."""
    from .xlsx import Sheet, write_workbook

    csv, xlsx = export_paths(html)
    safe = neutralise(frame)
    csv.write_text(safe.to_csv(index=False, lineterminator="\r\n"), encoding="utf-8-sig")
    rows = _rows(safe)
    widths = [min(max(max(len(str(v)) if v is not None else 0 for v in column) + 2, 8), 48)
              for column in zip(*rows)]
    about_rows = [["field", "value"], *([_safe_text(k), _safe_text(v)] for k, v in about.items())]
    write_workbook(xlsx, [Sheet(SHEET, rows, freeze_header=True, widths=widths),
                          Sheet("about", about_rows)])
    return csv, xlsx


def _rows(frame: pd.DataFrame) -> list[list]:
    """The header and the cells of `frame` as plain Python values, a blank (NA, NaN) as None."""
    import pandas as pd  # lazy, as in neutralise

    columns = []
    for name in frame.columns:
        values = frame[name].astype(object)
        columns.append([None if v is None or (not isinstance(v, str) and pd.isna(v))
                        else v.item() if hasattr(v, "item") else v for v in values])
    return [[str(c) for c in frame.columns], *map(list, zip(*columns))]


def _safe_text(value: object) -> object:
    """`value`, a text that could start a formula given a leading apostrophe."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
