"""The national overview: maps, then ranking, rank heat map, movers, regions compared and
coverage — each for every index of the catalogue (DTI, PCI, PAPI and any index added as data),
one sub-section per index, each with its coverage."""

from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML

from ... import analysis as an
from ...analysis import claims
from ...analysis import indices as ix
from ...analysis import maps as am
from ...vocab import STATUSES
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
from ..wording import disputed_text
from .maps import coverage_line

TOP_MOVERS = 15


def _indices(ctx: OverviewContext) -> list[tuple[str, str]]:
    """(index, short label) of every catalogue index, in the catalogue's order."""
    cat = ix.catalogue(ctx.data)
    return list(zip(cat["index"], cat["label"]))


def _ranking_year(ctx: OverviewContext, index: str) -> int | None:
    """The ranking the overview shows for the index: the maps' (latest ranking of at least
    half the units, else the one ranking the most)."""
    return am.map_ranks(ctx.data, ctx.unit_set, index).year


def show_overview_title(ctx: OverviewContext) -> list:
    lang = ctx.lang
    lines = [f"# {t('ov_title', lang, set_label=ctx.set_label)}",
             t("ov_intro", lang, set_label=ctx.set_label,
               indices=", ".join(label for _, label in _indices(ctx))),
             t("reading_key", lang, marks=t("marks_legend", lang))]
    version = ctx.data.manifest.get("data_version")
    if version:
        lines.append(t("data_version", lang, version=version))
    return [md("\n\n".join(lines))]


def show_ranking(ctx: OverviewContext) -> list:
    lang = ctx.lang
    out = [heading("h_ov_ranking", lang)]
    for index, label in _indices(ctx):
        out.append(heading("ov_index_h", lang, level=3, index=label))
        out += _ranking(ctx, index, label)
    return out


def _ranking(ctx: OverviewContext, index: str, label: str) -> list:
    lang = ctx.lang
    year = _ranking_year(ctx, index)
    if year is None:
        return [md(t("ov_index_none", lang, index=label, set_label=ctx.set_label))]
    position = an.national_position(ctx.data, ctx.unit_set, year, index=index, exact=True)
    out = [md(coverage_line(am.map_ranks(ctx.data, ctx.unit_set, index), lang))]
    if position.complete:
        out.append(md(t("pos_complete", lang, n=position.n_units, year=position.year)))
    else:
        out.append(md(t("pos_partial", lang, set_label=ctx.set_label, year=position.year,
                         n_ranked=position.n_ranked, n=position.n_units)))
    table = position.table
    region_key = "region" if lang == "vi" else "region_en"
    def other(code, kind: str) -> str:  # another source's value beside it (claims rule 5)
        return disputed_text(claims.disputes_of(ctx.data, index, position.year, ctx.unit_set,
                                                code, kind=kind), lang)

    shown = pd.DataFrame({
        t("col_rank", lang): [rank_text(r, s, lang) + (other(c, "rank") if pd.notna(r) else "")
                              for r, s, c in zip(table["rank"], table["rank_status"],
                                                 table["province_code"])],
        t("col_unit", lang): table["name"],
        t("col_region", lang): table[region_key],
        t("col_rank_in_region", lang): [fmt_int(r, lang) for r in table["rank_in_region"]],
        t("col_score", lang): [score_text(v, s, lang) + (other(c, "score") if pd.notna(v)
                                                         else "")
                               for v, s, c in zip(table["score"], table["score_status"],
                                                  table["province_code"])],
        t("col_rank_status", lang): [status_text(s, lang) for s in table["rank_status"]],
        t("col_source", lang): [source_label(ctx.data, s) for s in table["source"]],
    })
    if index == an.OVERALL:  # DTI's ranking chart stays; the other indices' picture is the map
        fig = charts.position_chart(position, lang,
                                    regions=region_names(ctx.data, ctx.unit_set, lang))
        alt = chart_alt(t("chart_alt_ranking", lang, year=position.year,
                          set_label=ctx.set_label), shown, lang, limit=3)
        out += figure(fig, alt, shown, lang)
    out.append(table_html(shown))
    return out


def show_rank_heatmap(ctx: OverviewContext) -> list:
    lang = ctx.lang
    out = [heading("h_ov_heatmap", lang),
           md(t("ov_heatmap_intro", lang, n=an.n_units(ctx.data, ctx.unit_set)) + " "
              + t("marks_legend", lang))]
    for index, label in _indices(ctx):
        out.append(heading("ov_index_h", lang, level=3, index=label))
        matrix = an.rank_matrix(ctx.data, ctx.unit_set, index)
        if matrix.ranks.empty or not matrix.ranks.notna().any().any():
            out.append(md(t("ov_index_none", lang, index=label, set_label=ctx.set_label)))
            continue
        out.append(_heat_table(ctx, matrix, index))
    return out


def _heat_table(ctx: OverviewContext, matrix, index: str):
    """Units × years as an HTML table, each rank's cell in the maps' colour of its rank class
    (out of the set's units; `dta-r0`…`dta-r4`, the report stylesheet's), its mark (§ † ‡)
    written; an empty cell: no rank."""
    lang = ctx.lang
    years = [int(y) for y in matrix.ranks.columns]
    classes = am.rank_classes(an.n_units(ctx.data, ctx.unit_set))
    head = "".join(f'<th scope="col">{escape(str(c))}</th>'
                   for c in [t("col_unit", lang), *map(str, years)])
    rows = []
    for code in matrix.ranks.index:
        cells = []
        for y in years:
            value, status = matrix.ranks.loc[code, y], matrix.statuses.loc[code, y]
            klass = am.rank_class(None if pd.isna(value) else int(value), classes)
            attr = f' class="dta-r{klass}"' if klass is not None else ""
            cells.append(f"<td{attr}>{escape(rank_text(value, status, lang))}</td>")
        rows.append(f'<tr><th scope="row">{escape(str(matrix.names.get(code, code)))}</th>'
                    + "".join(cells) + "</tr>")
    n = an.n_units(ctx.data, ctx.unit_set)
    counts = "".join(f"<td>{int(matrix.ranks[y].notna().sum())}</td>" for y in years)
    foot = (f'<tfoot><tr><th scope="row">{escape(t("ov_heat_ranked", lang, n=n))}</th>'
            f"{counts}</tr></tfoot>")
    caption = t("chart_alt_heatmap", lang, set_label=ctx.set_label)
    return HTML(f'<table class="dta-heat"><caption>{escape(caption)}</caption><thead><tr>'
                f"{head}</tr></thead><tbody>{''.join(rows)}</tbody>{foot}</table>")


def show_movers(ctx: OverviewContext, top: int = TOP_MOVERS) -> list:
    lang = ctx.lang
    out = [heading("h_ov_movers", lang),
           md(t("ov_movers_intro", lang, set_label=ctx.set_label) + " "
              + t("ov_movers_uncertain", lang))]
    for index, label in _indices(ctx):
        out.append(heading("ov_index_h", lang, level=3, index=label))
        out += _coverage_of(ctx, index)
        out += _movers(ctx, index, top)
    return out


def _movers(ctx: OverviewContext, index: str, top: int) -> list:
    lang = ctx.lang
    moves = an.movers(ctx.data, ctx.unit_set, index)
    if moves.empty:
        return [md(t("ov_movers_none", lang))]
    moves = moves.head(top)
    region_key = "region" if lang == "vi" else "region_en"
    sentences = dict(ix.method_sentences(ctx.data, index, lang))

    def method(changes) -> str:
        if not changes:
            return ""
        if index == an.OVERALL:
            return method_text(changes, lang)
        return "; ".join(sentences.get(y, str(y)) for y in changes)

    def other(code, year) -> str:  # another source's rank beside it (claims rule 5)
        return disputed_text(claims.disputes_of(ctx.data, index, year, ctx.unit_set, code,
                                                kind="rank"), lang)

    return [table_html(pd.DataFrame({
        t("col_unit", lang): moves["name"],
        t("col_region", lang): moves[region_key],
        t("col_from", lang): [f"{y}:\u00a0{rank_text(r, s, lang)}{other(c, y)}"
                              for y, r, s, c in zip(moves["from_year"], moves["from_rank"],
                                                    moves["from_status"],
                                                    moves["province_code"])],
        t("col_to", lang): [f"{y}:\u00a0{rank_text(r, s, lang)}{other(c, y)}"
                            for y, r, s, c in zip(moves["to_year"], moves["to_rank"],
                                                  moves["to_status"], moves["province_code"])],
        t("col_change", lang): [fmt_signed(c, lang, 0) if c else "0" for c in moves["change"]],
        t("col_status", lang): [f"{status_text(a, lang)} → {status_text(b, lang)}" for a, b in
                                zip(moves["from_status"], moves["to_status"])],
        t("col_method_change", lang): [method(c) for c in moves["method_changes"]],
    }))]


def show_regions(ctx: OverviewContext) -> list:
    lang = ctx.lang
    out = [heading("h_ov_regions", lang)]
    for index, label in _indices(ctx):
        out.append(heading("ov_index_h", lang, level=3, index=label))
        out += _regions(ctx, index, label)
    return out


def _coverage_of(ctx: OverviewContext, index: str) -> list:
    """The coverage of the index's latest ranking (M of N, every status), when it has one."""
    ranks = am.map_ranks(ctx.data, ctx.unit_set, index)
    return [md(coverage_line(ranks, ctx.lang))] if ranks.year is not None else []


def _regions(ctx: OverviewContext, index: str, label: str) -> list:
    lang = ctx.lang
    year = _ranking_year(ctx, index)
    if year is None:
        return [md(t("ov_index_none", lang, index=label, set_label=ctx.set_label))]
    position = an.national_position(ctx.data, ctx.unit_set, year, index=index, exact=True)
    regions = an.regions_compared(ctx.data, ctx.unit_set, year, index=index, exact=True)
    intro = t("ov_regions_intro", lang, year=position.year)
    if not position.complete:
        intro += " " + t("pos_partial", lang, set_label=ctx.set_label, year=position.year,
                         n_ranked=position.n_ranked, n=position.n_units)
    out = [*_coverage_of(ctx, index), md(intro)]
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
    if index == an.OVERALL:  # DTI's chart stays; the others' numbers are the table
        alt = chart_alt(t("chart_alt_regions", lang, year=position.year,
                          set_label=ctx.set_label), shown, lang)
        out += figure(charts.regions_chart(position, lang,
                                           regions=region_names(ctx.data, ctx.unit_set, lang)),
                      alt, shown, lang)
    return out


def show_coverage(ctx: OverviewContext) -> list:
    lang = ctx.lang
    out = [heading("h_ov_coverage", lang)]
    for index, label in _indices(ctx):
        out.append(heading("ov_index_h", lang, level=3, index=label))
        out += _coverage(ctx, index, label)
    return out + _index_coverage(ctx)  # every index and year, of the units published


def _coverage(ctx: OverviewContext, index: str, label: str) -> list:
    lang = ctx.lang
    cov = an.coverage(ctx.data, ctx.unit_set, index)
    out = [md(t("ov_coverage_intro", lang, n=an.n_units(ctx.data, ctx.unit_set), index=label))]
    if cov.empty:
        return out + [md(t("ov_index_none", lang, index=label, set_label=ctx.set_label))]
    columns = {
        t("col_year", lang): cov["year"].astype(str),
        t("col_units", lang): cov["n_units"].astype(str),
        t("col_with_rank", lang): cov["n_rank"].astype(str),
        t("col_with_score", lang): cov["n_score"].astype(str),
        **{t(f"status_{s}", lang): cov[f"n_rank_{s}"].astype(str) for s in STATUSES},
    }
    if index == an.OVERALL:
        columns[t("col_mean_published", lang)] = [t("yes", lang) if m else t("no", lang)
                                                  for m in cov["mean_published"]]
    shown = pd.DataFrame(columns)
    if index == an.OVERALL:
        alt = chart_alt(t("chart_alt_coverage", lang, set_label=ctx.set_label), shown[[
            t("col_year", lang), t("col_units", lang), t("col_with_rank", lang),
            t("col_with_score", lang)]], lang)
        out += figure(charts.coverage_chart(cov, lang), alt, shown, lang)
    out.append(table_html(shown))
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
        **{t(f"status_{s}", lang): table[f"n_{s}"].astype(str) for s in STATUSES},
    })
    return [md(t("ov_index_coverage_intro", lang)), table_html(shown)]
