"""The reports: what a notebook shows, one file per section in each of `sections/` (display
objects), `charts/` (figures) and `i18n/` (texts in Vietnamese and English), over the analyses
of `dtanalysis.analysis`.

    from dtanalysis import report
    ctx = report.report_context("Hải Phòng", unit_set="63", lang="vi")
    display(*report.show_headline(ctx))

Attributes are loaded on first use, so that `dtanalysis.report.i18n` (used by the runner for
page footers) does not import matplotlib.
"""

from importlib import import_module

_FROM = {"report_context": "context", "overview_context": "context",
         "compare_context": "context", "ReportContext": "context",
         "OverviewContext": "context", "CompareContext": "context"}
# Submodules asked for as attributes (`from . import charts` inside the package): imported as
# such, not looked up in `sections` (which imports `display`, which imports `charts`: asking
# `sections` first made `import dtanalysis.report.display` alone a circular import).
_SUBMODULES = {"charts", "context", "display", "i18n", "sections"}


def __getattr__(name: str):
    if name in _SUBMODULES:
        return import_module(f".{name}", __name__)
    if name in _FROM:
        return getattr(import_module(f".{_FROM[name]}", __name__), name)
    sections = import_module(".sections", __name__)
    if name in sections.__all__:
        return getattr(sections, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*_FROM, *import_module(".sections", __name__).__all__])
