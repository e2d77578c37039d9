"""Read one raw table file, CSV or XLSX, into rows of cells, or refuse it in one line.

Every reader of `data/raw/` goes through here (the registry through `domain.rawtext`, the
text half of this module):

    grid = read_grid(path)                 # Grid: .rows = [(row number, [cells])], .sheet, …
    for line, record in read_records(path, required=("province", "value")): ...

`read_grid(path, *, root=None, sheet=None, is_table=None) -> Grid`: `Grid.rows` is a list of
(1-based line or sheet row, cells) with text NFC-normalised and stripped, XLSX numbers and
dates kept as they are, blank cells ''. Whatever the file holds, the only exception is
`InputError`: file, row where there is one, reason and what to do, as one line.
docs/bad-input.md lists every case; tests/ingest/test_rawfile.py tries each one on a real file.

- The path: see `domain.rawtext` (a regular file, or a link to one inside the project).
- `.csv`, `.tsv`, `.txt` are text (`domain.rawtext`: encodings, delimiters, quotes, NUL);
  `.xlsx`, `.xlsm` workbooks; `.xls` (Excel 97-2003) is refused (save it as .xlsx), and so is
  any other suffix.

Workbooks (openpyxl, imported here only; about 15 s per million cells, so large tables are a
CSV's job)
- A damaged workbook, or a file not starting like one, is refused.
- Sheet: the `sheet` argument, else the name on the first line of a side file
  `<workbook>.sheet` (`dti-2023-63.xlsx.sheet`), else the only visible sheet for which
  `is_table(rows)` holds (default: holds any cell). Several or none: refused, naming the sheets
  and the side file to write. A hidden sheet is read only when named.
- Merged cells: the range's value fills every cell it covers (two-row headers stay whole).
- Formulas: their cached values are read. A formula with no cached value (the file was written
  by a program and never saved by a spreadsheet) is refused, and so is any formula when the
  workbook asks to be fully recalculated on opening (`fullCalcOnLoad`: set by libraries such as
  openpyxl and XlsxWriter, whose cached values are blank or 0; cleared when Excel saves).
- Hidden columns and rows are read, and listed in `Grid.hidden_columns` (0-based cell indexes)
  and `Grid.hidden_rows` (row numbers): the caller decides what a hidden cell means.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..domain import rawtext
from ..domain.rawtext import Rows
from ..errors import InputError

__all__ = ["TABLE_SUFFIXES", "Grid", "Rows", "read_grid", "read_records"]

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
BOOK_SUFFIXES = (".xlsx", ".xlsm")
TABLE_SUFFIXES = TEXT_SUFFIXES + BOOK_SUFFIXES + (".xls",)  # .xls: refused, never skipped
SHEET_SIDE_FILE = ".sheet"
MAX_CELLS = 20_000_000  # a sheet's used range beyond this is refused (a stray far cell?)
RESAVE = "open and save the file in Excel (or LibreOffice) so the values are computed"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_RECALC = re.compile(rb"fullCalcOnLoad=\"(?:1|true)\"")


@dataclass
class Grid:
    """The cells of one table file (see the module docstring)."""

    path: Path
    rows: Rows
    shown: str = ""               # the file as the user knows it (relative to the project)
    encoding: str | None = None   # text: utf-8, utf-8-sig, utf-16-le/-be, cp1258 or cp1252
    delimiter: str | None = None  # text: , ; or tab
    sheet: str | None = None      # workbook: the sheet read
    hidden_columns: tuple[int, ...] = ()  # workbook: 0-based indexes into each row's cells
    hidden_rows: tuple[int, ...] = ()     # workbook: row numbers, as in `rows`


def read_grid(path: Path | str, *, root: Path | str | None = None, sheet: str | None = None,
              is_table: Callable[[Rows], bool] | None = None) -> Grid:
    """Every row of a CSV, or of one sheet of an XLSX; `InputError` when it cannot be read.

    `root` is the project (symbolic links must stay inside it; messages name files relative
    to it); `sheet` names the sheet to read; `is_table(rows)` tells whether a sheet holds the
    table (used when no sheet is named). Both are ignored for text files."""
    path = Path(path)
    root = Path(root).absolute() if root is not None else rawtext.project_of(path)
    shown = rawtext.shown(path, root)
    target = rawtext.target(path, root, shown)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError("is an Excel 97-2003 (.xls) workbook, which is not read", path=shown,
                         hint="open it in Excel and save it as .xlsx (Excel Workbook)")
    if suffix not in TEXT_SUFFIXES + BOOK_SUFFIXES:
        raise InputError(f"has the suffix {suffix or '(none)'!r}, not .csv or .xlsx",
                         path=shown, hint=rawtext.SAVE_UTF8)
    if suffix in BOOK_SUFFIXES:
        head = rawtext.read_bytes(target, shown, limit=8)
        return _read_book(path, target, shown, head, sheet, is_table)
    table = rawtext.read_text(rawtext.read_bytes(target, shown), shown)
    return Grid(path, table.rows, shown, encoding=table.encoding, delimiter=table.delimiter)


def read_records(path: Path | str, *, root: Path | str | None = None,
                 required: tuple[str, ...] = ()) -> list[tuple[int, dict[str, str]]]:
    """(line, {header: text}) for each row of a table with one header row; `InputError` on a
    missing `required` column, a repeated header, no rows, or a row longer than the header."""
    grid = read_grid(path, root=root)
    return rawtext.records(grid.rows, grid.shown, required)


# -- workbooks -------------------------------------------------------------------------------
def _read_book(path: Path, target: Path, shown: str, head: bytes, sheet: str | None,
               is_table: Callable[[Rows], bool] | None) -> Grid:
    fix = "open it in Excel and save it again as .xlsx, or export the table as CSV UTF-8"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("is an Excel 97-2003 (.xls) workbook named .xlsx", path=shown,
                         hint="open it in Excel and save it as .xlsx (Excel Workbook)")
    if not head.startswith(b"PK\x03\x04"):
        raise InputError("is not an .xlsx workbook (it does not start like one)", path=shown,
                         hint="name it .csv if it is a text table, else " + fix)
    from openpyxl import load_workbook  # only when a workbook is read (0.3 s)

    try:
        book = load_workbook(target, data_only=True)
        with zipfile.ZipFile(target) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()
                     if name.endswith("workbook.xml") or name.startswith("xl/worksheets/")}
    except Exception as error:  # noqa: BLE001 - openpyxl raises a dozen types on a bad file
        raise InputError(f"is a damaged .xlsx workbook ({type(error).__name__}: {error})",
                         path=shown, hint=fix) from None
    try:
        rows: dict[str, Rows] = {}

        def rows_of(sheet_) -> Rows:
            if sheet_.title not in rows:
                rows[sheet_.title] = _sheet_rows(sheet_, shown)
            return rows[sheet_.title]

        chosen = _choose(book, path, shown, sheet, is_table or _any_cell, rows_of)
        grid = rows_of(chosen)
        if any(_FORMULA.search(data) for name, data in parts.items()
               if name.startswith("xl/worksheets/")):
            recalc = any(_RECALC.search(data) for name, data in parts.items()
                         if name.endswith("workbook.xml"))
            _check_formulas(target, chosen, recalc, shown)
        width = max((len(cells) for _, cells in grid), default=0)
        columns = sorted({i - 1 for d in chosen.column_dimensions.values() if d.hidden
                          for i in range(d.min or 1, (d.max or d.min or 1) + 1) if i <= width})
        hidden_rows = sorted(r for r, d in chosen.row_dimensions.items()
                             if d.hidden and r <= len(grid))
        return Grid(path, grid, shown, sheet=chosen.title, hidden_columns=tuple(columns),
                    hidden_rows=tuple(hidden_rows))
    finally:
        book.close()


def _sheet_rows(sheet, shown: str) -> Rows:
    if sheet.max_row * sheet.max_column > MAX_CELLS:
        raise InputError(f"sheet {sheet.title!r} spans {sheet.dimensions}, "
                         f"{sheet.max_row * sheet.max_column:,} cells", path=shown,
                         hint="clear the cells far from the table, or save it as CSV UTF-8")
    grid = [[_cell(v) for v in row]
            for row in sheet.iter_rows(min_row=1, min_col=1, values_only=True)]
    for merged in sheet.merged_cells.ranges:
        if merged.min_row > len(grid) or merged.min_col > len(grid[merged.min_row - 1]):
            continue
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
            cells = grid[r - 1]
            for c in range(merged.min_col, min(merged.max_col, len(cells)) + 1):
                cells[c - 1] = value
    return list(enumerate(grid, start=1))


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def _any_cell(rows: Rows) -> bool:
    return any(cell not in ("", None) for _, cells in rows for cell in cells)


def _choose(book, path: Path, shown: str, sheet: str | None, is_table, rows_of):
    """The sheet to read, by the rules of the module docstring."""
    names = ", ".join(repr(s.title) for s in book.worksheets)
    side = path.with_name(path.name + SHEET_SIDE_FILE)
    side_shown = shown + SHEET_SIDE_FILE
    pick = f"write the name of the sheet to read on the first line of {side_shown}"
    origin = shown
    if sheet is None and side.is_file():
        sheet, origin = _side_sheet(side, side_shown), side_shown
    if sheet is not None:
        key = unicodedata.normalize("NFC", sheet).strip().casefold()
        found = [s for s in book.worksheets
                 if unicodedata.normalize("NFC", s.title).strip().casefold() == key]
        if not found:
            where = f"names the sheet {sheet!r}, but {shown} has" if origin != shown else \
                f"has no sheet named {sheet!r}; its sheets are"
            raise InputError(f"{where} {names}", path=origin, hint="name one of these sheets")
        return found[0]
    visible = [s for s in book.worksheets if s.sheet_state == "visible"]
    tables = [s for s in visible if is_table(rows_of(s))]
    if len(tables) == 1:
        return tables[0]
    if not any(_any_cell(rows_of(s)) for s in book.worksheets):
        raise InputError("is empty: no sheet holds any cell", path=shown,
                         hint="export the table again")
    if tables:
        listed = ", ".join(repr(s.title) for s in tables)
        raise InputError(f"{len(tables)} sheets hold a table ({listed})", path=shown, hint=pick)
    raise InputError(f"no visible sheet holds the table (sheets: {names})", path=shown,
                     hint=pick)


def _side_sheet(side: Path, shown: str) -> str:
    try:
        lines = side.read_bytes().decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot be read ({error})", path=shown,
                         hint="write the sheet name in it as UTF-8 text") from None
    name = next((line.strip() for line in lines if line.strip()), "")
    if not name:
        raise InputError("is empty", path=shown,
                         hint="write the name of the sheet to read on its first line")
    return name


def _check_formulas(target: Path, chosen, recalc: bool, shown: str) -> None:
    """Refuse formulas whose cached value was never computed (module docstring)."""
    from openpyxl import load_workbook  # only when a workbook holds formulas

    try:
        book = load_workbook(target, read_only=True, data_only=False)
        try:
            formulas = [(cell.coordinate, cell.row, cell.column)
                        for row in book[chosen.title].iter_rows() for cell in row
                        if cell.data_type == "f"]
        finally:
            book.close()
    except Exception as error:  # noqa: BLE001 - as in _read_book
        raise InputError(f"is a damaged .xlsx workbook ({type(error).__name__}: {error})",
                         path=shown, hint=RESAVE) from None
    for coordinate, row, column in formulas:
        cached = chosen.cell(row, column)
        if recalc:
            reason = (f"cell {coordinate} holds a formula, and the workbook asks to be "
                      "recalculated on opening: a program wrote it, and its stored values "
                      "are not computed")
        elif cached.value is None and cached.data_type != "str":
            reason = f"cell {coordinate} holds a formula with no computed value"
        else:
            continue
        raise InputError(reason, path=shown, row=row, hint=RESAVE)
