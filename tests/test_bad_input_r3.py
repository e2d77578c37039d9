"""Bad input, third round (issue 21): catalogue values that contradict the data, files the
raw reader must read in every encoding, damaged files of the project and bad arguments —
each refused in one line (or caught by validation), never a traceback, never a silent wrong
answer. docs/bad-input.md lists these cases by test name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from test_bad_input import one_line, snapshot

from dtanalysis.cli import main

INDICES = Path("data/raw/indices")


def _edit_csv(path: Path, change) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def catalogue(index: str, **values: str):
    def spoil(root: Path) -> None:
        _edit_csv(root / INDICES / "catalogue.csv",
                  lambda row: row.update(values) if row["index"] == index else None)
    return spoil


def root_metric(index: str, **values: str):
    def spoil(root: Path) -> None:
        _edit_csv(root / INDICES / index / "metrics.csv",
                  lambda row: row.update(values) if row["metric"] == index else None)
    return spoil


CATALOGUE_CASES = {
    "bounds inverted": (catalogue("pci", score_min="100", score_max="0"),
                        "catalogue.csv, row 3: score_min 100 is above score_max 0"),
    "bound nan": (catalogue("pci", score_min="nan"), "row 3: score_min 'nan' is not a finite"),
    "bound inf": (catalogue("pci", score_max="inf"), "row 3: score_max 'inf' is not a finite"),
    "narrower than metrics.csv": (
        catalogue("pci", score_min="74", score_max="84"),
        ("row 3: index 'pci': score_min, score_max 74–84 is narrower than pci/metrics.csv's "
         "'pci' 0–100")),
    "metric bounds inverted": (root_metric("papi", score_min="80", score_max="8"),
                               "metrics.csv, row 2: score_min 80 is above score_max 8"),
}


@pytest.mark.parametrize("case", CATALOGUE_CASES)
def test_catalogue_bounds_that_cannot_hold_are_refused_with_file_and_row(case, project_copy,
                                                                         capsys):
    spoil, expected = CATALOGUE_CASES[case]
    spoil(project_copy)
    before = snapshot(project_copy)
    assert main(["clean", "--root", str(project_copy)]) == 2
    assert expected in one_line(capsys)
    assert snapshot(project_copy) == before


@pytest.mark.parametrize("spoil,check", [
    (catalogue("pci", higher_is_better="false"), "check_score_rank_order"),
    # both files agree, but PCI's published scores lie above 50
    (lambda root: (catalogue("pci", score_max="50")(root),
                   root_metric("pci", score_max="50")(root)), "check_score_in_index_bounds"),
])
def test_catalogue_values_the_data_contradicts_fail_validation(spoil, check, project_copy,
                                                               capsys):
    spoil(project_copy)
    before = snapshot(project_copy)
    assert main(["clean", "--root", str(project_copy)]) == 1
    err = capsys.readouterr().err
    assert "FAIL index_scores" in err and check in err, err[-2000:]
    assert "validation failed: data/processed/ left as it was" in err
    assert snapshot(project_copy) == before
