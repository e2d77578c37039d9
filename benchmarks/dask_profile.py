"""Where a Dask run's time goes, against the local runner (issue #11).

    python benchmarks/dask_profile.py ROOT local [--provinces N] [--workers 2]
    python benchmarks/dask_profile.py ROOT dask  [--provinces N] [--workers 2] [--runs R]

Runs the first N province reports of the 63 set (`--force`), on `--workers` warm kernels
(`local`) or on a LocalCluster of that many worker processes (`dask`, as `--scheduler
local:N`), and prints one JSON line: the phases' wall times (import of distributed, cluster
start, payload, scatter, each report's run on its worker and the client's `store`, cluster
close), every worker-side step (materialise, kernel start, execute, read back) timed on the
worker itself, and the CPU seconds of every process of the run by role (this process, with
the LocalCluster's scheduler in it; nannies; worker processes; kernels), sampled from /proc.
`--runs R` runs the same reports R times on the same cluster (the second run shows what a
cluster already holding the payload costs).

Timings come from wrappers put around the runner's functions here and, on the workers, by
`Client.run`: the code measured is the package's own.
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from collections import defaultdict
from pathlib import Path

T0 = time.perf_counter()
CLK = os.sysconf("SC_CLK_TCK")


def now() -> float:
    return round(time.perf_counter() - T0, 3)


# ------------------------------------------------------------------- CPU by process, /proc


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLK  # utime + stime


def _role(pid: int) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"
    if "ipykernel" in cmd:
        return "kernel"
    if "multiprocessing" in cmd or "spawn_main" in cmd:
        return "dask-process"  # nanny or worker: told apart by depth below
    return "other:" + cmd[:60]


class CpuSampler(threading.Thread):
    """Samples the CPU seconds of this process and all its descendants every `every` s; a
    process's last sample is its figure (a process that ended loses < `every` s)."""

    def __init__(self, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.every, self.seen, self.stop = every, {}, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(self.every)

    def sample(self) -> None:
        me = os.getpid()
        todo = [(me, 0)]
        while todo:
            pid, depth = todo.pop()
            cpu = _cpu(pid)
            if cpu is None:
                continue
            known = self.seen.get(pid, ("?", 0))[0]
            # a child is first seen as a copy of its parent (forked, not yet exec'd): only
            # what it has become for good is kept
            role = ("client" if pid == me else known if known in ("kernel", "worker")
                    else _role(pid))
            if role == "dask-process":
                role = "worker" if depth == 1 else "worker-child"
            self.seen[pid] = (role, cpu)
            todo += [(c, depth + 1) for c in _children(pid)]

    def by_role(self) -> dict:
        """CPU seconds by role so far."""
        self.sample()
        out: dict = defaultdict(float)
        for role, cpu in self.seen.values():
            out[role] += cpu
        return {k: round(v, 2) for k, v in sorted(out.items())}


# ------------------------------------------------------------------- worker-side wrappers


def _install_worker_timers() -> str:
    """On a worker (by Client.run): time materialise, kernel start, execute, run_remote."""
    import time as _t

    from dtanalysis.runner import remote, slots

    if getattr(remote, "_profiled", False):
        return "already"
    remote._profiled, remote._timings = True, []

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = _t.time()
            try:
                return fn(*args, **kwargs)
            finally:
                remote._timings.append((name, start, _t.time()))
        return wrapper

    remote.materialise = timed("materialise", remote.materialise)
    remote.execute = timed("execute", remote.execute)
    slots.WarmKernel = timed("kernel_start", slots.WarmKernel)
    remote.run_remote = timed("run_remote", remote.run_remote)
    return "ok"


def _worker_timings() -> list:
    from dtanalysis.runner import remote

    return getattr(remote, "_timings", [])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("mode", choices=("local", "dask"))
    parser.add_argument("--provinces", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    os.environ["DTANALYSIS_ROOT"] = args.root
    sampler = CpuSampler()
    sampler.start()
    events: list = []

    def mark(name: str, start: float, **extra) -> None:
        events.append({"what": name, "start": round(start - T0, 3), "end": now(), **extra})

    from dtanalysis.domain.registry import registry
    from dtanalysis.paths import Paths
    from dtanalysis.runner import execute as execute_module
    from dtanalysis.runner import pool, slots
    from dtanalysis.runner.context import RunContext
    from dtanalysis.runner.jobs import province_job

    paths = Paths.at(Path(args.root))
    ctx = RunContext.create(paths)
    names = [u.short_name for u in registry(paths.root).all("63")][:args.provinces]
    jobs = [province_job(ctx.paths, n) for n in names]
    result: dict = {"mode": args.mode, "reports": len(jobs), "workers": args.workers,
                    "loadavg_start": Path("/proc/loadavg").read_text().split()[:3]}

    def timed(name, fn):
        def wrapper(*a, **k):
            start = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                mark(name, start)
        return wrapper

    if args.mode == "local":
        slots.WarmKernel = timed("kernel_start", slots.WarmKernel)
        real_execute = execute_module.execute

        def execute(job, *a, **k):
            start = time.perf_counter()
            outcome = real_execute(job, *a, **k)
            mark("execute", start, slug=job.slug, status=outcome.status)
            return outcome
        execute_module.execute = execute
        result["cpu_before_run"] = sampler.by_role()
        result["runs"] = []
        for _ in range(args.runs):
            start = time.perf_counter()
            outcomes = pool.run_jobs(jobs, ctx, n_jobs=args.workers, force=True)
            mark("run_jobs", start)
            result.setdefault("cpu_after_run", []).append(sampler.by_role())
            result["runs"].append([o.status for o in outcomes])
    else:
        start = time.perf_counter()
        import distributed
        mark("import_distributed", start)
        from dtanalysis.runner import distributed as dist
        from dtanalysis.runner import remote

        dist.store = timed("store", dist.store)
        dist.Payload.of = classmethod(timed("payload_of", dist.Payload.of.__func__))
        real_scatter = distributed.Client.scatter
        distributed.Client.scatter = timed("scatter", real_scatter)
        real_submit = distributed.Client.submit
        submitted: dict = {}

        def submit(self, fn, *a, **k):
            future = real_submit(self, fn, *a, **k)
            submitted[future.key] = time.perf_counter()

            def done(f):
                events.append({"what": "future_done", "key": f.key, "at": now()})
            future.add_done_callback(done)
            return future
        distributed.Client.submit = submit
        start = time.perf_counter()
        with dist.dask_executor(f"local:{args.workers}") as reports:
            mark("cluster_start", start)
            result["cpu_cluster_started"] = sampler.by_role()
            start = time.perf_counter()
            reports.client.run(_install_worker_timers)
            mark("install_timers", start)
            result["cpu_timers_installed"] = sampler.by_role()
            result["runs"] = []
            for _ in range(args.runs):
                start = time.perf_counter()
                outcomes = pool.run_jobs(jobs, ctx, force=True, executor=reports)
                mark("run_jobs", start)
                result["runs"].append([o.status for o in outcomes])
                result.setdefault("cpu_after_run", []).append(sampler.by_role())
            offset = time.time() - time.perf_counter() + T0  # epoch of T0
            for address, rows in reports.client.run(_worker_timings).items():
                for name, begin, end in rows:
                    events.append({"what": "w:" + name, "worker": address[-5:],
                                   "start": round(begin - offset, 3),
                                   "end": round(end - offset, 3)})
            result["cpu_before_close"] = sampler.by_role()
            close = time.perf_counter()
        mark("cluster_close", close)
        del remote
    result["cpu"] = sampler.by_role()
    result["wall"] = now()
    result["loadavg_end"] = Path("/proc/loadavg").read_text().split()[:3]
    result["events"] = events
    summary: dict = defaultdict(lambda: [0, 0.0])
    for e in events:
        if "end" in e:
            summary[e["what"]][0] += 1
            summary[e["what"]][1] += e["end"] - e["start"]
    result["summary"] = {k: [n, round(s, 2)] for k, (n, s) in summary.items()}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
