"""The compile job: claimed once, safe to deliver twice, taken over when its
worker died, failures kept for staff, the daily schedule and the operator
command."""

import datetime
import threading
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from conftest import require_or_skip
from jobs import report_compile, tasks
from reporting.models import AccountabilityReport
from reporting.services import accountability_report_request
from reporting.tests.factories import closed_cycle, open_cycle
from reporting.tests.report_fixture import EXPECTED_TOTALS, build_world, compiled_report, make_compiler, queue_report

Status = AccountabilityReport.Status


@pytest.fixture(autouse=True)
def _no_pdf_layout(monkeypatch):
    """The PDF is checked in test_outputs; here it would only cost seconds."""
    from reporting import outputs

    monkeypatch.setattr(outputs, "render_pdf", lambda html: (b"%PDF-1.7", None))


@pytest.fixture
def compiler(db):
    return make_compiler()


def token():
    return str(uuid.uuid4())


@pytest.mark.django_db
def test_a_queued_compile_is_claimed_by_one_worker_only(compiler):
    report = queue_report(closed_cycle(2024), compiler)
    assert report_compile.claim(report.pk, token()) is True
    assert report_compile.claim(report.pk, token()) is False
    report.refresh_from_db()
    assert (report.status, report.attempts) == (Status.RUNNING, 1)


@pytest.mark.django_db
def test_a_running_compile_whose_worker_went_silent_is_taken_over(compiler):
    report = queue_report(closed_cycle(2024), compiler)
    first, second = token(), token()
    report_compile.claim(report.pk, first)
    later = timezone.now() + datetime.timedelta(seconds=report_compile.stale_after() + 1)
    assert report_compile.claim(report.pk, second, now=later) is True
    report.refresh_from_db()
    assert (report.claim_token, report.attempts) == (second, 2)


@pytest.mark.django_db
def test_a_takeover_keeps_the_snapshot_of_the_first_claim(compiler):
    report = accountability_report_request(cycle=closed_cycle(2024), actor=compiler)
    report_compile.claim(report.pk, token())
    first_snapshot = AccountabilityReport.objects.get(pk=report.pk).snapshot_at
    later = timezone.now() + datetime.timedelta(seconds=report_compile.stale_after() + 1)
    report_compile.claim(report.pk, token(), now=later)
    assert AccountabilityReport.objects.get(pk=report.pk).snapshot_at == first_snapshot


@pytest.mark.django_db
def test_a_worker_that_was_taken_over_stops_without_writing(compiler):
    report = queue_report(build_world(), compiler)
    slow, fresh = token(), token()
    report_compile.claim(report.pk, slow)
    later = timezone.now() + datetime.timedelta(seconds=report_compile.stale_after() + 1)
    report_compile.claim(report.pk, fresh, now=later)
    with pytest.raises(report_compile.ClaimLost):
        report_compile.run_compile(report.pk, slow)
    report.refresh_from_db()
    assert (report.status, report.claim_token, report.data) == (Status.RUNNING, fresh, {})
    assert not report.xlsx_file


@pytest.mark.django_db
def test_a_second_delivery_of_a_finished_compile_changes_nothing(compiler):
    report = compiled_report(build_world(), compiler)
    outcome = tasks.compile_accountability_report.delay(report.pk).get()
    assert outcome == "not claimed (succeeded)"
    again = AccountabilityReport.objects.get(pk=report.pk)
    assert (again.attempts, again.finished_at, again.xlsx_file.name) == (1, report.finished_at, report.xlsx_file.name)


@pytest.mark.django_db
def test_a_failure_is_stored_with_its_message_and_a_new_version_can_be_compiled(compiler, monkeypatch):
    cycle = build_world()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(report_compile, "compile_figures", broken)
    failed = compiled_report(cycle, compiler)
    assert failed.status == Status.FAILED
    assert failed.error == "RuntimeError: the database went away"
    monkeypatch.undo()
    from reporting import outputs

    monkeypatch.setattr(outputs, "render_pdf", lambda html: (b"%PDF-1.7", None))
    retried = compiled_report(cycle, compiler)
    assert (retried.version, retried.status) == (2, Status.SUCCEEDED)
    assert retried.data["totals"] == EXPECTED_TOTALS


@pytest.mark.django_db
def test_only_staff_allowed_to_compile_can_request_a_report(member):
    from commitments.services import NotPermitted

    with pytest.raises(NotPermitted):
        accountability_report_request(cycle=closed_cycle(2024), actor=member)
    assert not AccountabilityReport.objects.exists()


@pytest.mark.django_db
def test_a_cycle_gets_its_report_the_day_after_it_closes_and_only_once(django_capture_on_commit_callbacks):
    closed = closed_cycle(2024)
    open_cycle()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.compile_closed_cycle_reports() == [2024]
    assert tasks.compile_closed_cycle_reports() == []
    report = AccountabilityReport.objects.get()
    assert (report.cycle, report.requested_by, report.status) == (closed, None, Status.SUCCEEDED)


@pytest.mark.django_db
def test_the_compile_report_command_compiles_a_new_version_in_process():
    build_world()
    output = __import__("io").StringIO()
    call_command("compile_report", year=2024, stdout=output)
    report = AccountabilityReport.objects.get()
    assert report.status == Status.SUCCEEDED
    assert "version 1" in output.getvalue()


@pytest.mark.django_db
def test_the_compile_report_command_refuses_an_unknown_year():
    with pytest.raises(CommandError, match="no reporting cycle for 1999"):
        call_command("compile_report", year=1999)


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_the_same_compile_at_once_claim_it_once():
    require_or_skip(connection.vendor == "postgresql", "needs PostgreSQL's row locks (set DATABASE_URL)")
    # A queued row with no message behind it: here the tests are the workers.
    report = AccountabilityReport.objects.create(cycle=closed_cycle(2024), version=1)
    start = threading.Barrier(2)
    outcomes = []

    def worker():
        from django.db import connections

        try:
            start.wait()
            outcomes.append(report_compile.claim(report.pk, token()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]
    assert AccountabilityReport.objects.get(pk=report.pk).attempts == 1
