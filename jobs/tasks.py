"""Every Celery task of gentrack. Tasks are thin: they receive ids, re-fetch
the rows, and call the domain's services or the job modules beside this one,
so a message delivered twice or late acts on the current state of the
database.

Each task keeps the name it had before the jobs got a package of their own
(`commitments.tasks.…`, `reporting.tasks.…`): queued messages and the beat
schedule refer to tasks by name, and the domain's services queue them by
name through core.queue.enqueue_on_commit, whose outbox delivers at least
once: the jobs claim their rows, and the emails go through
`core.queue.acting_once`, so a second delivery sends nothing."""

import datetime
import logging
import tempfile
import uuid

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import CommitmentMaker, Export, ImportJob, JoinRequest, Membership, ReviewEvent
from commitments.stored_codes import refresh_stored_codes
from core import formatting, queue
from core.languages import in_their_languages, site_link
from reporting import focal_points, reminders, summaries
from reporting.models import AccountabilityReport, FocalReminder, ProgressImportJob, ReportingCycle
from reporting.services import accountability_report_request
from reporting.stored_statuses import refresh_stored_statuses

from . import claims, exports
from .claims import ClaimLost
from .imports import run_import
from .progress_imports import run_progress_import
from .report_compile import (
    SOFT_TIME_LIMIT,
    TIME_LIMIT,
    claim,
    record_failure,
    run_compile,
    stale_after,
    translate_pdfs,
)

logger = logging.getLogger(__name__)
Status = AccountabilityReport.Status


@shared_task(
    name="commitments.tasks.send_review_notification",
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_review_notification(self, event_id):
    """Tell the members of the maker concerned about a review decision, once
    however often the message is delivered."""
    with queue.acting_once(self.request) as first:
        return _send_review_notification(event_id) if first else 0


def _send_review_notification(event_id):
    event = (
        ReviewEvent.objects.select_related("commitment__maker", "progress_report__cycle").filter(pk=event_id).first()
    )
    if event is None:  # rolled back or deleted since: nothing to tell
        return 0
    commitment = event.commitment
    recipients = list(
        commitment.maker.memberships.filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "user__email")
    )
    if not recipients:
        return 0

    def compose():
        subject = _("%(action)s: %(title)s") % {"action": event.get_action_display(), "title": commitment.title}
        lines = [
            _("%(action)s — %(reference)s %(title)s")
            % {"action": event.get_action_display(), "reference": commitment.reference, "title": commitment.title},
        ]
        if event.progress_report_id:
            lines.append(_("Progress report for the %(year)s cycle.") % {"year": event.progress_report.cycle.year})
        if event.comment:
            lines += ["", _("Comment from the secretariat:"), event.comment]
        if event.action in (ReviewEvent.Action.APPROVED, ReviewEvent.Action.AMENDMENT_APPROVED):
            lines += ["", *_what_happens_after_approval(commitment, cycle)]
        lines += ["", site_link("/my/")]
        return subject, "\n".join(str(line) for line in lines)

    cycle = ReportingCycle.objects.next_to_close(timezone.localdate())
    return send_mass_mail(in_their_languages(recipients, compose), fail_silently=False)


def _what_happens_after_approval(commitment, cycle):
    """The public link of the approved commitment and when its first (or
    next) progress report is due: `cycle`, the next to close, if any."""
    lines = [
        _("It is now public in the catalogue:"),
        site_link(commitment.get_absolute_url()),
        "",
    ]
    if cycle is None:
        lines.append(
            _(
                "You will report on its progress once a year, when the secretariat opens a reporting cycle; "
                "reminders come by email before each cycle closes."
            )
        )
    else:
        lines.append(
            _("Next progress report: the %(year)s reporting cycle, open from %(opens)s, due by %(closes)s.")
            % {
                "year": cycle.year,
                "opens": formatting.date(cycle.opens_on),
                "closes": formatting.date(cycle.closes_on),
            }
        )
    return lines


@shared_task(
    name="commitments.tasks.send_maker_verified",
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_maker_verified(self, maker_id):
    """Tell the owners of a maker that the secretariat has verified it, once
    however often the message is delivered."""
    with queue.acting_once(self.request) as first:
        return _send_maker_verified(maker_id) if first else 0


def _send_maker_verified(maker_id):
    maker = CommitmentMaker.objects.filter(pk=maker_id, verified=True).first()
    if maker is None:
        return 0
    recipients = list(
        maker.memberships.filter(role=Membership.Role.OWNER, user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "user__email")
    )
    if not recipients:
        return 0

    def compose():
        subject = _("%(maker)s is verified") % {"maker": maker}
        if maker.checked_before_submitting:
            body = _("The secretariat has verified %(maker)s. You can now submit its commitments for review.")
        else:
            body = _("The secretariat has verified %(maker)s. Its submitted commitments can now be approved.")
        return subject, f"{body % {'maker': maker}}\n\n{site_link('/my/')}"

    return send_mass_mail(in_their_languages(recipients, compose), fail_silently=False)


def _claim_or_retry(task, model, pk):
    """Claim the job row for this delivery, or None. A row held by a worker
    that looks alive is looked at again once its heartbeat would have gone
    stale, should that worker die meanwhile (the reaper below does the same
    every minute; this covers a deployment without beat)."""
    owner = claims.claim(model, pk)
    if owner is not None:
        return owner
    state = model._default_manager.filter(pk=pk).values_list("status", flat=True).first()
    if state == claims.RUNNING and not task.request.is_eager:
        raise task.retry(countdown=claims.stale_after(model))
    logger.info("%s %s not claimed: it is %s", model._meta.label, pk, state or "gone")
    return None


@shared_task(
    name="commitments.tasks.build_export", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=30
)
def build_export(self, export_id):
    """Build the file of a large admin export. Claimed (jobs/claims.py), so a
    message delivered twice builds it once, and a build whose worker died is
    taken over and built again from the start: each attempt writes its own
    file, and only the attempt that still holds the claim publishes its."""
    owner = _claim_or_retry(self, Export, export_id)
    if owner is None:
        return None
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    written = None
    try:
        queryset = exports.rebuild_queryset(export)
        total = export.row_count or queryset.count() or 1

        def progress(done):
            owner.heartbeat(progress=min(99, done * 100 // total))

        owner.heartbeat(progress=0)
        row_iter = exports.rows(export.kind, queryset, progress=progress)
        name = f"{export.pk}/{owner.token[:8]}/{export.kind}-{export.pk}.{export.format}"
        if export.format == Export.Format.CSV:
            with tempfile.TemporaryFile("w+", newline="", encoding="utf-8") as handle:
                exports.write_csv(row_iter, handle)
                handle.seek(0)
                export.file.save(name, File(handle), save=False)
        else:
            with tempfile.TemporaryFile() as handle:
                exports.write_xlsx(row_iter, handle, title=export.kind)
                handle.seek(0)
                export.file.save(name, File(handle), save=False)
        written = export.file.name
        owner.finish(file=written)
    except ClaimLost:
        _discard_files([written])
        logger.warning("Export %s was taken over by another worker", export_id)
        return "taken over"
    except Exception as error:  # noqa: BLE001 - any failure is reported on the job row
        _discard_files([written])
        owner.fail(error)
        raise
    _discard_other_export_attempts(export, keep=owner.token[:8])
    return export.file.name


def _discard_files(names):
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


def _discard_other_export_attempts(export, keep):
    """Remove the file a killed attempt finished writing but never published."""
    base = export.file.field.generate_filename(export, str(export.pk))
    try:
        folders, _files = default_storage.listdir(base)
    except (FileNotFoundError, NotImplementedError):
        return
    for folder in folders:
        if folder != keep:
            _folders, files = default_storage.listdir(f"{base}/{folder}")
            _discard_files(f"{base}/{folder}/{name}" for name in files)


@shared_task(
    name="commitments.tasks.run_import_job", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=30
)
def run_import_job(self, job_id):
    """Check (and, unless a dry run, import) a large spreadsheet of
    commitments. Claimed (jobs/claims.py), so it runs once; an import whose
    worker died is taken over and run again, and imports its rows once (see
    jobs.imports.run_import)."""
    owner = _claim_or_retry(self, ImportJob, job_id)
    if owner is None:
        return None
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        run_import(job, owner)
    except ClaimLost:
        logger.warning("Import %s was taken over by another worker", job_id)
        return "taken over"
    except Exception as error:  # noqa: BLE001 - any failure is reported on the job row
        owner.fail(error)
        raise
    return job.pk


@shared_task(
    name="commitments.tasks.send_join_decision",
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_join_decision(self, join_request_id):
    """Tell a user whether the owners of a maker accepted their request, once
    however often the message is delivered."""
    with queue.acting_once(self.request) as first:
        return _send_join_decision(join_request_id) if first else 0


def _send_join_decision(join_request_id):
    join_request = JoinRequest.objects.select_related("user", "maker").filter(pk=join_request_id).first()
    if join_request is None or not join_request.user.email or join_request.status == JoinRequest.Status.PENDING:
        return 0

    def compose():
        if join_request.status == JoinRequest.Status.ACCEPTED:
            subject = _("You can now act for %(maker)s") % {"maker": join_request.maker}
            body = _("Your request to join %(maker)s was accepted.") % {"maker": join_request.maker}
        else:
            subject = _("Your request to join %(maker)s") % {"maker": join_request.maker}
            body = _("Your request to join %(maker)s was declined.") % {"maker": join_request.maker}
        return subject, f"{body}\n\n{site_link('/my/organisations/')}"

    recipients = [(join_request.user_id, join_request.user.email)]
    return send_mass_mail(in_their_languages(recipients, compose), fail_silently=False)


# The outbox ------------------------------------------------------------------


@shared_task(name="core.outbox.sweep", ignore_result=True)
def sweep_outbox():
    """Every OUTBOX_SWEEP_SECONDS (beat): send the outbox rows whose hand-off
    to the broker failed or never happened. Safe to run twice at once: each
    row is claimed under a skip-locked row lock (core.queue.sweep)."""
    counts = queue.sweep()
    if counts["sent"] or counts["not_sent"]:
        logger.info("Outbox sweep: %(sent)s sent, %(not_sent)s not sent", counts)
    return counts


# Accountability reports ------------------------------------------------------


@shared_task(
    name="reporting.tasks.compile_accountability_report",
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


@shared_task(name="reporting.translate_report_pdfs", acks_late=True, soft_time_limit=SOFT_TIME_LIMIT)
def translate_report_pdfs(report_id):
    """Queued by a compile that succeeded: the report's PDF in the other
    languages, each published as it is laid out. A delivery after a killed
    worker lays out only those still missing."""
    return translate_pdfs(report_id)


@shared_task(name="reporting.tasks.compile_closed_cycle_reports", acks_late=True)
def compile_closed_cycle_reports():
    """Daily: request the report of every cycle that has closed (the day after
    its last day, or later) and has no report yet. Safe to run twice: the
    request and the check run under the cycle's row lock in the service, and a
    cycle that has a report (in any state) is skipped."""
    today = timezone.localdate()
    requested = []
    # Only the global report counts: a country's report compiled early does
    # not stand in for it.
    has_global = Exists(AccountabilityReport.objects.worldwide().filter(cycle=OuterRef("pk")))
    for cycle in ReportingCycle.objects.closed_by(today).filter(~has_global).order_by("year"):
        with transaction.atomic():
            # Lock and look again: a second run of this task may be here too.
            locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
            if locked.accountability_reports.worldwide().exists():
                continue
            accountability_report_request(cycle=locked, actor=None, system=True)
        requested.append(cycle.year)
    return requested


@shared_task(name="reporting.send_report_reminders", acks_late=True)
def send_report_reminders(day=None):
    """Daily: remind makers whose report for the open cycle is missing (safe
    to run twice: see reporting/reminders.py)."""
    return reminders.send_report_reminders(day)


# Focal points ------------------------------------------------------------------


@shared_task(
    name="reporting.tasks.send_focal_reminder",
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_focal_reminder(self, reminder_id):
    """Email a focal point's reminder to the members of a maker, once however
    often the message is delivered."""
    with queue.acting_once(self.request) as first:
        return _send_focal_reminder(reminder_id) if first else 0


def _send_focal_reminder(reminder_id):
    reminder = (
        FocalReminder.objects.select_related("focal_point__user", "focal_point__country", "maker")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None:
        return 0
    recipients = list(
        reminder.maker.memberships.filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "user__email")
    )
    if not recipients:
        return 0
    focal_point = reminder.focal_point
    owing = list(
        focal_points.remindable_commitments(focal_point)
        .filter(maker=reminder.maker)
        .order_by("reference")
        .values_list("reference", "title", "reporting_status")
    )

    def compose():
        subject = _("Reminder from the focal point for %(country)s: progress reports to file") % {
            "country": focal_point.country.name
        }
        lines = [
            _(
                "%(name)s, focal point for %(country)s, reminds %(maker)s that these commitments have a progress report due or overdue:"
            )
            % {"name": focal_point.public_name, "country": focal_point.country.name, "maker": reminder.maker.name},
            "",
            *[f"- {reference} {title}" for reference, title, _status in owing],
            "",
            site_link("/my/reports/"),
        ]
        return subject, "\n".join(str(line) for line in lines)

    return send_mass_mail(in_their_languages(recipients, compose), fail_silently=False)


@shared_task(
    name="reporting.tasks.run_progress_import", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=30
)
def run_progress_import_job(self, job_id):
    """Check and import a focal point's spreadsheet of progress reports.
    Claimed like the commitments import, and like it imports its rows once,
    all or none (jobs.progress_imports.run_progress_import)."""
    owner = _claim_or_retry(self, ProgressImportJob, job_id)
    if owner is None:
        return None
    job = ProgressImportJob.objects.select_related("requested_by", "focal_point__country").get(pk=job_id)
    try:
        run_progress_import(job, owner)
    except ClaimLost:
        logger.warning("Progress import %s was taken over by another worker", job_id)
        return "taken over"
    except Exception as error:  # noqa: BLE001 - any failure is reported on the job row
        owner.fail(error)
        raise
    return job.pk


@shared_task(name="reporting.refresh_reporting_statuses", acks_late=True)
def refresh_reporting_statuses(day=None):
    """Rewrite the stored reporting status of every commitment that moved:
    queued when a cycle opens or closes (reporting.services) and run daily
    just after midnight by beat, since a cycle opening or closing by its
    dates moves statuses without any write. Set-based SQL, safe to run twice
    (the second run writes nothing). `day` (ISO) is for tests and operators."""
    return refresh_stored_statuses(day=datetime.date.fromisoformat(day) if day else None)


@shared_task(name="commitments.refresh_stored_codes", acks_late=True)
def refresh_link_codes():
    """Write every commitment's stored link codes again from the link tables
    (commitments/stored_codes.py): daily by beat, for the links a deleted
    theme, country or place took along without a signal. Safe to run twice."""
    return refresh_stored_codes()


# Taking over the jobs of dead workers ------------------------------------------

# Every long job's model and the task that runs it, for the reaper.
LONG_JOBS = [
    (Export, build_export),
    (ImportJob, run_import_job),
    (ProgressImportJob, run_progress_import_job),
    (AccountabilityReport, compile_accountability_report),
]


@shared_task(name="jobs.tasks.requeue_stale_jobs", acks_late=True)
def requeue_stale_jobs():
    """Every minute (beat): send again the task of every running job whose
    worker stopped beating (killed, out of memory, machine lost), so another
    worker takes it over within minutes rather than when the broker gives the
    dead worker's message back, an hour later. Safe to run twice: the claim
    decides who runs a job. Queues directly rather than on commit: a broker
    that does not answer only means the next beat tries again."""
    requeued = {}
    for model, task in LONG_JOBS:
        sent = claims.requeue_stale(model, lambda pk, task=task: task.apply_async(args=[pk]))
        if sent:
            requeued[model._meta.label] = sent
    return requeued


@shared_task(name="reporting.refresh_summaries", acks_late=True, ignore_result=True)
def refresh_summaries():
    """After a change: the public figures, at once unless refreshed within
    SUMMARY_MIN_SECONDS (reporting.summaries). Safe to run twice."""
    return summaries.request_refresh()


@shared_task(name="reporting.refresh_summaries_if_due", acks_late=True, ignore_result=True)
def refresh_summaries_if_due():
    """Celery beat: the public figures that were asked for or are old."""
    return summaries.refresh_due()
