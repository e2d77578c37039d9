"""The Papermill engine the runner registers, and the kernels it runs on: registered by entry
point (papermill finds it without importing us first), every warm-up module importable, and a
kernel that knows its own project whatever the process's environment says."""

import asyncio
import contextlib
import json
import os
import queue
import shutil
import subprocess
import sys

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_pool import ROOT, project, synthetic_notebook  # noqa: F401 - fixture

from dtanalysis.paths import Paths
from dtanalysis.runner.context import RunContext
from dtanalysis.runner.engine import ENGINE_NAME, DtanalysisEngine
from dtanalysis.runner.execute import execute
from dtanalysis.runner.jobs import province_job
from dtanalysis.runner.kernels import WARM_MODULES

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


def test_a_report_kernel_keeps_no_ipython_history(tmp_path):
    # a report's cells are in its notebook; the SQLite history (shared by every kernel of the
    # user) cost a write per cell
    from dtanalysis.runner.kernels import KernelError, WarmKernel

    kernel = WarmKernel(tmp_path, warm_up=False)
    try:
        kernel.run("assert not get_ipython().history_manager.enabled")
        with pytest.raises(KernelError):  # a failing assertion is seen: the check is real
            kernel.run("assert get_ipython().history_manager.enabled")
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


@pytest.mark.slow  # runs reports on kernels
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


def test_a_warm_kernel_loses_no_output_of_a_notebooks_first_cell(tmp_path):
    """nbclient's client of a warm kernel is ready when IOPub carries its kernel_info
    request's idle status (`kernels.ReadyClient`), not after 0.2 s of silence: run after run,
    the first cell's printed line and display still arrive."""
    import papermill
    from nbformat.v4 import new_code_cell, new_notebook

    from dtanalysis.runner.engine import KernelSlot, kernel_slot
    from dtanalysis.runner.kernels import KernelError, ReadyClient, WarmKernel

    nb = new_notebook(cells=[new_code_cell("print('first', flush=True)\ndisplay('shown')"),
                             new_code_cell("print('second')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    source = tmp_path / "nb.ipynb"
    nbformat.write(nb, str(source))
    kernel = WarmKernel(tmp_path)

    async def left_on_iopub_once_ready() -> list:
        client = kernel.km.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            left = []
            with contextlib.suppress(queue.Empty):
                while True:
                    left.append((await client.iopub_channel.get_msg(timeout=0.3))["msg_type"])
            return left
        finally:
            client.stop_channels()

    try:
        # The warm-up's objects are frozen out of the collector's walks (gc.freeze()).
        kernel.run("import gc\nassert gc.get_freeze_count() > 10_000, gc.get_freeze_count()")
        with pytest.raises(KernelError, match="frozen"):
            kernel.run("raise RuntimeError('frozen?')")  # a failing check does fail
        assert isinstance(kernel.km.client(), ReadyClient)
        # Ready once its own request's messages have all been read (idle status last).
        assert asyncio.run(left_on_iopub_once_ready()) == []
        with kernel_slot(KernelSlot(tmp_path, kernel=kernel)):
            for run in range(12):
                out = papermill.execute_notebook(str(source), str(tmp_path / f"out{run}.ipynb"),
                                                 engine_name=ENGINE_NAME, progress_bar=False)
                first, second = (c.outputs for c in out.cells)
                # A printed line may come as one stream message or several ("first", "\n").
                assert "".join(o.text for o in first if o.output_type == "stream") == \
                    "first\n", run
                assert [o.data["text/plain"] for o in first
                        if o.output_type == "display_data"] == ["'shown'"], run
                assert "".join(o.text for o in second if o.output_type == "stream") == \
                    "second\n", run
    finally:
        kernel.shutdown()


MIMEBUNDLES = st.dictionaries(
    st.sampled_from(["text/plain", "text/html", "text/markdown", "image/svg+xml",
                     "image/png", "application/json"]),
    st.text(max_size=20), min_size=1)
METADATA = st.dictionaries(st.sampled_from(["image/svg+xml", "isolated", "alt"]),
                           st.one_of(st.text(max_size=10), st.booleans(),
                                     st.dictionaries(st.just("alt"), st.text(max_size=10))))


@given(kind=st.sampled_from(["display_data", "stream", "execute_result", "error"]),
       data=MIMEBUNDLES, metadata=METADATA, text=st.text(max_size=20))
def test_outputs_are_nbformats_without_a_check_per_output(kind, data, metadata, text):
    """GENERATED messages: the output nbclient gets (`engine.output_from_msg`, installed as
    its own) is the one nbformat makes, and a valid output."""
    import nbclient.client
    from nbformat.v4 import output_from_msg as nbformats
    from nbformat.v4.nbbase import validate

    from dtanalysis.runner import engine

    content = {"display_data": {"data": data, "metadata": metadata},
               "stream": {"name": "stdout", "text": text},
               "execute_result": {"data": data, "metadata": metadata, "execution_count": 3},
               "error": {"ename": "ValueError", "evalue": text, "traceback": [text]}}[kind]
    msg = {"header": {"msg_type": kind}, "content": content}
    assert nbclient.client.output_from_msg is engine.output_from_msg
    ours = engine.output_from_msg(msg)
    assert ours == nbformats(msg)
    assert isinstance(ours, nbformat.NotebookNode)
    assert all(isinstance(ours[k], nbformat.NotebookNode) for k in ("data", "metadata")
               if k in ours)  # attribute access works all the way down, as nbformat's
    validate(ours, kind)


def test_an_invalid_output_still_fails_the_page():
    """An output nobody checked on arrival is checked with the notebook, before its page."""
    from dtanalysis.runner import engine
    from dtanalysis.runner.render import notebook_to_html

    bad = engine.output_from_msg({"header": {"msg_type": "display_data"},  # SYNTHETIC
                                  "content": {"data": {"text/plain": 5}, "metadata": {}}})
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.from_dict({"cell_type": "code", "id": "c1", "source": "x",
                                        "metadata": {}, "execution_count": 1,
                                        "outputs": [bad]}))
    with pytest.raises(nbformat.ValidationError):
        notebook_to_html(nb, title="t", lang="en")
