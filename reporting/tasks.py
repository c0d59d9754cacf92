"""Celery jobs of the reporting app: compiling accountability reports.

A compile is a row (AccountabilityReport) first and a message second. The
message carries the row's id only; the worker claims the row with one
conditional UPDATE, so that whatever Celery delivers — the same message twice,
a message redelivered after its worker was killed — the report is compiled
once:

- `queued` rows are claimed by the first worker to get there;
- a `running` row whose heartbeat is older than REPORT_STALE_AFTER seconds
  belonged to a worker that died (SIGKILL, OOM, a lost machine): the next
  delivery takes it over, with a new claim token;
- a `running` row with a fresh heartbeat belongs to a live worker: the message
  is retried later, when it finds the row finished (and does nothing) or
  stale (and takes over);
- `succeeded` and `failed` rows are left alone.

Every write after the claim (progress, result, failure) is conditional on the
claim token, so a worker whose row was taken over stops at its next step
without touching the row again.
"""

import datetime
import logging
import os
import time
import uuid

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from . import outputs
from .compile import compile_figures
from .models import AccountabilityReport, ReportingCycle

logger = logging.getLogger(__name__)
Status = AccountabilityReport.Status

# The compile must finish well inside the broker's visibility timeout (an hour
# by default), or Redis would hand the message to a second worker meanwhile.
SOFT_TIME_LIMIT = 10 * 60
TIME_LIMIT = 11 * 60


def stale_after():
    """Seconds without a heartbeat after which a running compile's worker is
    taken for dead. Far longer than any single step of a compile."""
    return getattr(settings, "REPORT_STALE_AFTER", 120)


class ClaimLost(Exception):
    """Another worker took this compile over; this one must stop."""


def claim(report_id, token, now=None):
    """Claim the compile for the worker holding `token`, in one conditional
    UPDATE. Returns True when this worker now owns it, False otherwise."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=stale_after())
    claimable = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, heartbeat_at__lt=stale)
    updated = (
        AccountabilityReport.objects.filter(claimable, pk=report_id)
        .order_by()
        .update(
            status=Status.RUNNING,
            claim_token=token,
            heartbeat_at=now,
            started_at=now,
            # The first claim fixes the snapshot; a takeover keeps it, so
            # that a retried compile describes the same moment.
            snapshot_at=Coalesce(F("snapshot_at"), now),
            attempts=F("attempts") + 1,
            progress=0,
            error="",
        )
    )
    return updated == 1


def _owned(report_id, token):
    return AccountabilityReport.objects.filter(pk=report_id, claim_token=token, status=Status.RUNNING).order_by()


def heartbeat(report_id, token, progress):
    """Record progress, which also proves this worker alive; raise ClaimLost
    when the row is no longer ours."""
    if not _owned(report_id, token).update(progress=progress, heartbeat_at=timezone.now()):
        raise ClaimLost(report_id)


def _step_delay():
    # For the worker tests only: slows each step so that a test can kill the
    # worker in the middle of a compile. Unset in every real deployment.
    return float(os.environ.get("GENTRACK_REPORT_STEP_DELAY") or 0)


def file_names(report, token):
    """Storage names for one attempt's files: a folder per attempt, so two
    attempts never write over each other, and readable file names."""
    folder = f"reports/{report.cycle.year}/v{report.version}/{token[:8]}"
    stem = f"gentrack-accountability-report-{report.cycle.year}-v{report.version}"
    return {
        "xlsx_file": f"{folder}/{stem}.xlsx",
        "csv_file": f"{folder}/{stem}-csv.zip",
        "html_file": f"{folder}/{stem}.html",
        "pdf_file": f"{folder}/{stem}.pdf",
    }


def _discard(names):
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


def _discard_other_attempts(report, keep):
    """Remove what killed attempts of this version left behind."""
    base = f"reports/{report.cycle.year}/v{report.version}"
    try:
        folders, _files = default_storage.listdir(base)
    except (FileNotFoundError, NotImplementedError):
        return
    for folder in folders:
        if folder == keep:
            continue
        _folders, files = default_storage.listdir(f"{base}/{folder}")
        _discard(f"{base}/{folder}/{name}" for name in files)


def run_compile(report_id, token):
    """Compile a claimed report: figures, then files, then one conditional
    UPDATE that publishes them. Raises ClaimLost if taken over meanwhile."""
    report = AccountabilityReport.objects.select_related("cycle").get(pk=report_id)
    delay = _step_delay()

    def on_step(done, total):
        if delay:
            time.sleep(delay)
        heartbeat(report_id, token, progress=5 + round(65 * done / total))

    heartbeat(report_id, token, progress=1)
    with translation.override(settings.LANGUAGE_CODE):
        figures = compile_figures(report.cycle, report.snapshot_at, on_step=on_step)
        names = file_names(report, token)
        written = []

        def store(field, content):
            stored = default_storage.save(names[field], ContentFile(content))
            written.append(stored)
            return stored

        try:
            files = {"xlsx_file": store("xlsx_file", outputs.render_xlsx(figures))}
            heartbeat(report_id, token, progress=78)
            files["csv_file"] = store("csv_file", outputs.render_csv_zip(figures))
            html = outputs.render_html_document(report, figures)
            files["html_file"] = store("html_file", html.encode("utf-8"))
            heartbeat(report_id, token, progress=85)
            if delay:
                time.sleep(delay)
            pdf, pdf_unavailable_reason = outputs.render_pdf(html)
            files["pdf_file"] = store("pdf_file", pdf) if pdf else ""
            published = _owned(report_id, token).update(
                status=Status.SUCCEEDED,
                progress=100,
                data=figures,
                pdf_unavailable_reason=pdf_unavailable_reason or "",
                finished_at=timezone.now(),
                heartbeat_at=timezone.now(),
                **files,
            )
        except BaseException:
            _discard(written)
            raise
        if not published:
            _discard(written)
            raise ClaimLost(report_id)
    _discard_other_attempts(report, keep=token[:8])
    return figures


def record_failure(report_id, token, error):
    message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    _owned(report_id, token).update(status=Status.FAILED, error=message, finished_at=timezone.now())


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    max_retries=30,
)
def compile_accountability_report(self, report_id):
    """Compile one version of the accountability report. Safe to deliver
    twice: see the module docstring. Returns what it did, for logs."""
    token = str(uuid.uuid4())
    if not claim(report_id, token):
        state = AccountabilityReport.objects.filter(pk=report_id).values_list("status", flat=True).first()
        if state == Status.RUNNING and not self.request.is_eager:
            # Another worker holds it, alive as far as we know: look again once
            # its heartbeat would have gone stale if it has died.
            raise self.retry(countdown=stale_after())
        logger.info("Accountability report %s not claimed: it is %s", report_id, state or "gone")
        return f"not claimed ({state or 'gone'})"
    logger.info("Compiling accountability report %s (claim %s)", report_id, token)
    try:
        run_compile(report_id, token)
    except ClaimLost:
        logger.warning("Accountability report %s was taken over by another worker", report_id)
        return "taken over"
    except SoftTimeLimitExceeded:
        record_failure(report_id, token, RuntimeError(f"The compile took longer than {SOFT_TIME_LIMIT} seconds."))
        return "failed"
    except Exception as error:  # noqa: BLE001 — any failure is stored on the row for staff to read
        logger.exception("Compiling accountability report %s failed", report_id)
        record_failure(report_id, token, error)
        return "failed"
    return "succeeded"


@shared_task(acks_late=True)
def compile_closed_cycle_reports():
    """Daily: request the report of every cycle that has closed (the day after
    its last day, or later) and has no report yet. Safe to run twice: the
    request and the check run under the cycle's row lock in the service, and a
    cycle that has a report (in any state) is skipped."""
    today = timezone.localdate()
    requested = []
    for cycle in ReportingCycle.objects.closed_by(today).filter(accountability_reports__isnull=True).order_by("year"):
        from .services import accountability_report_request

        with transaction.atomic():
            # Lock and look again: a second run of this task may be here too.
            locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
            if locked.accountability_reports.exists():
                continue
            accountability_report_request(cycle=locked, actor=None, system=True)
        requested.append(cycle.year)
    return requested
