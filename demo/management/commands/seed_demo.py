"""Fill an empty database with realistic demo data: makers of every
constituency in every region, commitments in every coalition and status with
their review trail, five reporting cycles (the current one open today) and
progress reports, plus demo users who sign in with a known password.

`make run` calls it with --if-empty on every start; it refuses to add demo
data to a database that already has commitment makers, so that it can never
mix invented organisations into real ones."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from coalitions.models import CoalitionLeader
from commitments.models import Commitment, CommitmentMaker, Membership, ReviewEvent
from demo import DEMO_PASSWORD, MINIMUM_SIZE, DemoRefused, build_demo
from reporting.models import ProgressReport, ReportingCycle


class Command(BaseCommand):
    help = "Build realistic demo data (makers, commitments, review trails, cycles, progress reports, demo users)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--size", type=int, default=400, help="Number of commitments (open amendments come on top). Default 400."
        )
        parser.add_argument(
            "--seed", type=int, default=2021, help="Random seed; the same seed builds the same demo. Default 2021."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing, successfully, if any commitment maker exists."
        )
        parser.add_argument(
            "--with-reports",
            action="store_true",
            help="Also compile the accountability report of the last closed cycle, in this process.",
        )

    def handle(self, *args, size, seed, if_empty, with_reports=False, **options):
        if CommitmentMaker.objects.exists():
            if if_empty:
                self.stdout.write("The database already has commitment makers; no demo data added.")
                return
            raise CommandError(
                "The database already has commitment makers. seed_demo only fills an empty database "
                "(use --if-empty to skip quietly, or start from a fresh database)."
            )
        if size < MINIMUM_SIZE:
            raise CommandError(f"--size must be at least {MINIMUM_SIZE} for the demo to show every case.")
        started = time.monotonic()
        self.stdout.write(f"Building a demo of {size:,} commitments (seed {seed})…")
        try:
            _counts, demo_users = build_demo(size=size, seed=seed, log=self.stdout.write)
        except DemoRefused as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        self._summary(demo_users, elapsed)
        if with_reports:
            self._compile_last_report()

    def _compile_last_report(self):
        """So that /reports/ has something to show from the first start."""
        from django.core.management import call_command
        from django.utils import timezone

        last = ReportingCycle.objects.closed_by(timezone.localdate()).order_by("-year").first()
        if last is not None:
            call_command("compile_report", year=last.year, stdout=self.stdout, stderr=self.stderr)

    def _summary(self, demo_users, elapsed):
        User = get_user_model()
        rows = [
            ("commitment makers", CommitmentMaker.objects.count()),
            ("memberships", Membership.objects.count()),
            ("users", User.objects.count()),
            ("commitments", Commitment.objects.filter(amends__isnull=True).count()),
            ("open amendments", Commitment.objects.filter(amends__isnull=False).count()),
            ("review events", ReviewEvent.objects.count()),
            ("reporting cycles", ReportingCycle.objects.count()),
            ("progress reports", ProgressReport.objects.count()),
            ("coalition leaders", CoalitionLeader.objects.count()),
        ]
        self.stdout.write(self.style.SUCCESS(f"\nDemo data built in {elapsed:.1f} s:"))
        for label, count in rows:
            self.stdout.write(f"  {label:<20} {count:>9,}")
        for label, model in [("commitments", Commitment), ("progress reports", ProgressReport)]:
            queryset = model.objects.filter(amends__isnull=True) if model is Commitment else model.objects.all()
            by_status = queryset.order_by().values_list("status").annotate(count=Count("id"))
            self.stdout.write(
                f"  {label} by status: " + ", ".join(f"{status} {count:,}" for status, count in by_status)
            )
        self.stdout.write(f"\nDemo users (password: {DEMO_PASSWORD}):")
        for username, role in demo_users:
            self.stdout.write(f"  {username:<20} {role}")
