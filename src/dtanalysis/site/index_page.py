"""`reports/index.html`: every report with its latest standing per index (rank, score, change),
its status (a report built on another data version than the current one is marked stale), run
time (shown in the reader's local time), and links to its briefing, PDF, CSV / XLSX and
notebook; a search box that filters by name with or without diacritics (inline script, works
offline); the quarantine count linked to the validation page. Built from the `.json` records
the runs leave beside each report, so it is cheap to rebuild and never runs a notebook."""

from __future__ import annotations

import csv
import json
import unicodedata
from html import escape
from pathlib import Path

from ..files import atomic_write
from ..paths import COMPARE_FOLDER, REPORT_FOLDERS, Paths
from ..records import read_records
from ..vocab import mark
from .runlog import read_runs
from .style import CSS
from .validation_page import write_validation_page

RECENT_RUNS = 5


SEARCH_SCRIPT = """
(function () {
  function fold(s) {
    return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[đĐ]/g, 'd')
      .toLowerCase();
  }
  var box = document.getElementById('q');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-name]'));
  var count = document.getElementById('q-count');
  function filter() {
    var q = fold(box.value.trim());
    var shown = 0;
    rows.forEach(function (row) {
      var hit = !q || fold(row.getAttribute('data-name')).indexOf(q) >= 0;
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    count.textContent = shown + ' / ' + rows.length;
  }
  box.addEventListener('input', filter);
  filter();
  document.querySelectorAll('time[datetime]').forEach(function (el) {
    var when = new Date(el.getAttribute('datetime'));
    if (!isNaN(when)) {
      el.title = el.textContent;
      el.textContent = when.toLocaleString(document.documentElement.lang || undefined,
        {dateStyle: 'short', timeStyle: 'short'});
    }
  });
})();
"""

EXTRA_CSS = """
a{text-decoration:underline} .stale{color:#8a4b00;font-weight:600}
.search{margin:1rem 0} .search input{font-size:1rem;padding:.35rem .5rem;width:22rem;
max-width:100%} .banner{background:#fff4e5;border:1px solid #f0b35b;padding:.5rem .75rem}
td.num{font-variant-numeric:tabular-nums} td.num span{white-space:nowrap} .dl a{margin-right:.4rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
td.missing{color:#57606a}
"""


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
LETTERS = str.maketrans({"a": "a\x00", "d": "d\x00", "e": "e\x00", "o": "o\x00",
                         "u": "u\x00", "ă": "a\x01", "â": "a\x02", "đ": "d\x01", "ê": "e\x01",
                         "ô": "o\x01", "ơ": "o\x02", "ư": "u\x01"})


def vietnamese_key(name: str) -> tuple:
    """Vietnamese alphabetical order: a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư as letters;
    tone marks only break ties (Bạc Liêu < Bắc Giang < Bắc Kạn < Bến Tre < Đà Nẵng)."""
    text = unicodedata.normalize("NFD", name.lower())
    toneless = unicodedata.normalize("NFC", "".join(c for c in text if c not in TONES))
    return (toneless.translate(LETTERS), text)


def _iso(run_date: str) -> str:
    """'2026-11-23 16:54 UTC' → '2026-11-23T16:54Z' (for <time datetime>), else ''."""
    parts = run_date.replace(" UTC", "").split(" ")
    return f"{parts[0]}T{parts[1]}Z" if len(parts) == 2 else ""


def _standing_cells(record: dict, indices: list[str]) -> str:
    """One cell per index: rank (of n) · score · change against the previous year with a
    rank, each value with its mark; an index without a value says so in words."""
    by_index = {s.get("index"): s for s in record.get("standing") or []}
    cells = []
    for index in indices:
        s = by_index.get(index)
        if not s or (s.get("rank") is None and s.get("score") is None):
            # why there is no value, as `analysis.claims.why_missing` says (never "not
            # published" where the publisher declared nothing)
            reason = (s or {}).get("missing")
            if reason:
                text = f"{reason['vi']} / {reason['en']}"
            elif s and s.get("published") is False:
                text = "không có bảng / no table"
            else:
                text = "không có trong dữ liệu / none held here"
            cells.append(f'<td class="missing">{escape(text)}</td>')
            continue
        parts = []
        if s.get("rank") is not None:
            parts.append(f"{s['rank']}{mark(s.get('rank_status'))}/{s['n_units']}")
        if s.get("score") is not None:
            decimals = int(s.get("score_decimals", 4))
            parts.append(f"{s['score']:.{decimals}f}{mark(s.get('score_status'))}")
        delta = s.get("rank_delta")
        if delta is not None:
            arrow = "▲" if delta > 0 else "▼" if delta < 0 else "="
            parts.append(f"{arrow}{abs(delta) if delta else ''} (vs {s.get('previous_year')})")
        later = ""
        if s.get("gap_reasons"):
            later = "".join(f"<br><small>{escape(g['vi'])} / {escape(g['en'])}</small>"
                            for g in s["gap_reasons"])
        elif s.get("gap_years"):
            years = ", ".join(str(y) for y in s["gap_years"])
            later = (f"<br><small>{escape(years)}: không có trong dữ liệu / none held "
                     "here</small>")
        cover = s.get("coverage")
        if cover:
            later = (f"<br><small>{cover['held']}/{cover['out_of']} có trong dữ liệu / "
                     f"{cover['held']} of {cover['out_of']} held</small>") + later
        # each value unbroken; a narrow page wraps between them
        values = " · ".join(f"<span>{escape(p)}</span>" for p in parts)
        cells.append(f'<td class="num">{values} '
                     f"<small>({escape(str(s.get('year')))})</small>{later}</td>")
    return "".join(cells)


def _kept_page(record: dict, folder: Path) -> dict | None:
    """A failed report's last good page (`last_good` of its record), when it is still there."""
    kept = record.get("last_good")
    if (record.get("status") == "failed" and isinstance(kept, dict) and record.get("html")
            and (folder / str(record["html"])).is_file()):
        return kept
    return None


def _downloads(record: dict, folder: Path, href: str) -> str:
    links = []
    html = record.get("html", "")
    stem = html.removesuffix(".html")
    for suffix, label in ((".pdf", "PDF"), (".csv", "CSV"), (".xlsx", "XLSX")):
        if (folder / f"{stem}{suffix}").is_file():
            links.append(f'<a href="{escape(href)}/{escape(stem + suffix)}">{label}</a>')
    if record.get("ipynb") and (folder / str(record["ipynb"])).is_file():
        links.append(f'<a href="{escape(href)}/{escape(record["ipynb"])}">.ipynb</a>')
    return " ".join(links)


def _row(record: dict, href: str, folder: Path, indices: list[str], current: str | None) -> str:
    status = record.get("status", "missing")
    label = escape(record.get("label", ""))
    stale = status == "ok" and current and record.get("data_version") != current
    kept = _kept_page(record, folder)
    if status == "ok" or kept:
        name = (f'<a href="{escape(href)}/{escape(record["html"])}#briefing">{label}</a>')
    else:
        name = label
    error = (f'<div class="err">{escape(record.get("error") or "")}</div>'
             if status == "failed" else "")
    if stale:
        status_cell = ('<td class="stale">⚠ cũ / stale<br><small>dữ liệu khác phiên bản '
                       "hiện tại; chạy lại / rebuild</small></td>")
    elif kept:
        status_cell = ('<td class="failed">✘ lỗi / failed<br><small class="stale">⚠ trang cũ '
                       f"/ stale page of {escape(str(kept.get('run_date') or ''))}</small></td>")
    else:
        text = {"ok": "✔ ok", "failed": "✘ lỗi / failed"}.get(status, escape(str(status)))
        status_cell = f'<td class="{escape(str(status))}">{text}</td>'
    run_date = record.get("run_date", "")
    when = (f'<time datetime="{escape(_iso(run_date))}">{escape(run_date)}</time>'
            if _iso(run_date) else escape(run_date))
    return (f'<tr data-name="{label}"><th scope="row">{name}{error}</th>'
            f"<td>{escape(record.get('lang', ''))}</td>{_standing_cells(record, indices)}"
            f"{status_cell}<td>{when}</td>"
            f"<td><code>{escape(str(record.get('data_version', '')))}</code></td>"
            f'<td class="dl">{_downloads(record, folder, href)}</td></tr>')


def _section(paths: Paths, unit_set: str, title: str, current: str | None) -> str:
    href = REPORT_FOLDERS[unit_set]
    folder = paths.reports / href
    records = read_records(folder)
    # One column per index the reports' records name (their catalogue's order; a label from
    # the catalogue, recorded by the run), DTI alone when no record has a standing yet.
    labels: dict[str, str] = {}
    for r in records:
        for s in r.get("standing") or []:
            if s.get("index") and s["index"] not in labels:
                labels[s["index"]] = str(s.get("label") or s["index"].upper())
    labels = labels or {"dti": "DTI"}
    indices = list(labels)
    index_heads = "".join(
        f'<th scope="col">{escape(labels[i])}: hạng · điểm · thay đổi '
        f"/ rank · score · change</th>" for i in indices)
    head = ('<tr><th scope="col">Tỉnh / thành phố</th><th scope="col">lang</th>'
            f"{index_heads}<th scope=\"col\">Trạng thái / status</th>"
            '<th scope="col">Chạy lúc / run (giờ địa phương / local time)</th>'
            '<th scope="col">Dữ liệu / data version</th>'
            '<th scope="col">Tải về / downloads</th></tr>')
    n_columns = 6 + len(indices)
    if not records:
        body = (f'<tr><td colspan="{n_columns}" class="missing">Chưa có báo cáo nào / no '
                "report yet</td></tr>")
    else:
        ordered = sorted(records, key=lambda r: (vietnamese_key(r.get("label", "")),
                                                 r.get("lang", "")))
        body = "\n".join(_row(r, href, folder, indices, current) for r in ordered)
    failed = sum(r.get("status") == "failed" for r in records)
    stale = sum(r.get("status") == "ok" and current and r.get("data_version") != current
                for r in records)
    return (f"<h2>{title}</h2><p class=\"sub\">{len(records)} báo cáo / reports · "
            f"{failed} lỗi / failed · {stale} cũ / stale</p>"
            f"<table><caption>{title}</caption><thead>{head}</thead>"
            f"<tbody>{body}</tbody></table>")


def _comparisons_section(paths: Paths, current: str | None) -> str:
    """The group comparisons (`dtanalysis compare`, `data/raw/comparisons.csv`): each page
    with its set, language, status, run time and downloads; nothing when there is none."""
    folder = paths.reports / COMPARE_FOLDER
    records = read_records(folder) if folder.is_dir() else []
    if not records:
        return ""
    rows = []
    for record in sorted(records, key=lambda r: (r.get("unit_set", ""), r.get("slug", ""),
                                                 r.get("lang", ""))):
        label = escape(record.get("label", ""))
        ok = record.get("status") == "ok"
        name = (f'<a href="{COMPARE_FOLDER}/{escape(record["html"])}">{label}</a>' if ok
                else f'{label}<div class="err">{escape(record.get("error") or "")}</div>')
        stale = ok and current and record.get("data_version") != current
        status = ('<td class="stale">⚠ cũ / stale</td>' if stale else
                  '<td class="ok">✔ ok</td>' if ok else '<td class="failed">✘ lỗi / failed</td>')
        run_date = record.get("run_date", "")
        when = (f'<time datetime="{escape(_iso(run_date))}">{escape(run_date)}</time>'
                if _iso(run_date) else escape(run_date))
        rows.append(f'<tr><th scope="row">{name}</th>'
                    f"<td>{escape(record.get('unit_set', ''))}</td>"
                    f"<td>{escape(record.get('lang', ''))}</td>{status}<td>{when}</td>"
                    f'<td class="dl">{_downloads(record, folder, COMPARE_FOLDER)}</td></tr>')
    head = ('<tr><th scope="col">Nhóm / group</th><th scope="col">Bộ / set</th>'
            '<th scope="col">lang</th><th scope="col">Trạng thái / status</th>'
            '<th scope="col">Chạy lúc / run</th><th scope="col">Tải về / downloads</th></tr>')
    title = "So sánh nhóm · group comparisons"
    return (f"<h2>{title}</h2><p class=\"sub\"><code>dtanalysis compare</code>, "
            "<code>data/raw/comparisons.csv</code></p>"
            f"<table><caption>{title}</caption><thead>{head}</thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _current_version(paths: Paths) -> str | None:
    try:
        return json.loads((paths.processed / "manifest.json").read_text(
            encoding="utf-8")).get("data_version")
    except (OSError, ValueError):
        return None


def _quarantine_count(paths: Paths) -> int | None:
    path = paths.processed / "quarantine.csv"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


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
        if record.get("status") == "ok" or _kept_page(record, paths.reports):
            stale = ("" if record.get("status") == "ok" else
                     f" ⚠ trang cũ / stale page: {escape(record.get('error') or 'failed')}")
            links.append(f'<a href="{escape(record["html"])}">{escape(record["label"])} '
                         f"({escape(record['lang'])})</a>{stale}")
        else:
            links.append(f'<span class="failed">{escape(record["label"])}: '
                         f"{escape(record.get('error') or 'failed')}</span>")
    if (paths.reports / "data" / "index.html").is_file():  # site.datapackage
        links.append('<a href="data/index.html">Tất cả dữ liệu / all the data</a>')
    if (paths.reports / "changes.html").is_file():
        links.append('<a href="changes.html">Dữ liệu thay đổi / what changed</a>')
    has_validation = bool(write_validation_page(paths))
    if has_validation:
        links.append('<a href="validation.html">Kiểm định dữ liệu / data validation</a>')
    current = _current_version(paths)
    notes = []
    quarantined = _quarantine_count(paths)
    if quarantined:
        target = ('<a href="validation.html">' if has_validation else "<span>")
        notes.append(f"<p>{target}{quarantined} dòng dữ liệu thô bị cách ly / raw rows "
                     f"quarantined{'</a>' if has_validation else '</span>'} "
                     "(<code>data/processed/quarantine.csv</code>)</p>")
    if current is None:
        notes.append('<p class="banner" role="alert">⚠ Chưa có dữ liệu đã xử lý hợp lệ / no '
                     "valid processed data: run <code>dtanalysis build</code></p>")
    if (paths.data_docs / "index.html").exists():
        # Not linked as a page: Great Expectations Data Docs load their styles and scripts
        # from CDNs and show an empty page offline. The validation page above is offline.
        notes.append("<p class=\"sub\">Great Expectations Data Docs (cần mạng / need a "
                     "network): <code>reports/data_docs/index.html</code></p>")
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dtanalysis — Báo cáo các chỉ số cấp tỉnh / provincial indices</title><style>{CSS}{EXTRA_CSS}</style></head>
<body><main><h1>Các chỉ số cấp tỉnh — báo cáo</h1>
<p class="sub">Provincial reports on the national indices (DTI, PCI, PAPI, …) · every figure traceable to
<code>data/raw</code> and its source · tên tỉnh mở trang tóm lược / a name opens its
briefing · § bản sao thứ cấp / secondary copy · † suy ra / derived · ‡ không chắc
chắn / uncertain</p>
<nav aria-label="Trang chung / site pages">{' '.join(links)}</nav>
{''.join(notes)}
<div class="search"><label for="q">Tìm tỉnh / find a province:</label>
<input type="search" id="q" placeholder="Hải Phòng, hai phong…" autocomplete="off">
<span id="q-count" aria-live="polite"></span></div>
{_section(paths, "63", "63 tỉnh, thành phố (đến 30/6/2025) · 63 provinces until 30 June 2025",
          current)}
{_section(paths, "34", "34 đơn vị hành chính (từ 1/7/2025) · 34 units from 1 July 2025",
          current)}
{_comparisons_section(paths, current)}
{_runs_section(paths)}
</main><script>{SEARCH_SCRIPT}</script>
</body></html>
"""
    index = paths.reports / "index.html"
    atomic_write(index, html)
    return index
