"""The daily reminders to report before a cycle closes."""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory, MembershipFactory
from reporting.models import ProgressReport, ReminderSent, ReportingCycle
from reporting.reminders import send_report_reminders
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

# Commitments from the factory run from 2022 to 2026: the 2026 cycle is
# within their years.
CLOSES = datetime.date(2026, 3, 31)


@pytest.fixture
def cycle():
    return ReportingCycle.objects.create(year=2026, opens_on=datetime.date(2026, 1, 1), closes_on=CLOSES)


def days_before_close(days):
    return (CLOSES - datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def maker_with_two_members():
    maker = MakerFactory()
    MembershipFactory(maker=maker, user__email="ana@example.org")
    MembershipFactory(maker=maker, user__email="ben@example.org")
    return maker


def test_makers_without_a_report_are_reminded_thirty_days_before(cycle, maker_with_two_members):
    first = ApprovedCommitmentFactory(maker=maker_with_two_members)
    second = ApprovedCommitmentFactory(maker=maker_with_two_members)

    sent = send_report_reminders(days_before_close(30))

    assert sent == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@example.org", "ben@example.org"]
    body = mail.outbox[0].body
    assert first.reference in body and second.reference in body
    assert "30 days left" in mail.outbox[0].subject


def test_running_twice_on_the_same_day_sends_once(cycle, maker_with_two_members):
    ApprovedCommitmentFactory(maker=maker_with_two_members)

    send_report_reminders(days_before_close(7))
    send_report_reminders(days_before_close(7))

    assert len(mail.outbox) == 2  # one per member, once
    assert ReminderSent.objects.filter(days_before=7).count() == 1


def test_each_step_is_sent_once(cycle, maker_with_two_members):
    ApprovedCommitmentFactory(maker=maker_with_two_members)

    for days in (30, 29, 8, 7, 6, 1, 0):
        send_report_reminders(days_before_close(days))

    assert sorted(ReminderSent.objects.values_list("days_before", flat=True)) == [1, 7, 30]
    assert len(mail.outbox) == 6


def test_commitments_with_a_submitted_report_are_not_reminded(cycle, maker_with_two_members):
    commitment = ApprovedCommitmentFactory(maker=maker_with_two_members)
    ProgressReportFactory(commitment=commitment, cycle=cycle, status=ProgressReport.Status.SUBMITTED)

    assert send_report_reminders(days_before_close(7)) == 0
    assert mail.outbox == []


def test_commitments_that_ended_before_the_cycle_year_are_not_reminded(cycle, maker_with_two_members):
    ApprovedCommitmentFactory(maker=maker_with_two_members, start_year=2021, end_year=2025)
    still_running = ApprovedCommitmentFactory(maker=maker_with_two_members, start_year=2021, end_year=2026)

    assert send_report_reminders(days_before_close(7)) == 2  # one per member, for the running one
    assert [row.commitment_id for row in ReminderSent.objects.all()] == [still_running.pk]


@pytest.mark.parametrize("final", ["completed", "discontinued"])
def test_commitments_reported_completed_or_discontinued_are_not_reminded(cycle, maker_with_two_members, final):
    commitment = ApprovedCommitmentFactory(maker=maker_with_two_members)
    last_year = ReportingCycle.objects.create(
        year=2025, opens_on=datetime.date(2025, 1, 1), closes_on=datetime.date(2025, 3, 31)
    )
    ProgressReportFactory(
        commitment=commitment, cycle=last_year, status=ProgressReport.Status.ACCEPTED, implementation_status=final
    )

    assert send_report_reminders(days_before_close(7)) == 0
    assert mail.outbox == []


def test_a_completed_report_not_yet_accepted_does_not_stop_the_reminders(cycle, maker_with_two_members):
    commitment = ApprovedCommitmentFactory(maker=maker_with_two_members)
    last_year = ReportingCycle.objects.create(
        year=2025, opens_on=datetime.date(2025, 1, 1), closes_on=datetime.date(2025, 3, 31)
    )
    ProgressReportFactory(
        commitment=commitment, cycle=last_year, status=ProgressReport.Status.RETURNED, implementation_status="completed"
    )

    assert send_report_reminders(days_before_close(7)) == 2


def test_drafts_are_not_reminded(cycle, maker_with_two_members):
    ApprovedCommitmentFactory(maker=maker_with_two_members, status="draft", published_at=None)

    assert send_report_reminders(days_before_close(7)) == 0


def test_nothing_is_sent_outside_the_reminder_days(cycle, maker_with_two_members):
    ApprovedCommitmentFactory(maker=maker_with_two_members)

    assert send_report_reminders(days_before_close(45)) == 0
    assert send_report_reminders("2031-01-10") == 0  # no cycle open
    assert mail.outbox == []


def test_one_email_per_member_per_maker(cycle, maker_with_two_members):
    other = MembershipFactory(user__email="cleo@example.org").maker
    ApprovedCommitmentFactory(maker=maker_with_two_members)
    ApprovedCommitmentFactory(maker=other)
    ApprovedCommitmentFactory(maker=other)

    send_report_reminders(days_before_close(1))

    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
        "cleo@example.org",
    ]


def test_beat_runs_the_reminders_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["send-report-reminders"]
    assert entry["task"] == "reporting.send_report_reminders"
    # Once a day, at a fixed hour.
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {0}
    from gentrack.celery import app

    app.loader.import_default_modules()
    assert "reporting.send_report_reminders" in app.tasks
