"""Formula injection: every CSV the project writes (`store.write_csv`: the processed tables'
mirrors and quarantine.csv) shows a text cell starting like a formula as text, and reads back
exactly. docs/bad-input.md lists this case by test name."""

import csv

import pandas as pd

from dtanalysis.pipeline.store import read_csv, write_csv

CELLS = ['=HYPERLINK("https://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
         "\tx", "\r=1", "'quoted", "Hải Phòng", "", None]


def test_formula_starts_are_neutralised_and_read_back(tmp_path):
    frame = pd.DataFrame({"text": pd.Series(CELLS, dtype="string"),
                          "number": [-1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10]})
    path = tmp_path / "t.csv"
    write_csv(frame, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfText,number\n".replace(b"T", b"t"))
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))[1:]
    assert [row[0] for row in rows[:7]] == ["'" + c.replace("\r", "\n") for c in CELLS[:7]]
    assert rows[0][1] == "-1.5"  # numbers are numbers, not text
    assert b"\r" not in path.read_bytes() and len(rows) == len(CELLS)
    back = read_csv(path)
    assert back["text"].tolist()[:8] == [c.replace("\r", "\n") for c in CELLS[:8]]
    assert back["text"].isna().tolist()[8:] == [True, True]
