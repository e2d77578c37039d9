"""Section 2 (and 7, and the briefing): rank and score per year of a province, its peers or
members, and the mean over provinces. Written as SVG (`svg`)."""

from __future__ import annotations

import pandas as pd

from ...analysis import METHOD_CHANGES
from ..i18n import t
from . import svg as v
from .style import (
    BAND_COLOUR,
    DPI,
    MAX_NAMED,
    MEAN_COLOUR,
    PROVINCE_COLOUR,
    WIDTH,
    rank_label,
    rank_ticks,
    score_label,
    status_entries,
    unit_style,
)

PT = v.PT
RANK_SPAN = 5  # places shown at least either side of the ranks drawn


def trajectory_chart(traj: pd.DataFrame, lang: str = "vi", title: str | None = None,
                     show_scores: bool | None = None, compact: bool = False,
                     max_named: int | None = MAX_NAMED,
                     methods: dict[int, str] | None = None,
                     score_axis: str | None = None) -> v.SvgChart:
    """Rank (top panel, inverted) and score (bottom panel) per year of the province (role
    "province": thick, its values labelled), its peers or members and the mean over provinces
    (scores). Every unit in its own colour and marker (`style.unit_style`, from its code).
    At most `max_named` units are named lines (the province first, then the peers nearest its
    latest rank); the others are one grey band of their range per year (None: all named).
    `compact`: ranks only, in a smaller figure (the briefing page). `methods`: first year of
    a new method → its label's text key (default: DTI's, `analysis.METHOD_CHANGES`; {} for an
    index whose changes are said in words). `score_axis`: the score axis's label (default:
    DTI's)."""
    years = sorted(int(y) for y in traj["year"].unique())
    entities = traj[traj["role"] != "mean"]
    means = traj[traj["role"] == "mean"]
    if show_scores is None:
        show_scores = bool(traj["score"].notna().any())
    single = len(years) == 1
    # Compact (page one): full width and short, so it prints at the scale of every chart
    # (text >= 7 pt) in a fifth of the page.
    # (5.0 and 3.5 in high, not 5.8 and 4.6: the report prints in 8 A4 pages.)
    if show_scores:
        width, height = WIDTH * (0.7 if single else 1), (4.6 if single else 5.0)
    else:
        width, height = (WIDTH, 2.9) if compact else (WIDTH * (0.7 if single else 1), 3.5)
    width, height = width * DPI, height * DPI

    groups = dict(tuple(entities.groupby("province_code", sort=False)))
    main = {code for code, rows in groups.items() if (rows["role"] == "province").any()}
    others = [code for code in groups if code not in main]
    valued = {code for code, rows in groups.items()
              if rows["rank"].notna().any() or (show_scores and rows["score"].notna().any())}
    named = _named(groups, main, [c for c in others if c in valued], max_named)
    banded = [c for c in others if c in valued and c not in named]
    drawn = []  # (rows, is_main, name, colour, marker) of every named unit with a value
    province_name, province_colour = None, PROVINCE_COLOUR
    for code in [c for c in others if c in named] + [c for c in groups if c in main]:
        rows = groups[code].sort_values("year")
        is_main = code in main
        name = rows["name"].iloc[0]
        colour, marker = unit_style(code)
        if is_main:
            province_name, province_colour = name, colour
        if code in valued:
            drawn.append((rows, is_main, name, colour, marker))
    band = entities[entities["province_code"].isin(banded)]
    means = means.sort_values("year")
    show_mean = show_scores and bool(means["score"].notna().any())

    # Legend: every unit drawn, the mean, then what the markers mean.
    entries = [v.Entry(name, colour, marker, "-", line_width=(2.6 if main else 1.2) * PT,
                       marker_size=(8 if main else 5) * PT, edge=1.5 * PT)
               for _, main, name, colour, marker in drawn]
    if banded:
        entries.append(v.Entry(t("chart_band_one" if len(banded) == 1 else "chart_band", lang,
                                 n=len(banded)), BAND_COLOUR, patch=True))
    if show_mean:
        entries.append(v.Entry(t("chart_mean", lang), MEAN_COLOUR, "s", "-",
                               line_width=1.4 * PT, marker_size=6 * PT, edge=1.5 * PT))
    entries += status_entries(lang)
    columns = 4 if len(entries) > 8 else 3
    legend_w, legend_h, _ = v.legend_size(entries, columns)

    # Axes' values.
    known = entities["rank"].dropna()
    if not known.empty:
        # At least RANK_SPAN places either side of the values (13 → 14 is one place, not a
        # cliff), never past 1 or past the number of units ranked.
        low, high = float(known.min()), float(known.max())
        out_of = (entities["out_of"].dropna() if "out_of" in entities else pd.Series([]))
        worst = float(out_of.max()) if not out_of.empty else high + RANK_SPAN
        low, high = max(low - RANK_SPAN, 1.0), min(high + RANK_SPAN, max(worst, high))
        rank_ticks_ = rank_ticks(high, 1 if low <= 5 else low)
        pad = max((high - low) * 0.04, 0.6)
        rank_lim = (high + pad, max(low - pad, 0.3))
    else:
        rank_ticks_, rank_lim = [], (1, 0)
    if show_scores:
        scores = pd.concat([entities["score"], means["score"] if show_mean else
                            pd.Series(dtype=float)]).dropna().astype(float)
        if scores.empty:
            score_lim, score_ticks = (0.0, 1.0), v.nice_ticks(0.0, 1.0, 5)
        else:
            lo, hi = float(scores.min()), float(scores.max())
            margin = (hi - lo) * 0.05 or max(abs(hi) * 0.05, 0.01)
            score_lim = (lo - margin, hi + margin)
            score_ticks = v.nice_ticks(*score_lim, most=5)
        own = entities[entities["role"] == "province"]
        no_score_title = (t("chart_no_score", lang, name=province_name)
                          if province_name and not own["score"].notna().any() else None)

    # Layout: title, panels, x ticks and label, legend.
    rank_labels = [str(r) for r in rank_ticks_]
    score_labels = [v.tick_text(s, score_ticks) for s in score_ticks] if show_scores else []
    tick_w = max((v.text_width(s, v.TICK_SIZE) for s in rank_labels + score_labels),
                 default=0) * v.SLACK
    left = 8 + v.LABEL_SIZE + 2 * v.PAD + tick_w
    right = width - 12
    top = 8 + (v.TITLE_SIZE * 1.6 if title else 0)
    # The method changes' notes stand above the axes, one row each, off the data.
    methods = METHOD_CHANGES if methods is None else methods
    n_methods = sum(min(years) < year <= max(years) for year in methods)
    top += n_methods * METHOD_SIZE * 1.5
    legend_top = height - legend_h - 6
    axes_bottom = legend_top - (v.PAD + v.TICK_SIZE + v.PAD + v.LABEL_SIZE + 10)
    xlim = (min(years) - 0.5, max(years) + 0.5)
    svg = v.Svg(width, height)
    if show_scores:
        gap = v.TICK_SIZE * 2.4
        span = axes_bottom - top - gap
        rank_ax = v.Axes(svg, left, top, right - left, span * 0.6, xlim, rank_lim)
        score_ax = v.Axes(svg, left, rank_ax.bottom + gap, right - left, span * 0.4, xlim,
                          score_lim)
        axes = [rank_ax, score_ax]
    else:
        rank_ax = v.Axes(svg, left, top, right - left, axes_bottom - top, xlim, rank_lim)
        score_ax, axes = None, [rank_ax]

    svg.z = 0.5
    rank_ax.grid(yticks=rank_ticks_)
    rank_ax.yticklabels(rank_ticks_, rank_labels)
    rank_ax.ylabel(t("chart_rank_axis", lang), 8)
    if score_ax is not None:
        score_ax.grid(yticks=score_ticks)
        score_ax.yticklabels(score_ticks, score_labels)
        score_ax.ylabel(score_axis or t("chart_score_axis", lang), 8)
        if no_score_title:
            score_ax.svg.text(score_ax.left, score_ax.top - 6, no_score_title, 9 * PT,
                              province_colour, italic=True)
    for ax in axes:
        ax.frame()
    bottom = axes[-1]
    bottom.year_labels(years)
    bottom.xlabel(t("chart_year_axis", lang), 2 * v.PAD + v.TICK_SIZE)
    _method_lines(axes, years, lang, methods)
    if title:
        svg.text(left, 8 + v.TITLE_SIZE * 0.5, title, v.TITLE_SIZE, bold=True, valign="center")
    if known.empty:
        svg.text(rank_ax.left + rank_ax.width / 2, rank_ax.top + rank_ax.height / 2,
                 t("chart_no_values", lang), v.LABEL_SIZE, "#777777", anchor="middle",
                 valign="center")

    _band(rank_ax, band, "rank")
    if score_ax is not None:
        _band(score_ax, band, "score")
    for rows, main, name, colour, marker in drawn:
        style = ({"line_width": 2.6 * PT, "size": 8 * PT, "z": 5} if main else
                 {"line_width": 1.2 * PT, "size": 5 * PT, "z": 2})
        years_ = rows["year"].tolist()
        v.series(rank_ax, years_, rows["rank"].tolist(), rows["rank_status"].tolist(), colour,
                 name, annotate=rank_label(lang) if main else None, shape=marker, **style)
        if score_ax is not None:
            v.series(score_ax, years_, rows["score"].tolist(), rows["score_status"].tolist(),
                     colour, name, annotate=score_label(lang) if main else None,
                     shape=marker, **style)
    if show_mean:
        v.series(score_ax, means["year"].tolist(), means["score"].tolist(),
                 means["score_status"].tolist(), MEAN_COLOUR, t("chart_mean", lang),
                 line_width=1.4 * PT, size=6 * PT, z=3, marker="s")
    v.draw_legend(svg, entries, columns, max((width - legend_w) / 2, 4), legend_top)
    return v.SvgChart(svg.to_string(), width, height)


def _named(groups: dict, main: set, others: list, limit: int | None) -> set:
    """The units drawn as named lines: the province(s), then the peers nearest the province's
    rank in the latest year it has one (the order given on a tie, and for peers without a
    rank that year), up to `limit` lines in all."""
    if limit is None or len(main) + len(others) <= limit:
        return set(main) | set(others)
    own = pd.concat([groups[c] for c in main]) if main else pd.DataFrame()
    ranked = own[own["rank"].notna()] if not own.empty else own
    if ranked.empty:
        chosen = others[:max(limit - len(main), 0)]
    else:
        latest = ranked.sort_values("year").iloc[-1]
        year, rank = int(latest["year"]), float(latest["rank"])

        def distance(code):
            rows = groups[code]
            that = rows.loc[(rows["year"] == year) & rows["rank"].notna(), "rank"]
            return abs(float(that.iloc[0]) - rank) if not that.empty else float("inf")

        chosen = sorted(others, key=distance)[:max(limit - len(main), 0)]
    return set(main) | set(chosen)


def _band(ax: v.Axes, rows: pd.DataFrame, column: str) -> None:
    """The range (lowest to highest value) of the units not named, per year, as one grey
    band: joined between consecutive years with values, a bar for a year alone."""
    if rows.empty:
        return
    values = rows[rows[column].notna()]
    spans = {int(y): (float(g[column].min()), float(g[column].max()))
             for y, g in values.groupby("year")}
    svg = ax.svg
    svg.z = 1.5
    years = sorted(spans)
    runs, run = [], []
    for year in years:
        if run and year - run[-1] != 1:
            runs.append(run)
            run = []
        run.append(year)
    if run:
        runs.append(run)
    half = 0.12
    for run in runs:
        if len(run) == 1:
            y = run[0]
            low, high = spans[y]
            xs = [(y - half, low), (y + half, low), (y + half, high), (y - half, high)]
        else:
            xs = [(y, spans[y][0]) for y in run] + [(y, spans[y][1]) for y in reversed(run)]
        points = [(ax.x(x), ax.y(value)) for x, value in xs]
        # a band of one value (all equal) still shows: a pixel-high line at least
        svg.polygon(points, BAND_COLOUR, opacity=0.8)
        for y in run:
            low, high = spans[y]
            if low == high:
                svg.line(ax.x(y - half), ax.y(low), ax.x(y + half), ax.y(low), BAND_COLOUR,
                         3 * PT)
    svg.z = 0


METHOD_SIZE = 9.5 * PT  # the method notes: 13 px on screen, 7.3 pt printed


def _method_lines(axes: list[v.Axes], years: list[int], lang: str,
                  methods: dict[int, str]) -> None:
    """A dotted vertical line before each year a new method was first used, when the chart has
    years on both sides of it, running up above the first panel to its note: horizontal, one
    row per change (the layout leaves the rows), never over the data."""
    svg = axes[0].svg
    changes = [(year, key) for year, key in sorted(methods.items())
               if min(years) < year <= max(years)]
    for i, (year, key) in enumerate(changes):
        x = axes[0].x(year - 0.5)
        y = axes[0].top - (len(changes) - i - 0.5) * METHOD_SIZE * 1.5
        label = t(f"chart_{key}", lang)
        width = v.text_width(label, METHOD_SIZE)
        anchor, tx = (("end", x - 3 * PT) if x + 3 * PT + width > axes[0].right
                      else ("start", x + 3 * PT))
        svg.z = 1
        for ax in axes:
            svg.line(x, ax.top, x, ax.bottom, "#888888", 1.2 * PT, style=":")
        svg.line(x, y, x, axes[0].top, "#888888", 1.2 * PT, style=":")
        svg.z = 20
        svg.text(tx, y, label, METHOD_SIZE, "#444444", anchor=anchor, valign="center")
    svg.z = 0
