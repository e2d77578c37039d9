"""Charts of the national indices: a unit's percentile on every index by year, one index's
sub-indices against the best and the median, and one index's ranks against another's."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D

from ..i18n import fmt_number, t
from .style import (
    BEST_COLOUR,
    MEDIAN_COLOUR,
    PROVINCE_COLOUR,
    WIDTH,
    chart_style,
    is_hollow,
    missing,
    plot_series,
    rank_ticks,
    status_handles,
)


def percentile_chart(trajectories: dict[str, pd.DataFrame], labels: dict[str, str], name: str,
                     lang: str):
    """One line per index: the unit's percentile among the ranked units (100 = first) by
    year; hollow where derived or uncertain, never joined across a year without a value."""
    colours = dict(zip(trajectories, sns.color_palette("Dark2", max(len(trajectories), 3))))
    with chart_style():
        fig, ax = plt.subplots(figsize=(WIDTH, 4.2))
        handles, years = [], set()
        for index, traj in trajectories.items():
            shown = traj[traj["percentile"].notna()]
            if shown.empty:
                continue
            years.update(int(y) for y in shown["year"])
            handles.append(plot_series(ax, shown["year"].astype(int), shown["percentile"],
                                       shown["rank_status"], colours[index], labels[index]))
        ax.set_ylim(-5, 105)
        ax.set_ylabel(t("chart_ix_percentile", lang))
        if years:
            ax.set_xticks(sorted(years))
            ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
        ax.set_title(t("chart_ix_title", lang, name=name))
        ax.legend(handles=handles + status_handles(lang), loc="center left",
                  bbox_to_anchor=(1.01, 0.5), frameon=False)
        fig.tight_layout()
    return fig


def sub_index_chart(rows: pd.DataFrame, name: str, title: str, lang: str):
    """Horizontal bars: the unit's score on each sub-index, the best and the median as marks;
    a highlighted sub-index (the catalogue's `highlight`) in bold."""
    labels = list(rows["label_vi" if lang == "vi" else "label_en"])
    with chart_style():
        fig, ax = plt.subplots(figsize=(WIDTH, 0.42 * len(rows) + 1.4))
        positions = list(range(len(rows)))[::-1]
        # One artist per kind (bars, best marks, median marks), not one per row and kind.
        scored = [(y, row) for y, (_, row) in zip(positions, rows.iterrows())
                  if not missing(row["score"])]
        if scored:
            bars = ax.barh([y for y, _ in scored], [row["score"] for _, row in scored],
                           color=PROVINCE_COLOUR, height=0.6, edgecolor="white")
            for bar, (_, row) in zip(bars, scored):
                bar.set_alpha(0.45 if is_hollow(row["status"]) else 0.85)
                if is_hollow(row["status"]):
                    bar.set_hatch("///")
        for column, colour in (("best", BEST_COLOUR), ("median", MEDIAN_COLOUR)):
            ax.plot(list(rows[column]), positions, marker="|", markersize=16,
                    markeredgewidth=2.5, color=colour, linestyle="none")
        ax.set_yticks(positions)
        ax.set_yticklabels(labels)
        for tick, highlight in zip(ax.get_yticklabels(), rows["highlight"]):
            if highlight:
                tick.set_fontweight("bold")
        ax.set_xlabel(t("chart_ix_score", lang))
        ax.set_title(title)
        ax.legend(handles=[
            Line2D([], [], color=PROVINCE_COLOUR, linewidth=8, label=name),
            Line2D([], [], color=BEST_COLOUR, marker="|", markersize=12, markeredgewidth=2.5,
                   linestyle="none", label=t("chart_pl_best", lang)),
            Line2D([], [], color=MEDIAN_COLOUR, marker="|", markersize=12, markeredgewidth=2.5,
                   linestyle="none", label=t("chart_pl_median", lang)),
        ], loc="lower right", frameon=True, fontsize=8)
        fig.tight_layout()
    return fig


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
