"""The server time of pages, in this process, with every cache cleared before
each request (the cold case a visitor meets after a change), beside each
page's query count and its slowest statements: a quicker check than
`make bench` for one page on an already seeded database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gentrack_bench \\
        python -m bench.server_time /countries/KE/ "/commitments/?smart_score_min=4&ordering=-progress"

`--warm` keeps the caches between requests. Runs with bench.settings (DEBUG
off), so the static files must have been collected once
(`DJANGO_SETTINGS_MODULE=bench.settings python manage.py collectstatic`).
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def fetch(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def measure(client, path, runs, warm):
    fetch(client, path)
    timings = []
    for _ in range(runs):
        if not warm:
            for alias in caches:
                caches[alias].clear()
        began = time.perf_counter()
        fetch(client, path)
        timings.append((time.perf_counter() - began) * 1000)
    if not warm:
        for alias in caches:
            caches[alias].clear()
    with CaptureQueriesContext(connection) as queries:
        fetch(client, path)
    slowest = sorted(queries.captured_queries, key=lambda query: -float(query["time"]))[:2]
    return statistics.median(timings), len(queries), slowest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warm", action="store_true", help="keep the caches between requests")
    options = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    for path in options.paths:
        median, count, slowest = measure(client, path, options.runs, options.warm)
        print(f"{median:8.1f} ms {count:4d} queries  {path}")
        for query in slowest:
            print(f"{'':10}{float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")


if __name__ == "__main__":
    main()
