"""Charts of the national indices: a unit's percentile on every index by year, one index's
sub-indices against the best and the median, and one index's ranks against another's."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..i18n import fmt_number, t
from . import svg as v
from .style import (
    BEST_COLOUR,
    DPI,
    MEDIAN_COLOUR,
    PROVINCE_COLOUR,
    WIDTH,
    chart_style,
    rank_ticks,
    series_colours,
    status_entries,
)
from .svg import is_hollow, missing

PT = v.PT
GRID_FRAME = "#d0d0d0"  # matplotlib's legend frame


def percentile_chart(trajectories: dict[str, pd.DataFrame], labels: dict[str, str], name: str,
                     lang: str) -> v.SvgChart:
    """One line per index: the unit's percentile among the ranked units (100 = first) by
    year; hollow where derived or uncertain, never joined across a year without a value.
    Written as SVG (`svg`)."""
    colours = dict(zip(trajectories, series_colours(len(trajectories))))
    shown = {index: traj[traj["percentile"].notna()] for index, traj in trajectories.items()}
    shown = {index: traj for index, traj in shown.items() if not traj.empty}
    years = sorted({int(y) for traj in shown.values() for y in traj["year"]})
    entries = [v.Entry(labels[index], colours[index], "o", "-", line_width=1.6 * PT,
                       marker_size=6 * PT, edge=1.5 * PT) for index in shown]
    entries += status_entries(lang)
    legend_w, legend_h, _ = v.legend_size(entries, 1)
    width, height = WIDTH * DPI, 3.0 * DPI
    ticks = [0, 20, 40, 60, 80, 100]
    left = 8 + v.LABEL_SIZE + 2 * v.PAD + v.text_width("100", v.TICK_SIZE) * v.SLACK
    top = 10 + v.TITLE_SIZE * 1.6
    bottom = height - (2 * v.PAD + v.TICK_SIZE + 8)
    right = width - legend_w - 16
    xlim = (min(years) - 0.5, max(years) + 0.5) if years else (0, 1)
    svg = v.Svg(width, height)
    ax = v.Axes(svg, left, top, right - left, bottom - top, xlim, (-5, 105))
    ax.grid(xticks=years, yticks=ticks)
    ax.frame()
    ax.yticklabels(ticks, [str(k) for k in ticks])
    ax.year_labels(years)
    ax.ylabel(t("chart_ix_percentile", lang), 8)
    svg.text(left + (right - left) / 2, 10 + v.TITLE_SIZE * 0.5, t("chart_ix_title", lang,
             name=name), v.TITLE_SIZE, anchor="middle", valign="center")
    for index, traj in shown.items():
        v.series(ax, traj["year"].astype(int), traj["percentile"], traj["rank_status"],
                 colours[index], labels[index])
    v.draw_legend(svg, entries, 1, right + 12, top + (bottom - top - legend_h) / 2)
    return v.SvgChart(svg.to_string(), width, height)


def sub_index_chart(rows: pd.DataFrame, name: str, title: str, lang: str,
                    colour: str = PROVINCE_COLOUR) -> v.SvgChart:
    """Horizontal bars: the unit's score on each sub-index, the best and the median as marks;
    a highlighted sub-index (the catalogue's `highlight`) in bold. Written as SVG (`svg`)."""
    labels = list(rows["label_vi" if lang == "vi" else "label_en"])
    highlights = [bool(h) for h in rows["highlight"]]
    width, height = WIDTH * DPI, (0.3 * len(rows) + 1.3) * DPI
    values = pd.concat([rows["score"], rows["best"], rows["median"]]).dropna().astype(float)
    high = max(float(values.max()), 0.0) if not values.empty else 1.0
    low = min(float(values.min()), 0.0) if not values.empty else 0.0
    xlim = (low - (high - low) * 0.05 * (low < 0), high + (high - low) * 0.05 or 1.0)
    ticks = v.nice_ticks(*xlim, most=9)
    label_w = max((v.text_width(label, v.TICK_SIZE, bold) for label, bold
                   in zip(labels, highlights)), default=0) * v.SLACK
    left = 8 + label_w + v.PAD
    right = width - 14
    top = 10 + v.TITLE_SIZE * 1.6
    bottom = height - (2 * v.PAD + v.TICK_SIZE + v.LABEL_SIZE + 12)
    n = len(rows)
    svg = v.Svg(width, height)
    # Rows top to bottom, as matplotlib's positions n-1 … 0 with 0.5 margin either side.
    ax = v.Axes(svg, left, top, right - left, bottom - top, xlim, (-0.5 - 0.1, n - 0.5 + 0.1))
    positions = list(range(n))[::-1]
    ax.grid(xticks=ticks, yticks=positions)
    ax.frame()
    ax.xticklabels(ticks)
    ax.yticklabels(positions, labels, bold={i for i, h in enumerate(highlights) if h})
    ax.xlabel(t("chart_ix_score", lang), 2 * v.PAD + v.TICK_SIZE)
    svg.text(left + (right - left) / 2, 10 + v.TITLE_SIZE * 0.5, title, v.TITLE_SIZE,
             anchor="middle", valign="center")
    bar_h = abs(ax.y(0.3) - ax.y(-0.3))
    svg.z = 1
    for y, (_, row) in zip(positions, rows.iterrows()):
        if missing(row["score"]):
            continue
        hollow = is_hollow(row["status"])
        x0, x1 = sorted((ax.x(0), ax.x(row["score"])))
        svg.rect(x0, ax.y(y) - bar_h / 2, x1 - x0, bar_h, colour, stroke="white",
                 stroke_width=PT, opacity=0.45 if hollow else 0.85,
                 hatch="white" if hollow else None)
    svg.z = 2
    for column, benchmark in (("best", BEST_COLOUR), ("median", MEDIAN_COLOUR)):
        for y, value in zip(positions, rows[column]):
            if not missing(value):
                svg.marker("|", ax.x(value), ax.y(y), 16 * PT, benchmark, edge=2.5 * PT)
    entries = [v.Entry(name, colour, line="-", line_width=8 * PT),
               v.Entry(t("chart_pl_best", lang), BEST_COLOUR, "|", marker_size=12 * PT,
                       edge=2.5 * PT),
               v.Entry(t("chart_pl_median", lang), MEDIAN_COLOUR, "|", marker_size=12 * PT,
                       edge=2.5 * PT)]
    legend_w, legend_h, _ = v.legend_size(entries, 1, 8 * PT)
    box = (ax.right - legend_w - 14, ax.bottom - legend_h - 12, legend_w + 8, legend_h + 6)
    svg.z = 3
    svg.rect(*box, "white", stroke=GRID_FRAME, stroke_width=PT, opacity=0.8)
    v.draw_legend(svg, entries, 1, box[0] + 4, box[1] + 3, 8 * PT)
    return v.SvgChart(svg.to_string(), width, height)


def rank_vs_rank_chart(pairs: pd.DataFrame, label_a: str, label_b: str, names: dict[str, str],
                       rho: float, lang: str):
    """Each unit ranked by both: rank on index A (x) against rank on index B (y), 1 at the
    origin corner; hollow where either rank is derived or uncertain."""
    with chart_style():
        fig, ax = plt.subplots(figsize=(WIDTH * 0.7, WIDTH * 0.6))
        for row in pairs.itertuples(index=False):
            hollow = is_hollow(row.status_a) or is_hollow(row.status_b)
            ax.plot([row.rank_a], [row.rank_b], marker="o", markersize=6, linestyle="none",
                    color="#1f4e79", markerfacecolor="white" if hollow else "#1f4e79")
        worst = float(max(pairs["rank_a"].max(), pairs["rank_b"].max()))
        ticks = rank_ticks(worst)
        ax.set_xticks(ticks)
        ax.set_yticks(ticks)
        ax.set_xlim(0, worst + 1)
        ax.set_ylim(worst + 1, 0)
        ax.set_xlabel(label_a)
        ax.set_ylabel(label_b)
        best = pairs.assign(total=pairs["rank_a"] + pairs["rank_b"]).nsmallest(3, "total")
        for row in best.itertuples(index=False):
            ax.annotate(names.get(row.province_code, row.province_code),
                        (row.rank_a, row.rank_b), textcoords="offset points", xytext=(5, 3),
                        fontsize=8)
        ax.set_title(t("chart_ix_vs_title", lang, a=label_a, b=label_b,
                       rho=fmt_number(rho, lang, 2), n=len(pairs)))
        fig.tight_layout()
    return fig
