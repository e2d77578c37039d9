"""Section 6, indicators: the province's indicators beside the national benchmark."""

from __future__ import annotations

import pandas as pd

from ... import analysis as an
from ..context import ReportContext
from ..display import heading, md, missing, source_label, table_html, unit_names
from ..i18n import fmt_with_unit, t
from ..wording import shown_as_written


def show_indicators(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    rows = an.indicators_with_benchmark(data, ctx.code, ctx.unit_set)
    out = [heading("h_indicators", lang)]
    if rows.empty:
        return out + [md(t("in_none", lang, name=name))]
    out.append(md(t("in_intro", lang, name=name)))
    label = "label_vi" if lang == "vi" else "label_en"
    rows = rows.assign(_label=rows[label].fillna(rows["indicator"]))
    rows = rows.sort_values(["province_code", "period_end", "_label"], ignore_index=True)
    table = pd.DataFrame({
        t("col_unit", lang): unit_names(rows["name"], rows["unit_set"], ctx.unit_set, lang),
        t("col_indicator", lang): [l if not missing(l) else i
                                   for l, i in zip(rows[label], rows["indicator"])],
        t("col_period", lang): [f"{p} {t('in_publication_date', lang)}" if pub else str(p)
                                for p, pub in zip(rows["period"],
                                                  rows["period_is_publication_date"])],
        t("col_value", lang): [_indicator_value(v, u, q, w, lang) for v, u, q, w in
                               zip(rows["value"], rows["unit"], rows["qualifier"],
                                   rows["as_written"])],
        t("col_national", lang): [_indicator_value(v, u, q, w, lang) if not missing(v) else ""
                                  for v, u, q, w in zip(rows["vn_value"], rows["unit"],
                                                        rows["vn_qualifier"],
                                                        rows["vn_as_written"])],
        t("col_source", lang): [source_label(data, s) for s in rows["source"]],
    })
    if rows["name"].nunique() == 1 and ctx.unit_set == "63":
        table = table.drop(columns=t("col_unit", lang))
    out.append(table_html(table, list(rows["vn_value"].notna())))
    out.append(md(t("in_benchmarked", lang, k=int(rows["vn_value"].notna().sum()),
                     n=len(rows))))
    return out


def _indicator_value(value, unit, qualifier, as_written, lang: str) -> str:
    if shown_as_written(as_written, lang):
        return str(as_written)
    return fmt_with_unit(value, unit, lang, qualifier)
