"""Time the public catalogue at scale, on whatever the database holds.

    manage.py seed_demo --size 100000   # on an empty PostgreSQL database
    manage.py bench_catalogue

The timings run requests through the whole Django stack (middleware, view,
templates) with the test client and DEBUG off, and print the median and the
slowest of each. `make bench` runs it on seed_demo data.
"""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client

from commitments.models import Commitment


class Command(BaseCommand):
    help = "Time the catalogue pages on the commitments the database holds."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=20, help="Requests per URL (median reported).")

    def handle(self, *args, requests, **options):
        total = Commitment.objects.public().count()
        self.stdout.write(f"public commitments in the database: {total}")
        self.time_pages(requests)

    # Timing ---------------------------------------------------------------------

    def time_pages(self, requests):
        # Query logging and debug pages would slow every request down.
        settings.DEBUG = False
        client = Client()
        urls = [
            "/commitments/",
            "/commitments/?page=2",
            "/commitments/?coalition=technology-and-innovation&country=KE",
            "/commitments/?coalition=gender-based-violence&region=africa&commitment_type=financial&ordering=-financial_amount_usd",
            "/commitments/?search=digital+girls",
            "/commitments/?per_page=100&page=100",
            "/",
        ]
        self.stdout.write(f"{'URL':<100} {'median ms':>10} {'max ms':>8}")
        for url in urls:
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    self.stderr.write(f"{url} answered {response.status_code}")
                    break
            self.stdout.write(f"{url:<100} {statistics.median(timings):>10.1f} {max(timings):>8.1f}")
        self.stdout.write("(the first request of each URL fills the count cache; the median is what a visitor sees)")
