"""Every path of the project, computed from its root; nothing else hard-codes a path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROCESSED_TABLES = (
    "provinces",
    "dti",
    "dti_aggregates",
    "indicators",
    "targets",
    "indicator_catalogue",
    "sources",
)


def find_root(start: Path | str | None = None) -> Path:
    """The project root: `start` if given, else $DTANALYSIS_ROOT, else the nearest folder
    (the current one or a parent) holding `data/raw`, else the current folder."""
    if start is not None:
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

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def raw_dti(self) -> Path:
        return self.raw / "dti"

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

    def relative(self, path: Path) -> str:
        """A path as written in provenance columns: relative to the root, with slashes."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()
