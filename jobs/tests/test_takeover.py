"""A real worker is SIGKILLed in the middle of each kind of long job —
import, export, report compile — and the reaper hands the job to another
worker, which finishes it exactly once, long before the broker's visibility
timeout (an hour) would have given the dead worker's message back.

While the first worker runs, the test reads the job's progress from its own
connection: progress that only showed at the end of a transaction would be
seen as 0 and then 100, never in between."""

import csv
import io
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from coalitions.models import Country
from commitments.models import Commitment, CommitmentMaker, Export, ImportJob
from commitments.tests import admin_fixtures
from commitments.tests.factories import UserFactory
from jobs import imports as importing
from jobs import tasks
from jobs.tests.conftest import kill, progress_seen_while_running, wait_for
from reporting.models import AccountabilityReport
from reporting.tests.report_fixture import EXPECTED_TOTALS, build_world, make_compiler, queue_report

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
secretariat_admin = admin_fixtures.secretariat_admin

# The worker sleeps this long at every heartbeat, so that it is surely in
# the middle of the job when it is killed.
STEP_DELAY = "1"
STALE_AFTER = 1
FINISHED = ("succeeded", "failed")


@pytest.fixture(autouse=True)
def _stale_quickly(settings):
    """The reaper (run here, in the test process) takes a heartbeat older
    than a second for a dead worker's."""
    settings.JOB_STALE_AFTER = STALE_AFTER
    settings.REPORT_STALE_AFTER = STALE_AFTER


def take_over(workers, model, pk):
    """Once the dead worker's heartbeat is stale, start a fresh worker (whose
    visibility timeout is the hour of production: the dead worker's message
    stays where it is) and run the reaper as beat would."""
    time.sleep(STALE_AFTER + 0.5)
    workers()
    requeued = tasks.requeue_stale_jobs()
    assert requeued == {model._meta.label: [pk]}
    assert model._default_manager.get(pk=pk).status == "queued"


def import_file(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=importing.COLUMNS)
    writer.writeheader()
    for number in range(rows):
        writer.writerow({**importing.TEMPLATE_EXAMPLE, "title": f"Imported commitment {number}"})
    return ContentFile(buffer.getvalue().encode(), name="commitments.csv")


def test_an_import_whose_worker_is_killed_midway_imports_each_row_once(secretariat_admin, workers, tmp_path):
    CommitmentMaker.objects.create(
        name=importing.TEMPLATE_EXAMPLE["maker"], constituency="civil_society", country=Country.objects.get(code="KE")
    )
    rows = 400
    job = ImportJob(original_name="commitments.csv", dry_run=False, requested_by=secretariat_admin)
    job.source.save("commitments.csv", import_file(rows))
    tasks.run_import_job.delay(job.pk)
    seen = []
    first = workers(GENTRACK_JOB_STEP_DELAY=STEP_DELAY)
    # Past 50% the rows are being written, inside the import's transaction.
    wait_for(ImportJob, job.pk, lambda j: j.status == "running" and j.progress > 50, 90, tmp_path, seen)
    kill(first)
    assert ImportJob.objects.get(pk=job.pk).status == "running"
    assert not Commitment.objects.exists(), "the killed worker's transaction must have been rolled back"

    take_over(workers, ImportJob, job.pk)
    done = wait_for(ImportJob, job.pk, lambda j: j.status in FINISHED, 180, tmp_path)

    assert (done.status, done.error) == ("succeeded", "")
    assert (done.attempts, done.created_count, done.error_count) == (2, rows, 0)
    titles = list(Commitment.objects.values_list("title", flat=True))
    assert sorted(titles) == sorted(f"Imported commitment {number}" for number in range(rows))
    applying = [progress for progress in progress_seen_while_running(seen) if progress > 50]
    assert applying, f"no progress seen while the rows were written: {seen}"


def test_an_export_whose_worker_is_killed_midway_leaves_one_file(workers, tmp_path):
    kenya = Country.objects.get(code="KE")
    makers = 2000
    CommitmentMaker.objects.bulk_create(
        CommitmentMaker(name=f"Maker {number}", constituency="civil_society", country=kenya) for number in range(makers)
    )
    requester = UserFactory(is_staff=True, is_superuser=True)
    export = Export.objects.create(
        kind="makers", list_model="commitments.commitmentmaker", format="csv", row_count=makers, requested_by=requester
    )
    tasks.build_export.delay(export.pk)
    seen = []
    first = workers(GENTRACK_JOB_STEP_DELAY=STEP_DELAY)
    wait_for(Export, export.pk, lambda e: e.status == "running" and e.progress >= 25, 90, tmp_path, seen)
    kill(first)
    assert Export.objects.get(pk=export.pk).status == "running"

    take_over(workers, Export, export.pk)
    done = wait_for(Export, export.pk, lambda e: e.status in FINISHED, 180, tmp_path)

    assert (done.status, done.error, done.attempts) == ("succeeded", "", 2)
    files = [path for path in (Path(settings.MEDIA_ROOT) / "exports").rglob("*") if path.is_file()]
    assert [path.name for path in files] == [f"makers-{export.pk}.csv"]
    assert files[0] == Path(settings.MEDIA_ROOT) / done.file.name
    with done.file.open("rb") as handle:
        names = [row["name"] for row in csv.DictReader(io.StringIO(handle.read().decode()))]
    assert sorted(names) == sorted(f"Maker {number}" for number in range(makers))
    assert progress_seen_while_running(seen), f"no progress seen while the export ran: {seen}"


def test_a_compile_whose_worker_is_killed_is_taken_over_within_the_minute(workers, tmp_path):
    report = queue_report(build_world(), make_compiler())
    seen = []
    first = workers(GENTRACK_JOB_STEP_DELAY="0.5")
    wait_for(AccountabilityReport, report.pk, lambda r: r.status == "running" and r.progress >= 20, 60, tmp_path, seen)
    kill(first)
    killed_at = time.monotonic()

    take_over(workers, AccountabilityReport, report.pk)
    done = wait_for(AccountabilityReport, report.pk, lambda r: r.status in FINISHED, 180, tmp_path)

    assert (done.status, done.error, done.attempts) == ("succeeded", "", 2)
    assert time.monotonic() - killed_at < 180
    assert done.data["totals"] == EXPECTED_TOTALS
    files = sorted(path.name for path in (Path(settings.MEDIA_ROOT) / "reports").rglob("*") if path.is_file())
    assert files == [
        "gentrack-accountability-report-2024-v1-csv.zip",
        "gentrack-accountability-report-2024-v1.html",
        "gentrack-accountability-report-2024-v1.pdf",
        "gentrack-accountability-report-2024-v1.xlsx",
    ]
    assert progress_seen_while_running(seen), f"no progress seen while the compile ran: {seen}"
