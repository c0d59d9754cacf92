"""Which files were imported before: an import is recognised by the SHA-256
of its file's bytes, whatever the file's name, so that the same file (or the
same checked dry run) applied twice does nothing the second time and says
which job applied it and when."""

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from commitments.models import ImportJob
from core.uploads import content_hash  # noqa: F401 (the admin calls it from here)


def earlier_import(job, pending=False, pending_before=False):
    """The import (not a dry run) that already applied the same file as
    `job`, by content hash, or else, with `pending`, one queued or running;
    with `pending_before`, only one queued or running that was asked for
    before `job` (so that of two imports of one file running at once, the
    first applies it and the second does nothing). An import that found its
    file already imported has a note in `error` and does not count: it
    changed nothing."""
    if not job.content_hash:
        return None
    waiting = Q(status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING])
    if pending_before:
        waiting &= Q(pk__lt=job.pk)
    counted = Q(status=ImportJob.Status.SUCCEEDED)
    if pending or pending_before:
        counted |= waiting
    return (
        ImportJob.objects.filter(counted, content_hash=job.content_hash, dry_run=False, error_count=0, error="")
        .exclude(pk=job.pk)
        .order_by("-status", "pk")  # an applied import ("succeeded") before a waiting one
        .first()
    )


def already_imported_message(earlier):
    if earlier.status != ImportJob.Status.SUCCEEDED:
        return _("This file is already being imported as job %(job)d.") % {"job": earlier.pk}
    day = formats.date_format(timezone.localtime(earlier.finished_at or earlier.created_at), "DATE_FORMAT")
    return _("This file was already imported as job %(job)d on %(date)s.") % {"job": earlier.pk, "date": day}


def finish_as_already_imported(job, earlier, owner):
    """End an import whose file was already applied: nothing is read or
    written but the note on the job, which its page shows. Written through
    the worker's claim (`owner`, jobs/claims.py), so a worker that lost the
    job writes nothing."""
    fields = {
        "error": _("%(message)s Nothing was done.") % {"message": already_imported_message(earlier)},
        "total_rows": 0,
        "created_count": 0,
        "updated_count": 0,
        "unchanged_count": 0,
        "error_count": 0,
    }
    owner.finish(**fields)
    for name, value in fields.items():
        setattr(job, name, value)
    job.status = ImportJob.Status.SUCCEEDED
    job.progress = 100
    return job
