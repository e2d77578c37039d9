"""What a dtanalysis process does first: `start()`, called by the command line (`cli.main`) and
by each Dask worker as it joins a run (`runner.distributed`), before Papermill or nbconvert are
imported. Nothing here runs at import.

`start` defers `rfc3987_syntax` (`defer_rfc3987_syntax`): nbformat, which Papermill and
nbconvert import, imports jsonschema, whose optional "iri" format checker imports
rfc3987_syntax when it is installed (JupyterLab's dependencies install it), and that module
builds a Lark grammar at import: about 2 of the 3 CPU seconds it cost to import Papermill and
nbconvert in every CLI run, Dask worker and test subprocess (measured: 2.9 → 1.0 s). Nothing
here validates an IRI; should anything, the real module is loaded at its first use.

Imports nothing from the package.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

_DEFERRED = "rfc3987_syntax"


def start() -> None:
    """The process's start-up steps (each does nothing when done already)."""
    defer_rfc3987_syntax()


class _Deferred(types.ModuleType):
    """Stands in for a module until one of its attributes is used, then loads it."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_load(self), name)


def _load(stub: types.ModuleType) -> types.ModuleType:
    if sys.modules.get(stub.__name__) is stub:
        del sys.modules[stub.__name__]
    return importlib.import_module(stub.__name__)


def defer_rfc3987_syntax() -> None:
    """Put a stand-in for rfc3987_syntax in `sys.modules` when it is installed and not yet
    imported: `from rfc3987_syntax import is_valid_syntax` then costs nothing, and a call to
    `is_valid_syntax` (or any attribute used) loads the real module."""
    if _DEFERRED in sys.modules or importlib.util.find_spec(_DEFERRED) is None:
        return
    stub = _Deferred(_DEFERRED)
    real = None

    def is_valid_syntax(*args, **kwargs):
        nonlocal real
        if real is None:
            real = _load(stub).is_valid_syntax
        return real(*args, **kwargs)

    stub.is_valid_syntax = is_valid_syntax
    sys.modules[_DEFERRED] = stub
