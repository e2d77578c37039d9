"""Whether a report must run: its inputs (data version, notebook, parameters, package version
and code) hashed, and compared with what its record says the page was made from."""

from __future__ import annotations

import hashlib
import json

from .. import __version__
from ..records import OK, read_record
from .context import RunContext
from .jobs import Job


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inputs_hash(job: Job, ctx: RunContext) -> str:
    """The hash of what the report is made from (the notebook's bytes read once per run)."""
    digest = ctx.notebook_digests.get(job.notebook)
    if digest is None:
        digest = ctx.notebook_digests[job.notebook] = sha256(job.notebook.read_bytes())
    payload = {"data": ctx.data_version, "notebook": digest, "parameters": job.parameters,
               "version": __version__, "code": ctx.code_digest, "with_code": ctx.with_code}
    return sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())


def is_fresh(job: Job, ctx: RunContext) -> bool:
    """The job's record says ok for the same inputs, and its page is the very file that run
    wrote: same size and modification time as recorded (a stat, not a hash: a rebuild with
    nothing changed stays fast). A page truncated, rewritten or replaced by a run killed
    before its record was written is not up to date."""
    record = read_record(job.record)
    if not (record.get("status") == OK and record.get("inputs_hash") == inputs_hash(job, ctx)):
        return False
    try:
        stat = job.html.stat()
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == (record.get("html_bytes"),
                                                record.get("html_mtime_ns"))
