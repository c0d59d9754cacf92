"""Opening and closing reporting cycles from the admin."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from commitments.tests import admin_fixtures
from reporting.models import ReportingCycle
from reporting.tests.factories import closed_cycle

CYCLES = reverse("admin:reporting_reportingcycle_changelist")

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer
secretariat_admin = admin_fixtures.secretariat_admin


def upcoming_cycle():
    today = timezone.localdate()
    return ReportingCycle.objects.create(
        year=today.year + 1, opens_on=today + datetime.timedelta(days=10), closes_on=today + datetime.timedelta(days=90)
    )


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_secretariat_admin_opens_a_cycle_today_and_the_change_is_logged(client, secretariat_admin):
    cycle = upcoming_cycle()
    client.force_login(secretariat_admin)

    client.post(CYCLES, {"action": "open_cycle_now", "_selected_action": [cycle.pk]})

    cycle.refresh_from_db()
    assert cycle.opens_on == timezone.localdate()
    assert cycle.is_open()
    entry = LogEntry.objects.get(object_id=str(cycle.pk))
    assert entry.user == secretariat_admin
    assert str(timezone.localdate()) in entry.get_change_message()


def test_secretariat_admin_closes_an_open_cycle(client, secretariat_admin, open_cycle):
    client.force_login(secretariat_admin)

    client.post(CYCLES, {"action": "close_cycle_now", "_selected_action": [open_cycle.pk]})

    open_cycle.refresh_from_db()
    assert open_cycle.closes_on == timezone.localdate() - datetime.timedelta(days=1)
    assert open_cycle.is_closed()


def test_opening_a_second_cycle_while_one_is_open_is_refused(client, secretariat_admin, open_cycle):
    cycle = upcoming_cycle()
    client.force_login(secretariat_admin)

    response = client.post(CYCLES, {"action": "open_cycle_now", "_selected_action": [cycle.pk]}, follow=True)

    cycle.refresh_from_db()
    assert not cycle.is_open()
    assert any("still open" in text for text in texts(response))


def test_closing_a_closed_cycle_says_so_and_changes_nothing(client, secretariat_admin):
    cycle = closed_cycle(2022)
    client.force_login(secretariat_admin)

    response = client.post(CYCLES, {"action": "close_cycle_now", "_selected_action": [cycle.pk]}, follow=True)

    cycle.refresh_from_db()
    assert cycle.closes_on == datetime.date(2022, 3, 31)
    assert any("not open" in text for text in texts(response))
    assert not LogEntry.objects.exists()


def test_reviewer_cannot_open_a_cycle(client, secretariat_reviewer):
    cycle = upcoming_cycle()
    client.force_login(secretariat_reviewer)

    response = client.get(CYCLES)
    assert b"open_cycle_now" not in response.content
    client.post(CYCLES, {"action": "open_cycle_now", "_selected_action": [cycle.pk]})

    cycle.refresh_from_db()
    assert not cycle.is_open()


def test_editing_a_cycles_dates_in_the_admin_refreshes_the_stored_reporting_statuses(
    client, secretariat_admin, django_capture_on_commit_callbacks
):
    from commitments.tests.factories import ApprovedCommitmentFactory
    from reporting.models import StoredReportingStatus
    from reporting.stored_statuses import refresh_stored_statuses

    today = timezone.localdate()
    cycle = upcoming_cycle()
    commitment = ApprovedCommitmentFactory(end_year=today.year + 3, published_at=timezone.now())
    refresh_stored_statuses()
    assert StoredReportingStatus.objects.get(commitment=commitment).reporting_status is None
    client.force_login(secretariat_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reporting_reportingcycle_change", args=[cycle.pk]),
            {"year": cycle.year, "opens_on": today.isoformat(), "closes_on": cycle.closes_on.isoformat()},
        )

    assert response.status_code == 302
    assert StoredReportingStatus.objects.get(commitment=commitment).reporting_status == "due"
