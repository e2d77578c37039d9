"""Indicators and resolution targets extracted from the press articles (`../shared/seeds`):
`data/raw/indicators.csv`, `data/raw/targets.csv`, their catalogue
`data/raw/indicator_catalogue.csv` and the articles' metadata `data/raw/sources.csv`.

Values are parsed from the text exactly as written ("hơn 2.045", "27,9%", "35/35"), so the
value, its unit, its qualifier and the original text all travel to the processed tables.
A national figure given for comparison (province `Việt Nam`) is kept as a national benchmark
with code `VN` and unit set `national`.

A qualitative target — one the source states without a number ("mỗi gia đình đều có địa chỉ
số": every household has a digital address) — has an indicator whose catalogue unit is
`text` (`QUALITATIVE_UNIT`): its `target_value` stays empty and `as_written` is the target. No
number is ever made up for it; an indicator of that unit has no values in `indicators.csv`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from ..domain import rawtext
from ..domain.numbers import Number, NumberError, column_style, convert, parse_number
from ..domain.registry import ProvinceError, Registry, unit_set_on
from ..domain.text import fold
from ..errors import InputError
from ..vocab import NATIONAL_CODE, NATIONAL_SET
from .quarantine import Quarantined, ReadResult
from .rawfile import read_records

CATALOGUE_COLUMNS = ("indicator", "label_vi", "label_en", "unit", "higher_is_better")
INDICATOR_COLUMNS = ("province", "period", "indicator", "as_written", "source_id")
TARGET_COLUMNS = ("province", "indicator", "as_written", "target_year", "source_id")
SOURCE_COLUMNS = ("source_id", "publisher", "published", "title", "url")
NATIONAL_NAMES = ("viet nam", "vietnam", "ca nuoc", "toan quoc", "national")
QUALITATIVE_UNIT = "text"  # catalogue unit of an indicator whose targets are words, no number


def read_csv(path: Path, required: tuple[str, ...] = (), root: Path | None = None,
             ) -> list[tuple[int, dict[str, str]]]:
    """(line, record) for each row, read by `rawfile` (any encoding Excel writes; one-line
    `InputError` naming file and row otherwise); `root`: the project, else found from `path`."""
    return read_records(path, root=root, required=required)


def read_sources(path: Path, root: Path | None = None) -> ReadResult:
    """The articles' metadata (`sources.csv`), one row per source."""
    return ReadResult([record for _, record in read_csv(path, SOURCE_COLUMNS, root)])


def period_end(period: str) -> dt.date:
    """Last day of a period as reported: '2022', '2023-06', '2023-09-30', '2022-01/2022-06'."""
    last = period.split("/")[-1].strip()
    if re.fullmatch(r"\d{4}", last):
        return dt.date(int(last), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", last):
        year, month = map(int, last.split("-"))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date.fromisoformat(last)


def read_catalogue(path: Path, relative: str | None = None,
                   root: Path | None = None) -> ReadResult:
    """The indicator catalogue, each row with its provenance (`relative`: the file as the
    provenance columns name it, else relative to the project)."""
    root = Path(root) if root is not None else rawtext.project_of(path)
    relative = relative or rawtext.shown(path, root)
    catalogue = []
    for line, record in read_csv(path, CATALOGUE_COLUMNS, root):
        for bound in ("min_value", "max_value"):
            try:
                float(record.get(bound) or 0)
            except ValueError:
                raise InputError(f"{bound} {record[bound][:40]!r} is not a number",
                                 path=relative, row=line,
                                 hint="write a plain number (0.5), or leave it empty") from None
        catalogue.append({
            "indicator": record["indicator"], "label_vi": record["label_vi"],
            "label_en": record["label_en"], "unit": record["unit"],
            "higher_is_better": record["higher_is_better"].lower() == "true",
            "min_value": float(record["min_value"]) if record.get("min_value") else None,
            "max_value": float(record["max_value"]) if record.get("max_value") else None,
            "note": record.get("note") or None,
            "source": None, "source_file": relative, "source_line": line,
        })
    return ReadResult(catalogue)


def _where(registry: Registry, name: str, unit_set: str) -> tuple[str, str]:
    if fold(name) in NATIONAL_NAMES:
        return NATIONAL_CODE, NATIONAL_SET
    unit = registry.resolve(name, unit_set=unit_set)
    return unit.code, unit.unit_set


def _styles(rows: list[tuple[int, dict]], column: str) -> dict[str, str]:
    """Decimal style per source (one article writes one way)."""
    by_source: dict[str, list[str]] = {}
    for _, record in rows:
        by_source.setdefault(record.get("source_id", ""), []).append(record[column])
    return {source: column_style(values) for source, values in by_source.items()}


def _parse(record: dict, column: str, style: str, catalogue: dict[str, dict]):
    """(Number, problem) for one value cell, checked against the catalogue."""
    entry = catalogue.get(record["indicator"])
    if entry is None:
        return None, f"indicator {record['indicator']!r} is not in the catalogue"
    if entry["unit"] == QUALITATIVE_UNIT:
        return None, (f"indicator {record['indicator']!r} is qualitative (unit "
                      f"{QUALITATIVE_UNIT!r}): it has targets in words, never a value")
    try:
        number = parse_number(record[column], style)
    except NumberError as error:
        return None, f"{column} {record[column]!r} is not a number ({error})"
    unit = record.get("unit") or entry["unit"]
    if unit != entry["unit"]:
        return None, f"unit {unit!r} differs from the catalogue unit {entry['unit']!r}"
    if number.unit and number.unit != unit:
        converted = convert(number.value, number.unit, unit)
        if converted is None:
            return None, f"{record[column]!r} is in {number.unit!r}, the row says {unit!r}"
        number = replace(number, value=converted, unit=unit)
    if number.denominator and unit == "%":
        # "35/35" of a rate: the share, 100·X/Y; as_written and denominator keep the original.
        number = replace(number, value=100 * number.value / number.denominator)
    return number, None


def read_indicators(path: Path, registry: Registry, catalogue: dict[str, dict], relative: str,
                    root: Path | None = None) -> ReadResult:
    rows = read_csv(path, INDICATOR_COLUMNS, root)
    styles = _styles(rows, "as_written")
    out, quarantined = [], []
    for line, record in rows:
        number, problem = _parse(record, "as_written", styles[record.get("source_id", "")],
                                 catalogue)
        try:
            end = period_end(record["period"])
            code, unit_set = _where(registry, record["province"], unit_set_on(end))
        except (ProvinceError, ValueError) as error:
            problem = problem or str(error)
        if problem:
            quarantined.append(Quarantined("indicators", relative, line, record, problem,
                                           province=record.get("province")))
            continue
        out.append({
            "province_code": code, "unit_set": unit_set, "period": record["period"],
            "period_end": end, "indicator": record["indicator"], "value": number.value,
            "unit": catalogue[record["indicator"]]["unit"], "qualifier": number.qualifier,
            "denominator": number.denominator, "as_written": record["as_written"],
            "source": record["source_id"], "note": record.get("quote") or None,
            "source_file": relative, "source_line": line,
        })
    return ReadResult(out, quarantined)


def read_targets(path: Path, registry: Registry, catalogue: dict[str, dict],
                 published: dict[str, str], relative: str,
                 root: Path | None = None) -> ReadResult:
    rows = read_csv(path, TARGET_COLUMNS, root)
    styles = _styles(rows, "as_written")
    out, quarantined = [], []
    for line, record in rows:
        entry = catalogue.get(record["indicator"])
        if entry is not None and entry["unit"] == QUALITATIVE_UNIT:
            number, problem = _words(record)
        else:
            number, problem = _parse(record, "as_written", styles[record.get("source_id", "")],
                                     catalogue)
        dated = record.get("issued") or published.get(record.get("source_id", "")) or ""
        try:
            target_year = int(record["target_year"]) if record["target_year"] else None
            unit_set = unit_set_on(dated) if dated else "63"
            code, unit_set = _where(registry, record["province"], unit_set)
            issued = dt.date.fromisoformat(record["issued"]) if record.get("issued") else None
        except (ProvinceError, ValueError) as error:
            problem = problem or str(error)
        if problem:
            quarantined.append(Quarantined("targets", relative, line, record, problem,
                                           province=record.get("province")))
            continue
        out.append({
            "province_code": code, "unit_set": unit_set, "indicator": record["indicator"],
            "target_value": number.value, "unit": catalogue[record["indicator"]]["unit"],
            "qualifier": number.qualifier, "target_year": target_year,
            "instrument": record.get("instrument") or None, "issued": issued,
            "as_written": record["as_written"], "source": record["source_id"],
            "note": record.get("quote") or None, "source_file": relative, "source_line": line,
        })
    return ReadResult(merge_restated(out), quarantined)


def _words(record: dict):
    """(Number without a value, problem) for a qualitative target: its words are the target."""
    unit = record.get("unit") or QUALITATIVE_UNIT
    if unit != QUALITATIVE_UNIT:
        return None, f"unit {unit!r} differs from the catalogue unit {QUALITATIVE_UNIT!r}"
    if not record["as_written"].strip():
        return None, "a qualitative target needs its words in as_written"
    return Number(None, as_written=record["as_written"]), None


TARGET_KEY = ("province_code", "unit_set", "indicator", "target_year", "instrument")
_SAME_TARGET = ("province_code", "unit_set", "indicator", "target_year", "target_value")


def merge_restated(targets: list[dict]) -> list[dict]:
    """One row per target: a target restated by several sources with the same value (and
    deadline) keeps the first row and cites every source (`;`-separated). A source that does
    not name the instrument restates the target of the one that does (and the row keeps the
    instrument). Different values stay separate rows, which validation reports (a unique-key
    failure naming both rows); two instruments setting the same value stay two rows."""
    out: list[dict] = []
    for row in targets:
        first = next((kept for kept in out if _restates(kept, row)), None)
        if first is None:
            out.append(row)
            continue
        first["instrument"] = first["instrument"] or row["instrument"]
        first["issued"] = first["issued"] or row["issued"]
        if row["source"] not in first["source"].split("; "):
            first["source"] = f"{first['source']}; {row['source']}"
    return out


def _restates(kept: dict, row: dict) -> bool:
    return (all(kept[k] == row[k] for k in _SAME_TARGET)
            and (kept["instrument"] == row["instrument"]
                 or not kept["instrument"] or not row["instrument"]))
