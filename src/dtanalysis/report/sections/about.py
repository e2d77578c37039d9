"""Section 8, about the data: gaps, statuses, validation, quarantine, conflicts and sources."""

from __future__ import annotations

import json

import pandas as pd

from ... import analysis as an
from ..context import ReportContext
from ..display import (
    group,
    heading,
    md,
    md_link,
    metric_label,
    missing,
    status_text,
    table_html,
)
from ..i18n import fmt_list, fmt_years, t


def show_about(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    a = an.about_data(data, ctx.code, ctx.unit_set)
    out = [heading("h_about", lang)]
    lines = [t("ab_years", lang, set_label=ctx.set_label, years=fmt_years(a.set_years, lang))]
    if a.rank_years:
        lines.append(t("ab_rank_years", lang, name=name, years=fmt_years(a.rank_years, lang)))
    if a.missing_rank_years:
        lines.append(t("ab_missing_rank_years", lang, name=name,
                       years=fmt_years(a.missing_rank_years, lang)))
    if a.score_years:
        lines.append(t("ab_score_years", lang, name=name, years=fmt_years(a.score_years, lang)))
    if a.missing_score_years:
        lines.append(t("ab_missing_score_years", lang, name=name,
                       years=fmt_years(a.missing_score_years, lang)))
    if a.metrics_missing:
        lines.append(t("ab_metrics_missing", lang, set_label=ctx.set_label, name=name,
                       metrics=fmt_list([metric_label(m, lang) for m in a.metrics_missing], lang)))
    lines.append(t("ab_methods", lang, method_2024=t("method_2024", lang)))
    lines += _validation_lines(a, data, lang)
    out.append(md("\n".join(f"- {line}" for line in lines)))
    out.append(md(t("ab_status_counts", lang, name=name)))
    counts = a.status_counts
    out.append(table_html(pd.DataFrame({
        t("col_status", lang): [status_text(s, lang) for s in counts["status"]],
        t("col_n_ranks", lang): counts["n_ranks"].astype(str),
        t("col_n_scores", lang): counts["n_scores"].astype(str),
    })))
    if a.validation_failures:
        out.append(md(t("ab_validation_failures", lang, name=name) + "\n" + "\n".join(
            f"- `{f.get('table')}.{f.get('column')}`: {f.get('description')}"
            for f in a.validation_failures)))
    if a.quarantine.empty:
        out.append(md(t("ab_quarantine_none", lang, name=name)))
    else:
        out.append(md(t("ab_quarantine", lang, name=name)))
        out.append(table_html(pd.DataFrame({
            t("col_raw", lang): [_raw_summary(r) for r in a.quarantine["raw"]],
            t("col_reason", lang): a.quarantine["reason"],
            t("col_source", lang): [f"{f}:{line}" for f, line in
                                    zip(a.quarantine["source_file"],
                                        a.quarantine["source_line"])],
        })))
    if not a.conflicts.empty:
        out.append(md(t("ab_conflicts", lang)))
        out.append(table_html(pd.DataFrame({
            t("col_year", lang): a.conflicts["year"].astype(str),
            t("col_metric", lang): [metric_label(m, lang) for m in a.conflicts["metric"]],
            t("col_conflict", lang): [c if isinstance(c, str) and c else d for c, d in
                                      zip(a.conflicts["conflict"], a.conflicts["disputed"])],
        })))
    # the list in two columns on paper (the print stylesheet's `dta-sources`)
    out.append(group([md(t("ab_sources", lang) + "\n\n" + "\n".join(
        f"- {_source_line(r, lang)}" for _, r in a.sources.iterrows()))], "dta-sources"))
    return out


def _validation_lines(a: an.About, data: an.Data, lang: str) -> list[str]:
    summary = a.validation
    if summary is None:
        return [t("ab_validation_not_run", lang)]
    if summary.get("success"):
        lines = [t("ab_validation_ok", lang, successful=summary.get("successful"),
                   evaluated=summary.get("evaluated"), tables=len(summary.get("tables") or {}))]
    else:
        lines = [t("ab_validation_failed", lang, failed=summary.get("failed"),
                   evaluated=summary.get("evaluated"))]
    validated, current = summary.get("data_version"), data.manifest.get("data_version")
    if validated and current and validated != current:
        lines.append(t("ab_validation_version", lang, validated=validated, current=current))
    return lines


def _raw_summary(raw: str) -> str:
    try:
        values = json.loads(raw)
    except (TypeError, ValueError):
        return str(raw)
    keep = ("year", "unit_set", "entity", "metric", "value", "rank", "status", "note")
    return "; ".join(f"{k}: {values[k]}" for k in keep if values.get(k) not in (None, ""))


def _source_line(r: pd.Series, lang: str) -> str:
    label = " — ".join(str(x) for x in (r["publisher"], r["title"]) if not missing(x)) \
        or str(r["source_id"])
    if not missing(r["published"]):
        label += f" ({r['published']})"
    text = md_link(label, r["url"])
    return f"{text} · {t('ab_used_for', lang, tables=r['tables'])}"
