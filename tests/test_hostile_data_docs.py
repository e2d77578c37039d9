"""Rejected data never reaches a page as markup: a `sources.csv` URL that fails validation is
shown by `build` in Great Expectations' Data Docs and on the validation page; headless Chromium
opens every page `build` writes and no script of the data runs. (Issue 21, failure 1.)
docs/bad-input.md lists this case by test name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dtanalysis.cli import main

HOSTILE_URL = ('javascript:x<script>window.__pwned=1</script>'
               '<img src=x onerror="window.__pwned=2">')


def _poison_url(root: Path) -> None:
    path = root / "data/raw/sources.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["url"] = HOSTILE_URL
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.slow
def test_a_rejected_url_is_text_on_every_page_build_writes(project_copy, tmp_path,
                                                           require_chromium, capsys):
    from browser import open_offline

    _poison_url(project_copy)
    assert main(["build", "--root", str(project_copy), "--jobs", "1"]) == 1
    assert "sources.url" in capsys.readouterr().err
    pages = sorted((project_copy / "reports").rglob("*.html"))
    docs = [p for p in pages if "data_docs" in p.parts]
    assert any("sources" in p.name for p in docs), [p.name for p in pages]
    probe = """() => ({pwned: window.__pwned === undefined ? null : window.__pwned,
        handlers: [...document.querySelectorAll('[onerror]')].length})"""
    shown = ""
    for page in pages:
        report = open_offline(page, tmp_path / f"{page.stem}.png", probe=probe)
        assert report.probe == {"pwned": None, "handlers": 0}, (page, report.probe)
        shown += report.text
    assert "window.__pwned=1" in shown  # the rejected value is shown, as text
