"""The progress report review queue and decisions, driven through the admin."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commitments.models import ReviewEvent
from commitments.tests import admin_fixtures
from commitments.tests.factories import MembershipFactory
from reporting.models import ProgressReport
from reporting.tests.factories import ProgressReportFactory, closed_cycle

QUEUE = reverse("admin:commitments_progressreportawaitingreview_changelist")
REPORTS = reverse("admin:reporting_progressreport_changelist")

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer


def submitted_report(cycle, days_ago=1, **kwargs):
    report = ProgressReportFactory(
        cycle=cycle,
        status=ProgressReport.Status.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        **kwargs,
    )
    MembershipFactory(maker=report.commitment.maker)
    return report


def test_report_queue_lists_submitted_reports_oldest_first(client, secretariat_reviewer, open_cycle):
    newer = submitted_report(open_cycle, days_ago=1)
    older = submitted_report(open_cycle, days_ago=5)
    ProgressReportFactory(cycle=open_cycle)
    client.force_login(secretariat_reviewer)

    response = client.get(QUEUE)

    assert list(response.context["cl"].result_list) == [older, newer]


def test_report_queue_filters_by_cycle(client, secretariat_reviewer, open_cycle):
    last_year = closed_cycle(open_cycle.year - 1)
    this_year = submitted_report(open_cycle)
    submitted_report(last_year)
    client.force_login(secretariat_reviewer)

    response = client.get(QUEUE, {"cycle__id__exact": open_cycle.pk})

    assert list(response.context["cl"].result_list) == [this_year]


@pytest.mark.parametrize("rows", [5, 40])
def test_report_queue_runs_the_same_number_of_queries_whatever_its_length(
    client, secretariat_reviewer, open_cycle, django_assert_num_queries, rows
):
    for _ in range(rows):
        submitted_report(open_cycle)
    client.force_login(secretariat_reviewer)

    with django_assert_num_queries(8):
        response = client.get(QUEUE)

    assert len(response.context["cl"].result_list) == rows


def test_reviewer_accepts_a_report_from_its_page_and_the_maker_is_emailed(
    client, secretariat_reviewer, open_cycle, django_capture_on_commit_callbacks
):
    report = submitted_report(open_cycle)
    client.force_login(secretariat_reviewer)
    page = client.get(reverse("admin:reporting_progressreport_change", args=[report.pk]))
    assert page.context["can_decide"] is True

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:reporting_progressreport_decide", args=[report.pk]),
            {"decision": "approve", "confirm": "yes"},
        )

    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED
    assert report.review_events.get().action == ReviewEvent.Action.REPORT_ACCEPTED
    assert len(mail.outbox) == 1


def test_report_page_shows_its_review_timeline(client, secretariat_reviewer, open_cycle):
    report = submitted_report(open_cycle)
    ReviewEvent.objects.create(
        commitment=report.commitment, progress_report=report, action="report_submitted", comment="First report"
    )
    client.force_login(secretariat_reviewer)

    response = client.get(reverse("admin:reporting_progressreport_change", args=[report.pk]))

    assert b"First report" in response.content


def test_bulk_return_of_reports_with_a_comment(client, secretariat_reviewer, open_cycle):
    first, second = submitted_report(open_cycle), submitted_report(open_cycle)
    accepted = ProgressReportFactory(cycle=open_cycle, status=ProgressReport.Status.ACCEPTED)
    client.force_login(secretariat_reviewer)

    response = client.post(
        REPORTS,
        {
            "action": "return_selected",
            "_selected_action": [first.pk, second.pk, accepted.pk],
            "post": "yes",
            "comment": "Add the evidence link.",
        },
        follow=True,
    )

    statuses = dict(ProgressReport.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "returned", second.pk: "returned", accepted.pk: "accepted"}
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert "2 submissions decided." in texts
    assert any(text.startswith("1 skipped") for text in texts)


def test_bulk_accept_from_the_queue(client, secretariat_reviewer, open_cycle, django_capture_on_commit_callbacks):
    report = submitted_report(open_cycle)
    client.force_login(secretariat_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(QUEUE, {"action": "approve_selected", "_selected_action": [report.pk], "confirm": "yes"})

    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED
    assert report.history.latest().history_user == secretariat_reviewer
    assert len(mail.outbox) == 1
