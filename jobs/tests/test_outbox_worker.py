"""The outbox against the real services: an approval and a compile request
made while the broker is unreachable are saved at once, and once Redis
answers again the sweep hands them to a real `celery worker`, which sends
the email exactly once (even when the message comes twice) and compiles the
report, hidden from the public until it has succeeded.

The sweep runs in the test process, as beat's `core.outbox.sweep` would run
in a worker: it must publish to this test's own queue, which only the test
process knows (the worker would send to the default queue)."""

import re
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment
from commitments.tests.admin_fixtures import staff_in, submitted_commitment
from conftest import require_or_skip
from core import queue as outbox
from core.models import OutboxMessage
from core.tests import outbox_fixtures
from jobs import tasks
from jobs.tests.conftest import redis_answers
from reporting.models import AccountabilityReport
from reporting.tests.report_fixture import build_world, make_compiler

Status = AccountabilityReport.Status
_broker_not_known_down = outbox_fixtures._broker_not_known_down
broker_down = outbox_fixtures.broker_down
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(monkeypatch):
    """A queue of this test's own for the email and the compile; the
    `workers` fixture of jobs/tests/conftest.py listens on it."""
    require_or_skip(connection.vendor == "postgresql", "a worker process cannot see an SQLite test database")
    require_or_skip(redis_answers(), "needs Redis: set REDIS_URL to a running server")
    name = f"gentrack-test-{uuid.uuid4().hex[:12]}"
    for task in (tasks.send_review_notification, tasks.compile_accountability_report):
        monkeypatch.setattr(task, "_exec_options", {**task._get_exec_options(), "queue": name})
    yield name
    import redis

    redis.Redis.from_url(settings.REDIS_URL).delete(name)


def worker_log(logs_dir):
    return "\n".join(path.read_text(errors="replace") for path in sorted(Path(logs_dir).glob("worker-*.log")))


def wait_until(condition, timeout, logs_dir, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} after {timeout}s\n{worker_log(logs_dir)[-4000:]}")


def test_work_saved_while_the_broker_is_down_is_done_once_by_a_worker_when_it_returns(
    client, queue, workers, broker_down, tmp_path
):
    commitment = submitted_commitment()
    reviewer = staff_in("Reviewers", username="rita-reviewer")
    cycle = build_world()
    compiler = make_compiler()
    compiler.user_permissions.add(Permission.objects.get(codename="view_reportingcycle"))

    client.force_login(reviewer)
    started = time.monotonic()
    approval = client.post(
        reverse("admin:commitments_commitment_decide", args=[commitment.pk]), {"decision": "approve", "confirm": "yes"}
    )
    approval_seconds = time.monotonic() - started
    client.force_login(compiler)
    compile_request = client.post(
        reverse("admin:reporting_reportingcycle_changelist"),
        {"action": "compile_accountability_report", "_selected_action": [cycle.pk]},
    )

    assert approval.status_code == 302 and compile_request.status_code == 302
    assert approval_seconds < 5, f"the approval took {approval_seconds:.2f} s with the broker down"
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.APPROVED
    assert sorted(OutboxMessage.objects.values_list("task_name", flat=True)) == [
        "commitments.tasks.send_review_notification",
        "reporting.refresh_summaries",  # the public figures moved
        "reporting.tasks.compile_accountability_report",
    ]
    assert not OutboxMessage.objects.filter(sent_at__isnull=False).exists()
    report = AccountabilityReport.objects.get()
    client.logout()
    assert "Version 1" not in client.get("/reports/").content.decode()

    # Redis answers again; a worker is up; beat's sweep comes round.
    from gentrack.celery import app

    broker_down()
    app.conf.task_always_eager = False
    workers()
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert outbox.sweep() == {"sent": 3, "not_sent": 0}

    def finished():
        report.refresh_from_db()
        return report.status in (Status.SUCCEEDED, Status.FAILED)

    wait_until(finished, 120, tmp_path, "the compile has not finished")
    assert report.status == Status.SUCCEEDED, report.error
    assert "Version 1" in client.get("/reports/").content.decode()

    email = OutboxMessage.objects.get(task_name="commitments.tasks.send_review_notification")
    task_id = f"{outbox.TASK_ID_PREFIX}{email.pk}"
    done = re.compile(rf"send_review_notification\[{task_id}\] succeeded")
    wait_until(lambda: len(done.findall(worker_log(tmp_path))) == 1, 60, tmp_path, "the email task has not run")
    # The same message delivered again, as at-least-once delivery allows.
    assert outbox.sweep() == {"sent": 0, "not_sent": 0}
    tasks.send_review_notification.apply_async(email.args, task_id=task_id)
    wait_until(lambda: len(done.findall(worker_log(tmp_path))) == 2, 60, tmp_path, "the second delivery has not run")

    log = worker_log(tmp_path)
    assert log.count("Subject: Approved:") == 1, log[-4000:]
    email.refresh_from_db()
    assert email.done_at is not None
