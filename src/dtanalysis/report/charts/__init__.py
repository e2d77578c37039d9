"""Report charts, one module per section (`trajectory`, `position`, `pillars`, `targets`,
`overview`), sharing the style and helpers of `style`."""

from .overview import coverage_chart, rank_heatmap, regions_chart
from .pillars import pillars_chart
from .position import position_chart
from .style import DPI, WIDTH, png_bytes, rank_ticks, region_palette
from .svg import SvgChart
from .targets import targets_chart
from .trajectory import trajectory_chart

__all__ = [
           "DPI",
           "WIDTH",
           "SvgChart",
           "coverage_chart",
           "pillars_chart",
           "png_bytes",
           "position_chart",
           "rank_heatmap",
           "rank_ticks",
           "region_palette",
           "regions_chart",
           "targets_chart",
           "trajectory_chart",
]
