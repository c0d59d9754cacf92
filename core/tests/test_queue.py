"""The outbox of core.queue: a row exists exactly when the change commits,
a failed hand-off waits for the sweep, the sweep backs off and gives up, two
sweeps never send one row twice, and an email task acts once however often
its message comes."""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from conftest import require_or_skip
from core import queue
from core.models import OutboxMessage
from core.tests import outbox_fixtures

_broker_not_known_down = outbox_fixtures._broker_not_known_down
broker_down = outbox_fixtures.broker_down
pytestmark = pytest.mark.django_db
TASK = "commitments.tasks.send_join_decision"  # any registered task; unknown ids make it a no-op


def due(**fields):
    return OutboxMessage.objects.create(**{"task_name": TASK, "args": [1], "next_attempt_at": timezone.now(), **fields})


def test_a_rolled_back_transaction_leaves_no_outbox_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            queue.enqueue_on_commit(TASK, 1)
            raise RuntimeError("the change failed")

    assert not OutboxMessage.objects.exists()
    assert callbacks == []


def test_a_row_written_in_a_savepoint_that_rolled_back_is_not_sent(monkeypatch, django_capture_on_commit_callbacks):
    published = []
    monkeypatch.setattr(queue, "_publish", lambda message: published.append(message.args))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        queue.enqueue_on_commit(TASK, 1)
        with pytest.raises(RuntimeError), transaction.atomic():
            queue.enqueue_on_commit(TASK, 2)
            raise RuntimeError("this part failed")
        queue.enqueue_on_commit(TASK, 3)

    assert published == [[1], [3]]
    assert list(OutboxMessage.objects.order_by("pk").values_list("args", "attempts")) == [([1], 1), ([3], 1)]
    assert OutboxMessage.objects.filter(sent_at__isnull=False).count() == 2


def test_an_unknown_task_name_fails_in_the_callers_transaction():
    with pytest.raises(KeyError):
        queue.enqueue_on_commit("commitments.tasks.no_such_task", 1)
    assert not OutboxMessage.objects.exists()


def test_a_committed_change_is_sent_after_commit_and_marked_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue.enqueue_on_commit(TASK, 7)
        assert OutboxMessage.objects.get().sent_at is None  # written before commit, sent after

    message.refresh_from_db()
    assert message.args == [7]
    assert message.sent_at is not None and message.attempts == 1 and message.state == "sent"


def test_with_the_broker_down_the_commit_stands_quickly_and_the_row_waits(
    broker_down, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        message = queue.enqueue_on_commit(TASK, 7)
    elapsed = time.monotonic() - started

    message.refresh_from_db()
    assert message.state == "pending" and message.attempts == 1
    assert "OperationalError" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert elapsed < 3, f"enqueueing with the broker down took {elapsed:.2f} s"


def test_a_transaction_of_many_rows_stops_at_the_first_refusal_and_leaves_the_rest_due(
    broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for number in range(5):
            queue.enqueue_on_commit(TASK, number)

    rows = list(OutboxMessage.objects.order_by("pk").values_list("attempts", "sent_at"))
    assert rows == [(1, None), (0, None), (0, None), (0, None), (0, None)]
    assert OutboxMessage.objects.filter(attempts=0, next_attempt_at__lte=timezone.now()).count() == 4


def test_once_the_broker_has_refused_the_next_commits_do_not_wait_for_it(
    broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue.enqueue_on_commit(TASK, 1)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(50):
            queue.enqueue_on_commit(TASK, number)
    elapsed = time.monotonic() - started

    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 51
    assert elapsed < 2, f"50 more commits with the broker known down took {elapsed:.2f} s"
    # They are due for the next sweep at once, and no attempt was counted.
    assert OutboxMessage.objects.filter(attempts=0, next_attempt_at__lte=timezone.now()).count() == 50


def test_the_sweep_sends_what_the_broker_missed_once_it_is_back(broker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue.enqueue_on_commit(TASK, 7)
    assert queue.sweep() == {"sent": 0, "not_sent": 0}  # not due yet: its backoff runs

    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert queue.sweep() == {"sent": 0, "not_sent": 1}  # still down
    broker_down()  # back
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert queue.sweep() == {"sent": 1, "not_sent": 0}
    message.refresh_from_db()
    assert message.state == "sent" and message.attempts == 3


def test_a_sweep_stops_at_a_broker_that_refuses_and_counts_no_attempt_on_the_others(broker_down):
    rows = [due() for _ in range(5)]

    assert queue.sweep() == {"sent": 0, "not_sent": 1}

    attempts = dict(OutboxMessage.objects.values_list("pk", "attempts"))
    assert attempts[rows[0].pk] == 1
    assert [attempts[row.pk] for row in rows[1:]] == [0, 0, 0, 0]
    assert OutboxMessage.objects.filter(attempts=0, next_attempt_at__lte=timezone.now()).count() == 4


def test_the_backoff_doubles_up_to_its_cap_and_then_the_row_is_given_up(settings, monkeypatch):
    settings.OUTBOX_RETRY_SECONDS = 30
    settings.OUTBOX_RETRY_MAX_SECONDS = 200
    settings.OUTBOX_MAX_ATTEMPTS = 6

    def refuse(message):
        raise ValueError("cannot encode")

    monkeypatch.setattr(queue, "_publish", refuse)
    message = due()
    waits = []
    for _ in range(5):
        before = timezone.now()
        queue.sweep()
        message.refresh_from_db()
        waits.append(round((message.next_attempt_at - before).total_seconds()))
        OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert waits == [30, 60, 120, 200, 200]
    assert message.state == "pending" and message.attempts == 5

    queue.sweep()
    message.refresh_from_db()
    assert message.state == "failed" and message.attempts == 6
    assert message.last_error == "ValueError: cannot encode"
    assert queue.sweep() == {"sent": 0, "not_sent": 0}  # given up: the sweep leaves it alone


def test_retry_now_sends_a_given_up_row_at_once(monkeypatch):
    message = due(attempts=12, failed_at=timezone.now(), next_attempt_at=timezone.now() + datetime.timedelta(days=1))

    assert queue.retry_now([message.pk]) == {"sent": 1, "not_sent": 0}

    message.refresh_from_db()
    assert message.state == "sent" and message.failed_at is None


def test_sent_rows_are_pruned_after_the_keeping_period(settings):
    settings.OUTBOX_KEEP_DAYS = 14
    old = due(sent_at=timezone.now() - datetime.timedelta(days=15))
    recent = due(sent_at=timezone.now() - datetime.timedelta(days=13))
    pending = due(next_attempt_at=timezone.now() + datetime.timedelta(hours=1))

    queue.sweep()

    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, pending.pk}
    assert old.pk not in OutboxMessage.objects.values_list("pk", flat=True)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_row_once(monkeypatch):
    require_or_skip(connection.vendor == "postgresql", "needs PostgreSQL's row locks (set DATABASE_URL)")
    rows = [due() for _ in range(40)]
    published = []
    lock = threading.Lock()

    def slow_publish(message):
        time.sleep(0.01)
        with lock:
            published.append(message.pk)

    monkeypatch.setattr(queue, "_publish", slow_publish)
    start = threading.Barrier(2)
    counts = []

    def sweeper():
        from django.db import connection as thread_connection

        try:
            start.wait(timeout=10)
            counts.append(queue.sweep(batch_size=10))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=sweeper) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(published) == sorted(row.pk for row in rows)  # every row, none twice
    assert sum(count["sent"] for count in counts) == 40
    assert all(count["sent"] > 0 for count in counts), counts  # both took part
    assert OutboxMessage.objects.filter(sent_at__isnull=False, attempts=1).count() == 40


def test_an_email_task_delivered_twice_acts_once(mailoutbox):
    from commitments.models import JoinRequest
    from commitments.tests.factories import MakerFactory, UserFactory
    from jobs import tasks

    join_request = JoinRequest.objects.create(
        user=UserFactory(email="applicant@example.org"), maker=MakerFactory(), status=JoinRequest.Status.ACCEPTED
    )
    message = OutboxMessage.objects.create(task_name=TASK, args=[join_request.pk], next_attempt_at=timezone.now())
    task_id = f"{queue.TASK_ID_PREFIX}{message.pk}"

    for _ in range(3):
        tasks.send_join_decision.apply(args=[join_request.pk], task_id=task_id)

    assert [email.to for email in mailoutbox] == [["applicant@example.org"]]
    message.refresh_from_db()
    assert message.done_at is not None


def test_an_email_that_failed_to_go_is_sent_by_the_retry(monkeypatch, mailoutbox):
    from commitments.models import JoinRequest
    from commitments.tests.factories import MakerFactory, UserFactory
    from jobs import tasks

    join_request = JoinRequest.objects.create(
        user=UserFactory(email="applicant@example.org"), maker=MakerFactory(), status=JoinRequest.Status.DECLINED
    )
    message = OutboxMessage.objects.create(task_name=TASK, args=[join_request.pk], next_attempt_at=timezone.now())
    real_send = tasks.send_mass_mail
    calls = []

    def flaky_send(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionRefusedError("the mail server is down")
        return real_send(*args, **kwargs)

    monkeypatch.setattr(tasks, "send_mass_mail", flaky_send)
    task_id = f"{queue.TASK_ID_PREFIX}{message.pk}"
    with pytest.raises(OSError):
        tasks.send_join_decision.apply(args=[join_request.pk], task_id=task_id, throw=True, retries=5)
    message.refresh_from_db()
    assert message.done_at is None  # taken back: the retry must act

    tasks.send_join_decision.apply(args=[join_request.pk], task_id=task_id)
    assert len(mailoutbox) == 1


def test_beat_runs_the_sweep_every_30_seconds_by_default(settings):
    from gentrack.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["sweep-outbox"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] == 30
    message = due()
    app.tasks[entry["task"]].apply()
    message.refresh_from_db()
    assert message.state == "sent"


def test_the_sweep_command_sends_everything_unsent_with_all():
    from io import StringIO

    from django.core.management import call_command

    later = due(next_attempt_at=timezone.now() + datetime.timedelta(hours=1))
    given_up = due(failed_at=timezone.now(), attempts=12)
    out = StringIO()

    call_command("sweep_outbox", stdout=out)
    assert out.getvalue().strip() == "0 sent, 0 not sent; 1 waiting, 1 given up."
    call_command("sweep_outbox", "--all", stdout=out)

    assert "2 sent" in out.getvalue()
    assert {later.pk, given_up.pk} == set(
        OutboxMessage.objects.filter(sent_at__isnull=False).values_list("pk", flat=True)
    )
