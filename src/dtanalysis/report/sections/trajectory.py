"""Section 2, trajectory: rank and score per year, beside the peers and the mean over provinces."""

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
    missing,
    rank_matrix_table,
    rank_text,
    score_text,
    source_label,
    status_text,
    table_html,
)
from ..i18n import fmt_years, t
from ..wording import disputed_text, project_note, value_words_text


def show_trajectory(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    traj = an.trajectory(data, ctx.code, ctx.unit_set, list(ctx.peer_codes))
    peers_text = (t("peers_region", lang, n=len(ctx.peer_codes)) if ctx.peers == "region"
                  else (", ".join(an.name_of(data, c, ctx.unit_set) for c in ctx.peer_codes)
                        or t("peers_none", lang)))
    out = [heading("h_trajectory", lang),
           md(t("tr_intro", lang, name=name, set_label=ctx.set_label, peers=peers_text))]
    title = t("chart_traj_title", lang, name=name,
              set_short=t(f"set_short_{ctx.unit_set}", lang))
    fig = charts.trajectory_chart(traj, lang, title=title)
    own = traj[traj["role"] == "province"].set_index("year")
    mean = traj[traj["role"] == "mean"].set_index("year")
    table = pd.DataFrame({
        t("col_year", lang): [str(y) for y in own.index],
        t("col_rank", lang): [rank_text(r, s, lang)
                              + ("" if missing(r) else disputed_text(d, lang, "rank"))
                              for r, s, d in zip(own["rank"], own["rank_status"],
                                                 own["disputed"])],
        t("col_rank_status", lang): [status_text(s, lang) if not missing(r) else ""
                                     for r, s in zip(own["rank"], own["rank_status"])],
        t("col_score", lang): [score_text(v, s, lang) + ("" if missing(v) else (
                                   value_words_text(w, we, lang) + disputed_text(d, lang,
                                                                                 "score")))
                               for v, s, w, we, d in zip(own["score"], own["score_status"],
                                                         own["score_words"],
                                                         own["score_words_en"],
                                                         own["disputed"])],
        t("col_score_status", lang): [status_text(s, lang) if not missing(v) else ""
                                      for v, s in zip(own["score"], own["score_status"])],
        t("col_mean_score", lang): [score_text(mean["score"].get(y), mean["score_status"].get(y),
                                                lang) for y in own.index],
        t("col_source", lang): [source_label(data, s) for s in own["source"]],
        t("col_note", lang): [("" if not project_note(n, v, lang)
                               else f"“{project_note(n, v, lang)}”")
                              for n, v in zip(own["note"], own["note_vi"])],
    })
    alt = chart_alt(t("chart_alt_trajectory", lang, name=name), table[[
        t("col_year", lang), t("col_rank", lang), t("col_score", lang),
        t("col_mean_score", lang)]], lang)
    units = traj[traj["role"] != "mean"]
    matrix = rank_matrix_table(units, lang, t("col_unit", lang))  # the chart's data, the table
    out += figure(fig, alt, matrix, lang)
    out.append(table_html(table))
    gaps = []
    no_rank = [y for y, r in own["rank"].items() if missing(r)]
    no_score = [y for y, v in own["score"].items() if missing(v)]
    no_mean = [y for y, v in mean["score"].items() if missing(v)]
    if no_rank:
        gaps.append(t("tr_no_rank_years", lang, name=name, years=fmt_years(no_rank, lang)))
    if no_score:
        gaps.append(t("tr_no_score_years", lang, name=name, years=fmt_years(no_score, lang)))
    if no_mean:
        gaps.append(t("tr_no_mean_years", lang, years=fmt_years(no_mean, lang)))
    if ctx.unit_set == "34":
        gaps.append(t("tr_34_only", lang, years=fmt_years(an.set_years(data, "34"), lang)))
    if gaps:
        out.append(md("\n".join(f"- {g}" for g in gaps)))
    if ctx.peer_codes:
        out.append(md(t("tr_peer_table", lang)))
        out.append(table_html(matrix, [c == ctx.code for c in units["province_code"].unique()]))
    return out
