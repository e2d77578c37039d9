"""The national overview: ranking, rank heat map, movers, regions compared and coverage."""

from __future__ import annotations

import pandas as pd

from ... import analysis as an
from ...analysis import claims
from ...analysis import indices as ix
from ...vocab import STATUSES as STATUS_ORDER
from .. import charts
from ..context import OverviewContext
from ..display import (
    chart_alt,
    figure,
    heading,
    md,
    method_text,
    rank_text,
    region_names,
    score_text,
    source_label,
    status_text,
    table_html,
)
from ..i18n import fmt_int, fmt_number, fmt_signed, t

TOP_MOVERS = 15


def show_overview_title(ctx: OverviewContext) -> list:
    lang = ctx.lang
    lines = [f"# {t('ov_title', lang, set_label=ctx.set_label)}",
             t("ov_intro", lang, set_label=ctx.set_label),
             t("reading_key", lang, marks=t("marks_legend", lang))]
    version = ctx.data.manifest.get("data_version")
    if version:
        lines.append(t("data_version", lang, version=version))
    return [md("\n\n".join(lines))]


def show_ranking(ctx: OverviewContext) -> list:
    lang = ctx.lang
    position = an.national_position(ctx.data, ctx.unit_set)
    out = [heading("h_ov_ranking", lang)]
    if position.year is None:
        return out + [md(t("pos_none", lang, set_label=ctx.set_label))]
    if position.complete:
        out.append(md(t("pos_complete", lang, n=position.n_units, year=position.year)))
    else:
        out.append(md(t("pos_partial", lang, set_label=ctx.set_label, year=position.year,
                         n_ranked=position.n_ranked, n=position.n_units)))
    table = position.table
    region_key = "region" if lang == "vi" else "region_en"
    shown = pd.DataFrame({
        t("col_rank", lang): [rank_text(r, s, lang)
                              for r, s in zip(table["rank"], table["rank_status"])],
        t("col_unit", lang): table["name"],
        t("col_region", lang): table[region_key],
        t("col_rank_in_region", lang): [fmt_int(r, lang) for r in table["rank_in_region"]],
        t("col_score", lang): [score_text(v, s, lang)
                               for v, s in zip(table["score"], table["score_status"])],
        t("col_rank_status", lang): [status_text(s, lang) for s in table["rank_status"]],
        t("col_source", lang): [source_label(ctx.data, s) for s in table["source"]],
    })
    fig = charts.position_chart(position, lang,
                                regions=region_names(ctx.data, ctx.unit_set, lang))
    alt = chart_alt(t("chart_alt_ranking", lang, year=position.year, set_label=ctx.set_label),
                    shown, lang, limit=3)
    out += figure(fig, alt, shown, lang)
    out.append(table_html(shown))
    return out


def show_rank_heatmap(ctx: OverviewContext) -> list:
    lang = ctx.lang
    matrix = an.rank_matrix(ctx.data, ctx.unit_set)
    return [heading("h_ov_heatmap", lang),
            md(t("ov_heatmap_intro", lang, n=an.n_units(ctx.data, ctx.unit_set)) + " "
                + t("marks_legend", lang)),
            *_heatmap_figure(ctx, matrix)]


def _heatmap_figure(ctx: OverviewContext, matrix) -> list:
    lang = ctx.lang
    years = [int(y) for y in matrix.ranks.columns]
    table = pd.DataFrame({
        t("col_unit", lang): [matrix.names.get(c, c) for c in matrix.ranks.index],
        **{str(y): [rank_text(matrix.ranks.loc[c, y], matrix.statuses.loc[c, y], lang)
                    for c in matrix.ranks.index] for y in years},
    })
    alt = chart_alt(t("chart_alt_heatmap", lang, set_label=ctx.set_label), table, lang, limit=3)
    return figure(charts.rank_heatmap(matrix, ctx.unit_set, lang), alt, table, lang)


def show_movers(ctx: OverviewContext, top: int = TOP_MOVERS) -> list:
    lang = ctx.lang
    moves = an.movers(ctx.data, ctx.unit_set)
    out = [heading("h_ov_movers", lang),
           md(t("ov_movers_intro", lang, set_label=ctx.set_label))]
    if moves.empty:
        return out + [md(t("ov_movers_none", lang))]
    moves = moves.head(top)
    region_key = "region" if lang == "vi" else "region_en"
    out.append(table_html(pd.DataFrame({
        t("col_unit", lang): moves["name"],
        t("col_region", lang): moves[region_key],
        t("col_from", lang): [f"{y}:\u00a0{rank_text(r, s, lang)}" for y, r, s in
                              zip(moves["from_year"], moves["from_rank"], moves["from_status"])],
        t("col_to", lang): [f"{y}:\u00a0{rank_text(r, s, lang)}" for y, r, s in
                            zip(moves["to_year"], moves["to_rank"], moves["to_status"])],
        t("col_change", lang): [fmt_signed(c, lang, 0) if c else "0" for c in moves["change"]],
        t("col_status", lang): [f"{status_text(a, lang)} → {status_text(b, lang)}" for a, b in
                                zip(moves["from_status"], moves["to_status"])],
        t("col_method_change", lang): [method_text(c, lang) if c else ""
                                       for c in moves["method_changes"]],
    })))
    return out


def show_regions(ctx: OverviewContext) -> list:
    lang = ctx.lang
    position = an.national_position(ctx.data, ctx.unit_set)
    regions = an.regions_compared(ctx.data, ctx.unit_set)
    out = [heading("h_ov_regions", lang)]
    if regions.empty:
        return out + [md(t("pos_none", lang, set_label=ctx.set_label))]
    intro = t("ov_regions_intro", lang, year=position.year)
    if not position.complete:
        intro += " " + t("pos_partial", lang, set_label=ctx.set_label, year=position.year,
                         n_ranked=position.n_ranked, n=position.n_units)
    out.append(md(intro))
    region_key = "region" if lang == "vi" else "region_en"
    shown = pd.DataFrame({
        t("col_region", lang): regions[region_key],
        t("col_n_ranked", lang): [f"{a}/{b}" for a, b in zip(regions["n_ranked"],
                                                              regions["n_units"])],
        t("col_median", lang): [fmt_number(m, lang, 1) for m in regions["median_rank"]],
        t("col_best", lang): [f"{fmt_int(r, lang)} ({n})" for r, n in
                              zip(regions["best_rank"], regions["best_name"])],
        t("col_worst", lang): [f"{fmt_int(r, lang)} ({n})" for r, n in
                               zip(regions["worst_rank"], regions["worst_name"])],
    })
    out.append(table_html(shown))
    alt = chart_alt(t("chart_alt_regions", lang, year=position.year, set_label=ctx.set_label),
                    shown, lang)
    out += figure(charts.regions_chart(position, lang,
                                       regions=region_names(ctx.data, ctx.unit_set, lang)),
                  alt, shown, lang)
    return out


def show_coverage(ctx: OverviewContext) -> list:
    lang = ctx.lang
    cov = an.coverage(ctx.data, ctx.unit_set)
    out = [heading("h_ov_coverage", lang),
           md(t("ov_coverage_intro", lang, n=an.n_units(ctx.data, ctx.unit_set)))]
    shown = pd.DataFrame({
        t("col_year", lang): cov["year"].astype(str),
        t("col_units", lang): cov["n_units"].astype(str),
        t("col_with_rank", lang): cov["n_rank"].astype(str),
        t("col_with_score", lang): cov["n_score"].astype(str),
        **{t(f"status_{s}", lang): cov[f"n_rank_{s}"].astype(str)
           for s in STATUS_ORDER},  # every status: the columns add up to the ranked units
        t("col_mean_published", lang): [t("yes", lang) if m else t("no", lang)
                                         for m in cov["mean_published"]],
    })
    alt = chart_alt(t("chart_alt_coverage", lang, set_label=ctx.set_label), shown[[
        t("col_year", lang), t("col_units", lang), t("col_with_rank", lang),
        t("col_with_score", lang)]], lang)
    out += figure(charts.coverage_chart(cov, lang), alt, shown, lang)
    out.append(table_html(shown))
    out += _index_coverage(ctx)
    return out


def _index_coverage(ctx: OverviewContext) -> list:
    """Every index and year: units held of the units published (declared in publications.csv,
    else of the set), by every status (`analysis.claims.coverage_table`)."""
    lang = ctx.lang
    table = claims.coverage_table(ctx.data, ctx.unit_set)
    if table.empty:
        return []
    labels = dict(zip(ix.catalogue(ctx.data)["index"], ix.catalogue(ctx.data)["label"]))
    shown = pd.DataFrame({
        t("bf_col_index", lang): [labels.get(i, i) for i in table["index"]],
        t("col_year", lang): table["year"].astype(str),
        t("ov_col_published", lang): [
            t("ov_published_declared", lang, n=int(n)) if d else
            t("ov_published_undeclared", lang, n=int(n))
            for n, d in zip(table["out_of"], table["declared"])],
        t("ov_col_held", lang): [t("cl_coverage", lang, held=h, out_of=int(n)) if tb
                                 else t("bf_no_table", lang)
                                 for h, n, tb in zip(table["held"], table["out_of"],
                                                     table["has_table"])],
        **{t(f"status_{s}", lang): table[f"n_{s}"].astype(str) for s in STATUS_ORDER},
    })
    return [md(t("ov_index_coverage_intro", lang)), table_html(shown)]
