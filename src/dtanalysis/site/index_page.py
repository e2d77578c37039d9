"""The site's own pages, one language each: `reports/index.html` (Vietnamese) and
`reports/index.en.html` (English) list every report of that language with its latest standing
per index (rank, score, change, in the language's decimal mark), its status (a report built on
another data version than the current one is marked out of date), run time (shown in the
reader's local time), and links to its briefing, PDF, CSV / XLSX and notebook; a search box that
filters by name with or without diacritics (inline script, works offline); each links the other
language and the page for the people who run the build. `reports/operations.html` /
`operations.en.html` hold what only they need: the recent runs with their command lines, the
data version, the validation page and the quarantine. Built from the `.json` records the runs
leave beside each report, so they are cheap to rebuild and never run a notebook."""

from __future__ import annotations

import csv
import json
import unicodedata
from html import escape
from pathlib import Path

from ..files import atomic_write
from ..paths import COMPARE_FOLDER, REPORT_FOLDERS, Paths
from ..records import FAILED, OK, OUTCOMES, read_records
from ..vocab import LANGS, UNIT_SETS, mark
from .runlog import read_runs
from .style import CSS
from .texts import num, other_lang, page_name, text
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
    count.textContent = count.getAttribute('data-of').replace('{shown}', shown)
      .replace('{total}', rows.length);
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
a{text-decoration:underline} .lang{float:right;margin-left:1rem} .stale{color:#8a4b00;font-weight:600}
.search{margin:1rem 0} .search input{font-size:1rem;padding:.35rem .5rem;width:22rem;
max-width:100%} .banner{background:#fff4e5;border:1px solid #f0b35b;padding:.5rem .75rem}
td.num{font-variant-numeric:tabular-nums} td.num span{white-space:nowrap} .dl a{margin-right:.4rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
td.missing{color:#57606a}
details.gaps summary{cursor:pointer;color:#57606a} details.gaps ul{margin:.2rem 0 0 1rem;padding:0;
font-size:.8rem;color:#57606a}
.up{color:#0a58a6;font-weight:600} .down{color:#c2410c;font-weight:600}
.scroll{overflow-x:auto;max-width:100%} .scroll table{min-width:40rem}
@media (max-width:600px){body{margin:1rem auto} .search input{width:100%}}
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


def _standing_cells(record: dict, indices: list[str], lang: str) -> str:
    """One cell per index: rank (of n) · score · change against the previous year with a
    rank, each value with its mark, numbers in the page's language; an index without a value
    says so in words."""
    by_index = {s.get("index"): s for s in record.get("standing") or []}
    cells = []
    for index in indices:
        s = by_index.get(index)
        if not s or (s.get("rank") is None and s.get("score") is None):
            # why there is no value, as `analysis.claims.why_missing` says (never "not
            # published" where the publisher declared nothing), in the page's language
            reason = (s or {}).get("missing")
            if reason:
                words = reason.get(lang) or reason.get("vi", "")
            elif s and s.get("published") is False:
                words = text("no_table", lang)
            else:
                words = text("none_held", lang)
            cells.append(f'<td class="missing">{escape(words)}</td>')
            continue
        parts = []
        # another source's value beside the one shown (claims rule 5), as the report words it
        other = (s.get("disputed") or {}).get(lang) or {}
        if s.get("rank") is not None:
            parts.append(escape(f"{s['rank']}{mark(s.get('rank_status'))}/{s['n_units']}"
                                f"{other.get('rank', '')}"))
        if s.get("score") is not None:
            decimals = int(s.get("score_decimals", 4))
            parts.append(escape(f"{num(s['score'], decimals, lang)}"
                                f"{mark(s.get('score_status'))}{other.get('score', '')}"))
        delta = s.get("rank_delta")
        if delta is not None:
            arrow, tone = (("▲", "up") if delta > 0 else ("▼", "down") if delta < 0
                           else ("=", "same"))
            parts.append(f'<span class="{tone}">{arrow}{abs(delta) if delta else ""}</span>'
                         + escape(text("vs", lang, year=s.get("previous_year"))))
        later = ""
        if s.get("gap_reasons"):
            # Why later years have no value, in words, folded under one line: the table stays
            # a table to scan; the reasons are one click away and in the page's text.
            reasons = "".join(f"<li>{escape(g.get(lang) or g.get('vi', ''))}</li>"
                              for g in s["gap_reasons"])
            summary = text("later_gaps", lang, n=len(s["gap_reasons"]))
            later = (f'<details class="gaps"><summary><small>{escape(summary)}</small>'
                     f"</summary><ul>{reasons}</ul></details>")
        elif s.get("gap_years"):
            years = ", ".join(str(y) for y in s["gap_years"])
            later = f"<br><small>{escape(text('none_held_in', lang, years=years))}</small>"
        cover = s.get("coverage")
        if cover:
            later = (f"<br><small>{escape(text('held_of', lang, held=cover['held'], out_of=cover['out_of']))}"
                     "</small>") + later
        # each value unbroken; a narrow page wraps between them
        values = " · ".join(f"<span>{p}</span>" for p in parts)
        cells.append(f'<td class="num">{values} '
                     f"<small>({escape(str(s.get('year')))})</small>{later}</td>")
    return "".join(cells)


def _kept_page(record: dict, folder: Path) -> dict | None:
    """A failed report's last good page (`last_good` of its record), when it is still there."""
    kept = record.get("last_good")
    if (record.get("status") == FAILED and isinstance(kept, dict) and record.get("html")
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


def _row(record: dict, href: str, folder: Path, indices: list[str], current: str | None,
         lang: str) -> str:
    status = record.get("status", "missing")
    label = escape(record.get("label", ""))
    stale = status == OK and current and record.get("data_version") != current
    kept = _kept_page(record, folder)
    if status == OK or kept:
        name = (f'<a href="{escape(href)}/{escape(record["html"])}#briefing">{label}</a>')
    else:
        name = label
    error = (f'<div class="err">{escape(record.get("error") or "")}</div>'
             if status == FAILED else "")
    if stale:
        status_text = (f'<span class="stale">⚠ {escape(text("stale", lang))}</span><br><small>'
                       f'{escape(text("stale_hint", lang))}</small>')
    elif kept:
        status_text = (f'<span class="failed">✘ {escape(text("failed", lang))}</span><br>'
                       f'<small class="stale">⚠ '
                       f'{escape(text("kept_page", lang, date=str(kept.get("run_date") or "")))}'
                       "</small>")
    else:
        status_text = {OK: f'<span class="ok">✔ {escape(text("ok", lang))}</span>',
                       FAILED: f'<span class="failed">✘ {escape(text("failed", lang))}</span>'
                       }.get(status, escape(str(status)))
    run_date = record.get("run_date", "")
    when = (f'<time datetime="{escape(_iso(run_date))}">{escape(run_date)}</time>'
            if _iso(run_date) else escape(run_date))
    return (f'<tr data-name="{label}"><th scope="row">{name}{error}</th>'
            f"{_standing_cells(record, indices, lang)}"
            f"<td>{status_text}<br><small>{when}</small></td>"
            f'<td class="dl">{_downloads(record, folder, href)}</td></tr>')


def _records(folder: Path, lang: str) -> list[dict]:
    """The records of `lang`'s reports in `folder` (a record without a language is
    Vietnamese: the runs before both languages were built)."""
    return [r for r in read_records(folder) if (r.get("lang") or "vi") == lang]


def _section(paths: Paths, unit_set: str, current: str | None, lang: str) -> str:
    title = text(f"set_{unit_set}", lang)
    href = REPORT_FOLDERS[unit_set]
    folder = paths.reports / href
    records = _records(folder, lang)
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
        f'<th scope="col">{escape(labels[i])}: {escape(text("rank_score_change", lang))}</th>'
        for i in indices)
    head = (f'<tr><th scope="col">{escape(text("col_unit_" + unit_set, lang))}</th>'
            f'{index_heads}<th scope="col">{escape(text("col_status", lang))}</th>'
            f'<th scope="col">{escape(text("col_downloads", lang))}</th></tr>')
    n_columns = 3 + len(indices)
    if not records:
        body = (f'<tr><td colspan="{n_columns}" class="missing">'
                f'{escape(text("no_report", lang))}</td></tr>')
    else:
        ordered = sorted(records, key=lambda r: vietnamese_key(r.get("label", "")))
        body = "\n".join(_row(r, href, folder, indices, current, lang) for r in ordered)
    failed = sum(r.get("status") == FAILED for r in records)
    stale = sum(bool(r.get("status") == OK and current and r.get("data_version") != current)
                for r in records)
    return (f"<h2>{escape(title)}</h2><p class=\"sub\">"
            f"{escape(text('counts', lang, n=len(records), failed=failed, stale=stale))}</p>"
            f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(title)}">'
            f"<table><caption>{escape(title)}</caption><thead>{head}</thead>"
            f"<tbody>{body}</tbody></table></div>")


def _comparisons_section(paths: Paths, current: str | None, lang: str) -> str:
    """The group comparisons in `lang` (`dtanalysis compare`, `data/raw/comparisons.csv`):
    each page with its set, status, run time and downloads; nothing when there is none."""
    folder = paths.reports / COMPARE_FOLDER
    records = [r for r in (read_records(folder) if folder.is_dir() else [])
               if (r.get("lang") or "vi") == lang]
    if not records:
        return ""
    rows = []
    for record in sorted(records, key=lambda r: (r.get("unit_set", ""), r.get("slug", ""))):
        label = escape(record.get("label", ""))
        ok = record.get("status") == OK
        kept = _kept_page(record, folder)
        name = (f'<a href="{COMPARE_FOLDER}/{escape(record["html"])}">{label}</a>'
                if ok or kept else label)
        if record.get("status") == FAILED:
            name += f'<div class="err">{escape(record.get("error") or "")}</div>'
        stale = ok and current and record.get("data_version") != current
        status = (f'<td class="stale">⚠ {escape(text("stale", lang))}</td>' if stale else
                  f'<td class="ok">✔ {escape(text("ok", lang))}</td>' if ok else
                  f'<td class="failed">✘ {escape(text("failed", lang))}</td>')
        run_date = record.get("run_date", "")
        when = (f'<time datetime="{escape(_iso(run_date))}">{escape(run_date)}</time>'
                if _iso(run_date) else escape(run_date))
        rows.append(f'<tr><th scope="row">{name}</th>'
                    f"<td>{escape(record.get('unit_set', ''))}</td>{status}<td>{when}</td>"
                    f'<td class="dl">{_downloads(record, folder, COMPARE_FOLDER)}</td></tr>')
    head = "".join(f'<th scope="col">{escape(text(k, lang))}</th>'
                   for k in ("cmp_group", "cmp_set", "col_status", "cmp_run", "col_downloads"))
    title = escape(text("cmp_title", lang))
    return (f"<h2>{title}</h2>"
            f'<div class="scroll" role="region" tabindex="0" aria-label="{title}">'
            f"<table><caption>{title}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


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


def _runs_section(paths: Paths, lang: str) -> str:
    """The last runs of `reports/runs.jsonl`, newest first (the run writing this page is
    logged when it ends, so it is not among them)."""
    runs = read_runs(paths, RECENT_RUNS)
    if not runs:
        return ""
    rows = []
    for run in reversed(runs):
        counts = run.get("counts") or {}
        code = run.get("exit_code")
        verdict = OK if code == 0 else FAILED  # also the cell's class (style.CSS)
        problem = run.get("error") or "; ".join(
            f"{f.get('label')}: {f.get('error')}" for f in run.get("failures") or [])
        rows.append(
            f"<tr><td>{escape(str(run.get('start', ''))[:16].replace('T', ' '))}</td>"
            f"<td><code>{escape(' '.join(run.get('argv') or [run.get('command', '')]))}</code>"
            f'</td><td class="{verdict}">{escape(str(code))}</td>'
            f"<td>{' / '.join(str(counts.get(s, 0)) for s in OUTCOMES)}</td>"
            f"<td><code>{escape(str(run.get('data_version') or ''))}</code></td>"
            f'<td><div class="err">{escape(problem)}</div></td></tr>')
    head = "".join(f"<th scope=\"col\">{escape(text(k, lang))}</th>" for k in (
        "run_start", "run_command", "run_exit", "run_counts", "run_data", "run_errors"))
    return (f"<h2>{escape(text('runs', lang))}</h2><p class=\"sub\">"
            f"{escape(text('runs_sub', lang, n=len(runs)))}</p>"
            f'<div class="scroll" role="region" tabindex="0" '
            f'aria-label="{escape(text("runs", lang))}"><table><caption>'
            f"{escape(text('runs', lang))}</caption><thead><tr>{head}</tr></thead>"
            f"{''.join(rows)}</table></div>")


def _page(lang: str, title: str, body: str, script: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title><style>{CSS}{EXTRA_CSS}</style></head>\n"
            f"<body><main>{body}</main>{f'<script>{script}</script>' if script else ''}\n"
            "</body></html>\n")


def _lang_link(name: str, lang: str) -> str:
    """The link to the same page in the other language, named in that language."""
    other = other_lang(lang)
    return (f'<p class="lang"><a href="{page_name(name, other)}" hreflang="{other}" '
            f'lang="{other}">{escape(text("lang_name", other))}</a></p>')


def _index_page(paths: Paths, lang: str, current: str | None) -> str:
    links = []
    overviews = sorted(read_records(paths.reports),
                       key=lambda r: r.get("unit_set") != UNIT_SETS[0])  # the 63 set's first
    for record in overviews:
        if record.get("kind") != "overview" or (record.get("lang") or "vi") != lang:
            continue
        if record.get("status") == OK or _kept_page(record, paths.reports):
            stale = ("" if record.get("status") == OK else
                     f' <span class="stale">⚠ {escape(text("kept_page_short", lang))}: '
                     f'{escape(record.get("error") or text("failed", lang))}</span>')
            links.append(f'<a href="{escape(record["html"])}">{escape(record["label"])}</a>'
                         f"{stale}")
        else:
            links.append(f'<span class="failed">{escape(record["label"])}: '
                         f"{escape(text('failed', lang))}</span>")
    if (paths.reports / "data" / "index.html").is_file():  # site.datapackage
        links.append(f'<a href="data/index.html">{escape(text("all_data", lang))}</a>')
    if (paths.reports / "changes.html").is_file():
        links.append(f'<a href="changes.html">{escape(text("changes", lang))}</a>')
    links.append(f'<a href="{page_name("operations", lang)}">'
                 f'{escape(text("operations_link", lang))}</a>')
    notes = []
    if current is None:
        notes.append(f'<p class="banner" role="alert">⚠ {escape(text("no_data", lang))}</p>')
    body = (f'{_lang_link("index", lang)}<h1>{escape(text("h1", lang))}</h1>'
            f'<p class="sub">{escape(text("sub", lang))}</p>'
            f'<nav aria-label="{escape(text("nav", lang))}">{" ".join(links)}</nav>'
            f"{''.join(notes)}"
            f'<div class="search"><label for="q">{escape(text("find", lang))}</label> '
            '<input type="search" id="q" placeholder="Hải Phòng, hai phong…" autocomplete="off">'
            f' <span id="q-count" aria-live="polite" data-of="{escape(text("shown_of", lang))}">'
            "</span></div>"
            + "".join(_section(paths, unit_set, current, lang) for unit_set in UNIT_SETS)
            + _comparisons_section(paths, current, lang)
            + f'<p class="sub">{escape(text("marks", lang))}</p>')
    return _page(lang, text("title", lang), body, SEARCH_SCRIPT)


def _operations_page(paths: Paths, lang: str, current: str | None,
                     has_validation: bool) -> str:
    version = escape(current or "—")
    items = [f"<li>{escape(text('data_version', lang))}: <code>{version}</code></li>"]
    if has_validation:
        items.append(f'<li><a href="validation.html">{escape(text("validation", lang))}</a>'
                     "</li>")
    quarantined = _quarantine_count(paths)
    if quarantined:
        label = escape(text("quarantined", lang, n=quarantined))
        target = (f'<a href="validation.html">{label}</a>' if has_validation else label)
        items.append(f"<li>{target} (<code>data/processed/quarantine.csv</code>)</li>")
    if (paths.data_docs / "index.html").exists():
        # Not linked as a page: Great Expectations Data Docs load their styles and scripts
        # from CDNs and show an empty page offline. The validation page above is offline.
        items.append(f"<li>{escape(text('data_docs', lang))}: "
                     "<code>reports/data_docs/index.html</code></li>")
    body = (f'{_lang_link("operations", lang)}<h1>{escape(text("ops_h1", lang))}</h1>'
            f'<p class="sub">{escape(text("ops_sub", lang))}</p>'
            f'<nav aria-label="{escape(text("nav", lang))}"><a href="{page_name("index", lang)}">'
            f'← {escape(text("back", lang))}</a></nav>'
            f"<ul>{''.join(items)}</ul>{_runs_section(paths, lang)}")
    return _page(lang, text("ops_title", lang), body)


def _validation_page(paths: Paths) -> bool:
    """Write `reports/validation.html` when the validation or the processed data are newer
    than it (a rebuild with nothing to do keeps it, and never loads pandas for it); whether
    it exists."""
    page = paths.reports / "validation.html"
    inputs = [paths.processed / name for name in ("validation.json", "manifest.json")]
    newest = max((p.stat().st_mtime_ns for p in inputs if p.is_file()), default=None)
    if newest is None:
        return bool(write_validation_page(paths))
    if page.is_file() and page.stat().st_mtime_ns >= newest:
        return True
    return bool(write_validation_page(paths))


def write_index(paths: Paths) -> Path:
    """Write the index and the operations page in each language; the Vietnamese index's
    path (`reports/index.html`)."""
    paths.reports.mkdir(parents=True, exist_ok=True)
    has_validation = _validation_page(paths)
    current = _current_version(paths)
    for lang in LANGS:
        atomic_write(paths.reports / page_name("index", lang),
                     _index_page(paths, lang, current))
        atomic_write(paths.reports / page_name("operations", lang),
                     _operations_page(paths, lang, current, has_validation))
    return paths.reports / "index.html"
