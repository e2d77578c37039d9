"""Section 2 (and 7): rank and score per year of a province, its peers or members, and the mean
over provinces."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd

from ..i18n import t
from .style import (
    MEAN_COLOUR,
    PROVINCE_COLOUR,
    WIDTH,
    chart_style,
    method_lines,
    peer_colours,
    plot_series,
    rank_label,
    rank_ticks,
    score_label,
    status_handles,
)


def trajectory_chart(traj: pd.DataFrame, lang: str = "vi", title: str | None = None,
                     show_scores: bool | None = None, compact: bool = False) -> plt.Figure:
    """Rank (top panel, inverted) and score (bottom panel) per year of the province (role
    "province", red, labelled), its peers or members and the mean over provinces (scores).
    `compact`: ranks only, in a smaller figure (the briefing page)."""
    years = sorted(int(y) for y in traj["year"].unique())
    entities = traj[traj["role"] != "mean"]
    means = traj[traj["role"] == "mean"]
    if show_scores is None:
        show_scores = bool(traj["score"].notna().any())
    with chart_style():
        single = len(years) == 1
        if show_scores:
            fig, (rank_ax, score_ax) = plt.subplots(
                2, 1, figsize=(WIDTH * (0.7 if single else 1), 5.2 if single else 7.2),
                sharex=True, gridspec_kw={"height_ratios": [3, 2]})
            axes = [rank_ax, score_ax]
        else:
            size = (WIDTH * 0.75, 3.6) if compact else (WIDTH * (0.7 if single else 1), 4.8)
            fig, rank_ax = plt.subplots(figsize=size)
            score_ax, axes = None, [rank_ax]
        order = [c for c in dict.fromkeys(entities["province_code"])]
        others = [c for c in order
                  if (entities.loc[entities["province_code"] == c, "role"] != "province").all()]
        colours = dict(zip(others, peer_colours(len(others))))
        handles = []
        province_name = None
        for code in others + [c for c in order if c not in others]:
            rows = entities[entities["province_code"] == code].sort_values("year")
            is_main = (rows["role"] == "province").any()
            name = rows["name"].iloc[0]
            colour = PROVINCE_COLOUR if is_main else colours[code]
            kwargs = ({"linewidth": 2.6, "size": 8, "zorder": 5,
                       "annotate_rank": rank_label(lang), "annotate_score": score_label(lang)}
                      if is_main else {"linewidth": 1.2, "size": 5, "zorder": 2,
                                       "annotate_rank": None, "annotate_score": None})
            if is_main:
                province_name = name
            if rows["rank"].notna().any() or (show_scores and rows["score"].notna().any()):
                handle = plot_series(rank_ax, rows["year"].tolist(), rows["rank"].tolist(),
                                      rows["rank_status"].tolist(), colour, name,
                                      kwargs["linewidth"], kwargs["size"], kwargs["zorder"],
                                      annotate=kwargs["annotate_rank"])
                handles.append(handle)
                if show_scores:
                    plot_series(score_ax, rows["year"].tolist(), rows["score"].tolist(),
                                 rows["score_status"].tolist(), colour, name,
                                 kwargs["linewidth"], kwargs["size"], kwargs["zorder"],
                                 annotate=kwargs["annotate_score"])
        if show_scores and means["score"].notna().any():
            means = means.sort_values("year")
            handles.append(plot_series(score_ax, means["year"].tolist(), means["score"].tolist(),
                                        means["score_status"].tolist(), MEAN_COLOUR,
                                        t("chart_mean", lang), linewidth=1.4, size=6, zorder=3,
                                        marker="s"))
        if province_name and show_scores:
            own = entities[entities["role"] == "province"]
            if not own["score"].notna().any():
                score_ax.set_title(t("chart_no_score", lang, name=province_name), loc="left",
                                   fontsize=9, color=PROVINCE_COLOUR, style="italic")
        if not entities["rank"].notna().any():
            rank_ax.text(0.5, 0.5, t("chart_no_values", lang), transform=rank_ax.transAxes,
                         ha="center", va="center", color="#777777")
        known = entities["rank"].dropna()
        if not known.empty:
            low, high = float(known.min()), float(known.max())
            rank_ax.set_yticks(rank_ticks(high, 1 if low <= 5 else low))
            pad = max((high - low) * 0.08, 0.6)
            rank_ax.set_ylim(high + pad, max(low - pad, 0.3))
        else:
            rank_ax.invert_yaxis()
        rank_ax.set_ylabel(t("chart_rank_axis", lang))
        if score_ax is not None:
            score_ax.set_ylabel(t("chart_score_axis", lang))
        bottom = score_ax or rank_ax
        bottom.set_xticks(years)
        bottom.set_xticklabels([str(y) for y in years])
        bottom.set_xlim(min(years) - 0.5, max(years) + 0.5)
        bottom.set_xlabel(t("chart_year_axis", lang))
        for ax in axes:
            ax.grid(axis="x", visible=False)
        method_lines(axes, years, lang)
        if title:
            rank_ax.set_title(title, loc="left", fontweight="bold")
        handles += status_handles(lang)
        ncol = 4 if len(handles) > 8 else 3
        fig.legend(handles=handles, loc="lower center", ncol=ncol, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        rows_of_legend = math.ceil(len(handles) / ncol)
        height = fig.get_figheight()
        fig.tight_layout(rect=(0, min((0.17 * rows_of_legend + 0.05) / height, 0.4), 1, 1))
    return fig
