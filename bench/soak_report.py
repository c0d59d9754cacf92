"""The report of `make soak` (bench/soak.py): what was sent, what failed
near a fault and outside, latencies as the clients saw them and inside
gunicorn, and the workers' memory over the run."""

import statistics
from dataclasses import dataclass


@dataclass
class Run:
    """How the soak was run, as the report states it."""

    seconds: int
    rate: float
    threads: int
    size: int
    fault_grace: float
    kinds: list
    memory_growth_allowed: float


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def kind_of(method, path):
    if method in ("POST", "PATCH"):
        return "write"
    if not path.startswith("/api/"):
        return "catalogue"
    if "format=csv" in path:
        return "csv"
    return "cursor" if "mode=cursor" in path or "cursor=" in path else "api_list"


def server_times(access_log):
    """Milliseconds each request took inside gunicorn, per kind, from the
    access log (its lines end with the duration: gentrack/gunicorn.conf.py)."""
    times = {}
    for line in access_log.read_text().splitlines():
        try:
            method, path = line.split('"')[1].split()[:2]
            ms = int(line.rsplit(" ", 1)[1].removesuffix("ms"))
        except (IndexError, ValueError):
            continue
        times.setdefault(kind_of(method, path), []).append(ms)
    return times


def report(run, samples, faults, memory, killed, celery_alive, left, served):
    def in_fault(sample):
        """In flight at any moment from the fault's start to fault_grace
        seconds after its end."""
        begun, ended = sample.at, sample.at + sample.ms / 1000
        return any(begun <= end + run.fault_grace and ended >= start for _name, start, end in faults)

    lines = [
        f"Soak: {run.seconds} s at {run.rate:g} requests/s from {run.threads} threads, gunicorn 2 sync workers, "
        f"DEBUG=false, a database seeded by seed_demo --size {run.size:,} when it was created.",
        "",
        "Faults: " + "; ".join(f"{name} at {start:.0f} s (back by {end:.0f} s)" for name, start, end in faults),
        f"A failure counts as near a fault if the request was in flight between its start and {run.fault_grace:g} s after its end.",
        f"Sent {len(samples):,} requests in {run.seconds} s: {len(samples) / run.seconds:.1f} a second (target {run.rate:g}; "
        "each thread waits for its answer, so a slow server gets fewer).",
        "",
        "| kind | requests | failed near a fault | failed outside | p50 ms | p99 ms | max ms | in gunicorn p50 | p99 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lost_outside = 0
    for kind in [*run.kinds, "all"]:
        rows = [s for s in samples if kind in (s.kind, "all")]
        failed = [s for s in rows if s.error]
        near = sum(1 for s in failed if in_fault(s))
        outside = len(failed) - near
        if kind != "all":
            lost_outside += outside
        ok_ms = [s.ms for s in rows if not s.error]
        inside = [ms for name, values in served.items() if kind in (name, "all") for ms in values]
        lines.append(
            f"| {kind} | {len(rows):,} | {near} | {outside} | {statistics.median(ok_ms) if ok_ms else float('nan'):.0f} "
            f"| {percentile(ok_ms, 0.99):.0f} | {max(ok_ms, default=float('nan')):.0f} "
            f"| {percentile(inside, 0.5):.0f} | {percentile(inside, 0.99):.0f} |"
        )
    lines.append("")
    lines.append(
        "Latencies: as the clients saw them (answered requests, waiting for a free worker included), "
        "and inside gunicorn (every request, from its access log)."
    )
    lines.append("")
    lines.append("Failures by what came back:")
    by_error = {}
    for s in samples:
        if s.error:
            where = "near a fault" if in_fault(s) else "OUTSIDE the faults"
            by_error.setdefault((s.kind, s.error, where), []).append(s.at)
    for (kind, error, where), ats in sorted(by_error.items()):
        lines.append(f"- {kind}: {len(ats)} × {error}, {where} (at {min(ats):.0f}–{max(ats):.0f} s)")
    if not by_error:
        lines.append("- none")
    outside_paths = [f"{s.at:.1f} s {s.path}: {s.error}" for s in samples if s.error and not in_fault(s)]
    if outside_paths:
        lines += ["", "Outside the faults:", *(f"- {line}" for line in outside_paths[:20])]

    lines += ["", "Memory (VmRSS, MiB) of the gunicorn workers, sampled every few seconds:", ""]
    lines += [
        "| worker | born at s | after warm-up | middle | end | growth |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    flat = True
    for pid, points in memory.items():
        born = points[0][0]
        warm = [rss for at, rss in points if at >= born + min(30, run.seconds / 10)] or [points[-1][1]]
        middle = points[len(points) // 2][1]
        end = points[-1][1]
        growth = (end - warm[0]) / warm[0]
        name = "celery worker" if pid == "celery" else f"pid {pid}" + (" (killed)" if pid == killed else "")
        lasted = points[-1][0] - born
        if pid != "celery" and pid != killed and lasted >= run.seconds / 3 and growth > run.memory_growth_allowed:
            flat = False
        lines.append(
            f"| {name} | {born:.0f} | {warm[0] / 1024:.1f} | {middle / 1024:.1f} | {end / 1024:.1f} | {growth:+.0%} |"
        )
    lines.append("")
    lines.append(
        "Memory flat (every worker that served a third of the run or more ends within "
        f"+{run.memory_growth_allowed:.0%} of its size after warm-up): {'yes' if flat else 'NO'}."
    )
    lines.append(
        f"The Celery worker survived the Redis restart: {'yes' if celery_alive else 'NO'}; "
        f"messages left in its queue 20 s after the load: {left}."
    )
    lines.append(
        f"Requests failed outside the fault windows: {lost_outside}."
        + (" PASS" if lost_outside == 0 and flat else " FAIL")
    )
    return "\n".join(lines), lost_outside == 0 and flat
