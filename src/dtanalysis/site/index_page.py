"""`reports/index.html`: every report with its status, date and data version, and links to
the overview and the Data Docs. Built from the `.json` records the runs leave beside each
report, so it is cheap to rebuild and never runs a notebook."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..files import atomic_write
from ..paths import REPORT_FOLDERS, Paths
from ..records import read_records
from .runlog import read_runs
from .style import CSS

RECENT_RUNS = 5
from .validation_page import write_validation_page


def _row(record: dict, folder: str) -> str:
    status = record.get("status", "missing")
    label = escape(record.get("label", ""))
    if status == "ok":
        name = f'<a href="{folder}/{escape(record["html"])}">{label}</a>'
    else:
        name = label
    notebook = f'<a href="{folder}/{escape(record.get("ipynb", ""))}">.ipynb</a>'
    error = (f'<div class="err">{escape(record.get("error") or "")}</div>'
             if status == "failed" else "")
    status_text = {"ok": "✔ ok", "failed": "✘ lỗi / failed"}.get(status, escape(str(status)))
    return (f"<tr><td>{name}{error}</td><td>{escape(record.get('lang', ''))}</td>"
            f'<td class="{escape(str(status))}">{status_text}</td><td>{escape(record.get("run_date", ""))}</td>'
            f"<td><code>{escape(str(record.get('data_version', '')))}</code></td>"
            f"<td>{notebook}</td></tr>")


def _section(paths: Paths, unit_set: str, title: str) -> str:
    folder = REPORT_FOLDERS[unit_set]
    records = read_records(paths.reports / folder)
    head = ("<tr><th>Tỉnh / thành phố</th><th>lang</th><th>Trạng thái / status</th>"
            "<th>Ngày chạy / run date</th><th>Dữ liệu / data version</th>"
            "<th>Notebook</th></tr>")
    if not records:
        body = ('<tr><td colspan="6" class="missing">Chưa có báo cáo nào / no report yet'
                "</td></tr>")
    else:
        body = "\n".join(_row(r, folder) for r in sorted(records, key=lambda r: r["slug"]))
    failed = sum(r.get("status") == "failed" for r in records)
    return (f"<h2>{title}</h2><p class=\"sub\">{len(records)} báo cáo / reports · "
            f"{failed} lỗi / failed</p><table>{head}{body}</table>")


def _runs_section(paths: Paths) -> str:
    """The last runs of `reports/runs.jsonl`, newest first (the run writing this page is
    logged when it ends, so it is not among them)."""
    runs = read_runs(paths, RECENT_RUNS)
    if not runs:
        return ""
    rows = []
    for run in reversed(runs):
        counts = run.get("counts") or {}
        code = run.get("exit_code")
        verdict = "ok" if code == 0 else "failed"
        problem = run.get("error") or "; ".join(
            f"{f.get('label')}: {f.get('error')}" for f in run.get("failures") or [])
        rows.append(
            f"<tr><td>{escape(str(run.get('start', ''))[:16].replace('T', ' '))}</td>"
            f"<td><code>{escape(' '.join(run.get('argv') or [run.get('command', '')]))}</code>"
            f'</td><td class="{verdict}">{escape(str(code))}</td>'
            f"<td>{counts.get('ok', 0)} / {counts.get('skipped', 0)} / "
            f"{counts.get('failed', 0)}</td>"
            f"<td><code>{escape(str(run.get('data_version') or ''))}</code></td>"
            f'<td><div class="err">{escape(problem)}</div></td></tr>')
    head = ("<tr><th>Bắt đầu / start (UTC)</th><th>Lệnh / command</th><th>Mã thoát / exit</th>"
            "<th>chạy / bỏ qua / lỗi · run / skipped / failed</th>"
            "<th>Dữ liệu / data version</th><th>Lỗi / errors</th></tr>")
    return (f"<h2>Các lần chạy gần đây · recent runs</h2><p class=\"sub\">"
            f"<code>reports/runs.jsonl</code>, {len(runs)} most recent before this page was "
            f"written</p><table>{head}{''.join(rows)}</table>")


def write_index(paths: Paths) -> Path:
    paths.reports.mkdir(parents=True, exist_ok=True)
    overview = [r for r in read_records(paths.reports) if r.get("kind") == "overview"]
    links = []
    for record in overview:
        if record.get("status") == "ok":
            links.append(f'<a href="{escape(record["html"])}">{escape(record["label"])} '
                         f"({escape(record['lang'])})</a>")
        else:
            links.append(f'<span class="failed">{escape(record["label"])}: '
                         f"{escape(record.get('error') or 'failed')}</span>")
    if write_validation_page(paths):
        links.append('<a href="validation.html">Kiểm định dữ liệu / data validation</a>')
    if (paths.data_docs / "index.html").exists():
        links.append('<a href="data_docs/index.html" title="needs a network connection for its '
                     'styles">Great Expectations Data Docs</a>')
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dtanalysis — Báo cáo chuyển đổi số cấp tỉnh</title><style>{CSS}</style></head>
<body><h1>Chỉ số chuyển đổi số cấp tỉnh (DTI) — báo cáo</h1>
<p class="sub">Provincial digital transformation reports · every figure traceable to
<code>data/raw</code> and its source</p>
<nav>{' '.join(links)}</nav>
{_section(paths, "63", "63 tỉnh, thành phố (đến 30/6/2025) · 63 provinces until 30 June 2025")}
{_section(paths, "34", "34 đơn vị hành chính (từ 1/7/2025) · 34 units from 1 July 2025")}
{_runs_section(paths)}
</body></html>
"""
    index = paths.reports / "index.html"
    atomic_write(index, html)
    return index
