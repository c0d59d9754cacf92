"""The status vocabularies of progress reports and of commitments' reporting,
shared by the models (reporting.models re-exports them) and the stored statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    OFF_TRACK = "off_track", _("Off track")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


class ReportingStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    AWAITING_REVIEW = "awaiting_review", _("Submitted, awaiting review")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
    INACTIVE = "inactive", _("Inactive")
    ENDED = "ended", _("Ended (end year passed)")
    COMPLETED = "completed", _("Completed or discontinued")
