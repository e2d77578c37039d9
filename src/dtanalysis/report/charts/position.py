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
    ContentCache,
    chart_style,
    draw_pixels,
    encode_png,
    layout_once,
    png_bytes,
    rank_ticks,
    region_palette,
)
from .svg import is_hollow

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
    fig, table, bars, texts, labels = _ranking(position, lang, highlight, regions)
    _highlight(bars, texts, labels, table, lambda i, code: code == highlight)
    return fig


def _ranking(position: Position, lang: str, highlight: str | None, regions):
    """The ranking laid out, no unit highlighted yet: the figure, the table of its rows and
    each row's bar, value text and name label."""
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
    return fig, table, bars, texts, ax.get_yticklabels()


def _highlight(bars, texts, labels, table, chosen) -> None:
    """Rows for which `chosen(i, code)` holds in bold with a black edge, the others lighter;
    derived or uncertain ranks hatched."""
    for i, (bar, text, label, code, status) in enumerate(zip(
            bars, texts, labels, table["province_code"], table["rank_status"])):
        if chosen(i, code):
            bar.set_edgecolor("black")
            bar.set_linewidth(2.2)
            text.set_fontweight("bold")
            label.set_fontweight("bold")
            label.set_color(PROVINCE_COLOUR)
        else:
            bar.set_alpha(0.75)
        if is_hollow(status):
            bar.set_hatch("///")


# Pictures of whole rankings (see position_png), a few at a time: each ~3 × 5 MB of pixels.
_PICTURES = ContentCache(4)


def position_png(position: Position, lang: str = "vi", highlight: str | None = None,
                 regions=None) -> bytes:
    """The PNG of `position_chart(...)`, the same bytes, drawn once per ranking instead of
    once per report: a ranking is drawn three times (no unit highlighted; every even row
    highlighted; every odd row highlighted) and a province's picture is the first with the
    band of its row, from the middle of the row above to the middle of the row below, copied
    from the one where its row is highlighted and its neighbours are not. A highlight reaches
    little more than half a row from its row's middle: the band (a row either side) holds all
    of it and nothing of the other highlighted rows (two rows away) of that picture. A windowed ranking (more than MAX_BARS units) depends on the province:
    drawn as a whole."""
    table = position.table
    if len(table) > MAX_BARS:
        return png_bytes(position_chart(position, lang, highlight, regions))
    key = (_content_key(position), lang, tuple(regions) if regions is not None else None,
           repr(sorted((k, repr(v)) for k, v in plt.rcParams.items())))
    pictures = _PICTURES.get(key)
    if pictures is None:
        pictures = _draw_pictures(position, lang, regions)
        _PICTURES[key] = pictures
    rows = pictures["codes"]
    picture = pictures["plain"]
    if highlight in rows:
        i = rows.index(highlight)
        top, bottom = pictures["bands"][i]
        picture = picture.copy()
        picture[top:bottom] = pictures["odd" if i % 2 else "even"][top:bottom]
    return encode_png(picture)


def _content_key(position: Position) -> tuple:
    return (position.unit_set, position.year, position.n_units, position.n_ranked,
            position.complete, tuple(position.table.columns),
            tuple(tuple(str(v) for v in row) for row in position.table.itertuples(index=False)))


def _draw_pictures(position: Position, lang: str, regions) -> dict:
    pictures = {}
    for name, chosen in (("plain", lambda i, code: False),
                         ("even", lambda i, code: i % 2 == 0),
                         ("odd", lambda i, code: i % 2 == 1)):
        fig, table, bars, texts, labels = _ranking(position, lang, None, regions)
        _highlight(bars, texts, labels, table, chosen)
        try:
            pictures[name] = draw_pixels(fig)
            if name == "plain":
                ax = fig.axes[0]
                height = pictures[name].shape[0]
                # Pixel row of each row's middle (rows -1 and n: the bands' outer edges).
                centre = [round(height - float(ax.transData.transform((0, i))[1]))
                          for i in range(-1, len(table) + 1)]
                pictures["bands"] = [(max(centre[i], 0), min(centre[i + 2], height))
                                     for i in range(len(table))]
                pictures["codes"] = list(table["province_code"])
        finally:
            plt.close(fig)
    return pictures
