"""Hostile text in raw files never becomes markup, and no spreadsheet formula survives into a
file the project writes. A copy of the project gets `<script>`, `onerror=` and `onload=`
attributes, `javascript:` URLs, Markdown links and images and broken quotes in source titles,
publishers and URLs, notes, indicator labels and a quarantined row's name; a real `clean` and a
real report (one province, asked for with `../` in its name) run on it, and headless Chromium
opens every page written: no script runs, no element is injected, the text shows as written.
docs/bad-input.md lists these cases by test name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dtanalysis.cli import main
from dtanalysis.paths import DTI_FACTS_FILE, INDICATOR_CATALOGUE_FILE, SOURCES_FILE

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src="x" onerror="window.__pwned = 2">'
SVG = '"><svg onload="window.__pwned = 3">'
JS_URL = "javascript:window.__pwned = 4"
MD_LINK = "[click](javascript:window.__pwned=5) ![t](https://evil.example/t.png)"
FORMULA = '=HYPERLINK("https://evil.example","x")'
BREAKOUT_URL = 'https://example.org/"onmouseover="window.__pwned=8'
HANDLER = "<b onmouseover=window.__pwned=6>nhãn</b>"

def _edit(path: Path, change) -> None:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    fields = list(rows[0])
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def poison(root: Path) -> None:
    raw = root / "data" / "raw"

    def source(row):
        if row["source_id"].startswith("seed-hp"):
            row["publisher"] = f"{SCRIPT} {IMG}"
            row["title"] = f"{SVG} {MD_LINK} \"broken 'quotes"
            row["url"] = BREAKOUT_URL  # (a javascript: URL here fails validation: refused)
    _edit(raw / SOURCES_FILE, source)

    def fact(row):
        if row["entity"] == "Hải Phòng":
            row["note"] = f"{FORMULA} {SCRIPT} {MD_LINK}"
    _edit(raw / DTI_FACTS_FILE, fact)

    def label(row):
        row["label_vi"] = f"{HANDLER} {row['label_vi']}"
        row["label_en"] = f"{IMG} {row['label_en']}"
    _edit(raw / INDICATOR_CATALOGUE_FILE, label)
    with open(raw / DTI_FACTS_FILE, "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(  # a row that is quarantined
            [2022, 63, f"Hải Phòng {SVG}", 31, "dti", 0.5, "", "reported", JS_URL, SCRIPT])


def snapshot(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_hostile_text_never_becomes_markup(project_copy, tmp_path, require_chromium, capsys):
    from browser import INJECTION_PROBE, nothing_injected, open_offline

    poison(project_copy)
    assert main(["clean", "--root", str(project_copy)]) == 0, capsys.readouterr()
    processed = project_copy / "data" / "processed"
    for table in sorted(processed.glob("*.csv")):  # formula injection: neutralised
        for row in csv.reader(table.open(encoding="utf-8-sig")):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (table.name, cell)
    dti_rows = csv.reader((processed / "dti.csv").open(encoding="utf-8-sig"))
    assert any(FORMULA in cell for row in dti_rows for cell in row)  # the note arrived, behind its quote
    before = snapshot(project_copy)
    assert main(["report", "--province", "../Hải Phòng/..", "--jobs", "1",
                 "--root", str(project_copy)]) == 0, capsys.readouterr()
    written = snapshot(project_copy) - before
    assert written and all(p.startswith("reports/") for p in written), written
    assert "reports/provinces/hai-phong.html" in written
    pages = sorted((project_copy / "reports").rglob("*.html"))
    assert {p.name for p in pages} >= {"hai-phong.html", "index.html", "validation.html"}
    texts = ""
    for page in pages:
        if "data_docs" in page.parts:
            continue  # Great Expectations' own pages (they show no raw text of ours)
        report = open_offline(page, tmp_path / f"{page.stem}.png", probe=INJECTION_PROBE)
        assert report.probe == nothing_injected(page.name), (page.name, report.probe)
        assert not report.page_errors and not report.blocked_requests, page.name
        texts += report.text
    for shown in (SCRIPT, IMG, "javascript:window.__pwned", "broken 'quotes"):
        assert shown in texts, shown  # shown as text, not swallowed
