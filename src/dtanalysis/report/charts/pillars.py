"""Section 4: the province beside the best and the median, per pillar / main index."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ...vocab import mark
from ..i18n import fmt_number, fmt_score, t
from .style import (
    BEST_COLOUR,
    MEDIAN_COLOUR,
    PROVINCE_COLOUR,
    WIDTH,
    chart_style,
    is_hollow,
    missing,
    status_marker,
)


def pillars_chart(rows: pd.DataFrame, name: str, year: int, lang: str = "vi") -> plt.Figure:
    """For one year: per pillar / main index, the province's value (red) beside the best
    (green triangle) and the median (grey diamond) over the provinces that have a value; scores
    on the left, ranks (inverted) on the right, each label with its n."""
    rows = rows[(rows["year"] == year) & rows["has_value"]].reset_index(drop=True)
    panels = [p for p in ("score", "rank") if rows[p].notna().any()]
    with chart_style():
        fig, axes = plt.subplots(1, max(len(panels), 1), figsize=(WIDTH, 0.55 * len(rows) + 2.2),
                                 squeeze=False)
        axes = axes[0]
        for ax, panel in zip(axes, panels):
            have = rows[rows[panel].notna()].reset_index(drop=True)
            y = list(range(len(have)))
            n_col = f"n_{panel}"
            labels = [f"{t(f'metric_{m}', lang)} (n={int(k)})"
                      for m, k in zip(have["metric"], have[n_col])]
            fmt = (lambda v: fmt_score(v, lang)) if panel == "score" else \
                (lambda v: fmt_number(v, lang, 1))
            for yi, (_, r) in zip(y, have.iterrows()):
                values = [r[panel], r[f"best_{panel}"], r[f"median_{panel}"]]
                known = [v for v in values if not missing(v)]
                ax.plot([min(known), max(known)], [yi, yi], color="#cccccc", linewidth=2,
                        zorder=1)
                ax.plot(r[f"median_{panel}"], yi, marker="D", color=MEDIAN_COLOUR, markersize=8,
                        linestyle="none", zorder=2)
                ax.plot(r[f"best_{panel}"], yi, marker="^", color=BEST_COLOUR, markersize=9,
                        linestyle="none", zorder=3)
                status = r[f"{panel}_status"]
                ax.plot(r[panel], yi, marker=status_marker(status), color=PROVINCE_COLOUR,
                        markerfacecolor="white" if is_hollow(status) else PROVINCE_COLOUR,
                        markeredgewidth=2, markersize=10, linestyle="none", zorder=4)
                ax.annotate(f"{fmt(r[panel])}{mark(status)}", (r[panel], yi), textcoords="offset points",
                            xytext=(0, 9), ha="center", fontsize=8.5, color=PROVINCE_COLOUR,
                            fontweight="bold")
            ax.set_yticks(y)
            ax.set_yticklabels(labels)
            ax.set_ylim(len(have) - 0.5, -0.7)
            values = pd.concat([have[panel], have[f"best_{panel}"],
                                have[f"median_{panel}"]]).dropna().astype(float)
            low, high = float(values.min()), float(values.max())
            if panel == "rank":
                pad = max((high - low) * 0.1, 1.0)
                ax.set_xlim(high + pad, max(low - pad, 0.5))
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
                ax.set_xlabel(t("chart_pl_ranks", lang))
            else:
                pad = max((high - low) * 0.1, 0.02)
                ax.set_xlim(low - pad, high + pad)
                ax.set_xlabel(t("chart_pl_scores", lang))
            ax.grid(axis="y", visible=False)
        if not panels:
            axes[0].text(0.5, 0.5, t("chart_no_values", lang), ha="center", va="center",
                         transform=axes[0].transAxes)
        handles = [
            Line2D([], [], marker="o", color=PROVINCE_COLOUR, linestyle="none", markersize=9,
                   label=t("chart_pl_province", lang, name=name)),
            Line2D([], [], marker="^", color=BEST_COLOUR, linestyle="none", markersize=9,
                   label=t("chart_pl_best", lang)),
            Line2D([], [], marker="D", color=MEDIAN_COLOUR, linestyle="none", markersize=8,
                   label=t("chart_pl_median", lang)),
            Line2D([], [], marker="o", color=PROVINCE_COLOUR, markerfacecolor="white",
                   linestyle="none", markersize=9, label=t("chart_derived", lang)),
        ]
        fig.suptitle(t("chart_pl_title", lang, name=name, year=year), x=0.01, ha="left",
                     fontweight="bold")
        fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False)
        fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig
