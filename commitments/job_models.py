"""The admin's long jobs that belong to the commitments app: exporting a
filtered list and importing a spreadsheet of commitments. Rows first, Celery
messages second (see jobs/claims.py); kept apart from models.py so that the
domain's models stay readable."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """What every admin job row has: its state, progress, who asked, when it
    ran and what went wrong. A Celery worker claims the row and fills it."""

    Status = JobStatus

    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The claim of the worker running the job (jobs/claims.py): a token per
    # attempt and the time it last showed signs of life. A worker writes to
    # the row only while its token is the current one; another worker takes
    # the job over once the heartbeat has gone stale (its worker died).
    claim_token = models.CharField(max_length=36, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, editable=False, help_text=_("How many times a worker has claimed this job.")
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class Export(Job):
    """A spreadsheet of a filtered admin list too large to build during the
    request: a job row that a Celery worker claims, fills with the file and
    marks succeeded or failed. The filters are kept as the changelist's query
    string so that the worker rebuilds exactly the list the user saw."""

    class Kind(models.TextChoices):
        COMMITMENTS = "commitments", _("Commitments")
        MAKERS = "makers", _("Commitment makers")
        PROGRESS_REPORTS = "progress_reports", _("Progress reports")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    list_model = models.CharField(
        max_length=100, help_text=_("The admin list exported, as app_label.model (a review queue or a full table).")
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    query_string = models.TextField(_("filters"), blank=True, help_text=_("The admin list's filters and search."))
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="exports/", blank=True)

    class Meta(Job.Meta):
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="export_progress_at_most_100")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.format}) #{self.pk}"


class ImportJob(Job):
    """One upload of commitments from a spreadsheet: checked in a dry run,
    then imported. Large files are worked through by a Celery worker, which
    reports its progress here and leaves an error report (CSV, one line per
    problem) when rows are refused."""

    source = models.FileField(_("file"), upload_to="imports/")
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    # The SHA-256 of the file's bytes: a file already imported is recognised
    # whatever its name, and importing it again does nothing.
    content_hash = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True, db_index=True)
    dry_run = models.BooleanField(_("dry run"), default=True, help_text=_("Check only; import nothing."))
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    error_report = models.FileField(_("error report"), upload_to="imports/", blank=True)

    class Meta(Job.Meta):
        verbose_name = _("commitment import")
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="import_progress_at_most_100")]

    def __str__(self):
        return f"{self.original_name or self.source.name} #{self.pk}"
