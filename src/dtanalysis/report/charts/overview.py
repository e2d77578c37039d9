"""The national overview: rank heat map, regions compared, units with data each year."""

from __future__ import annotations

import math
from contextlib import contextmanager

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ...analysis import METHOD_CHANGES, Position, RankMatrix
from ...vocab import MARKED_STATUSES, STATUSES, mark
from ..i18n import fmt_int, fmt_number, t
from .style import STATUS_COLOURS, WIDTH, chart_style, region_palette

JITTER_SEED = 20250701  # the regions chart's dots: the same jitter in every build


@contextmanager
def _seeded_global_rng(seed: int):
    """numpy's global RNG seeded for the block, its previous state restored after: the same
    picture every build, and no effect on anyone else's random numbers."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


def rank_heatmap(matrix: RankMatrix, unit_set: str, lang: str = "vi") -> plt.Figure:
    """Units × years, the rank written in each cell (blank where unknown), † / ‡ on derived /
    uncertain ranks; dotted lines where the method changed."""
    ranks = matrix.ranks.astype(float)
    annot = ranks.copy().astype(object)
    for code in ranks.index:
        for year in ranks.columns:
            value, status = ranks.loc[code, year], matrix.statuses.loc[code, year]
            annot.loc[code, year] = ("" if math.isnan(value)
                                      else f"{fmt_int(value, lang)}{mark(status)}")
    labels = [matrix.names[c] for c in ranks.index]
    with chart_style():
        fig, ax = plt.subplots(figsize=(WIDTH, max(3.0, 0.2 * len(ranks) + 1.6)))
        sns.heatmap(ranks.to_numpy(), mask=ranks.isna().to_numpy(), annot=annot.to_numpy(),
                    fmt="", cmap="RdYlGn_r", vmin=1, vmax=len(matrix.ranks), ax=ax,
                    linewidths=0.4, linecolor="white", annot_kws={"fontsize": 7},
                    cbar_kws={"label": t("chart_rank_axis", lang), "shrink": 0.4})
        ax.set_facecolor("white")
        ax.grid(False)
        ax.set_yticks([i + 0.5 for i in range(len(labels))])
        ax.set_yticklabels(labels, fontsize=7, rotation=0)
        ax.set_xticks([i + 0.5 for i in range(len(ranks.columns))])
        ax.set_xticklabels([str(y) for y in ranks.columns], rotation=0)
        ax.xaxis.tick_top()
        years = list(ranks.columns)
        for year in METHOD_CHANGES:
            if years and min(years) < year <= max(years):
                ax.axvline(years.index(year), color="#333333", linestyle=":", linewidth=1.5)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.set_title(t("chart_heatmap_title", lang, set_short=t(f"set_short_{unit_set}", lang)),
                     loc="left", fontweight="bold", pad=24)
        fig.tight_layout()
    return fig


def regions_chart(position: Position, lang: str = "vi", regions=None) -> plt.Figure:
    """Ranks of the units of each region (dots) and the region's median (black bar)."""
    table = position.table.copy()
    column = "region" if lang == "vi" else "region_en"
    medians = table.groupby(column)["rank"].median().sort_values()
    palette = region_palette(regions if regions is not None else table[column])
    with chart_style():
        fig, ax = plt.subplots(figsize=(WIDTH, 0.6 * len(medians) + 1.6))
        table["rank_f"] = table["rank"].astype(float)
        with _seeded_global_rng(JITTER_SEED):  # seaborn jitters with numpy's global RNG
            sns.stripplot(data=table, x="rank_f", y=column, order=list(medians.index),
                          hue=column, palette=palette, ax=ax, size=7, jitter=0.15, legend=False,
                          alpha=0.85)
        for i, (region, median) in enumerate(medians.items()):
            ax.plot([median, median], [i - 0.35, i + 0.35], color="black", linewidth=2.5)
            ax.annotate(f"{t('chart_regions_median', lang)} {fmt_number(median, lang, 1)}",
                        (median, i - 0.38), ha="center", va="bottom", fontsize=8)
        ax.set_xlim(0, position.n_units + 1)
        ax.set_xlabel(t("chart_rank_axis", lang))
        ax.set_ylabel("")
        ax.set_title(t("chart_regions_title", lang, year=position.year), loc="left",
                     fontweight="bold")
        fig.tight_layout()
    return fig


def coverage_chart(coverage: pd.DataFrame, lang: str = "vi") -> plt.Figure:
    """Units with a rank each year, stacked by status, against the number of units."""
    with chart_style():
        fig, ax = plt.subplots(figsize=(WIDTH, 4.2))
        years = [str(y) for y in coverage["year"]]
        bottom = [0] * len(coverage)
        for status in STATUSES:  # every status: the bars add up to the units with a rank
            values = coverage[f"n_rank_{status}"].tolist()
            ax.bar(years, values, bottom=bottom, color=STATUS_COLOURS[status],
                   hatch="///" if status in MARKED_STATUSES else None, edgecolor="white",
                   label=t(f"status_{status}", lang))
            bottom = [b + v for b, v in zip(bottom, values)]
        for x, total in zip(years, bottom):
            ax.annotate(fmt_int(total, lang), (x, total), textcoords="offset points",
                        xytext=(0, 3), ha="center", fontsize=9)
        n = int(coverage["n_units"].max()) if len(coverage) else 0
        ax.axhline(n, color="#333333", linestyle="--", linewidth=1)
        ax.annotate(t("chart_coverage_all", lang, n=n), (0, n), xycoords=("axes fraction", "data"),
                    xytext=(4, 3), textcoords="offset points", fontsize=8.5)
        ax.set_ylim(0, n * 1.12 if n else 1)
        ax.set_ylabel(t("chart_coverage_axis", lang))
        ax.set_title(t("chart_coverage_title", lang), loc="left", fontweight="bold")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.grid(axis="x", visible=False)
        fig.tight_layout()
    return fig
