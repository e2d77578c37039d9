"""The low-level half of reading a raw file: which file a path stands for, and a text table's
bytes → rows of cells. `ingest.rawfile.read_grid` (every table of `data/raw`, CSV or XLSX) is
built on it; the registry (this layer) uses it directly. Whatever the bytes, the only exception
is `InputError`: file, row where there is one, reason and what to do, as one line.

The path (`target`)
- is read when it is a regular file, or a symbolic link to a regular file inside the project
  (`root`, else the nearest folder above the file holding data/raw, else the file's folder):
  a number must be traceable to a file of the project. A missing path, a dangling link, a path
  leading out of the project, a folder, a pipe or device, or a file we may not read is refused.

Text files (`read_text`)
- Empty or blank, or starting like a PNG, JPEG, GIF, PDF, ZIP/.xlsx or OLE/.xls file: refused.
- Encoding: a byte-order mark decides (UTF-8; UTF-16 LE or BE, Excel's "Unicode text"); else
  UTF-8 when the bytes are UTF-8; a file with UTF-8 letters and a byte that is not is refused
  (damaged, or mixed encodings); else a Windows code page. Windows-1258 (Vietnamese Windows'
  "CSV") writes most tone marks as combining characters after the vowel (bytes CC D2 DE EC F2),
  which Windows-1252 reads as Ì Ò Þ ì ò. So: when the Windows-1258 reading has tone marks and
  every one follows a vowel, it is Windows-1258 (composed to NFC); when none follows a vowel,
  the file is Windows-1252, which must then hold only letters a Windows-1252 file of
  Vietnamese or English can hold (à á â ã è é ê ì í ò ó ô õ ù ú ý, Ð for Đ as Windows writes
  it, and the capitals, typographic punctuation): anything else (µ ¸ ø ä …, the signs of a
  TCVN3 or VNI font encoding) is refused, as is a file mixing both kinds of tone marks.
- A NUL character is refused with its line (binary data, or UTF-16 without a byte-order mark).
- Delimiter: a first line `sep=;` (Excel's hint) decides and is skipped; else whichever of
  `,` `;` tab splits the first 50 rows into one number (>1) of cells most often, ties to the
  larger number; a file splitting into single cells has one column.
- Quotes are read strictly: a quoted cell never closed, or text after a closing quote, is
  refused with the line where the row starts. A cell may be any size (1 MB and more).
- Cells are NFC-normalised and stripped; each row keeps its 1-based starting line.

`records(rows, shown, required)` turns rows under a header into dicts, refusing a missing
column, a repeated header, a header with no rows and a row longer than its header.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import stat
import unicodedata
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..errors import InputError

Rows = list[tuple[int, list[object]]]
SAVE_UTF8 = "save it from Excel as 'CSV UTF-8 (Comma delimited)' or as .xlsx"
SIGNATURES = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive or an .xlsx workbook"),
    (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 (.xls) workbook or another legacy Office file"),
)
_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # the combining tone marks of Windows-1258
_TONE = re.compile(f"[{_TONES}]")
_STRAY_TONE = re.compile(f"(?<![{_VOWELS}])[{_TONES}]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|"
                            rb"[\xf0-\xf4][\x80-\xbf]{3}")
_NOT_CP1252_VI = re.compile(
    "[^\x00-\x7fàáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝÐð\u00a0–—‘’“”…°€•]")


@dataclass
class TextTable:
    rows: Rows
    encoding: str   # utf-8, utf-8-sig, utf-16-le/-be, cp1258 or cp1252
    delimiter: str  # , ; or tab


# -- the path --------------------------------------------------------------------------------
def project_of(path: Path) -> Path:
    """The nearest folder above `path` holding data/raw (else the file's folder)."""
    path = path.absolute()
    return next((folder for folder in path.parents if (folder / "data" / "raw").is_dir()),
                path.parent)


def shown(path: Path, root: Path) -> str:
    """The path as the user knows it: relative to the project when inside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return str(path)


def target(path: Path, root: Path, name: str) -> Path:
    """The regular file `path` stands for, inside the project `root` (module docstring)."""
    try:
        link = stat.S_ISLNK(path.lstat().st_mode)
        resolved = path.resolve()
        exists = resolved.exists()
        mode = resolved.stat().st_mode if exists else 0
    except FileNotFoundError:
        raise InputError("does not exist", path=name, hint="check the name and folder") from None
    except (OSError, RuntimeError) as error:  # permission denied on a folder, a link loop
        raise InputError(f"cannot be read ({getattr(error, 'strerror', None) or error})",
                         path=name, hint="check the file's permissions and links") from None
    if link and not exists:
        raise InputError(f"is a symbolic link to {path.readlink()}, which does not exist",
                         path=name, hint="copy the table file here instead of linking to it")
    if not resolved.is_relative_to(root.resolve()):
        what = "is a symbolic link" if link else "leads (through a linked folder)"
        raise InputError(f"{what} to {resolved}, outside the project {root}", path=name,
                         hint="copy the table file into the project instead of linking to it")
    if stat.S_ISDIR(mode):
        raise InputError("is a folder, not a table file", path=name,
                         hint="give a .csv or .xlsx file, or move the folder out of the way")
    if not stat.S_ISREG(mode):
        raise InputError("is not a regular file (a pipe, socket or device)", path=name,
                         hint="give a .csv or .xlsx file")
    return resolved


def read_bytes(file: Path, name: str, limit: int | None = None) -> bytes:
    try:
        with open(file, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", path=name,
                         hint="check the file's permissions (it must be readable)") from None


def read_text_file(path: Path | str, root: Path | str | None = None) -> TextTable:
    """`target` + `read_text` for a text table at `path`."""
    path = Path(path)
    root = Path(root).absolute() if root is not None else project_of(path)
    name = shown(path, root)
    return read_text(read_bytes(target(path, root, name), name), name)


# -- text ------------------------------------------------------------------------------------
def read_text(data: bytes, name: str) -> TextTable:
    """Rows of a text table's bytes (module docstring); `name` is the file as shown."""
    what = next((what for magic, what in SIGNATURES if data.startswith(magic)), None)
    if what:
        hint = ("name it .xlsx if it is a workbook" if "ZIP" in what else
                "open it in Excel and save it as .xlsx (Excel Workbook)" if ".xls" in what else
                "put the table itself here, saved as CSV UTF-8 or .xlsx")
        raise InputError(f"is {what}, not a text table", path=name, hint=hint)
    text, encoding = decode(data, name)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError("is empty", path=name, hint="export the table again")
    if (nul := text.find("\x00")) >= 0:
        raise InputError("holds a NUL character (binary data, or UTF-16 without a byte-order "
                         "mark)", path=name, row=text.count("\n", 0, nul) + 1, hint=SAVE_UTF8)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # one cell may be the whole file
    try:
        delimiter, skip = _delimiter(text)
        rows, start = [], 1
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            for cells in reader:
                if reader.line_num > skip:
                    rows.append((start, [cell.strip() for cell in cells]))
                start = reader.line_num + 1
        except csv.Error as error:
            reason = ("a quoted cell starting on this row is never closed"
                      if "end of data" in str(error) else
                      "text follows a closing quote (\")" if "expected after" in str(error)
                      else f"the row cannot be split into cells ({error})")
            raise InputError(reason, path=name, row=start,
                             hint="fix the quotes (\") on that row, or export the table again"
                             ) from None
    finally:
        csv.field_size_limit(limit)
    return TextTable(rows, encoding, delimiter)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the codec, by the rules of the module docstring."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec.removesuffix("-sig")), codec
            except UnicodeDecodeError as error:
                body = data[len(bom):]
                line = body[:error.start].decode(codec.removesuffix("-sig"),
                                                 "replace").count("\n") + 1
                raise InputError(f"starts with a {codec.upper()} byte-order mark, but byte "
                                 f"{error.start + len(bom)} is not {codec.upper()}", path=name,
                                 row=line, hint=SAVE_UTF8) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if len(_UTF8_SEQUENCE.findall(data)) >= 2:  # UTF-8 letters, and a broken one
            line = data[:error.start].count(b"\n") + 1
            raise InputError(f"is UTF-8 but for byte 0x{data[error.start]:02X} (byte "
                             f"{error.start}): the file is damaged or mixes encodings",
                             path=name, row=line, hint=SAVE_UTF8) from None
    vietnamese = data.decode("cp1258", "replace")
    tones = len(_TONE.findall(vietnamese))
    stray = list(_STRAY_TONE.finditer(vietnamese))
    if tones and not stray and "\ufffd" not in vietnamese:
        return vietnamese, "cp1258"
    if stray and tones > len(stray):
        at = stray[0].start()
        raise InputError(f"reads as Windows-1258 (Vietnamese), but a tone mark follows "
                         f"{vietnamese[at - 1:at]!r}, which is no vowel: the encoding is "
                         "mixed or unknown", path=name,
                         row=vietnamese.count("\n", 0, at) + 1, hint=SAVE_UTF8)
    western = data.decode("cp1252", "replace")
    odd = _NOT_CP1252_VI.search(western)
    if odd:  # one character per byte: the match's index is the byte's
        raise InputError(f"is not UTF-8, Windows-1258 or Windows-1252: byte "
                         f"0x{data[odd.start()]:02X} ({odd.group()!r} in Windows-1252) is no "
                         "letter of a Vietnamese table (a TCVN3 or VNI font encoding?)",
                         path=name,
                         row=western.count("\n", 0, odd.start()) + 1, hint=SAVE_UTF8)
    # Windows writes Đ đ, which Windows-1252 lacks, as its look-alikes Ð ð (best fit).
    return western.replace("Ð", "Đ").replace("ð", "đ"), "cp1252"


def _delimiter(text: str) -> tuple[str, int]:
    """(delimiter, lines to skip) by the rules of the module docstring."""
    first = text[:64].partition("\n")[0].rstrip("\r")
    if re.fullmatch(r"sep=.", first):
        return first[-1], 1
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            counts = [len(cells) for cells in islice(reader, 50) if len(cells) > 1]
        except csv.Error:
            continue
        if counts:
            width = max(set(counts), key=lambda n: (counts.count(n), n))
            score = (counts.count(width), width)
            if score > best_score:
                best, best_score = delimiter, score
    return best, 0


# -- records ---------------------------------------------------------------------------------
def records(rows: Rows, name: str, required: tuple[str, ...] = ()
            ) -> list[tuple[int, dict[str, str]]]:
    """(line, {header: cell}) for each non-blank row under the first row (module docstring).
    Cells are text; a short row's missing cells are ''."""
    if not rows:
        raise InputError("is empty", path=name, hint="export the table again")
    line, header = rows[0]
    header = [str(cell) for cell in header]
    missing = [column for column in required if column not in header]
    if missing:
        raise InputError(f"has no column {', '.join(map(repr, missing))} in its header",
                         path=name, row=line,
                         hint="restore the header row (git checkout -- data/raw)")
    named = [h for h in header if h]
    repeated = sorted({h for h in named if named.count(h) > 1})
    if repeated:
        raise InputError(f"names the column {', '.join(map(repr, repeated))} twice",
                         path=name, row=line, hint="keep one column of each name")
    out = []
    for line, cells in rows[1:]:
        cells = ["" if cell is None else str(cell) for cell in cells]
        if not any(cells):
            continue
        extra = [cell for cell in cells[len(header):] if cell]
        if extra:
            raise InputError(f"has {len(cells)} cells, its header {len(header)} "
                             f"(extra: {extra[0][:40]!r})", path=name, row=line,
                             hint="quote cells that hold the delimiter, or fix the row")
        out.append((line, {h: (cells[i] if i < len(cells) else "")
                           for i, h in enumerate(header) if h}))
    if not out:
        raise InputError("has a header but no rows", path=name, row=line,
                         hint="restore the file's rows (git checkout -- data/raw)")
    return out
