"""The overview's coverage, as the page shows it, counts every status of the vocabulary: in each
table the status columns add up, per index and year, to the units held (a status left out of a
table or of the chart makes a row fall short: 2020 had 18 DTI ranks, 13 were shown). On the REAL
processed tables, where DTI 2020 holds secondary copies."""

from __future__ import annotations

from html.parser import HTMLParser

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from IPython.display import HTML

from dtanalysis import analysis as an
from dtanalysis.report import charts, overview_context
from dtanalysis.report.i18n import t
from dtanalysis.report.sections import show_coverage
from dtanalysis.vocab import STATUSES

LANG = "en"


class _Rows(HTMLParser):
    """The rows of one table, header row first, each cell's text."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def _tables(objects) -> list[list[dict[str, str]]]:
    """Every table of the section as a list of {header: cell} rows."""
    out = []
    for o in objects:
        if isinstance(o, HTML) and "<table" in o.data:
            parser = _Rows()
            parser.feed(o.data)
            head, *rows = parser.rows
            assert all(len(r) == len(head) for r in rows)
            out.append([dict(zip(head, r)) for r in rows])
    return out


def _status_sum(row: dict[str, str]) -> int:
    """The row's status columns added up; a status without its column fails here."""
    missing = [s for s in STATUSES if t(f"status_{s}", LANG) not in row]
    assert not missing, f"no column for {missing}"
    return sum(int(row[t(f"status_{s}", LANG)]) for s in STATUSES)


def test_the_coverage_tables_status_columns_add_up_to_the_units_held(data):
    tables = _tables(show_coverage(overview_context("63", LANG, data=data)))
    with_rank, held = t("col_with_rank", LANG), t("ov_col_held", LANG)
    per_index = [tb for tb in tables if tb and with_rank in tb[0]]
    every_index = [tb for tb in tables if tb and held in tb[0]]
    assert per_index and len(every_index) == 1

    secondary = t("status_published_secondary", LANG)
    rows = 0
    for table in per_index:  # one per index: units with a rank each year
        for row in table:
            assert _status_sum(row) == int(row[with_rank]), row
            rows += 1
    assert rows >= 10
    # every index and year: "13 of 63" held of the units published, or no table (nothing held)
    by_year = {}
    for row in every_index[0]:
        text = row[held]
        units_held = int(text.split(" of ")[0]) if " of " in text else 0
        assert _status_sum(row) == units_held, row
        by_year[(row[t("bf_col_index", LANG)], row[t("col_year", LANG)])] = row
    assert len(by_year) >= 20
    # the year the fault hid: DTI 2020's secondary copies are counted, not left out
    dti_2020 = by_year[("DTI", "2020")]
    assert int(dti_2020[secondary]) > 0
    assert _status_sum(dti_2020) == int(dti_2020[held].split(" of ")[0]) > int(
        dti_2020[t("status_official", LANG)])


def test_the_coverage_chart_stacks_every_status_up_to_the_units_with_a_rank(data):
    cov = an.coverage(data, "63")
    fig = charts.coverage_chart(cov, LANG)
    try:
        _check_stacks(fig, cov)
    finally:
        plt.close(fig)  # a figure left open fails later tests that count the open ones


def _check_stacks(fig, cov) -> None:
    ax = fig.axes[0]
    totals = [0.0] * len(cov)
    for bars in ax.containers:
        for i, patch in enumerate(bars.patches):
            totals[i] += patch.get_height()
    assert totals == [float(n) for n in cov["n_rank"]]
    assert (cov.set_index("year").loc[2020, "n_rank_published_secondary"] > 0)
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == [t(f"status_{s}", LANG) for s in STATUSES]
