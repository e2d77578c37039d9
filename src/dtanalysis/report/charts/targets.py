"""Section 5: each target with the latest value reported, on the target's own scale. Written
as SVG (`svg`)."""

from __future__ import annotations

import pandas as pd

from ..i18n import fmt_with_unit, has, t
from . import svg as v
from .style import DPI, PROVINCE_COLOUR, WIDTH
from .svg import is_hollow, missing, status_marker

PT = v.PT
LATEST_COLOUR = "#1f4e79"


def targets_chart(targets: pd.DataFrame, name: str, lang: str = "vi",
                  labels: dict[str, str] | None = None, show_unit_name: bool = False
                  ) -> v.SvgChart:
    """One row per target that has a reported value: the latest value (dot; hollow when
    derived/uncertain) and the target (red bar), each on its own scale; for ranks the axis is
    inverted so that right is better."""
    rows = targets[targets["latest_value"].notna()].reset_index(drop=True)
    labels = labels or {}
    width, height = WIDTH * DPI, (0.9 * len(rows) + 0.9) * DPI
    svg = v.Svg(width, height)
    svg.text(0.01 * width, 10 + v.TITLE_SIZE * 0.5, t("chart_tg_title", lang, name=name),
             v.TITLE_SIZE, bold=True, valign="center")
    top = 10 + v.TITLE_SIZE * 1.8
    row_h = (height - top - 8) / max(len(rows), 1)
    left, right = 22, width - 22
    for i, (_, r) in enumerate(rows.iterrows()):
        latest, target = float(r["latest_value"]), float(r["target_value"])
        is_rank = r["unit"] == "rank"
        status = r["latest_status"]
        low, high = min(latest, target), max(latest, target)
        pad = max((high - low) * 0.25, abs(high) * 0.1, 1.0)
        if is_rank:
            xlim = (high + pad, max(low - pad, 0.5))
            ticks = v.nice_ticks(*xlim, most=9, integer=True)
        else:
            xlim = (min(0, low - pad), high + pad)
            ticks = v.nice_ticks(*xlim, most=9)
        # Each row: its title, the axes (values on a line at mid-height), the ticks.
        row_top = top + i * row_h
        ax = v.Axes(svg, left, row_top + v.TICK_SIZE * 1.9, right - left,
                    row_h - v.TICK_SIZE * 1.9 - (2 * v.PAD + v.TICK_SIZE + 8), xlim, (-1, 1))
        ax.grid(xticks=ticks)
        ax.frame(sides=("bottom",))
        ax.xticklabels(ticks)
        label = labels.get(r["indicator"], r["indicator"])
        if show_unit_name:
            label = f"{r['name']}: {label}"
        if is_rank:
            label = f"{label} ({t('chart_tg_rank_note', lang)})"
        svg.text(ax.left, ax.top - 6, label, 9.5 * PT)
        unit_label = t(f"unit_{r['unit']}", lang) if has(f"unit_{r['unit']}", lang) else \
            str(r["unit"])
        if unit_label and not is_rank:
            svg.text(ax.right, ax.bottom + 2 * v.PAD + v.TICK_SIZE, unit_label, 8 * PT,
                     anchor="end", valign="top")
        y = ax.y(0)
        svg.z = 1
        svg.line(ax.x(latest), y, ax.x(target), y, "#bbbbbb", 3 * PT)
        svg.z = 2
        svg.marker("|", ax.x(target), y, 22 * PT, PROVINCE_COLOUR, edge=3 * PT)
        svg.z = 3
        svg.marker(status_marker(status), ax.x(latest), y, 10 * PT, LATEST_COLOUR,
                   is_hollow(status), edge=2 * PT)
        latest_text = fmt_with_unit(latest, r["unit"], lang, r["latest_qualifier"])
        svg.text(ax.x(latest), y - 10 * PT, f"{latest_text} ({r['latest_period']})", 8.5 * PT,
                 LATEST_COLOUR, anchor="middle")
        deadline = t("chart_tg_deadline", lang, year=(
            str(int(r["target_year"])) if not missing(r["target_year"])
            else t("tg_no_deadline", lang)))
        target_text = (str(r["target_as_written"]) if lang == "vi"
                       and not missing(r["target_as_written"])
                       else fmt_with_unit(target, r["unit"], lang, r["qualifier"]))
        svg.text(ax.x(target), y + 18 * PT, f"{t('chart_tg_target', lang)}: {target_text} "
                 f"({deadline})", 8.5 * PT, PROVINCE_COLOUR, anchor="middle")
        svg.z = 0
    return v.SvgChart(svg.to_string(), width, height)
