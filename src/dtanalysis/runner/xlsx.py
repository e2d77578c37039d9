"""A workbook of plain tables written as Office Open XML (ECMA-376) SpreadsheetML: the parts an
.xlsx needs and nothing else, each sheet a table of text, numbers, booleans and blanks (no
formulas, no styles beyond the default one).

Why not openpyxl: a report's XLSX (405 rows × 17 columns) cost 68 ms in openpyxl's cell writer,
the largest single part of a report's time in its kernel (measured, py-spy); the same cells
written here cost about 15 ms. openpyxl still reads them in the tests, and reads the raw XLSX
files the project is given.

What a reader gets:
- text as inline strings (`t="inlineStr"`): never a formula, whatever it starts with (the
  formula-neutralising apostrophe is the caller's, `exports.neutralise`); an empty text is a
  blank cell. Characters XML 1.0 cannot hold (control characters) are written as the
  format's `_xHHHH_` escape (ECMA-376 Part 1, ST_Xstring), and a text that already reads like
  one has its `_` escaped (`_x005F_`), so Excel and LibreOffice read each text as written
  (openpyxl does not decode these escapes: it shows them as they are written);
- numbers as numbers (`repr` of the float or int: shortest round-trip); a NaN or infinite
  number, which a cell cannot hold, and None are blank cells;
- a frozen header row and column widths where asked.

The file is the same bytes for the same tables: no timestamps inside (the zip entries are
dated 1980-01-01, the zip format's first date). (A report's own file differs from run to run
only by what its `about` sheet says: the run's date.)"""

from __future__ import annotations

import functools
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MAX_SHEET_NAME = 31  # Excel's limit
FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")

# Characters XML 1.0 cannot carry, written as `_xHHHH_`; and a text that already holds such a
# sequence, whose `_` is escaped (`_x005F_`) so that a reader does not decode it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LOOKS_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_NEEDS_CARE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\r&<>]|_x[0-9A-Fa-f]{4}_")


@dataclass(frozen=True)
class Sheet:
    """One table: `rows` (the first is the header when `freeze_header`), `widths` the columns'
    widths in characters (None: the reader's default)."""

    name: str
    rows: Sequence[Sequence[object]]
    freeze_header: bool = False
    widths: Sequence[float] | None = None


def write_workbook(path: Path, sheets: Iterable[Sheet]) -> Path:
    """Write `sheets` (at least one, names unique) as the workbook `path`."""
    sheets = list(sheets)
    _check_names(sheets)
    parts = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _relationships([
            ("rId1", f"{REL}/officeDocument", "xl/workbook.xml"),
            ("rId2", f"{PKG_REL}/metadata/core-properties", "docProps/core.xml"),
            ("rId3", f"{REL}/extended-properties", "docProps/app.xml")]),
        "docProps/core.xml": (
            DECLARATION + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<dc:creator>dtanalysis</dc:creator></cp:coreProperties>"),
        "docProps/app.xml": (
            DECLARATION + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            '2006/extended-properties"><Application>dtanalysis</Application></Properties>'),
        "xl/workbook.xml": _workbook(sheets),
        "xl/_rels/workbook.xml.rels": _relationships(
            [(f"rId{i}", f"{REL}/worksheet", f"worksheets/sheet{i}.xml")
             for i in range(1, len(sheets) + 1)]
            + [(f"rId{len(sheets) + 1}", f"{REL}/styles", "styles.xml")]),
        "xl/styles.xml": _STYLES,
        **{f"xl/worksheets/sheet{i}.xml": sheet_xml(sheet)
           for i, sheet in enumerate(sheets, start=1)},
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            book.writestr(entry, text.encode("utf-8"))
    return path


def sheet_xml(sheet: Sheet) -> str:
    """The worksheet part of `sheet`."""
    width = max((len(row) for row in sheet.rows), default=0)
    letters = [column_letter(i) for i in range(1, width + 1)]
    out = [DECLARATION, f'<worksheet xmlns="{MAIN}">']
    if sheet.freeze_header:
        out.append('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
                   'topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                   '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
                   "</sheetView></sheetViews>")
    if sheet.widths:
        out.append("<cols>" + "".join(
            f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
            for i, w in enumerate(sheet.widths, start=1)) + "</cols>")
    out.append("<sheetData>")
    for r, row in enumerate(sheet.rows, start=1):
        out.append(f'<row r="{r}">')
        out.extend(_cell(f"{letter}{r}", value) for letter, value in zip(letters, row))
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def _cell(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}"><v>{value!r}</v></c>' if math.isfinite(value) else ""
    text = str(value)
    return f'<c r="{ref}"{_text_cell(text)}' if text else ""


@functools.lru_cache(maxsize=4096)  # a table repeats its texts (sections, names, sources)
def _text_cell(text: str) -> str:
    """The rest of a text cell after its reference."""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f' t="inlineStr"><is><t{space}>{_xml_text(text)}</t></is></c>'


def _xml_text(text: str) -> str:
    if _NEEDS_CARE.search(text) is None:
        return text
    text = _LOOKS_ESCAPED.sub(r"_x005F_\1", text)
    text = _NOT_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    # a carriage return as a character reference: a parser turns a literal one into "\n"
    return escape(text, {"\r": "&#13;"})


def column_letter(number: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_names(sheets: list[Sheet]) -> None:
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    seen: set[str] = set()
    for sheet in sheets:
        name = sheet.name
        if not name or len(name) > MAX_SHEET_NAME or FORBIDDEN_IN_SHEET_NAME.search(name):
            raise ValueError(f"not a sheet name: {name!r}")
        if name.casefold() in seen:
            raise ValueError(f"two sheets named {name!r}")
        seen.add(name.casefold())


def _content_types(n_sheets: int) -> str:
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = [("/xl/workbook.xml", f"{main}.sheet.main+xml"),
                 ("/xl/styles.xml", f"{main}.styles+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml",
                  "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    overrides += [(f"/xl/worksheets/sheet{i}.xml", f"{main}.worksheet+xml")
                  for i in range(1, n_sheets + 1)]
    return (DECLARATION
            + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            + '<Default Extension="rels" '
              'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            + '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>'
                      for part, kind in overrides)
            + "</Types>")


def _relationships(relations: list[tuple[str, str, str]]) -> str:
    return (DECLARATION + f'<Relationships xmlns="{PKG_REL}">'
            + "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
                      for rid, kind, target in relations)
            + "</Relationships>")


def _workbook(sheets: list[Sheet]) -> str:
    return (DECLARATION + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            + "".join(f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i}" '
                      f'r:id="rId{i}"/>' for i, s in enumerate(sheets, start=1))
            + "</sheets></workbook>")


# The default style only (one font, the two fills the format requires, one border, one format).
_STYLES = (
    DECLARATION + f'<styleSheet xmlns="{MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>")
