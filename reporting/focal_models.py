"""Focal points: the people a country (or some of its places) names to
follow its commitments, the reminders they send, and the spreadsheets of
progress reports they import on behalf of makers. Kept apart from models.py
so that it stays under the 600-line cap; models.py imports them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commitments.job_models import Job
from core.validation import unique_error_on_field


class FocalPoint(models.Model):
    """A user the secretariat appointed to follow one country's commitments:
    every maker and commitment of it, their reporting status, reminders, and
    progress reports entered on behalf of makers who collect them offline.
    With places, the focal point follows only the commitments that name one
    of them (a county focal point in Kenya). `published` puts the user's
    name on the country page and in the API; unpublished, nobody outside the
    secretariat sees who they are."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_points", verbose_name=_("user")
    )
    country = models.ForeignKey(
        "coalitions.Country", on_delete=models.PROTECT, related_name="focal_points", verbose_name=_("country")
    )
    places = models.ManyToManyField(
        "coalitions.Subdivision",
        blank=True,
        related_name="focal_points",
        verbose_name=_("places"),
        help_text=_("Leave empty to follow the whole country; else only commitments working in these places."),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Show this person's name on the country page and in the API.")
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    created_at = models.DateTimeField(_("appointed on"), auto_now_add=True)

    class Meta:
        ordering = ["country_id", "id"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [models.UniqueConstraint(fields=["user", "country"], name="one_focal_point_per_user_country")]

    def __str__(self):
        return _("%(name)s, focal point for %(country)s") % {"name": self.public_name, "country": self.country_id}

    @property
    def public_name(self):
        return self.user.get_full_name() or self.user.get_username()

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            raise unique_error_on_field(
                error, ("user", "country"), "user", _("This user is already a focal point for this country.")
            ) from None


class FocalReminder(models.Model):
    """A reminder to report that a focal point sent to one maker of their
    country: a maker gets at most one a week, whoever sends it."""

    focal_point = models.ForeignKey(FocalPoint, on_delete=models.CASCADE, related_name="reminders")
    maker = models.ForeignKey("commitments.CommitmentMaker", on_delete=models.CASCADE, related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    commitment_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("focal point reminder")
        verbose_name_plural = _("focal point reminders")
        indexes = [models.Index(fields=["maker", "sent_at"], name="focal_reminder_maker_sent")]

    def __str__(self):
        return f"{self.maker_id} {self.sent_at:%Y-%m-%d}"


class ProgressImportJob(Job):
    """One spreadsheet of progress reports that a focal point uploaded for
    makers of their country: checked and imported by a Celery worker (all
    rows or none), with an error report (CSV, one line per problem) when
    rows are refused. Claimed like every long job (jobs/claims.py)."""

    focal_point = models.ForeignKey(FocalPoint, on_delete=models.CASCADE, related_name="imports")
    source = models.FileField(_("file"), upload_to="focal-imports/")
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_hash = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True, db_index=True)
    dry_run = models.BooleanField(_("check only"), default=False, help_text=_("Check the file; import nothing."))
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    error_report = models.FileField(_("error report"), upload_to="focal-imports/", blank=True)

    class Meta(Job.Meta):
        verbose_name = _("progress report import")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="progress_import_progress_at_most_100")
        ]

    def __str__(self):
        return f"{self.original_name or self.source.name} #{self.pk}"
