"""A real `celery worker` compiles accountability reports against Redis and
PostgreSQL: started from the admin, and finished exactly once when its worker
is killed in the middle.

The workers come from jobs/tests/conftest.py; test_takeover.py kills them in
the middle of every other kind of job.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from jobs.tests.conftest import kill
from jobs.tests.conftest import wait_for as wait_for_job
from reporting.models import AccountabilityReport
from reporting.tests.report_fixture import EXPECTED_TOTALS, build_world, make_compiler, pdf_page_count, queue_report

Status = AccountabilityReport.Status
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def wait_for(report_id, condition, timeout, logs_dir):
    return wait_for_job(AccountabilityReport, report_id, condition, timeout, logs_dir)


def download(client, report, file_format):
    response = client.get(report.download_url(file_format))
    assert response.status_code == 200, file_format
    return b"".join(response.streaming_content)


def test_a_worker_compiles_the_report_queued_from_the_admin(client, workers, tmp_path):
    cycle = build_world()
    compiler = make_compiler()
    compiler.user_permissions.add(Permission.objects.get(codename="view_reportingcycle"))
    workers()
    client.force_login(compiler)
    response = client.post(
        reverse("admin:reporting_reportingcycle_changelist"),
        {"action": "compile_accountability_report", "_selected_action": [cycle.pk]},
    )
    assert response.status_code == 302
    queued = AccountabilityReport.objects.get()
    report = wait_for(queued.pk, lambda r: r.status in (Status.SUCCEEDED, Status.FAILED), 120, tmp_path)
    assert report.status == Status.SUCCEEDED, report.error
    assert report.attempts == 1
    workbook = load_workbook(io.BytesIO(download(client, report, "xlsx")))
    summary = {row[0]: row[2] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["makers"] == report.data["totals"]["makers"] == 3
    assert download(client, report, "zip").startswith(b"PK")
    assert b"Accountability report 2024" in download(client, report, "html")
    assert pdf_page_count(download(client, report, "pdf")) >= 1


def test_a_compile_whose_worker_is_killed_midway_is_finished_once_by_another(workers, tmp_path):
    cycle = build_world()
    report = queue_report(cycle, make_compiler())
    # Slow steps, so the compile is surely half done when the worker dies.
    first = workers(GENTRACK_REPORT_STEP_DELAY="0.5")
    running = wait_for(report.pk, lambda r: r.status == Status.RUNNING and r.progress >= 20, 30, tmp_path)
    kill(first)
    killed = AccountabilityReport.objects.get(pk=report.pk)
    assert killed.status == Status.RUNNING and killed.progress < 100
    # The new worker gets the unacknowledged message back at start-up (its
    # visibility timeout is short) and finds the dead worker's heartbeat stale.
    workers(CELERY_VISIBILITY_TIMEOUT="1", REPORT_STALE_AFTER="2")
    done = wait_for(report.pk, lambda r: r.status in (Status.SUCCEEDED, Status.FAILED), 120, tmp_path)
    assert done.status == Status.SUCCEEDED, done.error
    assert done.attempts == 2
    assert done.claim_token != running.claim_token
    assert done.data["totals"] == EXPECTED_TOTALS
    files = sorted(path.name for path in (Path(settings.MEDIA_ROOT) / "reports").rglob("*") if path.is_file())
    assert files == [
        "gentrack-accountability-report-2024-v1-csv.zip",
        "gentrack-accountability-report-2024-v1.html",
        "gentrack-accountability-report-2024-v1.pdf",
        "gentrack-accountability-report-2024-v1.xlsx",
    ]
