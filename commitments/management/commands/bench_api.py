"""Time the partner API against a running server, on whatever its database
holds (`make bench` seeds it with seed_demo first).

    manage.py bench_api --url http://127.0.0.1:8005 --server-pid 1233
    manage.py bench_api --url http://127.0.0.1:8005 --pids 1234,1235 --filtered /api/v1/commitments/?scope=local

(docs/api.md, "Performance", has the figures and how they were measured.)

`--url` measures, through a real HTTP client: the median of 50 filtered list
pages, a full cursor pull, and a full CSV download with the server
processes' memory (VmRSS and peak VmHWM from /proc) before and after.
"""

import statistics
import time
import urllib.request

from django.core.management.base import BaseCommand, CommandError

BATCH = 5000
FILTERED = "/api/v1/commitments/?coalition=gender-based-violence&country=KE&page_size=50"


class Command(BaseCommand):
    help = "Time the API against a running server."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="Base URL of a running server to measure, e.g. http://127.0.0.1:8005")
        parser.add_argument("--pids", default="", help="Comma-separated server worker pids, to read their memory.")
        parser.add_argument(
            "--server-pid",
            type=int,
            help="Pid of the gunicorn master: its workers' memory is read (instead of --pids).",
        )
        parser.add_argument("--requests", type=int, default=50, help="Filtered list requests to time.")
        parser.add_argument(
            "--filtered", action="append", help=f"A list URL path to time; repeat for several. Default {FILTERED}"
        )
        parser.add_argument("--skip-csv", action="store_true")
        parser.add_argument("--skip-pull", action="store_true", help="Skip the full cursor pull.")

    def handle(self, *args, **options):
        if options["url"]:
            if not options["url"].startswith(("http://", "https://")):
                raise CommandError("--url must be an http:// or https:// address.")
            self.filtered = options["filtered"] or [FILTERED]
            pids = [int(pid) for pid in options["pids"].split(",") if pid.strip()]
            if options["server_pid"]:
                pids = children(options["server_pid"])
            self.measure(
                options["url"].rstrip("/"), pids, options["requests"], options["skip_csv"], options["skip_pull"]
            )

    def get(self, url):
        request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310 (our own server)
            return response.read()

    def measure(self, base, pids, count, skip_csv, skip_pull):
        import json

        for path in self.filtered:
            timings = []
            for _ in range(count):
                began = time.perf_counter()
                self.get(base + path)
                timings.append((time.perf_counter() - began) * 1000)
            self.stdout.write(
                f"list page ({path}): median {statistics.median(timings):.1f} ms over {count}, "
                f"first {timings[0]:.1f} ms, p90 {sorted(timings)[int(len(timings) * 0.9) - 1]:.1f} ms"
            )

        # One cursor page of 500 at increasing depths: a keyset page costs
        # the same wherever it starts.
        import base64

        for depth in (0, 10_000, 50_000, 90_000):
            cursor = base64.b64encode(f"p={depth}".encode()).decode()
            page_timings = []
            for _ in range(5):
                began = time.perf_counter()
                self.get(f"{base}/api/v1/commitments/?mode=cursor&page_size=500&cursor={cursor}")
                page_timings.append((time.perf_counter() - began) * 1000)
            self.stdout.write(f"cursor page of 500 after id {depth}: median {statistics.median(page_timings):.0f} ms")

        began, rows, pages = time.perf_counter(), 0, []
        url = None if skip_pull else base + "/api/v1/commitments/?mode=cursor&page_size=500"
        while url:
            page_began = time.perf_counter()
            body = json.loads(self.get(url))
            pages.append((time.perf_counter() - page_began) * 1000)
            rows += len(body["results"])
            url = body["next"]
        elapsed = time.perf_counter() - began
        if rows:
            # A page must cost the same at the end of the pull as at its
            # start: compare the first and the last tenth of the pages.
            tenth = max(1, len(pages) // 10)
            self.stdout.write(
                f"cursor pull: {rows} rows in {elapsed:.1f} s ({rows / elapsed:.0f} rows/s, "
                f"{elapsed / rows * 10_000:.2f} s per 10,000 rows); median page "
                f"{statistics.median(pages[:tenth]):.0f} ms in the first tenth, "
                f"{statistics.median(pages[-tenth:]):.0f} ms in the last"
            )

        if skip_csv:
            return
        before = {pid: memory(pid) for pid in pids}
        began, size, lines = time.perf_counter(), 0, 0
        request = urllib.request.Request(base + "/api/v1/commitments/?format=csv")  # noqa: S310
        with urllib.request.urlopen(request, timeout=3600) as response:  # noqa: S310 (our own server)
            while chunk := response.read(1 << 16):
                size += len(chunk)
                lines += chunk.count(b"\n")
        elapsed = time.perf_counter() - began
        self.stdout.write(f"CSV: {lines - 1} rows (about), {size / 1e6:.1f} MB in {elapsed:.1f} s")
        for pid in pids:
            after = memory(pid)
            self.stdout.write(
                f"  pid {pid}: VmRSS {before[pid]['VmRSS'] / 1024:.0f} -> {after['VmRSS'] / 1024:.0f} MB, "
                f"peak VmHWM {before[pid]['VmHWM'] / 1024:.0f} -> {after['VmHWM'] / 1024:.0f} MB"
            )


def children(pid):
    """The worker processes of a gunicorn master."""
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return [int(child) for child in listing.read().split()]


def memory(pid):
    """VmRSS and VmHWM of a process, in kB."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values
