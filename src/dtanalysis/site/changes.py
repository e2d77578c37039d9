"""`reports/changes.html`: what changed in the last data version the project built — every
value added, removed or revised and every rank that moved, with both sides' status, source
and raw file line (`pipeline.versions.diff` of the last two versions recorded; the command
`dtanalysis diff` prints the same). Written by `build`; linked from the index. With fewer than
two versions recorded there is nothing to compare and no page (an old page is removed)."""

from __future__ import annotations

import hashlib
import re
from html import escape
from pathlib import Path

import pandas as pd

from ..errors import ParameterError
from ..files import atomic_write
from ..paths import Paths
from ..pipeline import versions as versions_module
from ..pipeline.versions import (
    CHANGES,
    diff,
    diff_csv,
    read_log,
    registry_or_none,
    unit_name,
    where,
)
from .style import CSS

PAGE = "changes.html"
CSV = "changes.csv"  # every change, beside the page
MAX_ROWS = 500  # per kind of change on the page (a page stays under 0.5 MB); the CSV has all
HEADINGS = {"added": "Thêm / added", "removed": "Bỏ / removed",
            "revised": "Sửa / revised", "rank moved": "Hạng thay đổi / ranks moved"}
EXTRA_CSS = ("a{text-decoration:underline} td.num{font-variant-numeric:tabular-nums;"
             "white-space:nowrap} td a{word-break:break-all}")


def _number(value) -> str:
    return "—" if pd.isna(value) else f"{float(value):.10g}"


def _provenance(row, side: str) -> str:
    """Status, source (a link when it is an http(s) address) and raw file:line of a side."""
    source = row[f"{side}_source"]
    text = escape(where(row, side))
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        text = text.replace(escape(source), f'<a href="{escape(source)}">{escape(source)}</a>',
                            1)
    return text


def _table(rows: pd.DataFrame, change: str, reg) -> str:
    total = len(rows)
    rows = rows.head(MAX_ROWS)
    # an added value has no old side, a removed one no new side: only the sides there are
    sides = {"added": ("new",), "removed": ("old",)}.get(change, ("old", "new"))
    labels = {"old": ("Cũ / old", "Nguồn cũ / old source"),
              "new": ("Mới / new", "Nguồn mới / new source")}
    head = ('<tr><th scope="col">Bảng · chỉ số / table · index</th>'
            '<th scope="col">Năm / year</th><th scope="col">Đơn vị / unit</th>'
            '<th scope="col">Giá trị / value</th>'
            + "".join(f'<th scope="col">{labels[side][0]}</th>' for side in sides)
            + "".join(f'<th scope="col">{labels[side][1]}</th>' for side in sides) + "</tr>")
    body = []
    for _, row in rows.iterrows():
        unit = row["value_unit"] if isinstance(row["value_unit"], str) else ""
        what = " · ".join(p for p in (row["table"], row["index"], row["metric"]) if p)
        detail = row["detail"] if row["table"] in ("targets",) else ""
        measure = f"{row['measure']} {detail}".strip()
        body.append(f"<tr><td>{escape(what)}</td><td>{escape(row['period'])}</td>"
                    f"<th scope=\"row\">{escape(unit_name(reg, row['unit_set'], row['unit']))}"
                    f" <small>({escape(row['unit_set'])})</small></th>"
                    f"<td>{escape(measure)}</td>"
                    + "".join(f'<td class="num">{escape(_number(row[side]))} {escape(unit)}</td>'
                              for side in sides)
                    + "".join(f"<td>{_provenance(row, side)}</td>" for side in sides)
                    + "</tr>")
    more = ""
    if total > len(rows):
        more = (f"<p>… {total - len(rows)} more / thêm {total - len(rows)} dòng: "
                f'<a href="{CSV}">{CSV}</a> lists every change</p>')
    return (f"<h2>{HEADINGS[change]} ({total})</h2><table><caption>{HEADINGS[change]}"
            f"</caption><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>{more}")


def _key(entries: list[dict]) -> str:
    """What the page is written from: the last two versions and the code that writes it."""
    if len(entries) < 2:
        return ""
    code = hashlib.sha256()
    for module in (__file__, versions_module.__file__):
        code.update(Path(module).read_bytes())
    return f"{entries[-2]['version']}..{entries[-1]['version']}:{code.hexdigest()[:16]}"


def _written_key(page: Path) -> str | None:
    try:
        with page.open(encoding="utf-8") as handle:
            head = handle.read(2048)
    except OSError:
        return None
    found = re.search(r'<meta name="dtanalysis-changes" content="([^"]*)">', head)
    return found.group(1) if found else None


def write_changes_page(paths: Paths) -> Path | None:
    """The page of the last change (None, and no page, with fewer than two versions)."""
    page, csv = paths.reports / PAGE, paths.reports / CSV
    entries = read_log(paths)
    key = _key(entries)
    if key and csv.is_file() and _written_key(page) == key:
        return page  # the same two versions and code: nothing to redo
    try:
        if len(entries) < 2:
            raise ParameterError("fewer than two versions")
        result = diff(paths.root)
    except ParameterError:  # nothing to compare, or a snapshot gone missing
        page.unlink(missing_ok=True)
        csv.unlink(missing_ok=True)
        return None
    reg = registry_or_none(paths.root)
    old, new = result.from_entry, result.to_entry
    counts = " · ".join(f"{result.count(c)} {HEADINGS[c]}" for c in CHANGES)
    parts = [(f"<h1>Dữ liệu thay đổi · What changed in the data</h1>"
             f"<p class=\"sub\">Data version <code>{escape(old['version'])}</code> "
             f"({escape(str(old.get('date', '')))}) → <code>{escape(new['version'])}</code> "
             f"({escape(str(new.get('date', '')))}) · {counts}</p>"
             "<p>Mọi giá trị thêm, bỏ hay sửa, với nguồn và dòng tệp thô của cả hai phía / "
             "every value added, removed or revised, with both sides' source and raw file "
             f'line; all of them as CSV: <a href="{CSV}">{CSV}</a> (<code>dtanalysis diff '
             "--csv</code>).</p>"
             '<nav><a href="index.html">← index</a></nav>')]
    if result.changes.empty:
        parts.append("<p>Không giá trị nào thay đổi / no value changed.</p>")
    for change in CHANGES:
        rows = result.changes[result.changes["change"] == change]
        if not rows.empty:
            parts.append(_table(rows, change, reg))
    html = ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="dtanalysis-changes" content="{escape(key)}">'
            "<title>dtanalysis — dữ liệu thay đổi / what changed</title>"
            f"<style>{CSS}{EXTRA_CSS}</style></head><body><main>{''.join(parts)}</main>"
            "</body></html>\n")
    paths.reports.mkdir(parents=True, exist_ok=True)
    atomic_write(csv, "\ufeff" + diff_csv(result, paths.root))
    atomic_write(page, html)
    return page
