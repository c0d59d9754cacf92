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
import time
from contextlib import contextmanager, nullcontext
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
    transaction.on_commit(lambda: _send_after_commit(message))
    return message


def _send_after_commit(message):
    """Best effort, and never an error for the request: the change is saved,
    and the row is there for the sweep whatever happens here."""
    if not _eager() and time.monotonic() < _broker_down_until:
        OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
            next_attempt_at=timezone.now(), last_error="Not tried at once: the broker was unreachable moments ago."
        )
        return
    try:
        with _broker_connection() as connection:
            _attempt(message, connection)
    except Exception:  # noqa: BLE001 — recorded on the row by _attempt; the sweep will try again
        logger.info("Outbox message %s left for the sweep", message.pk)


def _eager():
    return bool(current_app.conf.task_always_eager)


def _broker_connection():
    """A connection that gives up fast: one try, OUTBOX_PUBLISH_TIMEOUT
    seconds to connect and to write, instead of kombu's default of retrying
    for seconds while a user waits. None in eager mode, which needs none."""
    if _eager():
        return nullcontext(None)
    timeout = settings.OUTBOX_PUBLISH_TIMEOUT
    return current_app.connection_for_write(
        connect_timeout=timeout,
        transport_options={"max_retries": 0, "socket_connect_timeout": timeout, "socket_timeout": timeout},
    )


def _attempt(message, connection):
    """Send one claimed row and record the outcome on it. Returns True when
    it went; a broker that cannot be reached raises OperationalError after
    the failure is recorded, so that a sweep stops trying the others."""
    global _broker_down_until
    attempts = message.attempts + 1
    try:
        _publish(message, connection)
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
    OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), attempts=attempts, failed_at=None
    )
    return True


def _publish(message, connection):
    task = current_app.tasks[message.task_name]
    result = task.apply_async(message.args, task_id=f"{TASK_ID_PREFIX}{message.pk}", connection=connection, retry=False)
    if _eager() and result.failed():  # eager runs that do not propagate their exception
        raise RuntimeError(result.traceback or "the task failed")


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
        try:
            with _broker_connection() as connection:
                for position, message in enumerate(batch):
                    try:
                        sent = _attempt(message, connection)
                    except OperationalError:
                        counts["not_sent"] += 1
                        _release([m.pk for m in batch[position + 1 :]])
                        return counts
                    counts["sent" if sent else "not_sent"] += 1
        except OperationalError:  # the connection itself failed on closing
            return counts
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
