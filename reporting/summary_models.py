"""The stored public figures (reporting.summaries): one small row per page
family, kept in PostgreSQL so that pages render from it while Redis is down."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FiguresSummary(models.Model):
    """Figures of one kind of public page (the dashboard, the coalition
    pages), computed by a worker and read by every request."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    data = models.JSONField(_("figures"), default=dict)
    refreshed_at = models.DateTimeField(_("refreshed"), null=True, blank=True)
    # Set by a change that may have moved the figures; a refresh that began
    # after it clears it.
    requested_at = models.DateTimeField(_("refresh requested"), null=True, blank=True)

    class Meta:
        app_label = "reporting"
        verbose_name = _("figures summary")
        verbose_name_plural = _("figures summaries")

    def __str__(self):
        return self.name
