"""make bench: every request timed through gunicorn (median and p90), beside
its query count, the time of the very same SQL run directly through psycopg
(the floor) and the same request against a plain DRF viewset over the same
models (bench/plain_drf.py). Writes the table to docs/performance.md.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.measure --url http://127.0.0.1:8399 --server-pid 1234

The query count and the SQL come from running each request once more inside
this process (test client, queries captured, COPY statements included); the
floor runs those statements on a connection of its own, results fetched and
thrown away, and takes the median of five runs. Memory is read from
/proc of the gunicorn workers, the processes that do the work.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
import urllib.request

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from commitments.models import Commitment  # noqa: E402

API = "/api/v1/commitments/"
PLAIN = "/bench-plain/commitments/"
# (what, our path, the plain-DRF peer's path or None, timed requests)
REQUESTS = [
    ("API page of 50", f"{API}?page_size=50", f"{PLAIN}?page_size=50", 30),
    (
        "API coalition=gender-based-violence&country=KE",
        f"{API}?coalition=gender-based-violence&country=KE&page_size=50",
        f"{PLAIN}?coalitions__slug=gender-based-violence&countries__code=KE&page_size=50",
        30,
    ),
    ("API scope=local", f"{API}?scope=local&page_size=50", f"{PLAIN}?scope=local&page_size=50", 30),
    (
        "API ordering=-financial_amount_usd",
        f"{API}?ordering=-financial_amount_usd&page_size=50",
        f"{PLAIN}?ordering=-financial_amount_usd&page_size=50",
        20,
    ),
    ("API cursor page of 1,000", f"{API}?mode=cursor&page_size=1000", f"{PLAIN}?page_size=1000", 10),
    ("catalogue /commitments/", "/commitments/", None, 20),
    ("catalogue ordering=title", "/commitments/?ordering=title", None, 20),
    ("catalogue smart_score_min=4&ordering=-progress", "/commitments/?smart_score_min=4&ordering=-progress", None, 20),
    ("catalogue in Arabic", "/ar/commitments/", None, 20),
    ("countries index /countries/", "/countries/", None, 30),
    ("country page /countries/KE/", "/countries/KE/", None, 30),
    ("dashboard /", "/", None, 30),
    ("coalition page", "/coalitions/gender-based-violence/", None, 30),
]


def get(url, accept="application/json"):
    request = urllib.request.Request(url, headers={"Accept": accept})  # noqa: S310
    with urllib.request.urlopen(request, timeout=3600) as response:  # noqa: S310 (our own server)
        return response.read()


def timed(base, path, count):
    get(base + path)  # warm: the count cache, the worker's imports
    timings = []
    for _ in range(count):
        began = time.perf_counter()
        get(base + path)
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.9) - 1)]


class Recorder:
    """The SQL a request runs, COPY included."""

    def __init__(self):
        self.copies = []

    def __enter__(self):
        self.original = psycopg.Cursor.copy
        recorder = self

        def copy(cursor, statement, params=None, **kwargs):
            recorder.copies.append((statement, params))
            return recorder.original(cursor, statement, params, **kwargs)

        psycopg.Cursor.copy = copy
        return self

    def __exit__(self, *exc):
        psycopg.Cursor.copy = self.original


def statements(path):
    client = Client(HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as queries, Recorder() as recorder:
        response = client.get(path)
        if response.streaming:
            for _ in response.streaming_content:
                pass
    assert response.status_code == 200, (path, response.status_code)
    sql = [query["sql"] for query in queries.captured_queries]
    return sql, recorder.copies


def floor(dsn, sql, copies, runs=5):
    totals = []
    with psycopg.ClientCursor(psycopg.connect(dsn, autocommit=True)) as cursor:
        for _ in range(runs):
            began = time.perf_counter()
            for statement in sql:
                cursor.execute(statement)
                if cursor.description:
                    cursor.fetchall()
            for statement, params in copies:
                with cursor.copy(statement, params) as copy:
                    for _ in copy:
                        pass
            totals.append((time.perf_counter() - began) * 1000)
    return statistics.median(totals)


def memory(pid):
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values


def children(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return [int(child) for child in listing.read().split()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--output", default="docs/performance.md")
    options = parser.parse_args()
    base = options.url.rstrip("/")
    dsn = settings.DATABASES["default"]
    dsn = f"host={dsn['HOST']} port={dsn['PORT'] or 5432} dbname={dsn['NAME']} user={dsn['USER']}"
    public = Commitment.objects.public().count()
    rows = []
    for what, path, peer, count in REQUESTS:
        median, p90 = timed(base, path, count)
        sql, copies = statements(path)
        low = floor(dsn, sql, copies)
        peer_median = timed(base, peer, max(3, count // 3))[0] if peer else None
        rows.append((what, median, p90, len(sql) + len(copies), low, peer_median))
        print(f"{what}: median {median:.0f} ms, p90 {p90:.0f} ms, {len(sql)} queries, floor {low:.0f} ms", flush=True)

    # The bulk paths: a full cursor pull and a full CSV, with the memory of
    # the worker that served it.
    began, pulled, url = time.perf_counter(), 0, f"{base}{API}?mode=cursor&page_size=1000"
    while url:
        body = json.loads(get(url))
        pulled += len(body["results"])
        url = body["next"]
    pull_rate = pulled / (time.perf_counter() - began)
    peer_pull_rate = 1000 / (timed(base, f"{PLAIN}?page_size=1000", 3)[0] / 1000)

    workers = children(options.server_pid)
    before = {pid: memory(pid) for pid in workers}
    began, size, lines = time.perf_counter(), 0, 0
    request = urllib.request.Request(f"{base}{API}?format=csv")  # noqa: S310
    with urllib.request.urlopen(request, timeout=3600) as response:  # noqa: S310
        while chunk := response.read(1 << 16):
            size += len(chunk)
            lines += chunk.count(b"\r\n")
    csv_seconds = time.perf_counter() - began
    growth = max(memory(pid)["VmHWM"] - before[pid]["VmRSS"] for pid in workers)
    sql, copies = statements(f"{API}?format=csv")
    csv_floor = floor(dsn, sql, copies, runs=1)

    table = [
        "| request | median ms | p90 ms | queries | SQL floor ms | ÷ floor | plain DRF median ms | DRF ÷ ours |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for what, median, p90, queries, low, peer_median in rows:
        peer_text = f"{peer_median:.0f} | {peer_median / median:.1f}×" if peer_median else "— | —"
        table.append(
            f"| {what} | {median:.0f} | {p90:.0f} | {queries} | {low:.0f} | {median / low:.1f}× | {peer_text} |"
        )
    bulk = [
        f"- cursor pull of every public commitment, 1,000 a page: {pulled:,} rows at {pull_rate:,.0f} rows/s "
        f"(plain DRF, pages of 1,000 with nested serializers: {peer_pull_rate:,.0f} rows/s; "
        f"ours {pull_rate / peer_pull_rate:.1f}× as fast)",
        f"- CSV of every public commitment: {lines - 1:,} rows, {size / 1e6:.0f} MB in {csv_seconds:.1f} s, "
        f"{(lines - 1) / csv_seconds:,.0f} rows/s; its COPY alone through psycopg {csv_floor / 1000:.1f} s "
        f"({csv_seconds * 1000 / csv_floor:.1f}× the floor); the serving worker's memory grew {growth:.0f} MB "
        "(peak VmHWM during the download minus VmRSS before)",
    ]
    text = "\n".join(
        [
            "# Performance",
            "",
            "Written by `make bench` (bench/run.sh, bench/measure.py): gunicorn with 2 workers and DEBUG off "
            f"on PostgreSQL, {public:,} public commitments ({Commitment.objects.count():,} in all), "
            f"on {platform.node()} ({os.cpu_count()} cores), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
            f"load average at the end {os.getloadavg()[0]:.1f} (anything above the core count means other "
            "work shared the machine and every figure is slower than it would be alone).",
            "",
            "Medians and p90 over repeated requests from one client after a warm-up. Queries: what the request "
            "runs, counted in-process. SQL floor: the same statements run directly through psycopg, results "
            "fetched (the API's cached count is part of the floor, so a ratio below 1 means the cache saved "
            "the count). Plain DRF: bench/plain_drf.py, nested ModelSerializers with PageNumberPagination.",
            "",
            *table,
            "",
            *bulk,
            "",
        ]
    )
    with open(options.output, "w") as out:
        out.write(text)
    print(text)


if __name__ == "__main__":
    sys.exit(main())
