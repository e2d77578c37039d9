"""JupyterLab as the README says: the environment lists one kernel, "Python (dtanalysis)"
(`jupyter kernelspec list` and a real Jupyter server's /api/kernelspecs, what the launcher
shows), and the shipped notebooks name it."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
KERNEL = ("dtanalysis", "Python (dtanalysis)")


def test_kernelspec_list_shows_only_the_project_kernel():
    done = subprocess.run([str(BIN / "jupyter"), "kernelspec", "list", "--json"],
                          capture_output=True, text=True, timeout=120, check=True)
    specs = json.loads(done.stdout)["kernelspecs"]
    assert list(specs) == ["dtanalysis"]
    assert specs["dtanalysis"]["spec"]["display_name"] == KERNEL[1]


def test_shipped_notebooks_use_the_project_kernel():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        spec = nbformat.read(str(path), as_version=4).metadata["kernelspec"]
        assert (spec["name"], spec["display_name"]) == KERNEL, path.name


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_jupyter_server_offers_one_kernel(tmp_path):
    if not (BIN / "jupyter-lab").exists():
        pytest.skip("JupyterLab (the `lab` extra) is not installed")
    port, token = _free_port(), "dtanalysis-test"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    server = subprocess.Popen(
        [str(BIN / "jupyter-lab"), "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}",
         "--ServerApp.port_retries=0", *(["--allow-root"] if os.getuid() == 0 else [])],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        from dtanalysis.runner.kernels import patience

        model, limit = None, patience(90)  # longer on a busy machine
        deadline = time.monotonic() + limit
        while model is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs"
                                            f"?token={token}", timeout=5) as response:
                    model = json.loads(response.read())
            except OSError:
                assert server.poll() is None, "jupyter lab exited"
                time.sleep(0.5)
        assert model is not None, f"jupyter lab did not answer in {limit:.0f} s"
        assert list(model["kernelspecs"]) == ["dtanalysis"]
        assert model["default"] == "dtanalysis"
        assert model["kernelspecs"]["dtanalysis"]["spec"]["display_name"] == KERNEL[1]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
