"""Measure how long compiling an accountability report takes, and how much
memory it needs, for a given number of commitments.

    python manage.py bench_report --sizes 10000,100000

For each size: removes the previous bench data, bulk-creates N approved
commitments (10 per maker) with their coalitions, action areas and countries
and 3N progress reports (one per commitment in each of three cycles), then
compiles the report of the last cycle in a fresh process — the way a worker
would — and prints its time and peak memory. Meant for a PostgreSQL database
of its own: it writes and deletes rows (makers named "Bench maker …").
"""

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from coalitions.models import ActionArea, ActionCoalition, Country
from commitments.models import Commitment, CommitmentMaker, Constituency, Scope
from reporting.models import AccountabilityReport, Challenge, ImplementationStatus, ProgressReport, ReportingCycle

BENCH_PREFIX = "Bench maker "
YEARS = (2022, 2023, 2024)
BATCH = 5000


class Command(BaseCommand):
    help = "Time the accountability report compile on N generated commitments and 3N progress reports."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="10000,100000", help="Comma-separated numbers of commitments.")
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument("--keep", action="store_true", help="Leave the last size's data in the database.")
        parser.add_argument("--compile-only", type=int, metavar="REPORT_ID", help=argparse_hidden())

    def handle(self, *args, sizes, seed, keep, compile_only=None, **options):
        if compile_only:
            return self.compile_in_this_process(compile_only)
        if connection.vendor != "postgresql":
            self.stderr.write(self.style.WARNING("Not PostgreSQL: the figures will not say much about production."))
        try:
            counts = [int(size) for size in sizes.split(",") if size.strip()]
        except ValueError:
            raise CommandError("--sizes takes whole numbers separated by commas, e.g. 10000,100000") from None
        results = []
        for count in counts:
            self.remove_bench_data()
            started = time.monotonic()
            cycle = self.generate(count, random.Random(seed))
            self.stdout.write(
                f"{count:,} commitments, {3 * count:,} progress reports generated in {time.monotonic() - started:.1f} s"
            )
            result = self.measure(cycle)
            result["commitments"] = count
            results.append(result)
            self.stdout.write(
                f"  compile: {result['seconds']:.2f} s (figures {result['figures_seconds']:.2f} s, "
                f"files {result['seconds'] - result['figures_seconds']:.2f} s), "
                f"peak memory {result['peak_rss_mb']:.0f} MB, {result['status']}"
            )
        if not keep:
            self.remove_bench_data()
        if len(results) >= 2:
            small, large = results[0], results[-1]
            self.stdout.write(
                f"time ratio {large['commitments'] // small['commitments']}x data: "
                f"{large['seconds'] / small['seconds']:.1f}x total, "
                f"{large['figures_seconds'] / small['figures_seconds']:.1f}x figures"
            )
        self.stdout.write(json.dumps(results))

    # Generation ---------------------------------------------------------------

    def generate(self, count, rng):
        cycles = [
            ReportingCycle.objects.get_or_create(
                year=year, defaults={"opens_on": date(year, 1, 15), "closes_on": date(year, 3, 31)}
            )[0]
            for year in YEARS
        ]
        countries = list(Country.objects.values_list("code", flat=True))
        coalitions = list(ActionCoalition.objects.values_list("id", flat=True))
        areas = {}
        for area_id, coalition_id in ActionArea.objects.values_list("id", "coalition_id"):
            areas.setdefault(coalition_id, []).append(area_id)
        constituencies = Constituency.values
        scopes = Scope.values
        statuses = ["accepted"] * 5 + ["submitted"] * 2 + ["draft", "returned", "returned"]
        implementation = ImplementationStatus.values
        challenges = Challenge.values
        makers_needed = max(1, count // 10)
        with transaction.atomic():
            makers = CommitmentMaker.objects.bulk_create(
                [
                    CommitmentMaker(
                        name=f"{BENCH_PREFIX}{number}",
                        constituency=constituencies[number % len(constituencies)],
                        country_id=rng.choice(countries),
                    )
                    for number in range(makers_needed)
                ],
                batch_size=BATCH,
            )
        maker_ids = [maker.pk for maker in makers]
        Through = Commitment.coalitions.through
        AreaThrough = Commitment.action_areas.through
        CountryThrough = Commitment.countries.through
        for start in range(0, count, BATCH):
            with transaction.atomic():
                batch = []
                for number in range(start, min(count, start + BATCH)):
                    is_financial = rng.random() < 0.4
                    start_year = rng.randint(2020, 2024)
                    batch.append(
                        Commitment(
                            reference=f"BENCH-{number:07d}",
                            maker_id=maker_ids[number % len(maker_ids)],
                            title=f"Bench commitment {number}",
                            description="Generated for the report benchmark.",
                            is_policy=rng.random() < 0.3,
                            is_programme=rng.random() < 0.6 or not is_financial,
                            is_financial=is_financial,
                            is_advocacy=rng.random() < 0.2,
                            financial_amount_usd=Decimal(rng.randint(1_000, 50_000_000)) if is_financial else None,
                            scope=rng.choice(scopes),
                            start_year=start_year,
                            end_year=start_year + rng.randint(0, 6),
                            status=Commitment.Status.APPROVED,
                            published_at=datetime(2021, 1, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 1000)),
                        )
                    )
                created = Commitment.objects.bulk_create(batch)
                links, area_links, country_links, reports = [], [], [], []
                for commitment in created:
                    chosen = rng.sample(coalitions, rng.choice((1, 1, 2)))
                    links += [Through(commitment_id=commitment.pk, actioncoalition_id=c) for c in chosen]
                    if areas.get(chosen[0]):
                        area_links.append(
                            AreaThrough(commitment_id=commitment.pk, actionarea_id=rng.choice(areas[chosen[0]]))
                        )
                    country_links += [
                        CountryThrough(commitment_id=commitment.pk, country_id=code)
                        for code in rng.sample(countries, rng.choice((0, 1, 1, 2)))
                    ]
                    for cycle in cycles:
                        status = rng.choice(statuses)
                        reports.append(
                            ProgressReport(
                                commitment_id=commitment.pk,
                                cycle_id=cycle.pk,
                                implementation_status=rng.choice(implementation),
                                amount_disbursed_usd=Decimal(rng.randint(0, 1_000_000)) if rng.random() < 0.5 else None,
                                people_reached=rng.randint(0, 10_000),
                                challenges=rng.sample(challenges, rng.randint(0, 3)),
                                status=status,
                                submitted_at=None if status == "draft" else datetime(cycle.year, 3, 1, tzinfo=UTC),
                            )
                        )
                Through.objects.bulk_create(links)
                AreaThrough.objects.bulk_create(area_links)
                CountryThrough.objects.bulk_create(country_links)
                ProgressReport.objects.bulk_create(reports)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
        return cycles[-1]

    def remove_bench_data(self):
        commitments = Commitment.objects.filter(maker__name__startswith=BENCH_PREFIX)
        ids = commitments.values("id")
        with transaction.atomic():
            # Raw deletes: the ORM's cascade would load every row into memory.
            for model in (
                ProgressReport,
                Commitment.coalitions.through,
                Commitment.action_areas.through,
                Commitment.countries.through,
            ):
                model.objects.filter(commitment_id__in=ids)._raw_delete(connection.alias)
            commitments._raw_delete(connection.alias)
            CommitmentMaker.objects.filter(name__startswith=BENCH_PREFIX)._raw_delete(connection.alias)

    # Measurement --------------------------------------------------------------

    def measure(self, cycle):
        latest = AccountabilityReport.objects.worldwide().filter(cycle=cycle).order_by("-version").first()
        report = AccountabilityReport.objects.create(cycle=cycle, version=(latest.version if latest else 0) + 1)
        with tempfile.TemporaryDirectory() as media:
            completed = subprocess.run(  # noqa: S603 — this same command, in a fresh process
                [sys.executable, "manage.py", "bench_report", "--compile-only", str(report.pk)],
                cwd=settings.BASE_DIR,
                env={**os.environ, "MEDIA_ROOT": media},
                capture_output=True,
                text=True,
                check=False,
            )
        if completed.returncode != 0:
            raise CommandError(f"the compile process failed:\n{completed.stderr[-3000:]}")
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        report.delete()
        return result

    def compile_in_this_process(self, report_id):
        from jobs import report_compile, tasks
        from reporting import compile as figures_module

        spent = {"figures": 0.0}
        original = figures_module.compile_figures

        def timed(*args, **kwargs):
            began = time.monotonic()
            try:
                return original(*args, **kwargs)
            finally:
                spent["figures"] = time.monotonic() - began

        report_compile.compile_figures = timed
        began = time.monotonic()
        outcome = tasks.compile_accountability_report.apply(args=[report_id]).get()
        seconds = time.monotonic() - began
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
        error = AccountabilityReport.objects.filter(pk=report_id).values_list("error", flat=True).first()
        self.stdout.write(
            json.dumps(
                {
                    "status": outcome if not error else f"{outcome}: {error}",
                    "seconds": round(seconds, 3),
                    "figures_seconds": round(spent["figures"], 3),
                    "peak_rss_mb": round(peak_kb / 1024, 1),
                }
            )
        )


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS
