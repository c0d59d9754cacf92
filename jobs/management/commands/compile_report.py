"""Compile a cycle's accountability report now, in this process.

For operators: `python manage.py compile_report --year 2025` (add
`--country KE` or `--region africa` for that scope's report). It makes a new
version through the same service as the admin action and runs the same task
synchronously, so it works with no worker running; a worker that later gets
the queued message finds the version finished and leaves it alone.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from commitments.services import ServiceError
from jobs.tasks import compile_accountability_report
from reporting.models import AccountabilityReport, ReportingCycle
from reporting.services import accountability_report_request, country_report_request


class Command(BaseCommand):
    help = "Compile the accountability report of a reporting cycle now, in this process, as a new version."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The reporting cycle's year.")
        parser.add_argument(
            "--user",
            help="Username to record as having requested it (must be allowed to compile); "
            "without it the request is recorded as made by the system.",
        )

        parser.add_argument("--country", default=None, help="ISO code: compile this country's report instead.")
        parser.add_argument("--region", default="", help="UN Women region code: compile this region's report instead.")

    def handle(self, *args, year, user=None, country=None, region="", **options):
        from celery import current_app as app

        cycle = ReportingCycle.objects.filter(year=year).first()
        if cycle is None:
            raise CommandError(f"There is no reporting cycle for {year}.")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"There is no user called {user!r}.")
        # What the service queues on commit runs in this process, not on a
        # worker; and the compile runs here in any case (inside an outer
        # transaction there is no commit yet). Whichever comes second finds
        # the version claimed or finished and leaves it alone.
        eager = app.conf.task_always_eager
        app.conf.task_always_eager = True
        try:
            if country or region:
                report = country_report_request(
                    actor=actor, cycle=cycle, country=country, region=region, system=actor is None
                )
            else:
                report = accountability_report_request(cycle=cycle, actor=actor, system=actor is None)
            compile_accountability_report.apply(args=[report.pk])
        except ServiceError as error:
            raise CommandError(error.message) from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        finally:
            app.conf.task_always_eager = eager
        report.refresh_from_db()
        if report.status != AccountabilityReport.Status.SUCCEEDED:
            raise CommandError(
                f"Compiling the {year} report, version {report.version}, {report.status}: {report.error}"
            )
        totals = report.data["totals"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Compiled the {year} accountability report, version {report.version}: "
                f"{totals['commitments']} approved commitments from {totals['makers']} makers, "
                f"reporting rate {totals['reporting_rate']}."
            )
        )
        for field in ("xlsx_file", "csv_file", "html_file", "pdf_file"):
            stored = getattr(report, field)
            if stored:
                self.stdout.write(f"  {stored.path if hasattr(stored, 'path') else stored.name}")
        if report.pdf_unavailable_reason:
            self.stdout.write(self.style.WARNING(f"  No PDF: {report.pdf_unavailable_reason}"))
