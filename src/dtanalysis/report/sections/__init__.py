"""The report sections as display objects, one module per section: each `show_*` function takes
a context and returns a list of Markdown texts, tables and PNG images that a notebook cell passes
to `IPython.display.display(*objects)` — one call per section, so notebooks stay thin.

Every text comes from `i18n`, every number from `analysis` (never typed here); gaps are said in
plain sentences; derived / uncertain values carry † / ‡ (tables) or hollow markers (charts).
"""

from ..i18n import t
from .about import show_about
from .briefing import show_briefing
from .compare import (
    show_compare_indicators,
    show_compare_indices,
    show_compare_merger,
    show_compare_targets,
    show_compare_title,
    show_compare_trajectories,
)
from .headline import show_headline
from .indicators import show_indicators
from .indices import show_index_comparison, show_indices
from .maps import show_maps, show_province_map
from .merger import show_merger
from .overview import (
    show_coverage,
    show_movers,
    show_overview_title,
    show_rank_heatmap,
    show_ranking,
    show_regions,
)
from .pillars import show_pillars
from .position import show_position
from .targets import show_targets
from .title import show_comparison_links, show_title
from .trajectory import show_trajectory

SECTIONS = ("headline", "trajectory", "position", "pillars", "targets", "indicators", "merger",
            "indices", "about")  # "About the data" last: the provenance ends the report
OVERVIEW_HEADINGS = ("h_ov_maps", "h_ov_ranking", "h_ov_heatmap", "h_ov_movers", "h_ov_regions",
                     "h_ov_coverage", "h_ov_indices")


def section_headings(lang: str = "vi") -> list[str]:
    """The section headings of the province report, in order."""
    return [t(f"h_{s}", lang) for s in SECTIONS]


def overview_headings(lang: str = "vi") -> list[str]:
    return [t(k, lang) for k in OVERVIEW_HEADINGS]


__all__ = ["OVERVIEW_HEADINGS", "SECTIONS", "overview_headings", "section_headings",
           "show_about", "show_briefing", "show_compare_indicators", "show_compare_indices",
           "show_compare_merger", "show_compare_targets", "show_compare_title",
           "show_compare_trajectories", "show_comparison_links", "show_coverage", "show_headline",
           "show_index_comparison", "show_indicators", "show_indices", "show_maps", "show_merger",
           "show_movers", "show_overview_title", "show_pillars", "show_position",
           "show_province_map",
           "show_rank_heatmap", "show_ranking", "show_regions", "show_targets", "show_title",
           "show_trajectory"]
