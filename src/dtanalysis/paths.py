"""Every file and folder name of a project, computed from its root; nothing else hard-codes a
path. There must be no other dtanalysis import in this module: every layer reads it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ParameterError, ProjectError

# Raw inputs (data/raw/), read by `ingest`.
REGISTRY_FILE = "provinces_63_with_34_crosswalk.csv"
DTI_FACTS_FILE = "dti_press_facts_2020_2024.csv"
INDICATORS_FILE = "indicators.csv"
TARGETS_FILE = "targets.csv"
INDICATOR_CATALOGUE_FILE = "indicator_catalogue.csv"
SOURCES_FILE = "sources.csv"
COMPARISONS_FILE = "comparisons.csv"  # the groups `build` compares (`dtanalysis compare`)
# Processed outputs (data/processed/) besides the tables, written by `pipeline`.
MANIFEST = "manifest.json"
QUARANTINE = "quarantine.csv"
VALIDATION = "validation.json"
# Notebooks and report folders, per unit set.
PROVINCE_NOTEBOOK = "province_report.ipynb"
OVERVIEW_NOTEBOOK = "national_overview.ipynb"
COMPARE_NOTEBOOK = "compare.ipynb"
COMPARE_FOLDER = "compare"
REPORT_FOLDERS = {"63": "provinces", "34": "units-2025"}


def find_root(start: Path | str | None = None) -> Path:
    """The project root: `start` if given, else $DTANALYSIS_ROOT, else the nearest folder
    (the current one or a parent) holding `data/raw`, else the current folder (which
    `Paths.require_project` then refuses)."""
    if start is not None:
        if not isinstance(start, (str, os.PathLike)):
            raise ParameterError(f"root must be a folder's path, not {type(start).__name__} "
                               f"{str(start)[:40]!r}", hint="pass a str or pathlib.Path")
        return Path(start).resolve()
    env = os.environ.get("DTANALYSIS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "raw").is_dir():
            return folder
    return here


@dataclass(frozen=True)
class Paths:
    root: Path

    @classmethod
    def at(cls, root: Path | str | None = None) -> Paths:
        return cls(find_root(root))

    def require_project(self) -> Paths:
        """This Paths, or ProjectError when the root holds no `data/raw` (not a project)."""
        if not self.raw.is_dir():
            raise ProjectError(f"{self.root} is not a dtanalysis project (no data/raw folder)",
                               hint="run the command inside a project, or pass --root DIR")
        return self

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def raw_dti(self) -> Path:
        return self.raw / "dti"

    @property
    def raw_indices(self) -> Path:
        """The national indices: `catalogue.csv` and a folder per index."""
        return self.raw / "indices"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def expectations(self) -> Path:
        return self.root / "expectations"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def data_docs(self) -> Path:
        return self.reports / "data_docs"

    def report_folder(self, unit_set: str) -> Path:
        """reports/provinces (63 set) or reports/units-2025 (34 set)."""
        return self.reports / REPORT_FOLDERS[unit_set]

    def relative(self, path: Path) -> str:
        """A path as written in provenance columns: relative to the root, with slashes."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()
