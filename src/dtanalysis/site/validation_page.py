"""`reports/validation.html`: the last validation as a plain, self-contained page (every suite's
expectations in plain words, pass or fail, offending rows with their source file and line).

Great Expectations' own Data Docs (`reports/data_docs/`) load their styles and scripts from CDNs
and show an empty index offline; this page is the one that opens anywhere."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..files import atomic_write
from ..paths import VALIDATION, Paths
from .style import CSS


def _suites(expectations: Path) -> dict[str, list[dict]]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))["expectations"]
            for path in sorted(expectations.glob("*.json"))}


def _failure_rows(failure: dict) -> str:
    rows = []
    for row in failure.get("rows", []):
        values = ", ".join(f"{k}={v}" for k, v in row.get("values", {}).items())
        rows.append(f"<li><code>{escape(values)}</code> — {escape(str(row.get('source_file')))}"
                    f":{escape(str(row.get('source_line')))}</li>")
    return f"<ul>{''.join(rows)}</ul>" if rows else ""


def _disputed_section(paths: Paths) -> str:
    """The values on which the sources disagree (`index_scores.disputed`: the value kept by
    standing, and what the others give), counted and listed; said in words when none."""
    from ..pipeline.store import load_table  # lazy: pandas only when the page is written

    try:
        scores = load_table(paths, "index_scores")
    except Exception:  # noqa: BLE001 - no processed table (yet): nothing to count
        return ""
    if "disputed" not in scores.columns:
        return ""
    rows = scores[scores["disputed"].notna()]
    head = (f"<h2>Giá trị có nguồn khác ghi khác · Values the sources disagree on</h2>"
            f"<p class=\"sub\">{len(rows)} giá trị / value(s): the value kept by standing "
            "(official &gt; press &gt; secondary copy &gt; derived &gt; uncertain), shown "
            "beside what the other sources give, in the reports too.</p>")
    if rows.empty:
        return head
    items = "".join(
        f"<li><code>{escape(str(r['index']))} {escape(str(r['year']))} "
        f"{escape(str(r['unit_set']))} {escape(str(r['province_code']))} "
        f"{escape(str(r['metric']))}</code>: score {escape(str(r['score']))}, rank "
        f"{escape(str(r['rank']))} — {escape(str(r['disputed']))} · "
        f"{escape(str(r['source_file']))}:{escape(str(r['source_line']))}</li>"
        for _, r in rows.iterrows())
    return head + f"<ul>{items}</ul>"


def write_validation_page(paths: Paths) -> Path | None:
    summary_path = paths.processed / VALIDATION
    if not summary_path.exists():
        return None
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    failures: dict[tuple[str, str], dict] = {
        (f["table"], f["description"]): f for f in summary.get("failures", [])}
    verdict = ("✔ Dữ liệu đạt mọi kiểm định / all expectations met" if summary["success"]
               else "✘ Kiểm định thất bại / validation failed")
    parts = [(f"<h1>Kiểm định dữ liệu · Data validation</h1>"
             f"<p class=\"sub\">Data version <code>{escape(str(summary.get('data_version')))}"
             f"</code> · {escape(str(summary['successful']))}/"
             f"{escape(str(summary['evaluated']))} expectations met</p>"
             f"<p class=\"{'ok' if summary['success'] else 'failed'}\">{verdict}</p>"
             '<nav><a href="index.html">← index</a>'
             '<a href="data_docs/index.html">Great Expectations Data Docs</a></nav>')]
    parts.append(_disputed_section(paths))
    for table, expectations in _suites(paths.expectations).items():
        stats = summary.get("tables", {}).get(table, {})
        counts = [escape(str(stats.get(k, "?"))) for k in ("rows", "successful", "evaluated")]
        parts.append(f"<h2>{escape(table)}</h2><p class=\"sub\">{counts[0]} rows · "
                     f"{counts[1]}/{counts[2]} met</p>"
                     "<table><tr><th></th><th>Expectation</th><th>Rule</th></tr>")
        for entry in expectations:
            description = entry.get("meta", {}).get("description", "")
            failure = failures.get((table, description))
            mark = '<td class="failed">✘</td>' if failure else '<td class="ok">✔</td>'
            detail = ""
            if failure:
                detail = (f"<div class=\"err\">{escape(str(failure.get('unexpected_count')))} row(s) "
                          f"unexpected</div>{_failure_rows(failure)}")
            parts.append(f"<tr>{mark}<td>{escape(description)}{detail}</td>"
                         f"<td><code>{escape(entry['type'])}</code></td></tr>")
        parts.append("</table>")
    html = ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
            "<title>dtanalysis — kiểm định dữ liệu</title>"
            f"<style>{CSS}</style></head><body>{''.join(parts)}</body></html>\n")
    page = paths.reports / "validation.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(page, html)
    return page
