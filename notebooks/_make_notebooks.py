"""Write the project's notebooks with nbformat, so they are reproducible and reviewed as code.

    .venv/bin/python notebooks/_make_notebooks.py

Writes province_report.ipynb, national_overview.ipynb, compare.ipynb and explore.ipynb next to
this file,
without outputs. The notebooks are thin: every cell calls one function of the package
(`dtanalysis.report`), which takes every number from the processed tables and every text from
`dtanalysis.report.i18n`. Cell ids are derived from the notebook and the cell's position, so
writing the notebooks twice gives the same files.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
# The project's kernel, installed by `make setup` into .venv (the only one JupyterLab lists).
KERNELSPEC = {"name": "dtanalysis", "display_name": "Python (dtanalysis)", "language": "python"}
LANGUAGE_INFO = {"name": "python"}

SETUP = """\
%matplotlib inline
%config InlineBackend.figure_formats = ["png"]
from IPython.display import display

from dtanalysis import report"""


def _notebook(cells) -> nbformat.NotebookNode:
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    return nb


def _parameters(source: str):
    return new_code_cell(source, metadata={"tags": ["parameters"]})


def province_report() -> nbformat.NotebookNode:
    cells = [
        _parameters('province = "Hải Phòng"  # any spelling; resolved by the registry\n'
                    'unit_set = "63"  # "63": provinces until 30 June 2025; "34": units from '
                    '1 July 2025\n'
                    'year = None  # None: the latest year with a value\n'
                    'peers = "region"  # "region" or a list of province names\n'
                    'lang = "vi"  # "vi" or "en"\n'
                    'comparisons = []  # [[href, label], …]: group comparisons with this unit '
                    '(set by build)'),
        new_code_cell(SETUP + "\n\n"
                      "ctx = report.report_context(province, unit_set, year, peers, lang)\n"
                      "display(*report.show_title(ctx))\n"
                      "display(*report.show_comparison_links(ctx, comparisons))"),
        new_code_cell("# Briefing: standing per index, key points, targets, one chart (page 1)\n"
                      "display(*report.show_briefing(ctx))"),
    ]
    sections = [
        ("1. Headline", "show_headline"),
        ("2. Trajectory", "show_trajectory"),
        ("3. National position", "show_position"),
        ("4. Pillars and main indices", "show_pillars"),
        ("5. Targets", "show_targets"),
        ("6. Indicators, with national benchmark", "show_indicators"),
        ("7. The 2025 merger", "show_merger"),
        ("8. National indices: DTI, PCI, PAPI side by side", "show_indices"),
        ("9. About the data (provenance, last)", "show_about"),
    ]
    for title, function in sections:
        cells.append(new_code_cell(f"# {title} (heading and texts from dtanalysis.report.i18n)\n"
                                   f"display(*report.{function}(ctx))"))
    return _notebook(cells)


def national_overview() -> nbformat.NotebookNode:
    cells = [
        _parameters('unit_set = "63"  # "63" or "34"\nlang = "vi"  # "vi" or "en"'),
        new_code_cell(SETUP + "\n\n"
                      "ctx = report.overview_context(unit_set, lang)\n"
                      "display(*report.show_overview_title(ctx))"),
    ]
    sections = [
        ("1. Maps of the latest rank, one per index of the catalogue", "show_maps"),
        ("2. Ranking, per index", "show_ranking"),
        ("3. Ranks by year (heat map), per index", "show_rank_heatmap"),
        ("4. Biggest movers, per index (no uncertain rank)", "show_movers"),
        ("5. Regions compared, per index", "show_regions"),
        ("6. Units with data each year, per index, every status counted", "show_coverage"),
        ("7. One index's ranks against another's", "show_index_comparison"),
    ]
    for title, function in sections:
        cells.append(new_code_cell(f"# {title}\ndisplay(*report.{function}(ctx))"))
    return _notebook(cells)


def compare() -> nbformat.NotebookNode:
    cells = [
        _parameters('provinces = ["Hải Phòng", "Hải Dương", "Quảng Ninh"]  # 2 to 8 units, any '
                    'spelling\n'
                    'unit_set = "63"  # "63" or "34"; every unit of one set\n'
                    'lang = "vi"  # "vi" or "en"'),
        new_code_cell(SETUP + "\n\n"
                      "ctx = report.compare_context(provinces, unit_set, lang)\n"
                      "display(*report.show_compare_title(ctx))"),
    ]
    sections = [
        ("1. Every index of the catalogue side by side", "show_compare_indices"),
        ("2. One chart per index, the units in their own colours", "show_compare_trajectories"),
        ("3. Each unit's own targets", "show_compare_targets"),
        ("4. The indicators they share", "show_compare_indicators"),
        ("5. The 2025 merger", "show_compare_merger"),
    ]
    for title, function in sections:
        cells.append(new_code_cell(f"# {title}\ndisplay(*report.{function}(ctx))"))
    return _notebook(cells)


def explore() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(
            "# A tour of the `dtanalysis` Python API\n\n"
            "For analysts in JupyterLab (`make lab`). Everything the reports show comes from "
            "these calls; nothing here writes to `data/`."),
        new_code_cell("from IPython.display import display\n\n"
                      "import dtanalysis\n"
                      "from dtanalysis import analysis\n"
                      "from dtanalysis.domain.registry import registry\n"
                      "from dtanalysis.report import charts"),
        new_markdown_cell(
            "## Load the processed tables\n\n"
            "`dtanalysis.load(name)` reads one table; `analysis.Data.load()` reads them all once "
            "(plus the quarantine and the last validation summary, if any). Columns are "
            "documented in the README, section *Processed tables*."),
        new_code_cell("dti = dtanalysis.load(\"dti\")\n"
                      "dti[dti[\"province_code\"] == \"31\"]"),
        new_code_cell("data = analysis.Data.load()\n"
                      "print(\"validation:\", \"not run\" if data.validation is None else "
                      "data.validation[\"success\"])\n"
                      "data.aggregates"),
        new_markdown_cell(
            "## Resolve a province name\n\n"
            "Any spelling, with or without diacritics, a GSO code or a slug. The 63-province "
            "set is the default; pass `unit_set=\"34\"` for the units from 1 July 2025."),
        new_code_cell("hai_duong = dtanalysis.province(\"TP. Hai Duong\")\n"
                      "hai_duong"),
        new_code_cell("new_unit = registry().successor(hai_duong)\n"
                      "new_unit, [str(p) for p in registry().members(new_unit)]"),
        new_markdown_cell(
            "## The headline of a province\n\n"
            "Latest rank and score with their statuses, and the change against the previous "
            "comparable year (same unit set, same metric; method changes between are listed)."),
        new_code_cell("analysis.headline(data, hai_duong.code, \"63\")"),
        new_markdown_cell(
            "## A trajectory and its chart\n\n"
            "One row per unit and year, `NaN` where nothing was published. The chart never joins "
            "across a missing year and draws derived / uncertain values hollow. It is an SVG "
            "picture (`chart.svg`, `chart.save(\"trajectory.svg\")`), shown here as an image."),
        new_code_cell("peer_codes = analysis.peers(data, hai_duong.code, \"63\", [\"Hải Phòng\", "
                      "\"Quảng Ninh\"])\n"
                      "traj = analysis.trajectory(data, hai_duong.code, \"63\", peer_codes)\n"
                      "traj[traj[\"role\"] != \"mean\"].pivot(index=\"name\", columns=\"year\", "
                      "values=\"rank\")"),
        new_code_cell("chart = charts.trajectory_chart(traj, lang=\"en\", title=\"Hải Dương and "
                      "two neighbours\")\n"
                      "chart"),
        new_markdown_cell(
            "## A group of provinces on every index, with seaborn\n\n"
            "`dtanalysis.scores(index, province=…)` gives one index's values for a unit as a "
            "tidy frame (one row per value, with status, source, raw file and line); the "
            "frames of a few provinces and indices are concatenated. A rank is among the units "
            "ranked that year (PCI publishes only its top 30 from 2023). A year with nothing "
            "published has no row and no point: the points are not joined, so no line crosses "
            "a gap. The marker says the rank's status (derived and uncertain ranks are not "
            "published ones)."),
        new_code_cell("import matplotlib.pyplot as plt\n"
                      "import pandas as pd\n"
                      "import seaborn as sns\n\n"
                      "group = [\"Hải Phòng\", \"Quảng Ninh\", \"Hải Dương\", \"Bắc Ninh\"]\n"
                      "tidy = pd.concat([dtanalysis.scores(index, province=name, unit_set=\"63\", "
                      "metric=index)\n"
                      "                  for index in (\"dti\", \"pci\", \"papi\") for name in "
                      "group],\n"
                      "                 ignore_index=True)\n"
                      "tidy[[\"index\", \"year\", \"province\", \"score\", \"rank\", "
                      "\"rank_status\", \"source_file\", \"source_line\"]]"),
        new_code_cell("from dtanalysis.vocab import STATUSES\n\n"
                      "ranked = tidy.dropna(subset=[\"rank\"])\n"
                      "grid = sns.relplot(data=ranked, x=\"year\", y=\"rank\", hue=\"province\","
                      " hue_order=group,\n"
                      "                   style=\"rank_status\", style_order=[s for s in "
                      "STATUSES if s in set(ranked[\"rank_status\"])],\n"
                      "                   col=\"index\", kind=\"scatter\", s=80, height=3.2, "
                      "facet_kws={\"sharey\": False})\n"
                      "for ax in grid.axes.flat:\n"
                      "    ax.invert_yaxis()  # rank 1 on top\n"
                      "    ax.xaxis.get_major_locator().set_params(integer=True)\n"
                      "    ax.yaxis.get_major_locator().set_params(integer=True)\n"
                      "grid.set_titles(\"{col_name}\")\n"
                      "plt.show()"),
        new_code_cell("# The same group as a table: the latest rank of each province on each "
                      "index, with its year\n"
                      "latest = tidy.dropna(subset=[\"rank\"]).sort_values(\"year\")"
                      ".groupby([\"province\", \"index\"]).tail(1)\n"
                      "latest.pivot(index=\"province\", columns=\"index\", values=[\"rank\", "
                      "\"year\"])"),
        new_markdown_cell(
            "## A report section, as the report notebook shows it\n\n"
            "`report.report_context(...)` checks the parameters; each `show_*` "
            "function returns the section's display objects."),
        new_code_cell("from dtanalysis import report\n\n"
                      "ctx = report.report_context(\"Hải Phòng\", unit_set=\"34\", lang=\"en\")\n"
                      "display(*report.show_merger(ctx))"),
    ]
    return _notebook(cells)


def main() -> None:
    for name, build in (("province_report", province_report),
                        ("national_overview", national_overview), ("compare", compare),
                        ("explore", explore)):
        nb = build()
        for position, cell in enumerate(nb.cells):
            cell.id = f"{name.replace('_', '-')}-{position:02d}"
        nbformat.validate(nb)
        nbformat.write(nb, HERE / f"{name}.ipynb")
        print(f"wrote {HERE / f'{name}.ipynb'}")


if __name__ == "__main__":
    main()
