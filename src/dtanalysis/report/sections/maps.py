"""The maps: in the national overview, a choropleth of each catalogue index's latest ranking
(section 1); in a province report, a small one of the first index that ranks the set, with the
province outlined. Each map is inline SVG (no script, nothing loaded) with its alt text as its
title, and the same numbers as a table under it."""

from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML

from ...analysis import claims
from ...analysis import indices as ix
from ...analysis import maps as am
from ...vocab import STATUSES
from .. import wording
from ..charts import maps as cm
from ..context import OverviewContext, ReportContext
from ..display import heading, md, rank_text, source_label, status_text, table_html
from ..i18n import fmt_int, t

# Map heights in pixels (width follows) and simplification tolerance (pixels).
LARGE = (470.0, 0.6)
SMALL = (250.0, 1.6)


def whys(ranks: am.MapRanks, lang: str, set_label: str, data) -> tuple[dict, list, list]:
    """Why units have no coloured rank, in words: ({reason: text} of the reasons said in the
    map's own words — an uncertain rank, no ranking of the set —, the table's text per unit,
    the legend's sentences: one per group of units with the same reason and coverage). A rank
    missing that year is said by the claims rules (`claims.why_missing`, `report.wording`)."""
    own = {"uncertain": t("map_why_uncertain", lang, year=ranks.year),
           "no_table": t("map_why_no_table", lang, index=ranks.label, set_label=set_label)}
    per_unit, legend = [], {}
    generic = t("map_hatched_unit", lang)
    for row in ranks.table.itertuples(index=False):
        if not isinstance(row.reason, str):
            per_unit.append("")
        elif row.reason in own:
            per_unit.append(own[row.reason])
            legend.setdefault(("own", row.reason), own[row.reason])
        else:  # no rank that year: why, by the claims rules
            m = claims.why_missing(data, ranks.index, ranks.year, ranks.unit_set,
                                   row.province_code)
            per_unit.append(wording.missing_text(m, lang, ranks.label, row.name))
            legend.setdefault(wording.missing_group(m),
                              wording.missing_text(m, lang, ranks.label, generic))
    return own, per_unit, list(legend.values())


def index_map(data, unit_set: str, index: str, lang: str, set_label: str, *,
              size: tuple[float, float] = LARGE, outline: str | None = None):
    """(svg or None when no boundaries, MapRanks, the map's table, alt text)."""
    ranks = am.map_ranks(data, unit_set, index)
    classes = am.rank_classes(ranks.out_of)
    table = ranks.table
    _, reasons, hatched = whys(ranks, lang, set_label, data)
    shown = pd.DataFrame({
        t("col_unit", lang): table["name"],
        t("col_rank", lang): [rank_text(r, s, lang) for r, s in
                              zip(table["rank"], table["rank_status"])],
        t("col_rank_status", lang): [status_text(s, lang) if isinstance(s, str) else ""
                                     for s in table["rank_status"]],
        t("col_source", lang): [source_label(data, s) if isinstance(s, str) else ""
                                for s in table["source"]],
        t("map_col_why", lang): reasons,
    })
    n_drawn = int(table["drawn"].sum())
    if ranks.year is None:
        alt = t("map_alt_none", lang, set_label=set_label, index=ranks.label)
    else:
        alt = t("map_alt", lang, set_label=set_label, index=ranks.label, year=ranks.year,
                n_drawn=n_drawn, n_units=ranks.n_units, n_hatched=ranks.n_units - n_drawn)
    if outline is not None:
        alt += t("map_alt_outline", lang, name=table.loc[table["province_code"] == outline,
                                                         "name"].iat[0])
    alt += "."
    geo = cm.shapes(data, unit_set, *size)
    if geo is None:
        return None, ranks, shown, alt
    units = []
    for row, why in zip(table.itertuples(index=False), reasons):
        fill = am.rank_class(row.rank, classes) if row.drawn else None
        tip = (t("map_tooltip", lang, name=row.name, rank=rank_text(row.rank, row.rank_status,
                                                                     lang), out_of=ranks.out_of)
               if row.drawn else t("map_tooltip_none", lang, name=row.name, why=why))
        units.append(cm.MapUnit(row.province_code, row.name, fill, tip))
    legend = cm.Legend(
        title=(t("map_title", lang, index=ranks.label, year=ranks.year) if ranks.year
               else t("map_title_none", lang, index=ranks.label)),
        classes=[t("map_class", lang, first=fmt_int(a, lang), last=fmt_int(b, lang)) if a != b
                 else t("map_class_one", lang, first=fmt_int(a, lang)) for a, b in classes]
        if ranks.year else [],
        hatched=hatched,
        archipelagos={"hoang_sa": t("map_hoang_sa", lang), "truong_sa": t("map_truong_sa", lang)},
        attribution=t("map_attribution", lang))
    small = size != LARGE
    svg = cm.choropleth(geo, units, legend, alt, outline=outline,
                        # the small map prints 95 mm wide beside a table: its smallest
                        # text (0.765 of `font`, the attribution) at 7.2 pt
                        legend_width=240.0, font=17.0 if small else 11.0,
                        zoom=1.0 if small else 1.3)
    return svg, ranks, shown, alt


def map_figure(svg: str | None, alt: str, shown: pd.DataFrame, lang: str,
               css_class: str = "dta-map") -> list:
    """The map inline, then its numbers as a table in a <details> element."""
    out = []
    if svg is None:
        out.append(md(t("map_no_boundaries", lang)))
    else:
        out.append(HTML(f'<figure class="{escape(css_class)}">{svg}</figure>'))
    body = table_html(shown, caption=alt).data
    out.append(HTML(f'<details class="dta-chart-data"><summary>{escape(t("chart_data", lang))}'
                    f"</summary>{body}</details>"))
    return out


def coverage_line(ranks: am.MapRanks, lang: str) -> str:
    statuses = ", ".join(f"{t(f'status_{s}', lang)} {ranks.by_status[s]}" for s in STATUSES
                         if ranks.by_status.get(s))
    return t("map_coverage", lang, index=ranks.label, year=ranks.year, n_ranked=ranks.n_ranked,
             n_units=ranks.n_units, statuses=statuses)


def show_maps(ctx: OverviewContext) -> list:
    """Section 1 of the overview: one map per catalogue index."""
    lang = ctx.lang
    out = [heading("h_ov_maps", lang), md(t("map_intro", lang))]
    for index in ix.catalogue(ctx.data)["index"]:
        svg, ranks, shown, alt = index_map(ctx.data, ctx.unit_set, index, lang, ctx.set_label)
        if ranks.year is None:  # no ranking of the set: said, not drawn all hatched
            out.append(heading("map_index_none_h", lang, level=3, index=ranks.label))
            out.append(md(t("map_no_table", lang, index=ranks.label, set_label=ctx.set_label)))
            continue
        out.append(heading("map_index_h", lang, level=3, index=ranks.label, year=ranks.year))
        out.append(md(coverage_line(ranks, lang)))
        out += map_figure(svg, alt, shown, lang)
    return out


def show_province_map(ctx: ReportContext) -> list:
    """A small map in a province report: the first catalogue index that ranks the set, the
    province outlined in red."""
    lang = ctx.lang
    indices = list(ix.catalogue(ctx.data)["index"])
    ranked = [r.index for r in ix.latest_rankings(ctx.data, ctx.unit_set)]
    index = next((i for i in indices if i in ranked), indices[0] if indices else None)
    if index is None:
        return []
    svg, ranks, shown, alt = index_map(ctx.data, ctx.unit_set, index, lang, ctx.set_label,
                                       size=SMALL, outline=ctx.code)
    if svg is None:
        return []
    intro = t("map_small_intro", lang, name=ctx.name, index=ranks.label, year=ranks.year,
              set_label=ctx.set_label) if ranks.year else \
        t("map_no_table", lang, index=ranks.label, set_label=ctx.set_label)
    return [heading("map_small_h", lang, level=3), md(intro),
            *map_figure(svg, alt, shown, lang, css_class="dta-map dta-map-small")]
