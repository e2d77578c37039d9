"""What every report of one run shares (`RunContext`), how one report ended (`Outcome`), and
who hears of it (`Progress`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import ProjectError
from ..identity import code_digest, git_commit
from ..paths import Paths
from ..pipeline.store import manifest, require_intact
from .jobs import Job

__all__ = ["DEFAULT_CELL_TIMEOUT", "DEFAULT_REPORT_TIMEOUT", "Outcome", "Progress",
           "RunContext"]


@dataclass
class Outcome:
    job: Job
    status: str          # one of records.OUTCOMES: OK, FAILED, SKIPPED
    seconds: float = 0.0
    error: str | None = None
    worker: str | None = None      # where it ran, on a cluster (`runner.distributed`)
    retried: tuple[str, ...] = ()  # on a cluster: why it was moved from a worker, per move


# Time limits of one report (seconds): far above a real report's few seconds, low enough that a
# hung notebook cannot stall a build for long. `--cell-timeout` / `--report-timeout`; 0: none.
DEFAULT_CELL_TIMEOUT = 300.0
DEFAULT_REPORT_TIMEOUT = 900.0


@dataclass
class RunContext:
    """What every report of one run shares: paths, data version, code identity."""
    paths: Paths
    data_version: str
    commit: str | None
    code_digest: str
    with_code: bool = False
    pdf: bool = False  # a PDF will be printed beside each page: the page links it
    # each notebook's sha256, read once per run (`freshness.inputs_hash`)
    notebook_digests: dict[Path, str] = field(default_factory=dict)
    cell_timeout: float | None = DEFAULT_CELL_TIMEOUT     # seconds; None: no limit
    report_timeout: float | None = DEFAULT_REPORT_TIMEOUT  # seconds; None: no limit

    @classmethod
    def create(cls, paths: Paths, with_code: bool = False,
               cell_timeout: float | None = DEFAULT_CELL_TIMEOUT,
               report_timeout: float | None = DEFAULT_REPORT_TIMEOUT,
               pdf: bool = False) -> RunContext:
        """The run's context; ProjectError when data/processed is missing, or damaged (a file
        that no longer matches its manifest: the reports would trust it)."""
        version = manifest(paths).get("data_version")
        if not version:
            raise ProjectError("no processed data", hint="run `dtanalysis clean` first")
        require_intact(paths)
        return cls(paths, version, git_commit(paths.root), code_digest(), with_code, pdf,
                   cell_timeout=cell_timeout or None, report_timeout=report_timeout or None)

    def kernel_env(self) -> dict[str, str]:
        """What a report kernel of this project gets added to its environment."""
        return kernel_env(self.paths)


def kernel_env(paths: Paths) -> dict[str, str]:
    """What a report kernel of the project at `paths` gets added to its environment."""
    return {"DTANALYSIS_ROOT": str(paths.root)}


class Progress(Protocol):
    """Told how many reports a run has, then of each as it ends (one call at a time)."""

    def start(self, total: int) -> None: ...

    def update(self, outcome: Outcome) -> None: ...
