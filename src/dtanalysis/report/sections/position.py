"""Section 3, national position: where the province stands in the latest complete ranking of its
set and its region."""

from __future__ import annotations

import pandas as pd

from ... import analysis as an
from .. import charts
from ..context import ReportContext
from ..display import (
    chart_alt,
    figure,
    group,
    heading,
    md,
    rank_text,
    region_names,
    score_text,
    status_text,
    table_html,
)
from ..i18n import fmt_int, fmt_list, t
from .maps import show_province_map

REPORT_MAX_BARS = 26  # a province report's ranking chart: a window beyond this many units


def show_position(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    position = an.national_position(data, ctx.unit_set, ctx.year, ctx.code)
    out = [heading("h_position", lang)]
    if position.year is None:
        return out + [md(t("pos_none", lang, set_label=ctx.set_label))]
    lines = []
    if position.complete:
        if ctx.year is not None and position.year != ctx.year:
            lines.append(t("pos_year_not_complete", lang, year=ctx.year))
        lines.append(t("pos_complete", lang, n=position.n_units, year=position.year))
    else:
        lines.append(t("pos_partial", lang, set_label=ctx.set_label, year=position.year,
                       n_ranked=position.n_ranked, n=position.n_units))
    row = position.row
    region_key = "region" if lang == "vi" else "region_en"
    if row is not None:
        lines.append(t("pos_in_it" if position.complete else "pos_in_it_partial", lang,
                       name=name, rank=rank_text(row["rank"],
                                                                     row["rank_status"], lang),
                       n=position.n_units, status=status_text(row["rank_status"], lang),
                       rank_in_region=fmt_int(row["rank_in_region"], lang),
                       region_ranked=fmt_int(row["region_ranked"], lang),
                       region=row[region_key]))
        tied = position.table[(position.table["rank"] == row["rank"])
                              & (position.table["province_code"] != ctx.code)]
        if not tied.empty:
            lines.append(t("pos_tie", lang, others=fmt_list(tied["name"], lang)))
    else:
        lines.append(t("pos_not_in_partial", lang, name=name, year=position.year))
    out.append(md("\n\n".join(lines)))
    # The best, the unit's neighbours and the worst (every unit is in the chart's numbers):
    # bars of a readable size, half a printed page instead of a whole one.
    fig = charts.position_chart(position, lang, highlight=ctx.code,
                                regions=region_names(data, ctx.unit_set, lang),
                                max_bars=REPORT_MAX_BARS)
    everyone = position.table.reset_index(drop=True)
    chart_data = pd.DataFrame({
        t("col_rank", lang): [rank_text(r, s, lang)
                              for r, s in zip(everyone["rank"], everyone["rank_status"])],
        t("col_unit", lang): everyone["name"],
        t("col_region", lang): everyone[region_key],
    })
    own = chart_data[(everyone["province_code"] == ctx.code).to_numpy()]
    alt = chart_alt(t("chart_alt_position", lang, name=name, year=position.year,
                      set_label=ctx.set_label), pd.concat([own, chart_data.head(3)]), lang)
    out += figure(fig, alt, chart_data, lang, print_numbers=True)  # the chart draws a part
    table, region = position.table, []
    if row is not None and position.complete:
        table = table[table["region"] == row["region"]]
        region.append(md(t("pos_region_table", lang, region=row[region_key],
                           year=position.year)))
    table = table.reset_index(drop=True)
    shown = pd.DataFrame({
        t("col_rank", lang): [rank_text(r, s, lang)
                              for r, s in zip(table["rank"], table["rank_status"])],
        t("col_unit", lang): table["name"],
        t("col_rank_in_region", lang): [fmt_int(r, lang) for r in table["rank_in_region"]],
        t("col_region", lang): table[region_key],
        t("col_score", lang): [score_text(v, s, lang)
                               for v, s in zip(table["score"], table["score_status"])],
        t("col_rank_status", lang): [status_text(s, lang) for s in table["rank_status"]],
    })
    if region:  # the region's units: its name is in the line above, not on every row
        shown = shown.drop(columns=t("col_region", lang))
    region.append(table_html(shown, [c == ctx.code for c in table["province_code"]]))
    mapped = show_province_map(ctx)  # the small map, the province outlined
    if not mapped:
        return out + region
    # The table and the map side by side on paper (`dta-pair`), one after the other on screen.
    return out + [group([group(region, "dta-pair-part"), group(mapped, "dta-pair-part")],
                        "dta-pair")]
