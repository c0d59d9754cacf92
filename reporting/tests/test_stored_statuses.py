"""The stored reporting statuses (reporting/stored_statuses.py) always equal
what the rule, annotate_reporting_status, says: after every kind of change
that can move them, for every commitment."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from commitments import services as commitment_services
from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, ReviewerFactory
from jobs.tasks import refresh_reporting_statuses
from reporting import services
from reporting.models import ReportingCycle, StoredReportingStatus, annotate_reporting_status
from reporting.stored_statuses import refresh_stored_statuses

from .factories import closed_cycle

pytestmark = pytest.mark.django_db


def rule(day=None):
    rows = annotate_reporting_status(Commitment.objects.all(), day).values_list(
        "pk", "reporting_status", "implementation_status"
    )
    return {pk: (reporting, implementation) for pk, reporting, implementation in rows}


def stored():
    rows = dict.fromkeys(Commitment.objects.values_list("pk", flat=True), (None, None))
    for row in StoredReportingStatus.objects.all():
        rows[row.commitment_id] = (row.reporting_status, row.implementation_status)
    return rows


def assert_stored_is_the_rule(day=None):
    assert stored() == rule(day)


def report(member, commitment, cycle, **data):
    fields = {"implementation_status": "on_track", "narrative": "Two shelters opened."}
    fields.update(data)
    return services.report_create(actor=member, commitment=commitment, cycle=cycle, data=fields)


@pytest.fixture
def cycle_manager(db):
    user = ReviewerFactory()
    user.user_permissions.add(Permission.objects.get(codename="change_reportingcycle"))
    return user


def test_the_stored_statuses_equal_the_rule_after_every_kind_of_change(
    member, reviewer, cycle_manager, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    closed_cycle(today.year - 2)
    last = closed_cycle(today.year - 1)
    current = ReportingCycle.objects.create(
        year=today.year, opens_on=today + datetime.timedelta(days=10), closes_on=today + datetime.timedelta(days=90)
    )
    maker = member.maker
    kept, accepted, returned, finished, withdrawn, amended = (
        # Published after the last cycle closed: each owes only the open cycle's report.
        ApprovedCommitmentFactory(maker=maker, end_year=today.year + 2, published_at=timezone.now())
        for _ in range(6)
    )
    submitted = CommitmentFactory(maker=maker, status=Commitment.Status.SUBMITTED, end_year=today.year + 2)
    # Written by factories, past the services: a first refresh, as seed_demo does.
    refresh_stored_statuses()
    assert_stored_is_the_rule()
    assert set(stored().values()) != {(None, None)}

    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_open(cycle=current, actor=cycle_manager)
    current.refresh_from_db()
    assert_stored_is_the_rule()
    assert stored()[kept.pk][0] == "due"

    draft = report(member, accepted, current)
    assert_stored_is_the_rule()
    services.report_submit(actor=member, report=draft)
    assert_stored_is_the_rule()
    assert stored()[accepted.pk] == ("awaiting_review", "on_track")
    services.report_accept(actor=reviewer, report=draft)
    assert_stored_is_the_rule()
    assert stored()[accepted.pk][0] == "reported"

    sent_back = report(member, returned, current, implementation_status="off_track")
    services.report_submit(actor=member, report=sent_back)
    services.report_return(actor=reviewer, report=sent_back, comment="Say how many were reached.")
    assert_stored_is_the_rule()

    final = report(member, finished, current, implementation_status="completed")
    services.report_submit(actor=member, report=final)
    services.report_accept(actor=reviewer, report=final)
    assert_stored_is_the_rule()
    assert stored()[finished.pk] == ("completed", "completed")

    commitment_services.commitment_approve(actor=reviewer, commitment=submitted)
    assert_stored_is_the_rule()
    assert stored()[submitted.pk][0] == "due"

    commitment_services.commitment_withdraw(actor=member, commitment=withdrawn)
    assert_stored_is_the_rule()
    assert stored()[withdrawn.pk][0] is None

    amendment = commitment_services.commitment_start_amendment(actor=member, commitment=amended)
    commitment_services.commitment_update(
        actor=member, commitment=amendment, data={"start_year": last.year - 3, "end_year": last.year - 1}
    )
    commitment_services.commitment_submit(actor=member, commitment=amendment)
    commitment_services.commitment_approve(actor=reviewer, commitment=amendment)
    assert_stored_is_the_rule()
    assert stored()[amended.pk][0] == "ended"

    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_close(cycle=current, actor=cycle_manager, day=today + datetime.timedelta(days=20))
    assert_stored_is_the_rule()

    # The date moves on with no write at all: the daily job catches up.
    later = today + datetime.timedelta(days=400)
    assert rule(later) != stored()
    refresh_reporting_statuses.delay(day=later.isoformat())
    assert_stored_is_the_rule(later)


def test_a_refresh_that_changes_nothing_writes_nothing(member, open_cycle):
    ApprovedCommitmentFactory(maker=member.maker)
    assert refresh_stored_statuses() == 1

    assert refresh_stored_statuses() == 0
