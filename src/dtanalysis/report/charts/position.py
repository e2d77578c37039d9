"""Section 3 and the overview ranking: every ranked unit as a bar, coloured by region. Written
as SVG (`svg`)."""

from __future__ import annotations

from ...analysis import Position
from ...vocab import mark
from ..i18n import fmt_int, t
from . import svg as v
from .style import DPI, WIDTH, rank_ticks, region_palette, unit_style
from .svg import is_hollow

PT = v.PT
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
                   regions=None, max_bars: int = MAX_BARS) -> v.SvgChart:
    """Every ranked unit of the ranking as a horizontal bar (longer = better rank, axis labelled
    with ranks), best at the top, coloured by region, the province highlighted (bold, black
    edge; the others a little lighter); a derived or uncertain rank hatched. A ranking of more
    than `max_bars` units is drawn as a window (the best, the unit's neighbours, the worst)."""
    table = position.table.sort_values(["rank", "name"], ignore_index=True)
    windowed = len(table) > max_bars
    if windowed:
        table = _window(table, highlight)
    n = position.n_units
    region_column = "region" if lang == "vi" else "region_en"
    palette = region_palette(regions if regions is not None else table[region_column])
    shown = set(table[region_column])
    legend = [v.Entry(r, palette[r], patch=True) for r in palette if r in shown]
    set_short = t(f"set_short_{position.unit_set}", lang)
    title = (t("chart_pos_title", lang, year=position.year, set_short=set_short)
             if position.complete else
             t("chart_pos_title_partial", lang, year=position.year, set_short=set_short,
               n_ranked=position.n_ranked, n=n))
    titles = [title]
    if windowed:
        titles.append(t("chart_pos_window", lang, top=WINDOW_TOP, around=WINDOW_AROUND,
                        bottom=WINDOW_BOTTOM))

    # 0.15 in a bar (15 px: its name of 13 px beside it, a pixel either side)
    width, height = WIDTH * DPI, max(3.0, 0.15 * len(table) + 1.8) * DPI
    name_size = (7.5 if len(table) > 40 else 9) * PT
    names = [str(name) for name in table["name"]]
    label_w = max((v.text_width(name, name_size, bold=True) for name in names),
                  default=0) * v.SLACK
    legend_size = 8 * PT
    legend_w, legend_h, _ = v.legend_size(legend, 3, legend_size)
    left = 8 + label_w + v.PAD
    right = width - 12
    top = 8 + v.TITLE_SIZE * 1.3 * len(titles) + 4
    bottom = height - legend_h - 12 - (2 * v.PAD + v.TICK_SIZE + v.LABEL_SIZE + 12)
    svg = v.Svg(width, height)
    ax = v.Axes(svg, left, top, right - left, bottom - top, (0, n + 3),
                (len(table) - 0.5, -0.6))
    ticks = rank_ticks(n)
    if n - ticks[-1] >= 5:
        ticks.append(n)
    positions = [n + 1 - r for r in ticks]
    ax.grid(xticks=positions)
    ax.frame()
    ax.xticklabels(positions, [str(r) for r in ticks])
    ax.xlabel(t("chart_pos_axis", lang), 2 * v.PAD + v.TICK_SIZE)
    for i, line in enumerate(titles):
        svg.text(left, 8 + v.TITLE_SIZE * (0.5 + 1.3 * i), line, v.TITLE_SIZE, bold=True,
                 valign="center")

    bar_h = abs(ax.y(0.39) - ax.y(-0.39))
    value_size = 7.5 * PT
    for i, (code, name, rank, status, region) in enumerate(zip(
            table["province_code"], names, table["rank"], table["rank_status"],
            table[region_column])):
        chosen = highlight is not None and code == highlight
        y = ax.y(i)
        length = n + 1 - int(rank)
        svg.z = 2 if chosen else 1
        svg.rect(ax.x(0), y - bar_h / 2, ax.x(length) - ax.x(0), bar_h,
                 palette.get(region, "#999999"), stroke="black" if chosen else None,
                 stroke_width=2.2 * PT if chosen else 0, opacity=None if chosen else 0.75,
                 hatch="#333333" if is_hollow(status) else None)
        svg.z = 3
        svg.text(ax.x(length + 0.3), y, f"{fmt_int(rank, lang)}{mark(status)}", value_size,
                 valign="center", bold=chosen)
        svg.text(left - v.PAD, y, name, name_size, unit_style(highlight)[0] if chosen else v.TEXT,
                 anchor="end", valign="center", bold=chosen)
    svg.z = 0
    v.draw_legend(svg, legend, 3, (width - legend_w) / 2, height - legend_h - 8, legend_size)
    return v.SvgChart(svg.to_string(), width, height)
