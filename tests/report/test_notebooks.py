"""Every notebook runs top to bottom with its defaults, as an analyst opening it in JupyterLab
would (its own kernel, "Python (dtanalysis)"; cwd = notebooks/, no parameters injected), and
none imports Great Expectations."""

import json
from pathlib import Path

import nbformat
import papermill
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.mark.parametrize("name", ["explore.ipynb", "national_overview.ipynb"])
def test_notebook_runs_with_defaults(name, shipped_data, tmp_path):
    assert "great_expectations" not in (NOTEBOOKS / name).read_text(encoding="utf-8")
    out = tmp_path / name
    # no kernel_name: the notebook's own (metadata kernelspec "dtanalysis", made by make setup)
    papermill.execute_notebook(str(NOTEBOOKS / name), str(out), cwd=str(NOTEBOOKS),
                               progress_bar=False)
    nb = nbformat.read(str(out), as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert any(o.get("data", {}).get("image/png") or o.get("data", {}).get("image/svg+xml")
               for c in nb.cells for o in c.get("outputs", []))
    if name == "explore.ipynb":  # the seaborn group comparison drew its figure
        group = next(i for i, c in enumerate(nb.cells) if "sns.relplot" in c.source)
        assert any(o.get("data", {}).get("image/png") for o in nb.cells[group].outputs)


def test_committed_notebooks_have_no_outputs():
    for path in NOTEBOOKS.glob("*.ipynb"):
        ids = [c["id"] for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
        assert len(set(ids)) == len(ids), (path.name, ids)  # nbformat would rename a repeat
        nb = nbformat.read(str(path), as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name
