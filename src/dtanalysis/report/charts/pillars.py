"""Section 4: the province beside the best and the median, per pillar / main index. Written as
SVG (`svg`)."""

from __future__ import annotations

import pandas as pd

from ...vocab import mark
from ..i18n import fmt_number, fmt_score, t
from . import svg as v
from .style import (
    BEST_COLOUR,
    DPI,
    MEDIAN_COLOUR,
    PROVINCE_COLOUR,
    WIDTH,
)
from .svg import is_hollow, missing, status_marker

PT = v.PT


def pillars_chart(rows: pd.DataFrame, name: str, year: int, lang: str = "vi",
                  colour: str = PROVINCE_COLOUR) -> v.SvgChart:
    """For one year: per pillar / main index, the province's value (red) beside the best
    (green triangle) and the median (grey diamond) over the provinces that have a value; scores
    on the left, ranks (inverted) on the right, each label with its n."""
    rows = rows[(rows["year"] == year) & rows["has_value"]].reset_index(drop=True)
    panels = [p for p in ("score", "rank") if rows[p].notna().any()]
    # 0.3 in a row (30 px: a value label of 13 px above its marker stays in its row)
    width, height = WIDTH * DPI, (0.3 * len(rows) + 2.0) * DPI
    svg = v.Svg(width, height)
    entries = [
        v.Entry(t("chart_pl_province", lang, name=name), colour, "o",
                marker_size=9 * PT),
        v.Entry(t("chart_pl_best", lang), BEST_COLOUR, "^", marker_size=9 * PT),
        v.Entry(t("chart_pl_median", lang), MEDIAN_COLOUR, "D", marker_size=8 * PT),
        v.Entry(t("chart_derived", lang), colour, "o", hollow=True,
                marker_size=9 * PT, edge=1.5 * PT),
    ]
    legend_w, legend_h, _ = v.legend_size(entries, 4)
    top = 10 + v.TITLE_SIZE * 2.2
    bottom = height - legend_h - 14 - (2 * v.PAD + v.TICK_SIZE + v.LABEL_SIZE + 6)
    svg.text(0.01 * width, 10 + v.TITLE_SIZE * 0.5, t("chart_pl_title", lang, name=name,
             year=year), v.TITLE_SIZE, bold=True, valign="center")
    shown = []
    for panel in panels:
        have = rows[rows[panel].notna()].reset_index(drop=True)
        labels = [f"{t(f'metric_{m}', lang)} (n={int(k)})"
                  for m, k in zip(have["metric"], have[f"n_{panel}"])]
        label_w = max(v.text_width(label, v.TICK_SIZE) for label in labels) * v.SLACK
        shown.append((panel, have, labels, label_w))
    gap = 24
    free = width - 8 - sum(w + v.PAD + gap for *_, w in shown)
    x = 8
    for panel, have, labels, label_w in shown:
        ax_width = free / len(shown)
        most = max(3, min(9, int(ax_width / 55)))  # as many ticks as matplotlib gives a width
        values = pd.concat([have[panel], have[f"best_{panel}"],
                            have[f"median_{panel}"]]).dropna().astype(float)
        low, high = float(values.min()), float(values.max())
        if panel == "rank":
            pad = max((high - low) * 0.1, 1.0)
            xlim = (high + pad, max(low - pad, 0.5))
            ticks = v.nice_ticks(*xlim, most=most, integer=True)
            axis_label = t("chart_pl_ranks", lang)
        else:
            pad = max((high - low) * 0.1, 0.02)
            xlim = (low - pad, high + pad)
            ticks = v.nice_ticks(*xlim, most=most)
            axis_label = t("chart_pl_scores", lang)
        ax = v.Axes(svg, x + label_w + v.PAD, top, ax_width, bottom - top, xlim,
                    (len(have) - 0.5, -0.7))
        x = ax.right + gap
        y = list(range(len(have)))
        ax.grid(xticks=ticks)
        ax.frame()
        ax.xticklabels(ticks)
        ax.yticklabels(y, labels)
        ax.xlabel(axis_label, 2 * v.PAD + v.TICK_SIZE)
        fmt = (lambda value: fmt_score(value, lang)) if panel == "score" else \
            (lambda value: fmt_number(value, lang, 1))
        for yi, (_, r) in zip(y, have.iterrows()):
            known = [value for value in (r[panel], r[f"best_{panel}"], r[f"median_{panel}"])
                     if not missing(value)]
            py = ax.y(yi)
            svg.z = 1
            svg.line(ax.x(min(known)), py, ax.x(max(known)), py, "#cccccc", 2 * PT)
            svg.z = 2
            if not missing(r[f"median_{panel}"]):
                svg.marker("D", ax.x(r[f"median_{panel}"]), py, 8 * PT, MEDIAN_COLOUR)
            svg.z = 3
            if not missing(r[f"best_{panel}"]):
                svg.marker("^", ax.x(r[f"best_{panel}"]), py, 9 * PT, BEST_COLOUR)
            svg.z = 4
            status = r[f"{panel}_status"]
            svg.marker(status_marker(status), ax.x(r[panel]), py, 10 * PT, colour,
                       is_hollow(status), edge=2 * PT)
            svg.text(ax.x(r[panel]), py - 9 * PT, f"{fmt(r[panel])}{mark(status)}", 8.5 * PT,
                     colour, anchor="middle", bold=True)
        svg.z = 0
    if not panels:
        svg.text(width / 2, (top + bottom) / 2, t("chart_no_values", lang), v.LABEL_SIZE,
                 anchor="middle", valign="center")
    v.draw_legend(svg, entries, 4, (width - legend_w) / 2, height - legend_h - 8)
    return v.SvgChart(svg.to_string(), width, height)
