"""Every expected error of dtanalysis derives from `DtanalysisError`.

An expected error is one a user can fix: a raw file that cannot be read, an unknown province, a
parameter the notebook does not take, a project folder without `data/raw`, a build already
running. The command line prints it as one line, `error: …`, and exits 2; anything else that
escapes is a bug and keeps its traceback.

A message says which file, which row and what to do, in that order, so that one line is enough:
`data/raw/dti/dti-2023-63.csv, row 7: rank 'x' is not a whole number; fix the cell or remove
the row`. Pass the parts as keywords and `str()` composes them.

This module imports nothing from the package: every layer may raise these.
"""

from __future__ import annotations

from pathlib import Path


class DtanalysisError(Exception):
    """An expected error, shown to the user as one line.

    `path` (the file concerned, as the user knows it), `row` (1-based line or sheet row) and
    `hint` (what to do) are optional; `str()` puts them around the message."""

    def __init__(self, message: str, *, path: str | Path | None = None, row: int | None = None,
                 hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.row = row
        self.hint = hint

    def __str__(self) -> str:
        where = self.path or ""
        if self.row is not None:
            where = f"{where}, row {self.row}" if where else f"row {self.row}"
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}; {self.hint}" if self.hint else text


class ProjectError(DtanalysisError):
    """The folder is not a dtanalysis project, or a stage it needs has not run yet."""


class InputError(DtanalysisError, ValueError):
    """A raw file (or one of its rows) that cannot be read as it is."""


class ProvinceError(DtanalysisError, ValueError):
    """A name that resolves to no unit, or to more than one."""

    def __init__(self, message: str, given: object = None, suggestions: tuple[str, ...] = (),
                 **where):
        super().__init__(message, **where)
        self.given = given
        self.suggestions = suggestions


class UnknownProvince(ProvinceError):
    """No unit of the set has this name."""


class SeveralProvinces(ProvinceError):
    """The text names several units at once ("Cao Bằng / Quảng Trị")."""


class ParameterError(DtanalysisError, ValueError):
    """A report parameter or command-line option that cannot be used."""


class SuiteError(DtanalysisError, ValueError):
    """An expectation suite that cannot be used as written."""


class ValidationFailed(DtanalysisError):
    """Validation of the processed tables failed; `report` holds the details."""

    def __init__(self, message: str, report=None, **where):
        super().__init__(message, **where)
        self.report = report


class BusyError(DtanalysisError):
    """Another dtanalysis run holds the project's lock."""


class ClusterError(DtanalysisError):
    """The Dask scheduler named by `--scheduler` cannot be reached or used."""


class StorageError(DtanalysisError):
    """The disk refused a write: full, over a size limit, read-only, or not permitted. What
    was there before is left as it was."""
