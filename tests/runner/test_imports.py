"""The start-up step (`startup.start`) defers rfc3987_syntax (2 CPU seconds of grammar building
at import, pulled in by nbformat → jsonschema): loading Papermill and nbconvert does not build it, and an IRI check
that needs it still works (the module is loaded at its first use)."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from dtanalysis.startup import start
start()                              # as the command line and each Dask worker do first
import dtanalysis.runner.pool, dtanalysis.runner.execute, dtanalysis.runner.render
dtanalysis.runner.execute._load_stack()    # papermill, nbformat, nbconvert
stub = sys.modules["rfc3987_syntax"]
assert "lark" not in sys.modules, "the grammar was built"
import nbformat                      # notebooks still validate, without the grammar
nbformat.validate(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]))
assert "lark" not in sys.modules, "validating a notebook built the grammar"
from jsonschema import Draft202012Validator
v = Draft202012Validator({"type": "string", "format": "iri"},
                         format_checker=Draft202012Validator.FORMAT_CHECKER)
assert v.is_valid("http://exämple.org/ü") and not v.is_valid("not an iri")
assert sys.modules["rfc3987_syntax"] is not stub and "lark" in sys.modules
import rfc3987_syntax
assert rfc3987_syntax.is_valid_syntax("iri", "https://a.vn/x")
print("ok")
"""


def test_papermill_and_nbconvert_load_without_the_iri_grammar():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.stdout.strip() == "ok", result.stderr[-2000:]


def test_the_engine_module_can_be_a_process_first_import():
    """`import dtanalysis.runner.engine` before papermill: papermill loads its entry points
    while it is first imported, and ours pointed back into the half-built module
    (AttributeError: partially initialized module). Papermill ends with our engine class."""
    code = ("import dtanalysis.runner.engine as e\n"
            "from papermill.engines import papermill_engines\n"
            "assert papermill_engines.get_engine('dtanalysis') is e.DtanalysisEngine\n"
            "assert e.DtanalysisEngine is not None\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.returncode == 0, done.stderr
