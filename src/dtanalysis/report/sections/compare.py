"""The comparison of a chosen group (`dtanalysis compare`, notebook `compare.ipynb`): every
catalogue index side by side, one chart per index in the units' own colours, each unit's own
targets, the indicators they share and the 2025 merger where they merged together."""

from __future__ import annotations

import pandas as pd

from ... import analysis as an
from ...analysis import group as grp
from ...analysis import indices as ix
from .. import charts
from ..context import CompareContext
from ..display import (
    chart_alt,
    figure,
    heading,
    marked,
    md,
    missing,
    rank_matrix_table,
    rank_text,
    source_label,
    status_text,
    table_html,
)
from ..i18n import fmt_list, fmt_number, fmt_with_unit, fmt_years, t
from ..wording import disputed_text, gap_texts
from .indices import index_labels, score_on_scale
from .targets import indicator_labels, latest_text, progress_text, target_text


def show_compare_title(ctx: CompareContext) -> list:
    lang, data = ctx.lang, ctx.data
    units = [t("cmp_unit_line", lang, name=an.name_of(data, c, ctx.unit_set), code=c,
               region=an.unit(data, c, ctx.unit_set)["region" if lang == "vi" else "region_en"])
             for c in ctx.codes]
    lines = [f"# {t('cmp_title', lang, names=' · '.join(ctx.names))}",
             t("cmp_subtitle", lang, n=len(ctx.codes), set_label=ctx.set_label,
               units="; ".join(units)),
             t("reading_key", lang, marks=t("marks_legend", lang))]
    version = data.manifest.get("data_version")
    if version:
        lines.append(t("data_version", lang, version=version))
    return [md("\n\n".join(lines))]


def show_compare_indices(ctx: CompareContext) -> list:
    lang, data = ctx.lang, ctx.data
    out = [heading("h_cmp_indices", lang), md(t("cmp_indices_intro", lang))]
    card = grp.latest_side_by_side(data, list(ctx.codes), ctx.unit_set)
    labels = index_labels(data)
    rows = [r for _, r in card.iterrows()]
    table = pd.DataFrame({
        t("ix_col_index", lang): [labels[r["index"]] for r in rows],
        t("col_unit", lang): [r["name"] for r in rows],
        t("ix_col_year", lang): ["" if missing(r["year"]) else str(int(r["year"]))
                                 for r in rows],
        t("ix_col_score", lang): [
            t("ix_no_value", lang) if missing(r["year"]) else
            ((score_on_scale(r["score"], r["score_status"], r["score_max"], lang) or "—")
             + disputed_text(r.get("disputed"), lang, "score"))
            for r in rows],
        t("ix_col_rank", lang): [
            t("ix_rank_of", lang, rank=rank_text(r["rank"], r["rank_status"], lang),
              n=int(r["out_of"])) + disputed_text(r.get("disputed"), lang, "rank")
            if not missing(r["rank"]) else "" for r in rows],
        t("cmp_col_coverage", lang): [
            "" if missing(r["year"]) else t("cmp_coverage", lang, m=int(r["n_rank"]),
                                            n=int(r["n_units"])) for r in rows],
        t("ix_col_status", lang): ["" if missing(r["year"]) else status_text(r["status"], lang)
                                   for r in rows],
        t("ix_col_source", lang): ["" if missing(r["source"]) else
                                   source_label(data, r["source"]) for r in rows],
    })
    out.append(table_html(table, caption=t("h_cmp_indices", lang)))
    lines = _gap_lines(ctx, card, labels)
    if lines:
        out.append(md(f"**{t('ix_gaps_h', lang)}**\n\n" + "\n".join(f"- {x}" for x in lines)))
    return out


def _gap_lines(ctx: CompareContext, card: pd.DataFrame, labels: dict[str, str]) -> list[str]:
    """Each unit's years without a value, in the province report's words (section 9)."""
    lang, data, lines = ctx.lang, ctx.data, []
    for code, name in zip(ctx.codes, ctx.names):
        mine = card[card["province_code"] == code]
        for _, row in mine.iterrows():
            if not row["years_published"]:
                line = t("ix_not_published_set", lang, index=labels[row["index"]],
                         set_label=ctx.set_label)
                if line not in lines:
                    lines.append(line)
            elif not row["years_with_value"]:
                lines.append(t("ix_never_for_unit", lang, index=labels[row["index"]],
                               years=fmt_years(row["years_published"], lang), name=name))
        # the years of one index with the same reason said once, as in section 9
        gaps = [gap for gap in ix.gaps(data, code, ctx.unit_set)
                if mine.loc[mine["index"] == gap.index, "years_with_value"].iat[0]]
        for gap, text in gap_texts(data, gaps, ctx.unit_set, code, labels, name, lang):
            lines.append(text if gap.listed or name in text else f"{name} — {text}")
    return lines


def show_compare_trajectories(ctx: CompareContext) -> list:
    lang, data = ctx.lang, ctx.data
    out = [heading("h_cmp_trajectories", lang), md(t("cmp_traj_intro", lang))]
    labels = index_labels(data)
    for entry in ix.catalogue(data).itertuples(index=False):
        frames = []
        for code, name in zip(ctx.codes, ctx.names):
            traj = ix.trajectory(data, code, ctx.unit_set, entry.index)
            frames.append(pd.DataFrame({
                "year": traj["year"].astype(int), "province_code": code, "name": name,
                "role": "peer", "rank": pd.to_numeric(traj["rank"]).astype("Float64"),
                "rank_status": traj["rank_status"],
                "score": pd.to_numeric(traj["score"]).astype("Float64"),
                "score_status": traj["score_status"], "disputed": traj["disputed"]}))
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        label = labels[entry.index]
        if frame.empty or not (frame["rank"].notna().any() or frame["score"].notna().any()):
            out.append(md(t("cmp_no_values", lang, index=label)))
            continue
        title = t("chart_cmp_title", lang, index=label,
                  set_short=t(f"set_short_{ctx.unit_set}", lang))
        fig = charts.trajectory_chart(
            frame, lang, title=title, max_named=None,
            methods=None if entry.index == "dti" else {},
            score_axis=t("cmp_score_axis", lang, index=label,
                         low=fmt_number(entry.score_min, lang, 0),
                         high=fmt_number(entry.score_max, lang, 0)))
        table = _values_table(frame, entry.score_max, lang)
        alt = chart_alt(t("chart_cmp_alt", lang, index=label, names=fmt_list(ctx.names, lang)),
                        rank_matrix_table(frame, lang, t("col_unit", lang)), lang)
        out += figure(fig, alt, table, lang)
        methods = ix.method_sentences(data, entry.index, lang)
        if methods:
            out.append(md("\n".join(f"- {t('ix_method_line', lang, index=label, year=y, text=s)}"
                                    for y, s in methods)))
    return out


def _values_table(frame: pd.DataFrame, scale_max, lang: str) -> pd.DataFrame:
    """Per unit and year with a value: rank and score with their marks."""
    shown = frame[frame["rank"].notna() | frame["score"].notna()]
    return pd.DataFrame({
        t("col_unit", lang): shown["name"].tolist(),
        t("col_year", lang): [str(int(y)) for y in shown["year"]],
        t("col_rank", lang): [rank_text(r, s, lang)
                              + (disputed_text(d, lang, "rank") if not missing(r) else "")
                              for r, s, d in
                              zip(shown["rank"], shown["rank_status"], shown["disputed"])],
        t("col_score", lang): [score_on_scale(v, s, scale_max, lang)
                               + (disputed_text(d, lang, "score") if not missing(v) else "")
                               for v, s, d in zip(shown["score"], shown["score_status"],
                                                  shown["disputed"])]})


def show_compare_targets(ctx: CompareContext) -> list:
    lang, data = ctx.lang, ctx.data
    out = [heading("h_cmp_targets", lang)]
    targets = grp.group_targets(data, list(ctx.codes), ctx.unit_set, ctx.as_of)
    if targets.empty:
        return out + [md(t("cmp_targets_none", lang))]
    out.append(md(t("cmp_targets_intro", lang)))
    labels = indicator_labels(data, lang)
    rows = [r for _, r in targets.iterrows()]
    table = pd.DataFrame({
        t("col_unit", lang): [r["name"] for r in rows],
        t("col_target_indicator", lang): [labels.get(r["indicator"], r["indicator"])
                                          for r in rows],
        t("col_target", lang): [target_text(r, lang) for r in rows],
        t("col_deadline", lang): [t("tg_no_deadline", lang) if missing(r["target_year"])
                                  else str(int(r["target_year"])) for r in rows],
        t("col_latest", lang): [latest_text(r, lang) for r in rows],
        t("col_progress", lang): [progress_text(r, lang) for r in rows],
        t("col_source", lang): [source_label(data, r["target_source"]) for r in rows],
    })
    out.append(table_html(table, caption=t("h_cmp_targets", lang)))
    without = [name for code, name in zip(ctx.codes, ctx.names)
               if not (targets["group_code"] == code).any()]
    if without:
        out.append(md("\n".join(f"- {t('cmp_targets_unit_none', lang, name=n)}"
                                for n in without)))
    return out


def show_compare_indicators(ctx: CompareContext) -> list:
    lang, data = ctx.lang, ctx.data
    out = [heading("h_cmp_indicators", lang)]
    shared = grp.shared_indicators(data, list(ctx.codes), ctx.unit_set)
    if shared.empty:
        return out + [md(t("cmp_indicators_none", lang))]
    out.append(md(t("cmp_indicators_intro", lang)))
    labels = indicator_labels(data, lang)
    records = []
    for indicator, rows in shared.groupby("indicator", sort=False):
        record = {t("col_indicator_name", lang): labels.get(indicator, indicator)}
        by_unit = {r["province_code"]: r for _, r in rows.iterrows()}
        for code, name in zip(ctx.codes, ctx.names):
            r = by_unit.get(code)
            if r is None:
                record[name] = ""
                continue
            value = (str(r["as_written"]) if lang == "vi" and not missing(r["as_written"])
                     else fmt_with_unit(r["value"], r["unit"], lang, r["qualifier"]))
            record[name] = f"{marked(value, 'reported')} ({r['period']})"
        record[t("col_source", lang)] = "; ".join(dict.fromkeys(
            source_label(data, s) for s in rows["source"]))
        records.append(record)
    out.append(table_html(pd.DataFrame(records), caption=t("h_cmp_indicators", lang)))
    return out


def show_compare_merger(ctx: CompareContext) -> list:
    lang, data = ctx.lang, ctx.data
    out = [heading("h_cmp_merger", lang)]
    lines = []
    if ctx.unit_set == "63":
        together = grp.merged_together(data, list(ctx.codes), ctx.unit_set)
        for successor, members in together:
            lines.append(t("cmp_merged", lang, members=fmt_list(
                [an.name_of(data, c, "63") for c in members], lang),
                unit=an.name_of(data, successor, "34"), code=successor))
        if not together:
            lines.append(t("cmp_not_merged", lang))
        lines.append(", ".join(
            t("cmp_successor", lang, name=name, unit=an.name_of(data, str(s), "34"), code=s)
            for name, s in ((n, an.unit(data, c, "63")["successor_code"])
                            for c, n in zip(ctx.codes, ctx.names)) if not missing(s) and s))
    else:
        for code, name in zip(ctx.codes, ctx.names):
            members = [an.name_of(data, m, "63") for m in an.member_codes(data, code, "34")]
            lines.append(t("cmp_members", lang, unit=name, members=fmt_list(members, lang)))
    out.append(md("\n\n".join(lines)))
    out.append(md(t("cmp_about", lang)))
    return out


__all__ = ["show_compare_indicators", "show_compare_indices", "show_compare_merger",
           "show_compare_targets", "show_compare_title", "show_compare_trajectories"]
