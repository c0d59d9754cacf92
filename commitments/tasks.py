"""Celery jobs of the commitments app. Tasks receive ids and re-fetch, so a
message delivered twice or late acts on the current state of the database."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from .models import ReviewEvent


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_review_notification(event_id):
    """Tell the members of the maker concerned about a review decision."""
    event = (
        ReviewEvent.objects.select_related("commitment__maker", "progress_report__cycle").filter(pk=event_id).first()
    )
    if event is None:  # rolled back or deleted since: nothing to tell
        return 0
    commitment = event.commitment
    recipients = list(
        commitment.maker.memberships.filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return 0
    subject = _("%(action)s: %(title)s") % {"action": event.get_action_display(), "title": commitment.title}
    lines = [
        _("%(action)s — %(reference)s %(title)s")
        % {"action": event.get_action_display(), "reference": commitment.reference, "title": commitment.title},
    ]
    if event.progress_report_id:
        lines.append(_("Progress report for the %(year)s cycle.") % {"year": event.progress_report.cycle.year})
    if event.comment:
        lines += ["", _("Comment from the secretariat:"), event.comment]
    lines += ["", f"{settings.SITE_URL}/my/"]
    body = "\n".join(str(line) for line in lines)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    return send_mass_mail(messages, fail_silently=False)


@shared_task(acks_late=True)
def build_export(export_id):
    """Build the file of a large admin export. The row is claimed with a
    conditional update, so a message delivered twice builds it once."""
    import tempfile

    from django.core.files import File
    from django.utils import timezone

    from . import exports
    from .models import Export

    claimed = Export.objects.filter(pk=export_id, status=Export.Status.QUEUED).update(
        status=Export.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    try:
        queryset = exports.rebuild_queryset(export)
        total = export.row_count or queryset.count() or 1

        def progress(done):
            Export.objects.filter(pk=export_id).update(progress=min(99, done * 100 // total))

        row_iter = exports.rows(export.kind, queryset, progress=progress)
        name = f"{export.kind}-{export.pk}.{export.format}"
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
    except Exception as error:  # noqa: BLE001 - any failure is reported on the job row
        Export.objects.filter(pk=export_id).update(
            status=Export.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    Export.objects.filter(pk=export_id).update(
        status=Export.Status.SUCCEEDED, progress=100, file=export.file.name, finished_at=timezone.now()
    )
    return export.file.name


@shared_task(acks_late=True)
def run_import_job(job_id):
    """Check (and, unless a dry run, import) a large spreadsheet of
    commitments. Claimed with a conditional update, so it runs once."""
    from django.utils import timezone

    from .importing import run_import
    from .models import ImportJob

    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        run_import(job)
    except Exception as error:  # noqa: BLE001 - any failure is reported on the job row
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    return job.pk


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_join_decision(join_request_id):
    """Tell a user whether the owners of a maker accepted their request."""
    from django.core.mail import send_mail

    from .models import JoinRequest

    join_request = JoinRequest.objects.select_related("user", "maker").filter(pk=join_request_id).first()
    if join_request is None or not join_request.user.email or join_request.status == JoinRequest.Status.PENDING:
        return 0
    if join_request.status == JoinRequest.Status.ACCEPTED:
        subject = _("You can now act for %(maker)s") % {"maker": join_request.maker}
        body = _("Your request to join %(maker)s was accepted.") % {"maker": join_request.maker}
    else:
        subject = _("Your request to join %(maker)s") % {"maker": join_request.maker}
        body = _("Your request to join %(maker)s was declined.") % {"maker": join_request.maker}
    body = f"{body}\n\n{settings.SITE_URL}/my/organisations/"
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [join_request.user.email])
