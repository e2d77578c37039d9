"""Section 7, the 2025 merger: the 34-set unit, its members and their history side by side."""

from __future__ import annotations

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
    source_links,
    status_text,
    table_html,
)
from ..i18n import fmt_list, t


def show_merger(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    m = an.merger(data, ctx.code, ctx.unit_set)
    out = [heading("h_merger", lang)]
    lines = []
    if ctx.unit_set == "63":
        others = [an.name_of(data, c, "63") for c in m.other_members]
        if m.merged:
            # never "Hải Phòng is part of Hải Phòng": a unit that keeps the name is formed
            key = "mg_joined_same_name" if m.unit_name == name else "mg_joined"
            lines.append(t(key, lang, name=name, unit=m.unit_name, code=m.unit_code,
                           others=fmt_list(others, lang)))
        else:
            lines.append(t("mg_not_merged", lang, name=name, unit=m.unit_name,
                           code=m.unit_code))
    else:
        members = fmt_list([f"{n} ({c})" for n, c in zip(m.member_names, m.member_codes)],
                           lang)
        key = "mg_made_of" if m.merged else "mg_made_of_single"
        lines.append(t(key, lang, unit=m.unit_name, members=members))
    if m.unit_results.empty:
        lines.append(t("mg_no_result", lang, unit=m.unit_name))
    else:
        n34 = an.n_units(data, "34")
        for _, r in m.unit_results.iterrows():
            rank_part = (t("mg_rank_text", lang,
                           rank=rank_text(r["rank"], r["rank_status"], lang), n=n34,
                           status=status_text(r["rank_status"], lang))
                         if not missing(r["rank"]) else "")
            score_part = (t("mg_score_text", lang,
                            score=score_text(r["score"], r["score_status"], lang),
                            status=status_text(r["score_status"], lang))
                          if not missing(r["score"]) else t("mg_no_score_text", lang))
            lines.append(t("mg_result", lang, year=int(r["year"]), unit=m.unit_name,
                           rank_text=rank_part, score_text=score_part)
                         + " " + t("hl_source", lang, links=source_links(data, r["source"])))
    lines.append(t("mg_not_comparable", lang))
    out.append(md("\n\n".join(lines)))
    history = m.members_history
    if not history.empty:
        out.append(md(t("mg_history", lang)))
        table = rank_matrix_table(history, lang, t("col_province", lang))
        out.append(table_html(table, [c == ctx.code and ctx.unit_set == "63"
                                  for c in dict.fromkeys(history["province_code"])]))
        if m.merged and history["rank"].notna().any():
            history = history.copy()
            history["role"] = ["province" if r == "province" else "peer"
                               for r in history["role"]]
            fig = charts.trajectory_chart(
                history, lang, title=t("chart_mg_title", lang, unit=m.unit_name),
                show_scores=bool(history["score"].notna().any()))
            alt = chart_alt(t("chart_alt_merger", lang, unit=m.unit_name), table, lang)
            out += figure(fig, alt, table, lang)
    return out
