"""Section 4, pillars and main indices: the province beside the best and the median."""

from __future__ import annotations

import pandas as pd

from ... import analysis as an
from .. import charts
from ..context import ReportContext
from ..display import (
    chart_alt,
    figure,
    heading,
    md,
    metric_label,
    missing,
    rank_text,
    score_text,
    table_html,
)
from ..i18n import fmt_int, fmt_list, fmt_number, fmt_score, t
from ..wording import disputed_text


def show_pillars(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    n_set = an.n_units(data, ctx.unit_set)
    rows = an.pillars(data, ctx.code, ctx.unit_set)
    out = [heading("h_pillars", lang)]
    if rows.empty:
        return out + [md(t("pl_none_in_set", lang, set_label=ctx.set_label))]
    out.append(md(t("pl_intro", lang, name=name, n=an.n_units(data, ctx.unit_set))))
    own = rows[rows["has_value"]].reset_index(drop=True)
    notes = []
    if own.empty:
        notes.append((0, t("pl_none_for_unit", lang, name=name, set_label=ctx.set_label)))
    else:
        shown = _pillar_table(own, lang, n_set)
        out.append(table_html(shown))
        chart_year = _pillar_chart_year(own)
        chart_data = _pillar_table(own[own["year"] == chart_year].reset_index(drop=True), lang,
                                   n_set)
        alt = chart_alt(t("chart_alt_pillars", lang, name=name, year=chart_year), chart_data[[
            t("col_metric", lang), t("col_score", lang), t("col_best_score", lang),
            t("col_median_score", lang)]], lang)
        out += figure(charts.pillars_chart(rows, name, chart_year, lang), alt, chart_data, lang)
        for year, group in own.groupby("year"):
            single = group[(group["n_score"].where(group["score"].notna(), 0) <= 1)
                           & (group["n_rank"].where(group["rank"].notna(), 0) <= 1)]
            if len(single) == len(group):
                notes.append((year, t("pl_single", lang, year=year, name=name, metrics=fmt_list(
                    [metric_label(m, lang) for m in group["metric"]], lang))))
    for year, group in rows[~rows["has_value"]].groupby("year"):
        n_others = int(max(group["n_score"].max(), group["n_rank"].max()))
        notes.append((year, t("pl_missing_year", lang, year=year, n=n_others, name=name,
                              metrics=fmt_list([metric_label(m, lang) for m in group["metric"]],
                                               lang))))
    if notes:
        out.append(md("\n".join(f"- {n}" for _, n in sorted(notes, key=lambda x: x[0]))))
    return out


def _pillar_chart_year(own: pd.DataFrame) -> int:
    """The latest year where the province has a value that other provinces also have; else
    its latest year with a value."""
    compared = own[((own["n_score"] > 1) & own["score"].notna())
                   | ((own["n_rank"] > 1) & own["rank"].notna())]
    return int((compared if not compared.empty else own)["year"].max())


def _pillar_table(own: pd.DataFrame, lang: str, n_set: int) -> pd.DataFrame:
    # With one unit (or none) holding a value there is no "best" and no "median" to show; a
    # best or median shown says over how many of the set's units (analysis.claims, rule 3).
    def best(value, who, kind, n):
        if missing(value) or n < 2:
            return ""
        text = fmt_score(value, lang) if kind == "score" else fmt_int(value, lang)
        return f"{text} ({who}; {t('cl_over', lang, n=int(n), n_set=n_set)})"

    def median(value, n, decimals):
        if missing(value) or n < 2:
            return ""
        over = t("cl_over", lang, n=int(n), n_set=n_set)
        return f"{fmt_number(value, lang, decimals)} ({over})"

    return pd.DataFrame({
        t("col_year", lang): own["year"].astype(str),
        t("col_metric", lang): [metric_label(m, lang) for m in own["metric"]],
        t("col_score", lang): [score_text(v, s, lang) + disputed_text(d, lang)
                               for v, s, d in zip(own["score"], own["score_status"],
                                                  own["disputed"])],
        t("col_best_score", lang): [best(v, w, "score", n) for v, w, n in
                                    zip(own["best_score"], own["best_score_name"],
                                        own["n_score"])],
        t("col_median_score", lang): [median(v, n, 4)
                                      for v, n in zip(own["median_score"], own["n_score"])],
        t("col_n_score", lang): own["n_score"].astype(str),
        t("col_rank", lang): [rank_text(v, s, lang)
                              for v, s in zip(own["rank"], own["rank_status"])],
        t("col_best_rank", lang): [best(v, w, "rank", n) for v, w, n in
                                   zip(own["best_rank"], own["best_rank_name"], own["n_rank"])],
        t("col_median_rank", lang): [median(v, n, 1)
                                     for v, n in zip(own["median_rank"], own["n_rank"])],
        t("col_n_rank", lang): own["n_rank"].astype(str),
    })
