"""Claiming a long job so that it runs once, and taking it over when its
worker died.

Every long job — an Export, an ImportJob, an AccountabilityReport — is a row
with `status`, `progress`, `claim_token`, `heartbeat_at` and `attempts`. A
worker owns a row while the row carries its token:

- `claim()` takes the row in one conditional UPDATE: a `queued` row, or a
  `running` row whose heartbeat is older than the kind's `stale_after()`
  seconds (its worker died: SIGKILL, OOM, a lost machine). When two workers
  race for the same row the database's row lock lets one UPDATE match; the
  other gets nothing.
- `Claim.heartbeat(progress)` records progress and proves the worker alive.
  It is conditional on the token and raises ClaimLost once another worker
  has taken the row over, so the old worker stops at its next step.
- `Claim.finish(**fields)` writes the final state, conditional on the token
  too: only the owner can finish a row, and only once.
- `requeue_stale()`, run every minute by beat (jobs.tasks.requeue_stale_jobs),
  sends the task of every running row whose worker stopped beating again, so
  another worker takes it over within minutes: otherwise the dead worker's
  unacknowledged message would come back only after the broker's visibility
  timeout (an hour).
"""

import datetime
import logging
import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, connections
from django.db.models import F, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

# Every job model's statuses have these values (commitments.models.JobStatus
# and AccountabilityReport.Status).
QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"

DEFAULT_STALE_AFTER = 120
# The report compile had its own setting before the other jobs had claims;
# it still wins for the compile, and falls back to JOB_STALE_AFTER.
STALE_AFTER_SETTINGS = {"reporting.accountabilityreport": "REPORT_STALE_AFTER"}


class ClaimLost(Exception):
    """Another worker took this job over; this one must stop, writing nothing."""


def stale_after(model):
    """Seconds without a heartbeat after which a running job of `model` is
    taken for dead. Far longer than any single step between two heartbeats."""
    default = getattr(settings, "JOB_STALE_AFTER", DEFAULT_STALE_AFTER)
    name = STALE_AFTER_SETTINGS.get(model._meta.label_lower)
    return getattr(settings, name, default) if name else default


def max_attempts():
    """How many workers may die on one job before it is failed rather than
    handed to yet another: a job that kills its worker every time (a file
    that exhausts memory) must not take workers down for ever."""
    return getattr(settings, "JOB_MAX_ATTEMPTS", 3)


def is_stale(job, now=None):
    """Whether a running job's worker is taken for dead, for the admin."""
    if job.status != RUNNING:
        return False
    if job.heartbeat_at is None:
        return True
    now = now or timezone.now()
    return job.heartbeat_at < now - datetime.timedelta(seconds=stale_after(type(job)))


def step_delay():
    """For the worker tests only: seconds to sleep at each heartbeat, so that
    a test can kill a worker in the middle of a job. Unset in every real
    deployment. GENTRACK_REPORT_STEP_DELAY is the compile's older name."""
    value = os.environ.get("GENTRACK_JOB_STEP_DELAY") or os.environ.get("GENTRACK_REPORT_STEP_DELAY")
    return float(value or 0)


class Claim:
    """One worker's hold on one job row, for one attempt."""

    def __init__(self, model, pk, token):
        self.model = model
        self.pk = pk
        self.token = token
        self._apart = None

    def owned(self):
        """The row, as long as it is still this attempt's."""
        return self.model._default_manager.filter(pk=self.pk, claim_token=self.token, status=RUNNING).order_by()

    def heartbeat(self, progress, **fields):
        """Record progress (and any other field), which also proves this
        worker alive; raise ClaimLost when the row is no longer ours."""
        delay = step_delay()
        if delay:
            time.sleep(delay)
        values = {"progress": progress, "heartbeat_at": timezone.now(), **fields}
        if self._apart is not None:
            updated = self._apart.submit(lambda: self.owned().update(**values)).result()
        else:
            updated = self.owned().update(**values)
        if not updated:
            raise ClaimLost(f"{self.model._meta.label} {self.pk}")

    @contextmanager
    def beating_apart(self):
        """Write heartbeats on a connection of their own while the body runs.

        For work done inside one long transaction (the import's apply, which
        must commit with the job's final state or not at all): a heartbeat
        written on the same connection would stay invisible until the commit
        — progress stuck, and the reaper taking a live worker for dead. A
        thread of our own has its own Django connection (connections are per
        thread), in autocommit, so each heartbeat commits at once and a lost
        claim is noticed at the next one.

        Only on PostgreSQL, and only when the caller is not already inside a
        transaction: SQLite allows one writer at a time (the second
        connection would wait for the first to commit), and a row created in
        the caller's uncommitted transaction (a small import in the admin's
        request, a test) is invisible to any other connection. There the
        heartbeats stay on the caller's connection, as before."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            yield self
            return
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="heartbeat") as executor:
            self._apart = executor
            try:
                yield self
            finally:
                self._apart = None
                executor.submit(connections.close_all).result()

    def finish(self, status=SUCCEEDED, **fields):
        """Write the job's final state; raise ClaimLost (writing nothing) when
        it was taken over. Inside a transaction, the final state commits with
        the work or not at all."""
        now = timezone.now()
        values = {"status": status, "finished_at": now, "heartbeat_at": now, **fields}
        if status == SUCCEEDED:
            values.setdefault("progress", 100)
        if not self.owned().update(**values):
            raise ClaimLost(f"{self.model._meta.label} {self.pk}")

    def fail(self, error):
        """Store a failure for staff to read; nothing if the row is no longer ours."""
        message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        self.owned().update(status=FAILED, error=message[:2000], finished_at=timezone.now())


def claim(model, pk, token=None, *, now=None, **fields):
    """Claim the job `model` #`pk` in one conditional UPDATE: a queued row, or
    a running row whose worker has gone silent. Returns the Claim, or None
    when another worker holds the row or it is finished. `fields` are written
    with the claim (the compile fixes its snapshot there)."""
    now = now or timezone.now()
    token = token or str(uuid.uuid4())
    stale = now - datetime.timedelta(seconds=stale_after(model))
    claimable = Q(status=QUEUED) | Q(status=RUNNING, attempts__lt=max_attempts(), heartbeat_at__lt=stale)
    updated = (
        model._default_manager.filter(claimable, pk=pk)
        .order_by()
        .update(
            status=RUNNING,
            claim_token=token,
            heartbeat_at=now,
            started_at=now,
            attempts=F("attempts") + 1,
            progress=0,
            error="",
            **fields,
        )
    )
    return Claim(model, pk, token) if updated == 1 else None


def requeue_stale(model, send, now=None):
    """Send again the task of every running `model` row whose worker stopped
    beating, so that another worker takes it over. Returns the ids sent.

    A job whose worker died max_attempts() times is failed instead, with a
    message for staff. Otherwise the row goes back to `queued` once its
    message is sent: the next beat does not send it again while the message
    waits for a free worker, and the silent worker, should it wake up, finds
    its token gone and stops. Sending comes first: if the broker is down the
    row stays as it is and the next beat tries again."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=stale_after(model))
    # Left running by a worker killed before jobs had heartbeats, perhaps
    # months ago: running such an import now could create commitments nobody
    # expects any more, so it is failed and staff start it again if wanted.
    model._default_manager.filter(status=RUNNING, heartbeat_at__isnull=True).update(
        status=FAILED,
        finished_at=now,
        error="Its worker stopped before jobs had heartbeats; it is not run again. Start it again if it is still wanted.",
    )
    rows = model._default_manager.filter(status=RUNNING, heartbeat_at__lt=stale).order_by("pk")
    sent = []
    for pk, token, attempts in rows.values_list("pk", "claim_token", "attempts"):
        owned = model._default_manager.filter(pk=pk, status=RUNNING, claim_token=token, heartbeat_at__lt=stale)
        if attempts >= max_attempts():
            owned.update(
                status=FAILED,
                finished_at=now,
                error=f"Its worker stopped answering {attempts} times (killed, out of memory or lost); "
                "it is not tried again. Start it again once the cause is found.",
            )
            logger.error("%s %s: its worker stopped answering %s times; failed", model._meta.label, pk, attempts)
            continue
        try:
            send(pk)
        except Exception:  # noqa: BLE001 — a broker outage: the next beat tries again
            logger.warning("Could not queue %s %s again; the next beat will try", model._meta.label, pk, exc_info=True)
            continue
        owned.update(status=QUEUED, claim_token="")
        logger.warning("%s %s: its worker stopped beating; queued again", model._meta.label, pk)
        sent.append(pk)
    return sent
