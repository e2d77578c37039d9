"""Report figures (matplotlib / seaborn), each returning a `matplotlib.figure.Figure` sized for
a report (about 9.5 in wide at 100 dpi). The caller closes it (`report_sections` turns it into a
PNG and closes it at once).

Conventions every chart keeps:
- a gap stays a gap: points of two years are joined only when both years have a value and are
  consecutive; nothing is interpolated;
- official / reported values are filled markers and solid lines; derived values are hollow
  circles, uncertain values hollow diamonds, and any segment touching one is dashed;
- rank axes are inverted (rank 1 at the top / right);
- text is in the report language (`i18n`), rendered with DejaVu Sans (Vietnamese diacritics).
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from itertools import pairwise

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .analysis import MARKED_STATUSES, METHOD_CHANGES, Position, RankMatrix
from .i18n import fmt_int, fmt_number, fmt_score, fmt_with_unit, has, t

WIDTH = 9.5
DPI = 100
PROVINCE_COLOUR = "#c0392b"
MEAN_COLOUR = "#444444"
BEST_COLOUR = "#1e8449"
MEDIAN_COLOUR = "#7f8c8d"
STATUS_COLOURS = {"official": "#1f4e79", "reported": "#5b9bd5", "derived": "#f4b183",
                  "uncertain": "#d9d9d9"}
_RC = {"font.family": "DejaVu Sans", "figure.dpi": DPI, "savefig.dpi": DPI,
       "axes.titlesize": 12, "axes.labelsize": 10, "xtick.labelsize": 9, "ytick.labelsize": 9,
       "legend.fontsize": 8.5}


@contextmanager
def _style():
    with sns.axes_style("whitegrid"), plt.rc_context(_RC):
        yield


def region_palette(regions) -> dict[str, tuple]:
    """A fixed colour per region (sorted names → Set2), the same in every chart."""
    names = sorted({r for r in regions if isinstance(r, str)})
    colours = sns.color_palette("Set2", max(len(names), 1))
    return dict(zip(names, colours))


def _peer_colours(n: int) -> list:
    palette = [c for i, c in enumerate(sns.color_palette("tab10", 10)) if i != 3]  # no red
    palette += list(sns.color_palette("Dark2", 8))
    return [palette[i % len(palette)] for i in range(n)]


def _marker(status: object) -> str:
    return "D" if status == "uncertain" else "o"


def _hollow(status: object) -> bool:
    return isinstance(status, str) and status in MARKED_STATUSES


def _plot_series(ax, years, values, statuses, colour, label, linewidth=1.6, size=6,
                 zorder=2, marker=None, annotate=None):
    """Points at known values (hollow for derived/uncertain), joined only between consecutive
    years that both have a value; a segment touching a marked value is dashed."""
    points = [(y, v, s) for y, v, s in zip(years, values, statuses) if not _missing(v)]
    for (y0, v0, s0), (y1, v1, s1) in pairwise(points):
        if y1 - y0 != 1:
            continue
        style = "--" if _hollow(s0) or _hollow(s1) else "-"
        ax.plot([y0, y1], [v0, v1], style, color=colour, linewidth=linewidth, zorder=zorder)
    for y, v, s in points:
        ax.plot([y], [v], marker=marker or _marker(s), markersize=size, color=colour,
                markerfacecolor="white" if _hollow(s) else colour,
                markeredgewidth=1.5, linestyle="none", zorder=zorder + 1)
        if annotate:
            ax.annotate(annotate(v, s), (y, v), textcoords="offset points", xytext=(7, 4),
                        fontsize=8.5, color=colour, fontweight="bold", zorder=zorder + 2)
    return Line2D([], [], color=colour, marker=marker or "o", linewidth=linewidth,
                  markersize=size, label=label)


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _method_lines(axes, years, lang, label_ax=None):
    """A dotted vertical line before each year a new method was first used, when the chart has
    years on both sides of it."""
    if not years:
        return
    for year, key in sorted(METHOD_CHANGES.items()):
        if min(years) < year <= max(years):
            for ax in axes:
                ax.axvline(year - 0.5, color="#888888", linestyle=":", linewidth=1.2, zorder=1)
            target = label_ax or axes[0]
            target.annotate(t(f"chart_{key}", lang), xy=(year - 0.5, 1.0),
                            xycoords=("data", "axes fraction"), xytext=(-3, -4),
                            textcoords="offset points", ha="right", va="top", fontsize=7.5,
                            color="#555555", rotation=90, zorder=20,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                  "alpha": 0.9})


def rank_ticks(worst: float, best: float = 1) -> list[int]:
    """Round ranks from `best` to `worst` (1 included when it is near), at most about eight."""
    span = max(worst - best, 1)
    step, factors = 1, (2, 2.5, 2)  # 1, 2, 5, 10, 20, 50, 100, … for any length of axis
    while span / step > 8:
        step = int(step * factors[0])
        factors = factors[1:] + factors[:1]
    ticks = [r for r in range(step, int(worst) + 1, step) if r >= best]
    if best <= step / 2 or step == 1:
        ticks = [1] + ticks
    return sorted(set(ticks)) or [int(best)]


def _status_handles(lang) -> list:
    return [
        Line2D([], [], color="#333333", marker="o", linestyle="-", label=t("chart_stated", lang)),
        Line2D([], [], color="#333333", marker="o", markerfacecolor="white", linestyle="--",
               label=t("chart_derived", lang)),
        Line2D([], [], color="#333333", marker="D", markerfacecolor="white", linestyle="--",
               label=t("chart_uncertain", lang)),
    ]


def _rank_label(lang):
    def label(value, status):
        mark = {"derived": "†", "uncertain": "‡"}.get(status, "")
        return f"{fmt_int(value, lang)}{mark}"
    return label


def _score_label(lang):
    def label(value, status):
        mark = {"derived": "†", "uncertain": "‡"}.get(status, "")
        return f"{fmt_score(value, lang)}{mark}"
    return label


# --------------------------------------------------------------------------- trajectory


def trajectory_chart(traj: pd.DataFrame, lang: str = "vi", title: str | None = None,
                     show_scores: bool | None = None) -> plt.Figure:
    """Rank (top panel, inverted) and score (bottom panel) per year of the province (role
    "province", red, labelled), its peers or members and the mean over provinces (scores)."""
    years = sorted(int(y) for y in traj["year"].unique())
    entities = traj[traj["role"] != "mean"]
    means = traj[traj["role"] == "mean"]
    if show_scores is None:
        show_scores = bool(traj["score"].notna().any())
    with _style():
        single = len(years) == 1
        if show_scores:
            fig, (rank_ax, score_ax) = plt.subplots(
                2, 1, figsize=(WIDTH * (0.7 if single else 1), 5.2 if single else 7.2),
                sharex=True, gridspec_kw={"height_ratios": [3, 2]})
            axes = [rank_ax, score_ax]
        else:
            fig, rank_ax = plt.subplots(figsize=(WIDTH * (0.7 if single else 1), 4.8))
            score_ax, axes = None, [rank_ax]
        order = [c for c in dict.fromkeys(entities["province_code"])]
        others = [c for c in order
                  if (entities.loc[entities["province_code"] == c, "role"] != "province").all()]
        colours = dict(zip(others, _peer_colours(len(others))))
        handles = []
        province_name = None
        for code in others + [c for c in order if c not in others]:
            rows = entities[entities["province_code"] == code].sort_values("year")
            is_main = (rows["role"] == "province").any()
            name = rows["name"].iloc[0]
            colour = PROVINCE_COLOUR if is_main else colours[code]
            kwargs = ({"linewidth": 2.6, "size": 8, "zorder": 5,
                       "annotate_rank": _rank_label(lang), "annotate_score": _score_label(lang)}
                      if is_main else {"linewidth": 1.2, "size": 5, "zorder": 2,
                                       "annotate_rank": None, "annotate_score": None})
            if is_main:
                province_name = name
            if rows["rank"].notna().any() or (show_scores and rows["score"].notna().any()):
                handle = _plot_series(rank_ax, rows["year"].tolist(), rows["rank"].tolist(),
                                      rows["rank_status"].tolist(), colour, name,
                                      kwargs["linewidth"], kwargs["size"], kwargs["zorder"],
                                      annotate=kwargs["annotate_rank"])
                handles.append(handle)
                if show_scores:
                    _plot_series(score_ax, rows["year"].tolist(), rows["score"].tolist(),
                                 rows["score_status"].tolist(), colour, name,
                                 kwargs["linewidth"], kwargs["size"], kwargs["zorder"],
                                 annotate=kwargs["annotate_score"])
        if show_scores and means["score"].notna().any():
            means = means.sort_values("year")
            handles.append(_plot_series(score_ax, means["year"].tolist(), means["score"].tolist(),
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
        _method_lines(axes, years, lang)
        if title:
            rank_ax.set_title(title, loc="left", fontweight="bold")
        handles += _status_handles(lang)
        ncol = 4 if len(handles) > 8 else 3
        fig.legend(handles=handles, loc="lower center", ncol=ncol, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        rows_of_legend = math.ceil(len(handles) / ncol)
        height = fig.get_figheight()
        fig.tight_layout(rect=(0, min((0.17 * rows_of_legend + 0.05) / height, 0.4), 1, 1))
    return fig


# --------------------------------------------------------------------------- national position


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
    with _style():
        fig, ax = plt.subplots(figsize=(WIDTH, height))
        lengths = [n + 1 - int(r) for r in table["rank"]]
        colours = [palette.get(r, "#999999") for r in table[region_column]]
        y = list(range(len(table)))
        bars = ax.barh(y, lengths, color=colours, edgecolor="none", height=0.78)
        for bar, code, status in zip(bars, table["province_code"], table["rank_status"]):
            if code == highlight:
                bar.set_edgecolor("black")
                bar.set_linewidth(2.2)
            else:
                bar.set_alpha(0.75)
            if _hollow(status):
                bar.set_hatch("///")
        for yi, length, rank, status, code in zip(y, lengths, table["rank"],
                                                  table["rank_status"], table["province_code"]):
            mark = {"derived": "†", "uncertain": "‡"}.get(status, "")
            ax.text(length + 0.3, yi, f"{fmt_int(rank, lang)}{mark}", va="center", fontsize=7.5,
                    fontweight="bold" if code == highlight else "normal")
        ax.set_yticks(y)
        ax.set_yticklabels(table["name"], fontsize=7.5 if len(table) > 40 else 9)
        for label, code in zip(ax.get_yticklabels(), table["province_code"]):
            if code == highlight:
                label.set_fontweight("bold")
                label.set_color(PROVINCE_COLOUR)
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
        ax.legend(handles=[Patch(color=c, label=r) for r, c in palette.items() if r in shown],
                  loc="upper center", bbox_to_anchor=(0.5, -0.5 / max(height - 1.3, 1.0)), ncol=3,
                  frameon=False, fontsize=8)
        fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- pillars


def pillars_chart(rows: pd.DataFrame, name: str, year: int, lang: str = "vi") -> plt.Figure:
    """For one year: per pillar / main index, the province's value (red) beside the best
    (green triangle) and the median (grey diamond) over the provinces that have a value; scores
    on the left, ranks (inverted) on the right, each label with its n."""
    rows = rows[(rows["year"] == year) & rows["has_value"]].reset_index(drop=True)
    panels = [p for p in ("score", "rank") if rows[p].notna().any()]
    with _style():
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
                known = [v for v in values if not _missing(v)]
                ax.plot([min(known), max(known)], [yi, yi], color="#cccccc", linewidth=2,
                        zorder=1)
                ax.plot(r[f"median_{panel}"], yi, marker="D", color=MEDIAN_COLOUR, markersize=8,
                        linestyle="none", zorder=2)
                ax.plot(r[f"best_{panel}"], yi, marker="^", color=BEST_COLOUR, markersize=9,
                        linestyle="none", zorder=3)
                status = r[f"{panel}_status"]
                ax.plot(r[panel], yi, marker=_marker(status), color=PROVINCE_COLOUR,
                        markerfacecolor="white" if _hollow(status) else PROVINCE_COLOUR,
                        markeredgewidth=2, markersize=10, linestyle="none", zorder=4)
                mark = {"derived": "†", "uncertain": "‡"}.get(status, "")
                ax.annotate(f"{fmt(r[panel])}{mark}", (r[panel], yi), textcoords="offset points",
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


# --------------------------------------------------------------------------- targets


def targets_chart(targets: pd.DataFrame, name: str, lang: str = "vi",
                  labels: dict[str, str] | None = None, show_unit_name: bool = False
                  ) -> plt.Figure:
    """One row per target that has a reported value: the latest value (dot; hollow when
    derived/uncertain) and the target (red bar), each on its own scale; for ranks the axis is
    inverted so that right is better."""
    rows = targets[targets["latest_value"].notna()].reset_index(drop=True)
    labels = labels or {}
    with _style():
        fig, axes = plt.subplots(len(rows), 1, figsize=(WIDTH, 1.05 * len(rows) + 1.0),
                                 squeeze=False)
        for ax, (_, r) in zip(axes[:, 0], rows.iterrows()):
            latest, target = float(r["latest_value"]), float(r["target_value"])
            is_rank = r["unit"] == "rank"
            status = r["latest_status"]
            ax.plot([latest, target], [0, 0], color="#bbbbbb", linewidth=3, zorder=1)
            ax.plot(target, 0, marker="|", markersize=22, markeredgewidth=3,
                    color=PROVINCE_COLOUR, linestyle="none", zorder=2)
            ax.plot(latest, 0, marker=_marker(status), markersize=10, color="#1f4e79",
                    markerfacecolor="white" if _hollow(status) else "#1f4e79",
                    markeredgewidth=2, linestyle="none", zorder=3)
            latest_text = fmt_with_unit(latest, r["unit"], lang, r["latest_qualifier"])
            ax.annotate(f"{latest_text} ({r['latest_period']})", (latest, 0),
                        textcoords="offset points", xytext=(0, 10), ha="center", fontsize=8.5,
                        color="#1f4e79")
            deadline = t("chart_tg_deadline", lang, year=(
                str(int(r["target_year"])) if not _missing(r["target_year"])
                else t("tg_no_deadline", lang)))
            target_text = (str(r["target_as_written"]) if lang == "vi"
                           and not _missing(r["target_as_written"])
                           else fmt_with_unit(target, r["unit"], lang, r["qualifier"]))
            ax.annotate(f"{t('chart_tg_target', lang)}: {target_text} ({deadline})",
                        (target, 0), textcoords="offset points", xytext=(0, -18), ha="center",
                        fontsize=8.5, color=PROVINCE_COLOUR)
            low, high = min(latest, target), max(latest, target)
            pad = max((high - low) * 0.25, abs(high) * 0.1, 1.0)
            if is_rank:
                ax.set_xlim(high + pad, max(low - pad, 0.5))
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            else:
                ax.set_xlim(min(0, low - pad), high + pad)
            ax.set_ylim(-1, 1)
            ax.set_yticks([])
            unit_label = t(f"unit_{r['unit']}", lang) if has(f"unit_{r['unit']}", lang) else \
                str(r["unit"])
            if unit_label and not is_rank:
                ax.set_xlabel(unit_label, fontsize=8, loc="right", labelpad=1)
            label = labels.get(r["indicator"], r["indicator"])
            if show_unit_name:
                label = f"{r['name']}: {label}"
            if is_rank:
                label = f"{label} ({t('chart_tg_rank_note', lang)})"
            ax.set_title(label, loc="left", fontsize=9.5)
            ax.grid(axis="y", visible=False)
            for side in ("left", "right", "top"):
                ax.spines[side].set_visible(False)
        fig.suptitle(t("chart_tg_title", lang, name=name), x=0.01, ha="left", fontweight="bold")
        fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- national overview


def rank_heatmap(matrix: RankMatrix, unit_set: str, lang: str = "vi") -> plt.Figure:
    """Units × years, the rank written in each cell (blank where unknown), † / ‡ on derived /
    uncertain ranks; dotted lines where the method changed."""
    ranks = matrix.ranks.astype(float)
    annot = ranks.copy().astype(object)
    for code in ranks.index:
        for year in ranks.columns:
            value, status = ranks.loc[code, year], matrix.statuses.loc[code, year]
            mark = {"derived": "†", "uncertain": "‡"}.get(status, "") if isinstance(
                status, str) else ""
            annot.loc[code, year] = "" if math.isnan(value) else f"{fmt_int(value, lang)}{mark}"
    labels = [matrix.names[c] for c in ranks.index]
    with _style():
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
    with _style():
        fig, ax = plt.subplots(figsize=(WIDTH, 0.6 * len(medians) + 1.6))
        table["rank_f"] = table["rank"].astype(float)
        sns.stripplot(data=table, x="rank_f", y=column, order=list(medians.index), hue=column,
                      palette=palette, ax=ax, size=7, jitter=0.15, legend=False, alpha=0.85)
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
    with _style():
        fig, ax = plt.subplots(figsize=(WIDTH, 4.2))
        years = [str(y) for y in coverage["year"]]
        bottom = [0] * len(coverage)
        for status in ("official", "reported", "derived", "uncertain"):
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
