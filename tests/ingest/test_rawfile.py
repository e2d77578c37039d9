"""Every shape of raw file `rawfile.read_grid` meets, tried on a real file: read right, or
refused with one `InputError` line naming the file (and the row, where there is one). The
tables are SYNTHETIC (written here into temporary folders, never into data/raw/) and hold real
Vietnamese province names. docs/bad-input.md lists these cases by test name."""

from __future__ import annotations

import os
import re
import time
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook

from dtanalysis.domain.rawtext import records
from dtanalysis.domain.registry import registry
from dtanalysis.errors import InputError
from dtanalysis.ingest.dti_tables import import_table
from dtanalysis.ingest.dti_tables import read_grid as read_dti_grid
from dtanalysis.ingest.rawfile import read_grid, read_records

REG = registry()
NAMES = ["Đà Nẵng", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Khánh Hòa", "Đắk Lắk", "Quảng Ngãi",
         "Hải Phòng", "Thanh Hóa"]
TABLE = "Tỉnh/Thành phố,Xếp hạng\n" + "".join(f"{n},{i}\n" for i, n in enumerate(NAMES, 1))
CP1252_NAMES = ["Hà Nam", "Cà Mau", "Kiên Giang", "Tây Ninh", "Hòa Bình"]  # cp1252 has these


def cp1258(text: str) -> bytes:
    """`text` as Vietnamese Windows writes it in Windows-1258: a letter the code page holds
    (à, ê, ă, ơ, đ …) as one byte, any other (ằ, ộ, ữ …) as its letter and a combining tone."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(m for m in parts if m in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in tones))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def one_line(error: pytest.ExceptionInfo, file: str, row: int | None = None) -> str:
    message = str(error.value)
    assert "\n" not in message and message.startswith(file + (f", row {row}:" if row else ":"))
    return message


def write(path, data: bytes | str, encoding="utf-8"):
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def cells(grid) -> list[list[object]]:
    return [row for _, row in grid.rows]


# -- encodings -------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1258"])
def test_vietnamese_names_read_right_in_every_encoding_excel_writes(tmp_path, encoding):
    text = TABLE.replace("\n", "\r\n") if encoding != "utf-8" else TABLE
    if encoding == "cp1258":  # Windows composes tone marks after the vowel (Windows-1258)
        data = cp1258(text)
    elif encoding == "utf-16-be":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    grid = read_grid(write(tmp_path / "t.csv", data))
    assert [row[0] for row in cells(grid)[1:]] == NAMES
    assert cells(grid)[0] == ["Tỉnh/Thành phố", "Xếp hạng"]
    assert grid.encoding == {"utf-16": "utf-16-le"}.get(encoding, encoding)


def test_cp1258_table_imports_to_the_right_provinces(tmp_path):
    path = write(tmp_path / "dti-2023-63.csv", cp1258(TABLE))
    result = import_table(path, REG, "dti-2023-63.csv")
    assert [r["province_code"] for r in result.rows] == ["48", "46", "77", "56", "66", "51",
                                                         "31", "38"]
    assert not result.quarantined


def test_windows_1252_reads_right(tmp_path):
    # Windows writes Đ, which Windows-1252 lacks, as Ð (its best fit): read back as Đ.
    data = ("Province,Rank\n" + "".join(f"{n},{i}\n" for i, n in enumerate(CP1252_NAMES, 1))
            + "Ðak Nông,9\n").encode("cp1252")
    grid = read_grid(write(tmp_path / "t.csv", data))
    assert grid.encoding == "cp1252"
    assert [row[0] for row in cells(grid)[1:]] == CP1252_NAMES + ["Đak Nông"]


@pytest.mark.parametrize("data,row,what", [
    ("Tỉnh,Hạng\nHà Nội,1\n".encode() + b"Hu\xe1\xba,2\n" + cp1258("Đà Nẵng,3\n"),
     3, "0x"),                                                       # mixed: no single encoding
    (b"T\xb8nh,H\xb9ng\nH\xb5 N\xe9i,1\n", 1, "TCVN3"),               # a TCVN3 font encoding
    (b"\xef\xbb\xbfT\xe1nh,1\n", 1, "UTF-8-SIG byte-order mark"),     # BOM, then not UTF-8
])
def test_undecodable_text_is_one_line_naming_file_and_fix(tmp_path, data, row, what):
    with pytest.raises(InputError) as error:
        read_grid(write(tmp_path / "t.csv", data))
    message = one_line(error, "t.csv", row)
    assert what in message and "CSV UTF-8" in message


# -- shapes ----------------------------------------------------------------------------------
@pytest.mark.parametrize("data,reason", [
    (b"", "is empty"), (b" \r\n\r\n", "is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    (b"%PDF-1.4\n", "PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "Excel 97-2003"),
    (b"PK\x03\x04" + bytes(30), "ZIP archive or an .xlsx"),
])
def test_empty_or_binary_csv_is_refused(tmp_path, data, reason):
    with pytest.raises(InputError, match=reason) as error:
        read_grid(write(tmp_path / "dti-2023-63.csv", data))
    one_line(error, "dti-2023-63.csv")


def test_nul_byte_is_refused_with_its_row(tmp_path):
    with pytest.raises(InputError, match="NUL") as error:
        read_grid(write(tmp_path / "t.csv", "a,b\n1,2\n3,\x004\n"))
    one_line(error, "t.csv", 3)


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_separators(tmp_path, separator):
    grid = read_grid(write(tmp_path / "t.csv", TABLE.replace(",", separator)))
    assert grid.delimiter == separator and cells(grid)[1] == ["Đà Nẵng", "1"]
    grid = read_grid(write(tmp_path / "u.csv", "sep=;\n" + TABLE.replace(",", ";")))
    assert cells(grid)[0] == ["Tỉnh/Thành phố", "Xếp hạng"] and grid.rows[0][0] == 2


def test_broken_quotes_are_refused_with_the_row(tmp_path):
    with pytest.raises(InputError, match="never closed") as error:
        read_grid(write(tmp_path / "t.csv", 'a,b\n1,2\n3,"open\n4,5\n'))
    one_line(error, "t.csv", 3)
    with pytest.raises(InputError, match="follows a closing quote") as error:
        read_grid(write(tmp_path / "t.csv", 'a,b\n1,"x"y\n'))
    one_line(error, "t.csv", 2)


def test_header_only_and_empty_tables_are_refused(tmp_path):
    with pytest.raises(InputError, match="header but no rows") as error:
        import_table(write(tmp_path / "dti-2023-63.csv", "Tỉnh,Xếp hạng\n\n"), REG,
                     "dti-2023-63.csv")
    one_line(error, "dti-2023-63.csv", 1)
    with pytest.raises(InputError, match="header but no rows") as error:
        read_records(write(tmp_path / "t.csv", "province,value\n"))
    one_line(error, "t.csv", 1)


def test_records_refuse_missing_and_repeated_columns_and_long_rows(tmp_path):
    grid = read_grid(write(tmp_path / "t.csv", "a,b,a\n1,2,3\n"))
    with pytest.raises(InputError, match="'a' twice"):
        records(grid.rows, "t.csv")
    with pytest.raises(InputError, match="no column 'c'"):
        records(grid.rows, "t.csv", required=("c",))
    grid = read_grid(write(tmp_path / "t.csv", "a,b\n1,2\n1,2,3\n"))
    with pytest.raises(InputError, match="3 cells, its header 2") as error:
        records(grid.rows, "t.csv")
    one_line(error, "t.csv", 3)


def test_a_one_megabyte_cell_is_read(tmp_path):
    big = "x" * 1_000_000
    grid = read_grid(write(tmp_path / "t.csv", f'note,value\n"{big}",1\n'))
    assert cells(grid)[1] == [big, "1"]


@pytest.mark.slow  # a timing of a 200 000-row file
def test_a_200000_row_file_is_read_in_seconds(tmp_path):
    lines = "".join(f"{NAMES[i % 8]},{i},0.{i:06d}\n" for i in range(200_000))
    path = write(tmp_path / "t.csv", "Tỉnh,Hạng,Điểm\n" + lines)
    start = time.perf_counter()
    grid = read_grid(path)
    elapsed = time.perf_counter() - start
    assert len(grid.rows) == 200_001 and cells(grid)[-1] == ["Thanh Hóa", "199999", "0.199999"]
    assert elapsed < 20, elapsed  # ~1 s measured; a quadratic reader would take minutes


def test_a_folder_or_a_link_named_like_a_table(tmp_path):
    root = tmp_path / "project"
    (root / "data" / "raw" / "dti" / "dti-2023-63.csv").mkdir(parents=True)
    with pytest.raises(InputError, match="is a folder") as error:
        read_grid(root / "data/raw/dti/dti-2023-63.csv")
    one_line(error, "data/raw/dti/dti-2023-63.csv")
    inside = write(root / "data" / "raw" / "table.csv", TABLE)
    link = root / "data" / "raw" / "dti" / "dti-2024-63.csv"
    link.symlink_to(inside)
    assert cells(read_grid(link))[1] == ["Đà Nẵng", "1"]  # a link inside the project: read
    outside = write(tmp_path / "elsewhere.csv", TABLE)
    away = root / "data" / "raw" / "dti" / "dti-2022-63.csv"
    away.symlink_to(outside)
    with pytest.raises(InputError, match="outside the project") as error:
        read_grid(away)
    one_line(error, "data/raw/dti/dti-2022-63.csv")
    dangling = root / "data" / "raw" / "dti" / "dti-2021-63.csv"
    dangling.symlink_to(tmp_path / "gone.csv")
    with pytest.raises(InputError, match="does not exist"):
        read_grid(dangling)


@pytest.mark.parametrize("name,reason", [("t.xls", "Excel 97-2003"), ("t.ods", "suffix")])
def test_legacy_and_unknown_suffixes_are_refused(tmp_path, name, reason):
    with pytest.raises(InputError, match=reason):
        read_grid(write(tmp_path / name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)))


# -- workbooks -------------------------------------------------------------------------------
def book_with(*sheets, hidden_column=None, merged=None, formulas=None):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    first = book.worksheets[0]
    if hidden_column:
        first.column_dimensions[hidden_column].hidden = True
    if merged:
        first.merge_cells(merged)
    for cell, formula in (formulas or {}).items():
        first[cell] = formula
    return book


RANKS = [["Tỉnh/Thành phố", "Xếp hạng"], ["Đà Nẵng", 1], ["Hải Phòng", 14]]


def test_corrupt_xlsx_is_refused(tmp_path):
    path = tmp_path / "dti-2023-63.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    with pytest.raises(InputError, match="damaged .xlsx") as error:
        read_grid(path)
    one_line(error, "dti-2023-63.xlsx")
    write(path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
    with pytest.raises(InputError, match="97-2003"):
        read_grid(path)


def test_the_sheet_holding_the_table_is_found(tmp_path):
    path = tmp_path / "dti-2023-63.xlsx"
    book_with(("Bìa", [["Bộ Thông tin và Truyền thông"], ["Báo cáo DTI 2023"]]),
              ("Xếp hạng", RANKS)).save(path)
    grid = read_dti_grid(path)
    assert grid.sheet == "Xếp hạng" and cells(grid)[1] == ["Đà Nẵng", 1]


def test_two_sheets_with_tables_ask_for_the_sheet_by_name(tmp_path):
    path = tmp_path / "dti-2023-63.xlsx"
    book_with(("2023", RANKS), ("2022", [RANKS[0], ["Hải Phòng", 20]])).save(path)
    with pytest.raises(InputError, match=r"2 sheets hold a table \('2023', '2022'\)") as error:
        read_dti_grid(path)
    assert "dti-2023-63.xlsx.sheet" in one_line(error, "dti-2023-63.xlsx")
    write(tmp_path / "dti-2023-63.xlsx.sheet", "2022\n")
    assert cells(read_dti_grid(path))[1] == ["Hải Phòng", 20]
    write(tmp_path / "dti-2023-63.xlsx.sheet", "Sheet9\n")
    with pytest.raises(InputError, match="names the sheet 'Sheet9'"):
        read_dti_grid(path)


def test_merged_header_cells_fill_their_range(tmp_path):
    path = tmp_path / "dti-2023-63.xlsx"
    rows = [["Tỉnh/Thành phố", "Chính quyền số", None], [None, "Điểm", "Hạng"],
            ["Đà Nẵng", 0.91, 1]]
    book_with(("DTI", rows), merged="B1:C1").save(path)
    assert cells(read_grid(path))[0] == ["Tỉnh/Thành phố", "Chính quyền số", "Chính quyền số"]
    result = import_table(path, REG, "dti-2023-63.xlsx")
    assert [(r["metric"], r["score"], r["rank"]) for r in result.rows] == [
        ("chinh_quyen_so", 0.91, 1)]


def test_formulas_without_computed_values_are_refused_not_zero_rows(tmp_path):
    path = tmp_path / "dti-2023-63.xlsx"
    book_with(("DTI", RANKS), formulas={"B2": "=1", "B3": "=B2+13"}).save(path)
    with pytest.raises(InputError, match="formula") as error:
        import_table(path, REG, "dti-2023-63.xlsx")
    assert "save the file in Excel" in one_line(error, "dti-2023-63.xlsx", 2)


def test_hidden_columns_are_read_and_listed(tmp_path):
    path = tmp_path / "t.xlsx"
    book_with(("DTI", [["Tỉnh", "Mã", "Xếp hạng"], ["Đà Nẵng", 48, 1]]),
              hidden_column="B").save(path)
    grid = read_grid(path)
    assert grid.hidden_columns == (1,) and cells(grid)[1] == ["Đà Nẵng", 48, 1]


# -- #12: two columns for one role -----------------------------------------------------------
def test_the_header_year_picks_between_two_rank_columns(tmp_path):
    path = write(tmp_path / "dti-2023-63.csv",
                 "Tỉnh,Xếp hạng 2022,Xếp hạng 2023\nĐà Nẵng,63,1\nHải Phòng,1,14\n")
    result = import_table(path, REG, "dti-2023-63.csv")
    assert [(r["province_code"], r["rank"]) for r in result.rows] == [("48", 1), ("31", 14)]


def test_two_rank_columns_without_a_year_are_refused_naming_both(tmp_path):
    path = write(tmp_path / "dti-2023-63.csv", "Tỉnh,Xếp hạng,Thứ hạng\nĐà Nẵng,63,1\n")
    with pytest.raises(InputError, match="'Xếp hạng' and 'Thứ hạng' both hold the rank") as e:
        import_table(path, REG, "dti-2023-63.csv")
    one_line(e, "dti-2023-63.csv", 1)
    path = write(tmp_path / "dti-2023-63.csv", "Tỉnh,Xếp hạng 2022\nĐà Nẵng,63\n")
    with pytest.raises(InputError, match="'Xếp hạng 2022' is for another year than 2023"):
        import_table(path, REG, "dti-2023-63.csv")


def test_a_hidden_second_rank_column_is_refused_naming_it(tmp_path):
    path = tmp_path / "dti-2023-63.xlsx"
    book_with(("DTI", [["Tỉnh", "Hạng", "Xếp hạng"], ["Đà Nẵng", 63, 1]]),
              hidden_column="B").save(path)
    with pytest.raises(InputError, match=re.escape("'Hạng' (hidden) and 'Xếp hạng'")):
        import_table(path, REG, "dti-2023-63.xlsx")


def test_unreadable_file_is_refused(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = write(tmp_path / "t.csv", TABLE)
    path.chmod(0)
    with pytest.raises(InputError, match="cannot be read"):
        read_grid(path)
