"""Queue background work by the task's name, through an outbox row written in
the caller's transaction.

The domain's services decide that work must follow a change (an email after a
review decision, a compile after a request) but must not import the `jobs`
package that does it: the arrows point from the jobs to the domain, never
back. So a service names the task, and Celery's registry finds it. The
`jobs` app imports its tasks when Django starts (`JobsConfig.ready`), in the
web processes as in the workers, so every name is registered before a request
can be served; an unknown name fails loudly in the tests.

The broker is a helper, not a foundation (STYLE.md, rule 12): a decision that
was saved must keep its follow-up work even when Redis is down at that
moment. So `enqueue_on_commit` writes an `OutboxMessage` in the same
transaction as the change (it exists exactly when the change commits), and
after commit tries once, quickly, to hand it to the broker. Whatever fails is
logged and left on the row; `sweep`, run by Celery beat every
`OUTBOX_SWEEP_SECONDS`, sends the due rows again with an exponential backoff
and gives up after `OUTBOX_MAX_ATTEMPTS`, leaving the row failed in the admin.

Delivery is at least once: a row may be sent, and its sent mark lost, so
every task queued here must be safe to run twice. The jobs claim their rows;
the emails use `acting_once`, which records on the outbox row that they went.
"""

import logging
import os
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from .models import OutboxMessage

logger = logging.getLogger(__name__)

#: Celery task ids of messages sent from the outbox: the prefix and the row's
#: id, so that a task can find its row (`acting_once`).
TASK_ID_PREFIX = "outbox-"

# Until this time.monotonic(), this process does not try to publish at once
# after commit: the broker refused moments ago, and each try would cost the
# request a connection attempt (a bulk approval of 500 commitments, 500 of
# them). The rows simply wait for the sweep, which always tries.
_broker_down_until = 0.0

# Each thread keeps its own publishing connection (kombu's are not
# thread-safe) and its own list of rows written and not yet tried.
_publisher = threading.local()


def enqueue_on_commit(task_name, *args):
    """Promise `task_name(*args)` after the surrounding transaction commits
    (at once outside one): the outbox row is written now, in the transaction,
    so nothing is promised if it rolls back and nothing is lost if the broker
    is down when it commits. With CELERY_TASK_ALWAYS_EAGER the task runs
    in-process after commit. Returns the row."""
    current_app.tasks[task_name]  # noqa: B018 — an unknown name fails here, in the caller's transaction
    # The first attempt belongs to this process's after-commit hook; the sweep
    # leaves the row alone until OUTBOX_CLAIM_SECONDS have passed, by when
    # the hook has either sent it or recorded why not (or the process died).
    message = OutboxMessage.objects.create(
        task_name=task_name,
        args=list(args),
        next_attempt_at=timezone.now() + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS),
    )
    _waiting().append(message.pk)
    transaction.on_commit(_send_after_commit)
    return message


#: The task that refreshes the stored public figures (reporting.summaries).
FIGURES_TASK = "reporting.refresh_summaries"


def enqueue_once_on_commit(task_name, *args):
    """`enqueue_on_commit`, unless the same task with the same arguments is
    already waiting in the outbox: a burst of changes (a bulk approval of
    500 commitments) queues one run, not 500. Returns the row, or None."""
    waiting = OutboxMessage.objects.filter(
        task_name=task_name, args=list(args), sent_at__isnull=True, failed_at__isnull=True
    )
    if waiting.exists():
        return None
    return enqueue_on_commit(task_name, *args)


def figures_changed():
    """A change that may move the public figures (dashboard, coalition
    pages) was made in this transaction: have them refreshed soon."""
    return enqueue_once_on_commit(FIGURES_TASK)


def _waiting():
    """The rows this thread has written and not yet tried to send."""
    if not hasattr(_publisher, "waiting"):
        _publisher.waiting = []
    return _publisher.waiting


def _send_after_commit():
    """Try at once every row this thread has enqueued: the first hook of a
    transaction to run sends them all, with one query to read them and one
    to mark them sent (a bulk action of 500 decisions would otherwise commit
    500 updates one by one), and the hooks after it find nothing left. Only
    rows that exist are sent, so one written in a savepoint that rolled back
    is not. Best effort, and never an error for the request: the changes are
    saved, and the rows are there for the sweep whatever happens here."""
    waiting = _waiting()
    pks, waiting[:] = list(waiting), []
    if not pks:
        return
    unsent = OutboxMessage.objects.filter(pk__in=pks, sent_at__isnull=True, failed_at__isnull=True)
    if not _eager() and time.monotonic() < _broker_down_until:
        unsent.update(
            next_attempt_at=timezone.now(), last_error="Not tried at once: the broker was unreachable moments ago."
        )
        return
    sent = []
    try:
        for message in unsent.order_by("pk"):
            if _attempt(message, record_success=False):
                sent.append(message.pk)
    except Exception:  # noqa: BLE001 — recorded on the row by _attempt; the sweep will try again
        logger.info("Outbox messages left for the sweep after the broker refused")
        unsent.exclude(pk__in=sent).filter(attempts=0).update(
            next_attempt_at=timezone.now(), last_error="Not tried at once: the broker refused another message."
        )
    if sent:
        _broker_sent(OutboxMessage.objects.filter(pk__in=sent), attempts=1)


def _eager():
    return bool(current_app.conf.task_always_eager)


def _broker_connection():
    """This thread's connection for publishing, kept open between publishes
    (a new one costs milliseconds that a bulk action of 500 decisions would
    pay 500 times) and made again in a forked child or for another broker
    URL. It gives up fast: one try, OUTBOX_PUBLISH_TIMEOUT seconds to
    connect and to write, instead of kombu's default of retrying for seconds
    while a user waits."""
    url = current_app.conf.broker_write_url or current_app.conf.broker_url
    key = (os.getpid(), url)
    if getattr(_publisher, "key", None) != key:
        _drop_connection()
        timeout = settings.OUTBOX_PUBLISH_TIMEOUT
        _publisher.connection = current_app.connection_for_write(
            url,
            connect_timeout=timeout,
            transport_options={"max_retries": 0, "socket_connect_timeout": timeout, "socket_timeout": timeout},
        )
        _publisher.key = key
    return _publisher.connection


def _drop_connection():
    """Forget this thread's connection; close it unless it was inherited
    from the parent process (closing it would talk over the parent's socket)."""
    connection = getattr(_publisher, "connection", None)
    key = getattr(_publisher, "key", None)
    _publisher.connection = _publisher.key = None
    if connection is not None and key is not None and key[0] == os.getpid():
        try:
            connection.release()
        except Exception:  # noqa: BLE001, S110 — a broken connection may fail to close; it is dropped either way
            pass


def _attempt(message, *, record_success=True):
    """Send one claimed row and record the outcome on it (a success only if
    `record_success`: the caller may record many at once). Returns True when
    it went; a broker that cannot be reached raises OperationalError after
    the failure is recorded, so that a sweep stops trying the others."""
    global _broker_down_until
    attempts = message.attempts + 1
    try:
        _publish(message)
    except Exception as error:  # noqa: BLE001 — whatever went wrong is kept on the row for staff to read
        logger.warning(
            "Outbox message %s (%s) not sent, attempt %s", message.pk, message.task_name, attempts, exc_info=True
        )
        _record_failure(message, attempts, error)
        if isinstance(error, OperationalError) and not _eager():
            _broker_down_until = time.monotonic() + settings.OUTBOX_PUBLISH_PAUSE
            raise
        return False
    _broker_down_until = 0.0
    if record_success:
        _broker_sent(OutboxMessage.objects.filter(pk=message.pk), attempts=attempts)
    return True


def _broker_sent(rows, *, attempts):
    rows.filter(sent_at__isnull=True).update(sent_at=timezone.now(), attempts=attempts, failed_at=None)


def _publish(message):
    """Hand the row's task to the broker (in eager mode: run it here). A
    connection that fails is dropped, and the next publish makes a new one
    (redis-py already reconnects once by itself over a connection that a
    restart of Redis has closed)."""
    task = current_app.tasks[message.task_name]
    options = {"task_id": f"{TASK_ID_PREFIX}{message.pk}", "retry": False}
    if _eager():
        result = task.apply_async(message.args, **options)
        if result.failed():  # eager runs that do not propagate their exception
            raise RuntimeError(result.traceback or "the task failed")
        return
    try:
        task.apply_async(message.args, connection=_broker_connection(), **options)
    except OperationalError:
        _drop_connection()
        raise


def retry_delay(attempts):
    """Seconds to wait after `attempts` failed tries: doubling from
    OUTBOX_RETRY_SECONDS, never more than OUTBOX_RETRY_MAX_SECONDS."""
    return min(settings.OUTBOX_RETRY_MAX_SECONDS, settings.OUTBOX_RETRY_SECONDS * 2 ** max(0, attempts - 1))


def _record_failure(message, attempts, error):
    now = timezone.now()
    changes = {"attempts": attempts, "last_error": f"{type(error).__name__}: {error}"[:2000]}
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        changes["failed_at"] = now
    else:
        changes["next_attempt_at"] = now + timedelta(seconds=retry_delay(attempts))
    OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(**changes)


def _claim_due(now, limit, only=None):
    """Take up to `limit` due rows for this sweep: locked while they are
    leased (a concurrent sweep skips them, and after commit they are no
    longer due), each lease a conditional update so that two sweeps on a
    database without row locks (SQLite) cannot take the same row either."""
    lease_until = now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    due = OutboxMessage.objects.filter(sent_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=now)
    if only is not None:
        due = due.filter(pk__in=only)
    claimed = []
    with transaction.atomic():
        for message in due.select_for_update(skip_locked=True).order_by("next_attempt_at", "id")[:limit]:
            taken = OutboxMessage.objects.filter(
                pk=message.pk, sent_at__isnull=True, failed_at__isnull=True, next_attempt_at=message.next_attempt_at
            ).update(next_attempt_at=lease_until)
            if taken:
                claimed.append(message)
    return claimed


def sweep(*, only=None, batch_size=100):
    """Send every due outbox row, oldest first, in batches, for at most
    OUTBOX_SWEEP_BUDGET_SECONDS; stop at the first sign that the broker is
    down (the rows wait for the next sweep). Returns counts, for the logs.
    Safe to run twice at once: see `_claim_due`."""
    counts = {"sent": 0, "not_sent": 0}
    deadline = time.monotonic() + settings.OUTBOX_SWEEP_BUDGET_SECONDS
    while time.monotonic() < deadline:
        batch = _claim_due(timezone.now(), batch_size, only)
        if not batch:
            break
        for position, message in enumerate(batch):
            try:
                sent = _attempt(message)
            except OperationalError:
                counts["not_sent"] += 1
                _release([m.pk for m in batch[position + 1 :]])
                return counts
            counts["sent" if sent else "not_sent"] += 1
    _prune()
    return counts


def _release(pks):
    """Rows claimed but not tried are due again at once, without an attempt
    counted against them."""
    if pks:
        OutboxMessage.objects.filter(pk__in=pks, sent_at__isnull=True).update(next_attempt_at=timezone.now())


def _prune():
    """Sent rows are kept OUTBOX_KEEP_DAYS days for staff to look up, then
    deleted, a bounded number at a time."""
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    old = OutboxMessage.objects.filter(sent_at__lt=cutoff).values_list("pk", flat=True)[:1000]
    OutboxMessage.objects.filter(pk__in=list(old)).delete()


def retry_now(pks):
    """Staff's "retry now": make the unsent rows among `pks` due, failed
    ones included, and send them at once. Returns the sweep's counts."""
    OutboxMessage.objects.filter(pk__in=pks, sent_at__isnull=True).update(
        next_attempt_at=timezone.now(), failed_at=None
    )
    return sweep(only=list(pks))


@contextmanager
def acting_once(task_request):
    """For a task whose effect must not repeat (an email), run by
    `with acting_once(self.request) as first: if first: ...`. Delivery from
    the outbox is at least once; the first delivery to get here records on
    the row that it acts, and later ones are told not to. If the body fails,
    the mark is taken back so that a retry acts. A task run by other means
    (no outbox row behind its id) always acts."""
    task_id = getattr(task_request, "id", None) or ""
    pk = task_id.removeprefix(TASK_ID_PREFIX)
    if not task_id.startswith(TASK_ID_PREFIX) or not pk.isdigit():
        yield True
        return
    rows = OutboxMessage.objects.filter(pk=int(pk))
    if not rows.filter(done_at__isnull=True).update(done_at=timezone.now()):
        yield not rows.exists()
        return
    try:
        yield True
    except BaseException:
        rows.update(done_at=None)
        raise
