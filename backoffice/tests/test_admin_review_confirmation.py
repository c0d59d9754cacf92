"""The review screens: Approve asks "Are you sure?" on a page of its own
before anything is published, the decision buttons are styled, and the
queues say how long each item has waited."""

import pytest
from django.urls import reverse

from commitments.models import Commitment
from commitments.tests import admin_fixtures
from commitments.tests.admin_fixtures import submitted_commitment
from reporting.models import ProgressReport

from .test_admin_progress_report_review import submitted_report

QUEUE = reverse("admin:commitments_commitmentawaitingreview_changelist")
REPORT_QUEUE = reverse("admin:commitments_progressreportawaitingreview_changelist")

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer


def decide_url(commitment):
    return reverse("admin:commitments_commitment_decide", args=[commitment.pk])


def test_approving_without_confirmation_shows_are_you_sure_and_publishes_nothing(client, secretariat_reviewer):
    commitment = submitted_commitment(title="Shelters in three counties")
    client.force_login(secretariat_reviewer)

    response = client.post(decide_url(commitment), {"decision": "approve", "comment": "Well argued."})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Are you sure?" in page
    assert "This publishes it on the public site" in page
    assert "Shelters in three counties" in page
    assert 'name="confirm" value="yes"' in page
    assert 'name="comment" value="Well argued."' in page  # carried to the confirmed post
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.SUBMITTED
    assert not commitment.review_events.exists()


def test_confirming_approves_and_keeps_the_comment(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.post(decide_url(commitment), {"decision": "approve", "comment": "Well argued.", "confirm": "yes"})

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.APPROVED
    assert commitment.review_events.get().comment == "Well argued."


def test_the_confirmation_page_offers_a_way_back_to_the_commitment(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    page = client.post(decide_url(commitment), {"decision": "approve"}).content.decode()

    assert f'href="{reverse("admin:commitments_commitment_change", args=[commitment.pk])}"' in page
    assert "No, go back" in page


def test_returning_needs_no_confirmation(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.post(decide_url(commitment), {"decision": "return", "comment": "Add the amount."})

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.RETURNED


def test_bulk_approval_asks_for_confirmation_first(client, secretariat_reviewer):
    first, second = submitted_commitment(), submitted_commitment()
    client.force_login(secretariat_reviewer)

    asked = client.post(QUEUE, {"action": "approve_selected", "_selected_action": [first.pk, second.pk]})

    assert asked.status_code == 200
    assert "Approve 2 submissions?" in asked.content.decode()
    assert Commitment.objects.filter(status=Commitment.Status.SUBMITTED).count() == 2

    client.post(QUEUE, {"action": "approve_selected", "_selected_action": [first.pk, second.pk], "confirm": "yes"})

    assert Commitment.objects.filter(status=Commitment.Status.APPROVED).count() == 2


def test_accepting_a_progress_report_asks_for_confirmation_too(client, secretariat_reviewer, open_cycle):
    report = submitted_report(open_cycle)
    client.force_login(secretariat_reviewer)
    url = reverse("admin:reporting_progressreport_decide", args=[report.pk])

    page = client.post(url, {"decision": "approve"}).content.decode()

    assert "Are you sure?" in page and "This marks the report as accepted" in page
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED


def test_the_decision_buttons_are_styled_without_inline_styles(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    page = client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk])).content.decode()

    assert "review-button--approve" in page and "review-button--return" in page
    assert "css/admin.css" in page
    assert "style=" not in page.split('class="review-panel')[1].split("</section>")[0]


def test_the_commitment_queue_says_how_long_each_has_waited_longest_first(client, secretariat_reviewer):
    submitted_commitment(days_ago=1, title="Newer")
    submitted_commitment(days_ago=9, title="Older")
    client.force_login(secretariat_reviewer)

    page = client.get(QUEUE).content.decode()

    assert "waiting 9 days" in page and "waiting 1 day<" in page
    assert page.index("waiting 9 days") < page.index("waiting 1 day<")
    assert 'class="sortable column-waiting sorted ascending"' in page


def test_the_waiting_column_sorts_newest_first_when_asked(client, secretariat_reviewer):
    submitted_commitment(days_ago=1, title="Newer")
    submitted_commitment(days_ago=9, title="Older")
    client.force_login(secretariat_reviewer)
    waiting_column = client.get(QUEUE).context["cl"].list_display.index("waiting")

    page = client.get(QUEUE, {"o": f"-{waiting_column}"}).content.decode()

    assert page.index("waiting 1 day<") < page.index("waiting 9 days")


def test_the_report_queue_says_how_long_each_has_waited(client, secretariat_reviewer, open_cycle):
    submitted_report(open_cycle, days_ago=3)
    client.force_login(secretariat_reviewer)

    page = client.get(REPORT_QUEUE).content.decode()

    assert "waiting 3 days" in page
