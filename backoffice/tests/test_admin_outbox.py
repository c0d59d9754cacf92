"""The secretariat's decisions and requests while the broker is down: saved,
answered with a redirect, and followed up once it is back; and the outbox's
own admin page.

"Back" here runs the tasks in-process (eager), which is what the sweep hands
a worker; jobs/tests/test_outbox_worker.py does the same against a real
worker and Redis."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment
from commitments.tests import admin_fixtures
from commitments.tests.admin_fixtures import submitted_commitment
from commitments.tests.factories import UserFactory
from core import queue
from core.models import OutboxMessage
from core.tests import outbox_fixtures
from reporting.models import AccountabilityReport
from reporting.tests.report_fixture import build_world, make_compiler

_broker_not_known_down = outbox_fixtures._broker_not_known_down
broker_down = outbox_fixtures.broker_down
pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer
secretariat_admin = admin_fixtures.secretariat_admin
OUTBOX = reverse("admin:core_outboxmessage_changelist")
Status = AccountabilityReport.Status


@pytest.fixture(autouse=True)
def _fast_pdf(monkeypatch):
    from reporting import outputs

    monkeypatch.setattr(outputs, "render_pdf", lambda html: (b"%PDF-1.7 stand-in", None))


def sweep_when_due():
    """What beat does once the rows' backoff has run out."""
    OutboxMessage.objects.filter(sent_at__isnull=True).update(next_attempt_at=timezone.now())
    return queue.sweep()


def test_an_approval_while_the_broker_is_down_is_saved_and_its_email_goes_once_it_is_back(
    client, secretariat_reviewer, broker_down, django_capture_on_commit_callbacks
):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:commitments_commitment_decide", args=[commitment.pk]),
            {"decision": "approve", "confirm": "yes"},
        )

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.APPROVED
    # The email, and the refresh of the public figures the approval moved.
    message = OutboxMessage.objects.get(task_name="commitments.tasks.send_review_notification")
    assert OutboxMessage.objects.count() == 2
    # The first to be tried met the broker's error; the other was not tried.
    assert message.state == "pending" and message.last_error
    assert any("OperationalError" in m.last_error for m in OutboxMessage.objects.all())
    assert mail.outbox == []

    broker_down()  # back
    assert sweep_when_due() == {"sent": 2, "not_sent": 0}
    assert sweep_when_due() == {"sent": 0, "not_sent": 0}
    # Delivered again all the same (at least once): still one email.
    queue.retry_now([message.pk])
    from jobs import tasks

    tasks.send_review_notification.apply(args=message.args, task_id=f"{queue.TASK_ID_PREFIX}{message.pk}")

    member_email = commitment.maker.memberships.get().user.email
    assert [email.to for email in mail.outbox] == [[member_email]]
    assert "Approved" in mail.outbox[0].subject


def test_a_compile_requested_while_the_broker_is_down_is_compiled_after_and_hidden_meanwhile(
    client, broker_down, django_capture_on_commit_callbacks
):
    cycle = build_world()
    compiler = make_compiler()
    compiler.user_permissions.add(Permission.objects.get(codename="view_reportingcycle"))
    client.force_login(compiler)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reporting_reportingcycle_changelist"),
            {"action": "compile_accountability_report", "_selected_action": [cycle.pk]},
        )

    assert response.status_code == 302
    report = AccountabilityReport.objects.get()
    assert report.status == Status.QUEUED
    assert OutboxMessage.objects.get().state == "pending"
    client.logout()
    assert "Version 1" not in client.get("/reports/").content.decode()
    assert client.get("/api/v1/accountability-reports/").json()["results"] == []

    broker_down()  # back
    assert sweep_when_due() == {"sent": 1, "not_sent": 0}

    report.refresh_from_db()
    assert report.status == Status.SUCCEEDED, report.error
    assert "Version 1" in client.get("/reports/").content.decode()
    assert [row["version"] for row in client.get("/api/v1/accountability-reports/").json()["results"]] == [1]


def test_an_export_requested_while_the_broker_is_down_is_built_after(
    client, secretariat_reviewer, broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    from jobs import exports

    monkeypatch.setattr(exports, "EXPORT_STREAM_LIMIT", 1)
    for _ in range(2):
        submitted_commitment()
    client.force_login(secretariat_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("admin:commitments_commitmentawaitingreview_export") + "?_format=csv")

    assert response.status_code == 302
    from commitments.models import Export

    export = Export.objects.get()
    assert export.status == Export.Status.QUEUED
    broker_down()  # back
    sweep_when_due()
    export.refresh_from_db()
    assert export.status == Export.Status.SUCCEEDED and export.file


# The outbox's page ---------------------------------------------------------------


def outbox_rows():
    now = timezone.now()
    task = "commitments.tasks.send_join_decision"
    return {
        "pending": OutboxMessage.objects.create(
            task_name=task, args=[1], next_attempt_at=now, attempts=2, last_error="OperationalError: refused"
        ),
        "sent": OutboxMessage.objects.create(task_name=task, args=[2], next_attempt_at=now, attempts=1, sent_at=now),
        "failed": OutboxMessage.objects.create(
            task_name=task, args=[3], next_attempt_at=now, attempts=12, failed_at=now, last_error="EncodeError: no"
        ),
    }


def test_secretariat_admins_see_the_outbox_by_state_with_attempts_and_errors(client, secretariat_admin):
    rows = outbox_rows()
    client.force_login(secretariat_admin)

    page = client.get(OUTBOX)
    failed = client.get(OUTBOX, {"state": "failed"})

    assert page.status_code == 200
    assert page.context["cl"].result_count == 3
    assert "OperationalError: refused" in page.content.decode()
    assert list(failed.context["cl"].result_list) == [rows["failed"]]
    assert "Retry the selected messages now" in page.content.decode()
    assert client.get(reverse("admin:core_outboxmessage_change", args=[rows["failed"].pk])).status_code == 200


def test_reviewers_do_not_see_the_outbox(client, secretariat_reviewer):
    client.force_login(secretariat_reviewer)

    assert client.get(OUTBOX).status_code == 403


def test_retry_now_sends_the_selected_unsent_messages(client, secretariat_admin):
    rows = outbox_rows()
    client.force_login(secretariat_admin)

    response = client.post(
        OUTBOX,
        {"action": "retry_now", "_selected_action": [row.pk for row in rows.values()]},
        follow=True,
    )

    assert response.status_code == 200
    assert "2 messages sent." in response.content.decode()
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0


def test_staff_who_may_only_read_the_outbox_cannot_retry(client):
    reader = UserFactory(is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_outboxmessage"))
    rows = outbox_rows()
    client.force_login(reader)

    page = client.get(OUTBOX)
    client.post(OUTBOX, {"action": "retry_now", "_selected_action": [rows["failed"].pk]})

    assert page.status_code == 200 and "Retry the selected messages now" not in page.content.decode()
    rows["failed"].refresh_from_db()
    assert rows["failed"].state == "failed"


def test_the_outbox_list_runs_the_same_queries_for_5_and_40_rows(client, secretariat_admin, django_assert_num_queries):
    client.force_login(secretariat_admin)
    for count in (5, 40):
        OutboxMessage.objects.all().delete()
        for number in range(count):
            OutboxMessage.objects.create(
                task_name="commitments.tasks.send_review_notification", args=[number], next_attempt_at=timezone.now()
            )
        with django_assert_num_queries(8):
            assert client.get(OUTBOX).context["cl"].result_count == count
