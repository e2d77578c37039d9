"""Section 5, targets: the province's resolution targets with the latest value, the gap and the
pace needed."""

from __future__ import annotations

import pandas as pd

from ... import analysis as an
from .. import charts
from ..context import ReportContext
from ..display import (
    chart_alt,
    figure,
    gap_text,
    heading,
    marked,
    md,
    missing,
    source_label,
    table_html,
    unit_names,
)
from ..i18n import fmt_int, fmt_with_unit, t
from ..wording import shown_as_written, verdict_cell


def show_targets(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    targets = an.targets_progress(data, ctx.code, ctx.unit_set, ctx.as_of)
    out = [heading("h_targets", lang)]
    if targets.empty:
        return out + [md(t("tg_none", lang, name=name))]
    intro = t("tg_intro", lang)
    if ctx.unit_set == "34":
        intro += " " + t("tg_intro_34", lang)
    out.append(md(intro))
    labels = indicator_labels(data, lang)
    several = targets["name"].nunique() > 1 or ctx.unit_set == "34"
    without = int(targets["latest_value"].isna().sum())
    if without:
        out.append(md(t("tg_without_value", lang, k=without, n=len(targets))))
    table = pd.DataFrame({
        t("col_unit", lang): unit_names(targets["name"], targets["unit_set"], ctx.unit_set,
                                         lang),
        t("col_target_indicator", lang): [labels.get(i, i) for i in targets["indicator"]],
        t("col_target", lang): [target_text(r, lang) for _, r in targets.iterrows()],
        t("col_deadline", lang): [t("tg_no_deadline", lang) if missing(y) else str(int(y))
                                  for y in targets["target_year"]],
        t("col_instrument", lang): ["" if missing(i) else str(i)
                                    for i in targets["instrument"]],
        t("col_latest", lang): [latest_text(r, lang) for _, r in targets.iterrows()],
        t("col_gap", lang): [gap_text(g, u, lang) if not missing(g) and g > 0 else
                             ("" if missing(g) else "—")
                             for g, u in zip(targets["gap"], targets["unit"])],
        t("col_pace", lang): [t("tg_pace_value", lang, pace=gap_text(p, u, lang))
                              if not missing(p) else t("tg_pace_na", lang)
                              for p, u in zip(targets["pace_per_year"], targets["unit"])],
        t("col_progress", lang): [progress_text(r, lang) for _, r in targets.iterrows()],
        t("col_source", lang): [source_label(data, s) for s in targets["target_source"]],
    })
    if not several:
        table = table.drop(columns=t("col_unit", lang))
    out.append(table_html(table, css_class="dta-targets"))
    if targets["latest_value"].notna().any():
        chart_data = table[[c for c in table.columns
                            if c in (t("col_unit", lang), t("col_target_indicator", lang),
                                     t("col_target", lang), t("col_latest", lang),
                                     t("col_progress", lang))]]
        chart_data = chart_data[targets["latest_value"].notna().to_numpy()]
        alt = chart_alt(t("chart_alt_targets", lang, name=name), chart_data, lang)
        out += figure(charts.targets_chart(targets, name, lang, labels, show_unit_name=several),
                      alt, chart_data, lang)
    else:
        out.append(md(t("tg_no_values_chart", lang)))
    return out


def indicator_labels(data: an.Data, lang: str) -> dict[str, str]:
    column = "label_vi" if lang == "vi" else "label_en"
    return dict(zip(data.catalogue["indicator"], data.catalogue[column]))


def target_text(r: pd.Series, lang: str) -> str:
    if not missing(r["target_as_written"]) and (shown_as_written(r["target_as_written"], lang)
                                                or missing(r["target_value"])):
        return str(r["target_as_written"])  # as written; a qualitative target in its words
    if r["unit"] == "rank" and r["qualifier"] == "at_most":
        return t("top_value", lang, rank=fmt_int(r["target_value"], lang))
    return fmt_with_unit(r["target_value"], r["unit"], lang, r["qualifier"])


def latest_text(r: pd.Series, lang: str) -> str:
    if missing(r["latest_value"]):
        return "—"
    if shown_as_written(r["latest_as_written"], lang):
        value = str(r["latest_as_written"])
    else:
        value = fmt_with_unit(r["latest_value"], r["unit"], lang, r["latest_qualifier"])
    return f"{marked(value, r['latest_status'])} ({r['latest_period']})"


def progress_text(r: pd.Series, lang: str) -> str:
    """The verdict by time (`analysis.claims.verdict`), with the value's date and the deadline
    and, ahead of the deadline, the pace needed."""
    return verdict_cell(r, lang)
