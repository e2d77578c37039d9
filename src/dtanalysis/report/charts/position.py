"""Section 3 and the overview ranking: every ranked unit as a bar, coloured by region."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from ...analysis import Position
from ...vocab import mark
from ..i18n import fmt_int, t
from .style import (
    PROVINCE_COLOUR,
    WIDTH,
    chart_style,
    is_hollow,
    layout_once,
    rank_ticks,
    region_palette,
)

MAX_BARS = 70                      # a longer ranking is drawn as a window (see _window)
WINDOW_TOP, WINDOW_AROUND, WINDOW_BOTTOM = 10, 10, 5


def _window(table, highlight: str | None):
    """The best ranks, the ranks around the highlighted unit and the worst: a chart of constant
    size whatever the number of units, so a report costs the same for 63 or 1,000 units."""
    n = len(table)
    keep = set(range(min(WINDOW_TOP, n))) | set(range(max(n - WINDOW_BOTTOM, 0), n))
    at = table.index[table["province_code"] == highlight]
    if len(at):
        keep |= set(range(max(at[0] - WINDOW_AROUND, 0), min(at[0] + WINDOW_AROUND + 1, n)))
    return table.loc[sorted(keep)].reset_index(drop=True)


def position_chart(position: Position, lang: str = "vi", highlight: str | None = None,
                   regions=None) -> plt.Figure:
    """Every ranked unit of the ranking as a horizontal bar (longer = better rank, axis labelled
    with ranks), best at the top, coloured by region, the province highlighted."""
    table = position.table.sort_values(["rank", "name"], ignore_index=True)
    windowed = len(table) > MAX_BARS
    if windowed:
        table = _window(table, highlight)
    n = position.n_units
    region_column = "region" if lang == "vi" else "region_en"
    palette = region_palette(regions if regions is not None else table[region_column])
    shown = set(table[region_column])
    height = max(3.0, 0.17 * len(table) + 1.8)
    with chart_style():
        fig, ax = plt.subplots(figsize=(WIDTH, height))
        lengths = [n + 1 - int(r) for r in table["rank"]]
        colours = [palette.get(r, "#999999") for r in table[region_column]]
        y = list(range(len(table)))
        bars = ax.barh(y, lengths, color=colours, edgecolor="none", height=0.78)
        texts = [ax.text(length + 0.3, yi, f"{fmt_int(rank, lang)}{mark(status)}", va="center",
                         fontsize=7.5)
                 for yi, length, rank, status in zip(y, lengths, table["rank"],
                                                     table["rank_status"])]
        ax.set_yticks(y)
        ax.set_yticklabels(table["name"], fontsize=7.5 if len(table) > 40 else 9)
        ax.invert_yaxis()
        ax.set_ylim(len(table) - 0.5, -0.6)
        ticks = rank_ticks(n)
        if n - ticks[-1] >= 5:
            ticks.append(n)
        ax.set_xticks([n + 1 - r for r in ticks])
        ax.set_xticklabels([str(r) for r in ticks])
        ax.set_xlim(0, n + 3)
        ax.set_xlabel(t("chart_pos_axis", lang))
        ax.grid(axis="y", visible=False)
        set_short = t(f"set_short_{position.unit_set}", lang)
        title = (t("chart_pos_title", lang, year=position.year, set_short=set_short)
                 if position.complete else
                 t("chart_pos_title_partial", lang, year=position.year, set_short=set_short,
                   n_ranked=position.n_ranked, n=n))
        if windowed:
            title += "\n" + t("chart_pos_window", lang, top=WINDOW_TOP, around=WINDOW_AROUND,
                               bottom=WINDOW_BOTTOM)
        ax.set_title(title, loc="left", fontweight="bold")
        legend = [r for r in palette if r in shown]
        ax.legend(handles=[Patch(color=palette[r], label=r) for r in legend],
                  loc="upper center", bbox_to_anchor=(0.5, -0.5 / max(height - 1.3, 1.0)), ncol=3,
                  frameon=False, fontsize=8)
        # The layout of a ranking is the same for every province it highlights (the highlight
        # is applied after it): laid out once per ranking, not once per report.
        layout_once(fig, ("position", tuple(table["name"]), tuple(table["rank"].astype(str)),
                          title, tuple(legend), lang, n))
        for bar, text, label, code, status in zip(bars, texts, ax.get_yticklabels(),
                                                  table["province_code"], table["rank_status"]):
            if code == highlight:
                bar.set_edgecolor("black")
                bar.set_linewidth(2.2)
                text.set_fontweight("bold")
                label.set_fontweight("bold")
                label.set_color(PROVINCE_COLOUR)
            else:
                bar.set_alpha(0.75)
            if is_hollow(status):
                bar.set_hatch("///")
    return fig
