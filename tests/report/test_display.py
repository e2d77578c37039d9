"""`display.table_html`: every table of a report (written directly, not through pandas'
Styler): escaped, blanks for gaps, highlighted rows, a caption, the same bytes for the same
data."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd

from dtanalysis.report.display import table_html


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.row, self.cell, self.caption, self.classes = [], None, None, None, []
        self.scopes, self._in_caption = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.row = []
            self.classes.append(attrs.get("class"))
        elif tag in ("td", "th"):
            self.cell = ""
            if tag == "th":
                self.scopes.append(attrs.get("scope"))
        elif tag == "caption":
            self._in_caption, self.caption = True, ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr":
            self.rows.append(self.row)
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        elif self._in_caption:
            self.caption += data


def _parse(html: str) -> _Cells:
    parser = _Cells()
    parser.feed(html)
    return parser


FRAME = pd.DataFrame({"Năm": ["2022", "2023", "2024"],
                      "Hạng <b>": [1.5, None, np.float64(2)],
                      "Nguồn": ["a & b <script>x</script>", pd.NA, "c"],
                      "n": [np.int64(3), 4, 5]})


def test_cells_are_escaped_and_gaps_are_blank():
    html = table_html(FRAME, caption="Bảng <i>").data
    parsed = _parse(html)
    assert parsed.rows[0] == ["Năm", "Hạng <b>", "Nguồn", "n"]   # header shown as written
    assert parsed.rows[1] == ["2022", "1.500000", "a & b <script>x</script>", "3"]
    assert parsed.rows[2] == ["2023", "", "", "4"]               # a gap is a blank cell
    assert parsed.rows[3] == ["2024", "2.000000", "c", "5"]
    assert parsed.caption == "Bảng <i>"
    assert parsed.scopes == ["col"] * 4
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html


def test_highlighted_rows_and_their_style():
    html = table_html(FRAME, [False, True, False]).data
    parsed = _parse(html)
    assert parsed.classes == [None, None, "dta-highlight", None]     # header row first
    table_id = re.search(r'<table id="(T_[0-9a-f]{10})">', html).group(1)
    assert f"#{table_id} tr.dta-highlight td {{background-color: #fdecea" in html
    assert "dta-highlight" not in table_html(FRAME).data
    assert "dta-highlight" not in table_html(FRAME, [False] * 3).data


def test_the_same_data_gives_the_same_bytes_and_other_data_another_id():
    assert table_html(FRAME).data == table_html(FRAME.copy()).data
    other = FRAME.assign(n=[3, 4, 6])
    ids = {re.search(r'id="(T_\w+)"', table_html(f).data).group(1) for f in (FRAME, other)}
    assert len(ids) == 2
    empty = _parse(table_html(FRAME.iloc[0:0]).data)
    assert empty.rows == [["Năm", "Hạng <b>", "Nguồn", "n"]]
