"""Section 9 of the province report, the national indices side by side (DTI, PCI, PAPI and any
index the catalogue adds), and section 6 of the overview, one index's ranks against another's."""

from __future__ import annotations

import pandas as pd

from ... import analysis as an
from ...analysis import indices as ix
from ..charts import indices as ix_charts
from ..charts.style import unit_style
from ..context import OverviewContext, ReportContext
from ..display import (
    chart_alt,
    figure,
    group,
    heading,
    marked,
    md,
    missing,
    rank_text,
    source_label,
    status_text,
    table_html,
)
from ..i18n import fmt_number, fmt_signed, fmt_years, t
from ..wording import disputed_text, gap_texts, value_words_text


def score_on_scale(value, status, scale_max, lang: str) -> str:
    """A score with its mark: four decimals on a 0–1 scale (DTI), two on wider ones."""
    if missing(value):
        return ""
    decimals = 4 if not missing(scale_max) and float(scale_max) <= 1 else 2
    return marked(fmt_number(value, lang, decimals), status)


def index_label(entry) -> str:
    """The short name of an index (`analysis.indices.short_label`)."""
    return ix.short_label(entry["index"], entry["name_en"])


def index_labels(data: an.Data) -> dict[str, str]:
    """The short label of each index of the catalogue ("DTI", "PCI", …)."""
    return {row["index"]: index_label(row) for _, row in ix.catalogue(data).iterrows()}


def show_indices(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    out = [heading("h_indices", lang)]
    card = ix.scorecard(data, ctx.code, ctx.unit_set)
    if card.empty:
        return out + [md(t("ov_ix_none", lang, set_label=ctx.set_label))]
    labels = index_labels(data)
    out.append(md(t("ix_intro", lang, name=name) + "\n\n" + t("ix_marks", lang)))
    out.append(table_html(_scorecard_table(card, labels, data, lang)))
    later = [_later_line(labels[r["index"]], r, lang) for _, r in card.iterrows()
             if isinstance(r["later"], tuple) and r["later"]]
    if later:
        out.append(md("\n".join(f"- {line}" for line in later)))

    trajectories = {i: ix.trajectory(data, ctx.code, ctx.unit_set, i) for i in card["index"]}
    if any(tr["percentile"].notna().any() for tr in trajectories.values()):
        points = pd.DataFrame(
            [{t("ix_col_index", lang): labels[i], t("ix_col_year", lang): str(int(r["year"])),
              t("ix_col_percentile", lang): fmt_number(r["percentile"], lang, 0)}
             for i, tr in trajectories.items() for _, r in tr.iterrows()
             if not missing(r["percentile"])])
        alt = chart_alt(t("chart_ix_alt", lang, name=name), points, lang, limit=len(points))
        out += figure(ix_charts.percentile_chart(trajectories, labels, name, lang), alt,
                      points, lang)

    out += _gap_lines(ctx, card, labels)
    # The tables of the sub-indices and of each index's history as blocks side by side: in
    # print two columns, each table whole (the print stylesheet's `dta-histories`); on
    # screen one after the other. A chart stays outside, across the page, and its table
    # comes first among the blocks, right after it.
    charted, blocks = [], []
    for index in card["index"]:
        parts = _sub_indices(ctx, index, labels[index])
        if len(parts) > 2:  # text, chart and its numbers, table
            out += parts[:-1]
            charted.append(group(parts[-1:], "dta-history"))
        elif parts:
            blocks.append(group(parts, "dta-history"))
    blocks = charted + blocks
    for _, row in card.iterrows():
        parts = _history(ctx, row, trajectories[row["index"]], labels[row["index"]])
        if parts:
            blocks.append(group(parts, "dta-history"))
    if blocks:
        out.append(group(blocks, "dta-histories"))
    methods = [t("ix_method_line", lang, index=labels[i], year=y, text=s)
               for i in card["index"] for y, s in ix.method_sentences(data, i, lang)]
    if methods:
        out.append(md(f"**{t('ix_methods_h', lang)}**\n\n"
                      + "\n".join(f"- {m}" for m in methods)))
    return out


def _later_line(label: str, row, lang: str) -> str:
    """The derived or uncertain values of years after the leading published one, in words."""
    values = []
    for year, rank, rank_status, score, score_status in row["later"]:
        parts = [t("ix_rank_of", lang, rank=rank_text(rank, rank_status, lang),
                   n=int(row["out_of"]))] if not missing(rank) else []
        if not missing(score):
            parts.append(score_on_scale(score, score_status, row["score_max"], lang))
        values.append(f"{year}: {', '.join(parts)}")
    return t("ix_later", lang, index=label, year=int(row["year"]), values="; ".join(values))


def _scorecard_table(card: pd.DataFrame, labels: dict[str, str], data: an.Data,
                     lang: str) -> pd.DataFrame:
    def scale(row):
        if missing(row["year"]):
            return t("ix_no_value", lang)
        score = score_on_scale(row["score"], row["score_status"], row["score_max"], lang) or "—"
        if not missing(row["score"]):  # the source's words, other sources' values
            score += (value_words_text(row["score_words"], row["score_words_en"], lang)
                      + disputed_text(row["disputed"], lang, "score"))
        return t("ix_scale", lang, score=score, low=fmt_number(row["score_min"], lang, 0),
                 high=fmt_number(row["score_max"], lang, 0))

    def rank(row):
        text = rank_text(row["rank"], row["rank_status"], lang)
        return (t("ix_rank_of", lang, rank=text, n=int(row["out_of"]))
                + disputed_text(row["disputed"], lang, "rank")) if text else ""

    def change(row):
        if missing(row.get("rank_change")):
            return ""
        value = fmt_signed(row["rank_change"], lang, 0)
        methods = row["methods_between"] if isinstance(row["methods_between"], tuple) else ()
        if methods:
            return t("ix_change_method", lang, change=value, year=int(row["previous_year"]),
                     methods=", ".join(str(y) for y in methods))
        return t("ix_change_since", lang, change=value, year=int(row["previous_year"]))

    def best_median(row):
        if missing(row["best_score"]):
            return ""
        return (f"{fmt_number(row['best_score'], lang, 2)} / "
                f"{fmt_number(row['median_score'], lang, 2)}")

    rows = [row for _, row in card.iterrows()]
    return pd.DataFrame({
        t("ix_col_index", lang): [labels[r["index"]] for r in rows],
        t("ix_col_year", lang): ["" if missing(r["year"]) else str(int(r["year"]))
                                 for r in rows],
        t("ix_col_score", lang): [scale(r) for r in rows],
        t("ix_col_rank", lang): [rank(r) for r in rows],
        t("ix_col_percentile", lang): [marked(fmt_number(r["percentile"], lang, 0),
                                              r["rank_status"])
                                       if not missing(r["percentile"]) else "" for r in rows],
        t("ix_col_change", lang): [change(r) for r in rows],
        t("ix_col_best_median", lang): [best_median(r) for r in rows],
        t("ix_col_status", lang): ["" if missing(r["year"]) else status_text(r["status"], lang)
                                   for r in rows],
        t("ix_col_source", lang): ["" if missing(r["source"]) else
                                   source_label(data, r["source"]) for r in rows],
    })


def _gap_lines(ctx: ReportContext, card: pd.DataFrame, labels: dict[str, str]) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    lines = []
    for _, row in card.iterrows():
        if not row["years_published"]:
            lines.append(t("ix_not_published_set", lang, index=labels[row["index"]],
                           set_label=ctx.set_label))
        elif not row["years_with_value"]:
            lines.append(t("ix_never_for_unit", lang, index=labels[row["index"]],
                           years=fmt_years(row["years_published"], lang), name=name))
    # A year inside the span of the data for which an index has no table at all (PCI 2022).
    all_years = [y for years in card["years_published"] for y in years]
    for _, row in card.iterrows():
        if row["years_published"]:
            absent = [y for y in range(min(row["years_published"]), max(all_years) + 1)
                      if y not in row["years_published"]]
            if absent:
                lines.append(t("ix_no_table_years", lang, index=labels[row["index"]],
                               years=fmt_years(absent, lang),
                               set_short=t(f"set_short_{ctx.unit_set}", lang)))
    sentences = {(i, y): s for i in card["index"]
                     for y, s in ix.method_sentences(data, i, lang)}
    # the years of one index with the same reason, coverage and method are said once
    def method(gap):
        return gap.methods[-1] if gap.methods else None

    gaps = [gap for gap in ix.gaps(data, ctx.code, ctx.unit_set)
            if card.loc[card["index"] == gap.index, "years_with_value"].iat[0]]
    for gap, text in gap_texts(data, gaps, ctx.unit_set, ctx.code, labels, name, lang,
                               method):
        if method(gap) is not None:
            text = (text if text.rstrip().endswith(".") else text.rstrip() + ".")
            text += t("ix_gap_method", lang, method=sentences[(gap.index, method(gap))])
        lines.append(text)
    if not lines:
        return []
    return [md(f"**{t('ix_gaps_h', lang)}**\n\n" + "\n".join(f"- {line}" for line in lines))]


def _history(ctx: ReportContext, entry, traj: pd.DataFrame, label: str) -> list:
    """One index's every year for the unit (as PCI's provincial profiles show it): score,
    rank of N, how many units that year ranks, status and source — a year without a value
    says so — then its sub-indices by year where published."""
    lang, data = ctx.lang, ctx.data
    if traj.empty:
        return []
    out = [md(f"### {t('ix_history_h', lang, index=label, name=ctx.name)}")]
    rows, years = [], []  # consecutive years without a value, alike, are one row: 2006–2019
    for _, r in traj.iterrows():
        empty = missing(r["score"]) and missing(r["rank"])
        last = rows[-1] if rows else None
        if (empty and last is not None and missing(last["score"]) and missing(last["rank"])
                and int(r["year"]) == years[-1][1] + 1
                and (r["n_rank"], r["n_units"]) == (last["n_rank"], last["n_units"])):
            years[-1] = (years[-1][0], int(r["year"]))
            continue
        rows.append(r)
        years.append((int(r["year"]), int(r["year"])))
    valued = [not (missing(r["score"]) and missing(r["rank"])) for r in rows]
    table = pd.DataFrame({
        t("ix_col_year", lang): [str(a) if a == b else f"{a}–{b}" for a, b in years],
        t("ix_col_score", lang): [
            ((score_on_scale(r["score"], r["score_status"], entry["score_max"], lang)
              + value_words_text(r["score_words"], r["score_words_en"], lang)
              + disputed_text(r["disputed"], lang, "score"))
             if not missing(r["score"]) else "—") if ok
            else t("ix_no_value", lang) for r, ok in zip(rows, valued)],
        t("ix_col_rank", lang): [
            t("ix_rank_of", lang, rank=rank_text(r["rank"], r["rank_status"], lang),
              n=int(r["out_of"])) + disputed_text(r["disputed"], lang, "rank")
            if not missing(r["rank"]) else "" for r in rows],
        # the percentile chart's numbers, which print without its <details>
        t("ix_col_percentile", lang): [
            marked(fmt_number(r["percentile"], lang, 0), r["rank_status"])
            if not missing(r["percentile"]) else "" for r in rows],
        t("ix_col_ranked", lang): [t("ix_ranked_of", lang, m=int(r["n_rank"]),
                                     n=int(r["n_units"])) for r in rows],
        t("ix_col_status", lang): [status_text(r["status"], lang) if ok else ""
                                   for r, ok in zip(rows, valued)],
        t("ix_col_source", lang): ["" if missing(r["source"]) else
                                   source_label(data, r["source"]) for r in rows],
    })
    out.append(table_html(table, caption=t("ix_history_h", lang, index=label, name=ctx.name)))
    subs = ix.sub_index_history(data, ctx.code, ctx.unit_set, entry["index"])
    if not subs.empty:
        column = "label_vi" if lang == "vi" else "label_en"
        years = sorted(set(subs["year"]))
        scale_max = 10 if float(entry["score_max"]) > 1 else entry["score_max"]
        cells = {(m, y): score_on_scale(v, st, scale_max, lang)
                 + disputed_text(d, lang, "score")
                 for m, y, v, st, d in zip(subs["metric"], subs["year"], subs["score"],
                                           subs["status"], subs["disputed"])}
        metrics = list(dict.fromkeys(subs["metric"]))
        names = dict(zip(subs["metric"], subs[column]))
        pivot = pd.DataFrame({t("ix_col_metric", lang): [names[m] for m in metrics],
                              **{str(y): [cells.get((m, y), "") for m in metrics]
                                 for y in years}})
        sources = "; ".join(dict.fromkeys(source_label(data, x) for x in subs["source"]
                                          if not missing(x)))
        caption = t("ix_sub_history_h", lang, index=label, name=ctx.name)
        out.append(md(f"**{caption}** " + t("ix_sources", lang, sources=sources)))
        out.append(table_html(pivot, caption=caption))
    return out


def _sub_indices(ctx: ReportContext, index: str, label: str) -> list:
    lang, name = ctx.lang, ctx.name
    rows = ix.sub_indices(ctx.data, ctx.code, ctx.unit_set, index)
    if rows.empty or rows["n"].max() < ix.MIN_COMMON:
        return []  # a best and a median over a handful of provinces say nothing
    scale_max = ix.catalogue(ctx.data).set_index("index").loc[index, "score_max"]
    year = int(rows["year"].iat[0])
    text = t("ix_sub_intro", lang, index=label, year=year, name=name, n=int(rows["n"].max()))
    label_column = "label_vi" if lang == "vi" else "label_en"
    highlighted = list(rows.loc[rows["highlight"], label_column])
    if highlighted:
        text += t("ix_sub_highlight", lang, metrics=", ".join(highlighted))
    sources = "; ".join(dict.fromkeys(source_label(ctx.data, s) for s in rows["source"]
                                      if not missing(s)))
    text += " " + t("ix_sources", lang, sources=sources)
    title = t("chart_ix_sub_title", lang, name=name, index=label, year=year)
    # A chart only where the catalogue highlights a sub-index (PAPI's e-governance), which it
    # puts in front; the table says the rest.
    shown = pd.DataFrame({
        t("ix_col_metric", lang): rows[label_column],
        t("col_score", lang): [score_on_scale(v, s, scale_max, lang)
                               + disputed_text(d, lang, "score")
                               for v, s, d in zip(rows["score"], rows["status"],
                                                  rows["disputed"])],
        t("ix_col_best", lang): [fmt_number(v, lang, 2) for v in rows["best"]],
        t("ix_col_median", lang): [fmt_number(v, lang, 2) for v in rows["median"]]})
    chart = []
    if rows["highlight"].any():
        alt = chart_alt(t("chart_ix_sub_alt", lang, title=title), shown, lang, limit=len(rows))
        chart = figure(ix_charts.sub_index_chart(rows, name, title, lang,
                                                 unit_style(ctx.code)[0]), alt, shown, lang)
    return [md(text), *chart, table_html(shown, highlight=list(rows["highlight"]))]


def show_index_comparison(ctx: OverviewContext) -> list:
    lang, data = ctx.lang, ctx.data
    out = [heading("h_ov_indices", lang)]
    labels = index_labels(data)
    out += _latest_side_by_side(ctx, labels)
    pairs = ix.comparisons(data, ctx.unit_set)
    if not pairs:
        return out + [md(t("ov_ix_none", lang, set_label=ctx.set_label))]
    units = an.units(data, ctx.unit_set)
    names = dict(zip(units["province_code"], units["short_name"]))
    out.append(md(t("ov_ix_intro", lang, a=labels[pairs[0].index_a], year_a=pairs[0].year_a,
                    min=ix.MIN_COMMON)))
    for pair in pairs:
        words = {"a": labels[pair.index_a], "year_a": pair.year_a, "b": labels[pair.index_b],
                     "year_b": pair.year_b, "n": pair.n, "min": ix.MIN_COMMON}
        if pair.correlation is None:
            out.append(md(t("ov_ix_too_few", lang, **words)))
            continue
        out.append(md(t("ov_ix_pair", lang, rho=fmt_number(pair.correlation, lang, 2),
                        **words)))
        alt = t("chart_ix_vs_alt", lang, rho=fmt_number(pair.correlation, lang, 2), **words)
        pairs = pd.DataFrame({
            t("col_province", lang): [names.get(c, c) for c in pair.pairs["province_code"]],
            f"{labels[pair.index_a]} {pair.year_a}": [
                rank_text(r, st, lang) for r, st in zip(pair.pairs["rank_a"],
                                                        pair.pairs["status_a"])],
            f"{labels[pair.index_b]} {pair.year_b}": [
                rank_text(r, st, lang) for r, st in zip(pair.pairs["rank_b"],
                                                        pair.pairs["status_b"])]})
        out += figure(ix_charts.rank_vs_rank_chart(
            pair.pairs, f"{labels[pair.index_a]} {pair.year_a}",
            f"{labels[pair.index_b]} {pair.year_b}", names, pair.correlation, lang), alt,
            pairs, lang)
    return out


def _latest_side_by_side(ctx: OverviewContext, labels: dict[str, str]) -> list:
    """Every unit's rank in each index's latest ranking, one column per index; a unit an
    index did not rank is a blank, said in words above the table."""
    lang = ctx.lang
    rankings, table = ix.side_by_side(ctx.data, ctx.unit_set)
    if not rankings:
        return []
    years = "; ".join(t("ov_ix_ranked" if r.broad else "ov_ix_ranked_partial", lang,
                        index=labels[r.index], year=r.year, n=r.n_ranked, total=r.n_units)
                      for r in rankings)
    shown = pd.DataFrame({t("col_unit", lang): table["short_name"]})
    for r in rankings:
        shown[f"{labels[r.index]} {r.year}"] = [
            "" if missing(rank) else marked(fmt_number(rank, lang, 0), status)
            for rank, status in zip(table[f"{r.index}_rank"], table[f"{r.index}_status"])]
    return [md(t("ov_ix_latest", lang, years=years) + "\n\n" + t("ix_marks", lang)),
            table_html(shown, caption=t("ov_ix_latest_caption", lang,
                                        set_label=ctx.set_label))]
