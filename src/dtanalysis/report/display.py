"""Display helpers every report section uses: Markdown, headings, figures as PNG, tables as plain
HTML; the texts of a value with its mark (†/‡), of a status, of a source; names of units and
metrics in the report's language."""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape

import numpy as np
import pandas as pd
from IPython.display import HTML, Image, Markdown

from .. import analysis as an
from ..analysis.data import first_rows, memo
from ..caches import cached
from ..vocab import MARKS
from . import charts
from .i18n import fmt_int, fmt_number, fmt_score, fmt_with_unit, has, t

HIGHLIGHT = "background-color: #fdecea; font-weight: bold"


class SafeMarkdown(Markdown):
    """Markdown whose text comes partly from raw files (names, notes, titles, labels, URLs):
    it never becomes markup. The `text/markdown` form has every `<` escaped (no raw HTML, no
    `<javascript:…>` autolink); the `text/html` form, which nbconvert and JupyterLab show,
    is rendered here with raw HTML escaped, links only to http(s) (any other link is its
    text) and no images (charts are PNG outputs; an image in Markdown would load a URL)."""

    def __init__(self, text: str):
        self.source = str(text)
        super().__init__(self.source.replace("<", "&lt;"))

    def _repr_html_(self) -> str:
        return _markdown()(self.source)


@cached("report.markdown", maxsize=1)
def _markdown():
    """The Markdown renderer (built once): mistune, a dependency of nbconvert."""
    import mistune  # only when a report renders Markdown (via nbconvert's dependency)

    class Renderer(mistune.HTMLRenderer):
        def link(self, text: str, url: str, title: str | None = None) -> str:
            if not safe_link(url):
                return text
            return super().link(text, url, title)

        def image(self, text: str, url: str, title: str | None = None) -> str:
            return mistune.escape(text)

    return mistune.create_markdown(escape=True, renderer=Renderer(escape=True),
                                   plugins=["table", "strikethrough"])


def safe_link(url: object) -> bool:
    """Only http(s) URLs are links; `javascript:`, `data:`, `file:` … are not."""
    text = str(url or "").strip().lower()
    return text.startswith(("http://", "https://")) and not any(c in text for c in " \n\t<>\"")


def md(text: str):
    return SafeMarkdown(text)


def heading(key: str, lang: str, level: int = 2, **kwargs):
    return md(f"{'#' * level} {t(key, lang, **kwargs)}")


class SvgImage:
    """An SVG chart with its alt text, displayed as `image/svg+xml` (JupyterLab shows it as
    an image; the report template writes it as an <img> with the alt text, from the
    metadata, as it does a PNG's)."""

    def __init__(self, svg: str, alt: str):
        self.data, self.alt = svg, alt

    def _repr_mimebundle_(self, include=None, exclude=None):
        return ({"image/svg+xml": self.data, "text/plain": "<chart>"},
                {"image/svg+xml": {"alt": self.alt}})


def figure_png(fig, alt: str):
    """A chart as an image with its alt text (written from the chart's data: what it shows
    and the key numbers; the report template puts it on the <img>): an SVG chart
    (`charts.svg.SvgChart`) as SVG, PNG bytes or a matplotlib figure as PNG (the figure is
    closed at once)."""
    if isinstance(fig, charts.SvgChart):
        return SvgImage(fig.svg, alt)
    data = fig if isinstance(fig, bytes) else charts.png_bytes(fig)
    return Image(data=data, format="png", alt=alt)


def chart_alt(what: str, table: pd.DataFrame, lang: str, limit: int = 6) -> str:
    """Alt text of a chart from its data: what it shows, then the key numbers (the first rows
    of its data table, "column value" pairs; blanks said as gaps are left to the table)."""
    rows = []
    for _, r in table.head(limit).iterrows():
        cells = [f"{c} {v}" for c, v in r.items() if not missing(v) and str(v) != ""]
        rows.append(", ".join(cells))
    text = what + (": " + "; ".join(rows) if rows else "")
    if len(table) > limit:
        text += " " + t("chart_alt_more", lang, k=len(table) - limit)
    return text + "."


def figure(fig, alt: str, table: pd.DataFrame, lang: str, css_class: str | None = None,
           print_numbers: bool = False) -> list:
    """A chart for every reader: the PNG with its alt text, then the same numbers as a table
    in a <details> element (closed on screen, left out in print, where a table of the
    section holds them). With `css_class`, the image is an HTML <figure> of that class (the
    print stylesheet sizes it). `print_numbers`: no other table holds them all (a ranking
    drawn in part), so the print shows them, open and compact."""
    body = table_html(table, caption=alt).data
    image = figure_png(fig, alt)
    if css_class:
        data = image.data.encode("utf-8") if isinstance(image, SvgImage) else image.data
        kind = "svg+xml" if isinstance(image, SvgImage) else "png"
        encoded = base64.b64encode(data).decode("ascii")
        image = HTML(f'<figure class="{escape(css_class)}"><img src="data:image/{kind};base64,'
                     f'{encoded}" alt="{escape(alt)}"></figure>')
    return [image,
            HTML(f'<details class="dta-chart-data{" dta-print-numbers" if print_numbers else ""}">'
                 f'<summary>{escape(t("chart_data", lang))}</summary>{body}</details>')]


def table_html(frame: pd.DataFrame, highlight: list[bool] | None = None,
               caption: str | None = None, css_class: str | None = None):
    """A plain table without index (every header and cell HTML-escaped; blanks for missing
    values; a float with six decimals, as pandas' Styler wrote it), optional rows highlighted
    (`highlight`: one flag per row, in order); header cells carry scope="col", and the caption
    (if any) names what the table holds. Written directly, not through pandas' Styler (ten
    times its speed, the same page); the table's id is derived from its content, so the same
    data renders byte for byte the same in a warm kernel or a fresh one. `css_class`: a class
    of the <table> (the print stylesheet lays some tables out by it)."""
    flags = list(highlight) if highlight is not None else []
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for i, values in enumerate(frame.itertuples(index=False, name=None)):
        marked_row = ' class="dta-highlight"' if i < len(flags) and flags[i] else ""
        rows.append(f"<tr{marked_row}>" + "".join(f"<td>{_cell(v)}</td>" for v in values)
                    + "</tr>")
    body = (f"<caption>{escape(caption)}</caption>\n" if caption else "") + (
        f"<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>")
    table_id = "T_" + hashlib.sha1(body.encode()).hexdigest()[:10]
    style = (f"#{table_id} th {{text-align: left; background-color: #f3f3f3;}}\n"
             f"#{table_id} td {{text-align: left; vertical-align: top;}}\n")
    if any(flags):
        style += f"#{table_id} tr.dta-highlight td {{{HIGHLIGHT};}}\n"
    for tone, colour in TONE_COLOURS.items():
        if f'class="dta-{tone}"' in body:
            style += f"#{table_id} .dta-{tone} {{color: {colour}; font-weight: bold;}}\n"
    table_class = f' class="{escape(css_class)}"' if css_class else ""
    return HTML(f'<style type="text/css">\n{style}</style>\n<table id="{table_id}"'
                f'{table_class}>\n{body}\n</table>\n')


def group(parts: list, css_class: str):
    """Outputs (Markdown, HTML) as one HTML output in a <div> of `css_class`, so the print
    stylesheet can lay them out together (two columns, kept whole); on screen they read as
    they would one after the other."""
    html = "".join(part._repr_html_() if isinstance(part, SafeMarkdown) else part.data
                   for part in parts)
    return HTML(f'<div class="{escape(css_class)}">{html}</div>')


# Good and bad said twice: by a symbol (▲ up in rank, ✔ met; ▼ down, ✘ not met) and by a
# colour a colour-blind reader tells apart and greyscale print keeps apart (Okabe–Ito blue,
# dark; vermillion, lighter). The symbol alone carries the meaning.
TONES = {"▲": "good", "✔": "good", "▼": "bad", "✘": "bad"}
TONE_COLOURS = {"good": "#0a58a6", "bad": "#c2410c"}
_TONE = re.compile("[" + "".join(TONES) + "]")


def toned(html: str) -> str:
    """`html` (escaped text) with each good / bad symbol in a span of its tone's class."""
    return _TONE.sub(lambda m: f'<span class="dta-{TONES[m.group()]}">{m.group()}</span>', html)


def _cell(value) -> str:
    if missing(value):
        return ""
    if isinstance(value, float | np.floating):
        return f"{value:.6f}"
    return toned(escape(str(value)))


def missing(value) -> bool:
    return value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value))


def marked(text: str, status) -> str:
    return f"{text}{MARKS.get(status, '')}" if text else text


def status_text(status, lang: str) -> str:
    return t(f"status_{status}", lang) if isinstance(status, str) and status else \
        t("status_none", lang)


def rank_text(value, status, lang) -> str:
    return "" if missing(value) else marked(fmt_int(value, lang), status)


def score_text(value, status, lang) -> str:
    return "" if missing(value) else marked(fmt_score(value, lang), status)


def source_label(data: an.Data, text, width: int = 40) -> str:
    """Short names of the sources of a value: publisher, else the title (shortened), else the
    source id. Section 8 lists each in full with its URL."""
    known = _sources(data)
    labels = []
    for source in an.split_sources(text):
        row = known.get(source)
        label = source
        if row is not None and not missing(row["publisher"]):
            label = str(row["publisher"])
        elif row is not None and not missing(row["title"]):
            title = str(row["title"])
            label = title if len(title) <= width else title[: width - 1].rstrip() + "…"
        labels.append(label)
    return "; ".join(dict.fromkeys(labels))


def _sources(data: an.Data) -> dict[str, dict]:
    """The sources table as {source_id: its row} (the first row of an id), once per Data."""
    return memo(data, ("display_sources",), lambda: first_rows(data.sources, ("source_id",)))


def source_links(data: an.Data, text) -> str:
    """Markdown links to the sources of a value."""
    known = _sources(data)
    links = []
    for source in an.split_sources(text):
        row = known.get(source)
        url = None if row is None or missing(row["url"]) else str(row["url"])
        if url is None and source.startswith(("http://", "https://")):
            url = source
        label = (str(row["publisher"]) if row is not None and not missing(row["publisher"])
                 else source)
        links.append(md_link(label, url))
    return "; ".join(dict.fromkeys(links))


def md_text(text: object) -> str:
    """Raw text placed in Markdown as text: its Markdown punctuation escaped, so a note
    holding `[x](javascript:…)` or `**` shows as written."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>])", r"\\\1", str(text))


def md_link(label: object, url: object) -> str:
    """A Markdown link to `url` when it is http(s), else the label alone; the label shown as
    written (`md_text`)."""
    if missing(url) or not safe_link(url):
        return md_text(label)
    target = str(url).strip().replace("(", "%28").replace(")", "%29")
    return f"[{md_text(label)}]({target})"


def region_names(data: an.Data, unit_set: str, lang: str) -> list[str]:
    """Every region of the set in the report's language, ordered by the Vietnamese name (the
    same order in both languages), so a region keeps its colour in every chart, vi and en."""
    units = an.units(data, unit_set)[["region", "region_en"]].drop_duplicates()
    units = units.dropna(subset=["region"]).sort_values("region")
    return list(dict.fromkeys(units["region" if lang == "vi" else "region_en"]))


def unit_names(names, unit_sets, report_set: str, lang: str) -> list[str]:
    """Names for a table mixing a 34-set unit and its 63-set members: the set is added when
    the report is on a 34-set unit, since a member may share the unit's name."""
    if report_set != "34":
        return list(names)
    return [f"{n} ({t(f'set_short_{s}', lang)})" for n, s in zip(names, unit_sets)]


def metric_label(metric: str, lang: str) -> str:
    key = f"metric_{metric}"
    return t(key, lang) if has(key, lang) else metric


def method_text(changes, lang: str) -> str:
    return "; ".join(t(an.METHOD_CHANGES[y], lang) for y in changes)


def gap_text(value, unit, lang: str) -> str:
    if missing(value):
        return ""
    if unit == "rank":
        return t("tg_gap_places", lang, gap=fmt_number(value, lang, 1))
    if unit == "%":
        return f"{fmt_number(value, lang)} {t('unit_pp', lang)}"
    return fmt_with_unit(value, unit, lang)


def rank_matrix_table(traj: pd.DataFrame, lang: str, first_column: str) -> pd.DataFrame:
    """Units (rows, in the order given) × years, rank with † / ‡, blank where unknown."""
    years = sorted(int(y) for y in traj["year"].unique())
    records = []
    for _, rows in traj.groupby("province_code", sort=False):
        ranks = {int(y): (r, s) for y, r, s in zip(rows["year"], rows["rank"], rows["rank_status"])}
        record = {first_column: rows["name"].iloc[0]}
        for y in years:
            rank, status = ranks.get(y, (None, None))
            record[str(y)] = rank_text(rank, status, lang)
        records.append(record)
    return pd.DataFrame(records, columns=[first_column] + [str(y) for y in years])
