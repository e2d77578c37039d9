"""Section 5: each target with the latest value reported, on the target's own scale."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..i18n import fmt_with_unit, has, t
from .style import PROVINCE_COLOUR, WIDTH, chart_style, is_hollow, missing, status_marker


def targets_chart(targets: pd.DataFrame, name: str, lang: str = "vi",
                  labels: dict[str, str] | None = None, show_unit_name: bool = False
                  ) -> plt.Figure:
    """One row per target that has a reported value: the latest value (dot; hollow when
    derived/uncertain) and the target (red bar), each on its own scale; for ranks the axis is
    inverted so that right is better."""
    rows = targets[targets["latest_value"].notna()].reset_index(drop=True)
    labels = labels or {}
    with chart_style():
        fig, axes = plt.subplots(len(rows), 1, figsize=(WIDTH, 1.05 * len(rows) + 1.0),
                                 squeeze=False)
        for ax, (_, r) in zip(axes[:, 0], rows.iterrows()):
            latest, target = float(r["latest_value"]), float(r["target_value"])
            is_rank = r["unit"] == "rank"
            status = r["latest_status"]
            ax.plot([latest, target], [0, 0], color="#bbbbbb", linewidth=3, zorder=1)
            ax.plot(target, 0, marker="|", markersize=22, markeredgewidth=3,
                    color=PROVINCE_COLOUR, linestyle="none", zorder=2)
            ax.plot(latest, 0, marker=status_marker(status), markersize=10, color="#1f4e79",
                    markerfacecolor="white" if is_hollow(status) else "#1f4e79",
                    markeredgewidth=2, linestyle="none", zorder=3)
            latest_text = fmt_with_unit(latest, r["unit"], lang, r["latest_qualifier"])
            ax.annotate(f"{latest_text} ({r['latest_period']})", (latest, 0),
                        textcoords="offset points", xytext=(0, 10), ha="center", fontsize=8.5,
                        color="#1f4e79")
            deadline = t("chart_tg_deadline", lang, year=(
                str(int(r["target_year"])) if not missing(r["target_year"])
                else t("tg_no_deadline", lang)))
            target_text = (str(r["target_as_written"]) if lang == "vi"
                           and not missing(r["target_as_written"])
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
