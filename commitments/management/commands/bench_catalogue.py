"""Time the public catalogue at scale.

    manage.py bench_catalogue --create 100000   # bulk-create approved commitments, then time
    manage.py bench_catalogue                   # time what the database holds

Creation uses bulk_create for the commitments and their many-to-many rows
(coalitions, action areas, themes, countries) and a few progress reports, so
100,000 commitments take a minute or two rather than hours. The timings run
requests through the whole Django stack (middleware, view, templates) with
the test client and DEBUG off, and print the median and the slowest of each.
Run it only against a database you can throw away.
"""

import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client

from coalitions.models import ActionArea, ActionCoalition, Country, Theme
from commitments.models import Commitment, CommitmentMaker, Constituency, Scope
from reporting.models import ImplementationStatus, ProgressReport, ReportingCycle

WORDS = (
    "digital skills girls women shelters survivors hotline land rights care economy climate justice "
    "leadership youth activists funding feminist movements data accountability health services "
    "education scholarships rural entrepreneurs credit markets violence prevention online safety"
).split()


class Command(BaseCommand):
    help = "Bulk-create approved commitments (optional) and time the catalogue pages."

    def add_arguments(self, parser):
        parser.add_argument("--create", type=int, default=0, help="How many approved commitments to add first.")
        parser.add_argument("--requests", type=int, default=20, help="Requests per URL (median reported).")
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, create, requests, seed, **options):
        rng = random.Random(seed)
        if create:
            started = time.perf_counter()
            self.create(create, rng)
            self.stdout.write(f"created {create} commitments in {time.perf_counter() - started:.1f} s")
        total = Commitment.objects.public().count()
        self.stdout.write(f"public commitments in the database: {total}")
        self.time_pages(requests)

    # Data ---------------------------------------------------------------------

    def create(self, count, rng):
        coalitions = list(ActionCoalition.objects.all())
        areas = {}
        for area in ActionArea.objects.all():
            areas.setdefault(area.coalition_id, []).append(area.pk)
        themes = list(Theme.objects.values_list("pk", flat=True))
        countries = list(Country.objects.values_list("code", flat=True))
        constituencies = list(Constituency.values)
        scopes = list(Scope.values)
        with transaction.atomic():
            makers = CommitmentMaker.objects.bulk_create(
                [
                    CommitmentMaker(
                        name=f"Bench organisation {n} {rng.choice(WORDS).title()}",
                        constituency=rng.choice(constituencies),
                        country_id=rng.choice(countries),
                    )
                    for n in range(max(1, count // 20))
                ],
                batch_size=2000,
            )
            now = datetime.now(UTC)
            cycle = self.latest_cycle()
            batch = 5000
            for start in range(0, count, batch):
                rows = []
                for _ in range(min(batch, count - start)):
                    financial = rng.random() < 0.4
                    start_year = rng.randint(2021, 2025)
                    rows.append(
                        Commitment(
                            maker=rng.choice(makers),
                            title=" ".join(rng.choice(WORDS) for _ in range(6)).capitalize(),
                            description=" ".join(rng.choice(WORDS) for _ in range(60)),
                            is_programme=not financial or rng.random() < 0.5,
                            is_financial=financial,
                            is_policy=rng.random() < 0.2,
                            financial_amount_usd=rng.randint(1, 5000) * 1000 if financial else None,
                            scope=rng.choice(scopes),
                            start_year=start_year,
                            end_year=start_year + rng.randint(0, 5),
                            status=Commitment.Status.APPROVED,
                            published_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 900)),
                        )
                    )
                created = Commitment.objects.bulk_create(rows, batch_size=batch)
                self.link(created, coalitions, areas, themes, countries, rng)
                if cycle:
                    ProgressReport.objects.bulk_create(
                        [
                            ProgressReport(
                                commitment=commitment,
                                cycle=cycle,
                                implementation_status=rng.choice(ImplementationStatus.values),
                                status=ProgressReport.Status.SUBMITTED,
                                people_reached=rng.randint(0, 50000),
                            )
                            for commitment in created
                            if rng.random() < 0.4
                        ],
                        batch_size=batch,
                    )
            Commitment.objects.filter(reference__isnull=True, amends__isnull=True).assign_missing_references()

    def latest_cycle(self):
        year = date.today().year
        cycle, _ = ReportingCycle.objects.get_or_create(
            year=year, defaults={"opens_on": date(year, 1, 15), "closes_on": date(year, 12, 31)}
        )
        return cycle

    def link(self, commitments, coalitions, areas, themes, countries, rng):
        through = Commitment.coalitions.through
        area_through = Commitment.action_areas.through
        theme_through = Commitment.themes.through
        country_through = Commitment.countries.through
        links, area_links, theme_links, country_links = [], [], [], []
        for commitment in commitments:
            chosen = rng.sample(coalitions, rng.choice((1, 1, 1, 2, 3)))
            for coalition in chosen:
                links.append(through(commitment_id=commitment.pk, actioncoalition_id=coalition.pk))
                for area in rng.sample(areas.get(coalition.pk, []), min(1, len(areas.get(coalition.pk, [])))):
                    area_links.append(area_through(commitment_id=commitment.pk, actionarea_id=area))
            for theme in rng.sample(themes, rng.randint(0, 2)):
                theme_links.append(theme_through(commitment_id=commitment.pk, theme_id=theme))
            for country in rng.sample(countries, rng.randint(1, 3)):
                country_links.append(country_through(commitment_id=commitment.pk, country_id=country))
        through.objects.bulk_create(links, batch_size=10000)
        area_through.objects.bulk_create(area_links, batch_size=10000)
        theme_through.objects.bulk_create(theme_links, batch_size=10000)
        country_through.objects.bulk_create(country_links, batch_size=10000)

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
