"""The Papermill engine the runner registers, and the kernels it runs on: registered by entry
point (papermill finds it without importing us first), every warm-up module importable, and a
kernel that knows its own project whatever the process's environment says."""

import json
import os
import shutil
import subprocess
import sys

import nbformat
import pytest
from test_pool import ROOT, project, synthetic_notebook  # noqa: F401 - fixture

from dtanalysis.paths import Paths
from dtanalysis.runner.engine import ENGINE_NAME, DtanalysisEngine
from dtanalysis.runner.jobs import province_job
from dtanalysis.runner.kernels import WARM_MODULES
from dtanalysis.runner.pool import RunContext, execute

PYTHON = sys.executable


def test_papermill_finds_the_engine_by_its_entry_point():
    code = ("from papermill.engines import papermill_engines; "
            f"print(papermill_engines.get_engine({ENGINE_NAME!r}).__module__)")
    out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == DtanalysisEngine.__module__


def test_every_warm_up_module_imports():
    code = "import importlib, sys; [importlib.import_module(m) for m in sys.argv[1:]]"
    result = subprocess.run([PYTHON, "-c", code, *WARM_MODULES], capture_output=True, text=True,
                            check=False, env={**os.environ, "MPLBACKEND": "Agg"})
    assert result.returncode == 0, result.stderr


def test_a_kernel_knows_when_its_folder_was_replaced(tmp_path):
    # a worker's copy of the project removed and made again (damaged, deleted): a warm
    # kernel started in the old one would fail every report; the worker replaces it
    from dtanalysis.runner.kernels import WarmKernel

    folder = tmp_path / "copy" / "notebooks"
    folder.mkdir(parents=True)
    kernel = WarmKernel(folder, warm_up=False)
    try:
        assert kernel.at_home()
        shutil.rmtree(tmp_path / "copy")
        folder.mkdir(parents=True)
        assert not kernel.at_home()
    finally:
        kernel.shutdown()


def test_the_engine_refuses_to_run_outside_a_kernel_slot(tmp_path):
    import papermill

    synthetic_notebook(tmp_path / "nb.ipynb")
    with pytest.raises(RuntimeError, match="kernel_slot"):
        papermill.execute_notebook(str(tmp_path / "nb.ipynb"), str(tmp_path / "out.ipynb"),
                                   engine_name=ENGINE_NAME, progress_bar=False)


WHERE = """
import os
from dtanalysis.paths import Paths
print(json.dumps({"root": str(Paths.at().root), "cwd": os.getcwd()}))
"""


def _where(root) -> dict:
    """Run the notebook of `root` on a fresh kernel (no slot given) and read what it printed."""
    paths = Paths.at(root)
    ctx = RunContext(paths, "synthetic", None, "test")
    job = province_job(paths, "Hải Phòng")
    outcome = execute(job, ctx)
    assert outcome.status == "ok", outcome.error
    nb = nbformat.read(str(job.ipynb), as_version=4)
    printed = [o["text"] for c in nb.cells if c.cell_type == "code"
               for o in c.get("outputs", []) if o.get("name") == "stdout"]
    return json.loads(printed[-1])


def test_two_projects_in_one_process_each_read_their_own(tmp_path, monkeypatch):
    """Each report kernel is told its project (DTANALYSIS_ROOT in its own environment, cwd
    its notebooks): a stale DTANALYSIS_ROOT in this process misleads neither run."""
    monkeypatch.setenv("DTANALYSIS_ROOT", str(ROOT))
    roots = []
    for name in ("one", "two"):
        root = tmp_path / name
        (root / "data" / "processed").mkdir(parents=True)
        (root / "data" / "processed" / "manifest.json").write_text('{"data_version": "x"}')
        shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
        synthetic_notebook(root / "notebooks" / "province_report.ipynb", "import json\n" + WHERE)
        roots.append(root)
    for root in roots:
        where = _where(root)
        assert where == {"root": str(root), "cwd": str(root / "notebooks")}
    assert os.environ["DTANALYSIS_ROOT"] == str(ROOT)   # this process's environment untouched
