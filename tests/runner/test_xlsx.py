"""The XLSX writer (`runner.xlsx`): GENERATED tables (Hypothesis) read back cell for cell by
openpyxl, the package complete (every part well-formed, declared and reachable), the same
bytes for the same tables, sheet names checked."""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtanalysis.runner.xlsx import Sheet, column_letter, write_workbook

CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),  # control characters, XML's specials, spaces, "_x0041_" included
    st.from_regex(r"_x[0-9A-Fa-f]{4}_", fullmatch=True),
)
TABLES = st.lists(st.lists(CELLS, min_size=1, max_size=5), min_size=1, max_size=8)


def decoded(text: str) -> str:
    """What a reader that follows ECMA-376's ST_Xstring (Excel, LibreOffice) shows for a text
    openpyxl returns as written: each `_xHHHH_` is the character HHHH."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def expected(value):
    if isinstance(value, float) and not math.isfinite(value) or value == "":
        return None  # a cell cannot hold NaN or infinity; an empty text is a blank
    return value


@given(TABLES)
def test_every_cell_reads_back_as_written(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("xlsx") / "t.xlsx"
    write_workbook(path, [Sheet("numbers", rows)])
    sheet = openpyxl.load_workbook(path)["numbers"]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            got, want = cell.value, expected(value)
            if isinstance(want, str):
                assert cell.data_type == "s"  # text, never a formula
                assert decoded(got) == want
            elif isinstance(want, bool):
                assert (cell.data_type, got) == ("b", want)
            elif want is None:
                assert got is None
            else:
                assert cell.data_type == "n" and got == want and type(got) is type(want)
                assert math.copysign(1, got) == math.copysign(1, want)  # -0.0 stays -0.0


def test_the_package_is_complete_and_read_by_pandas(tmp_path):
    path = write_workbook(tmp_path / "t.xlsx", [
        Sheet("numbers", [["name", "value"], ["Hải Phòng", 0.7684], ["Huế", None]],
              freeze_header=True, widths=[12, 8]),
        Sheet("about", [["field", "value"], ["data_version", "08a6d40bd541"]])])
    with zipfile.ZipFile(path) as book:
        names = set(book.namelist())
        parts = {name: ElementTree.fromstring(book.read(name)) for name in names}  # well-formed
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in book.infolist())
    ct = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    declared = {o.get("PartName").lstrip("/") for o in parts["[Content_Types].xml"].iter(
        f"{ct}Override")}
    assert declared == {n for n in names if not n.endswith(".rels")} - {"[Content_Types].xml"}
    rel = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
    for rels in [n for n in names if n.endswith(".rels")]:
        base = Path(rels).parent.parent  # "_rels/.rels" → the package, "xl/_rels/…" → xl
        for r in parts[rels].iter(rel):
            assert (base / r.get("Target")).as_posix().lstrip("./") in names, r.get("Target")
    book = pd.read_excel(path, sheet_name=None)
    assert list(book) == ["numbers", "about"]
    assert book["numbers"]["name"].tolist() == ["Hải Phòng", "Huế"]
    assert book["numbers"]["value"].iloc[0] == 0.7684 and pd.isna(book["numbers"]["value"].iloc[1])
    sheet = openpyxl.load_workbook(path)["numbers"]
    assert sheet.freeze_panes == "A2"
    assert {k: v.width for k, v in sheet.column_dimensions.items()} == {"A": 12, "B": 8}
    assert openpyxl.load_workbook(path)["about"].freeze_panes is None


def test_the_same_tables_make_the_same_bytes(tmp_path):
    sheets = [Sheet("numbers", [["a", "b"], [1, 2.5], ["x", None]], freeze_header=True)]
    first = write_workbook(tmp_path / "1.xlsx", sheets).read_bytes()
    assert write_workbook(tmp_path / "2.xlsx", sheets).read_bytes() == first
    changed = [Sheet("numbers", [["a", "b"], [1, 2.5], ["y", None]], freeze_header=True)]
    assert write_workbook(tmp_path / "3.xlsx", changed).read_bytes() != first


@pytest.mark.parametrize("names", [[], [""], ["x" * 32], ["a/b"], ["a[1]"], ["s", "S"]])
def test_a_sheet_name_excel_refuses_is_refused(tmp_path, names):
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "t.xlsx", [Sheet(n, [["a"]]) for n in names])
    assert not (tmp_path / "t.xlsx").exists()


def test_column_letters():
    assert [column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703, 16384)] == [
        "A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]
