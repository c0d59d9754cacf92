"""What a progress report says was achieved: the actual value of each of the
commitment's indicators for the cycle (with its breakdown when it counts
people) and where each deliverable stands."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commitments.models import DeliverableStatus


class Dimension(models.TextChoices):
    SEX = "sex", _("sex")
    AGE_GROUP = "age_group", _("age group")
    DISABILITY = "disability", _("disability")


# The categories of each dimension. Each dimension has a "not known" so a
# breakdown can always add up to its total even when part of it was not
# recorded.
CATEGORIES = {
    Dimension.SEX: {
        "female": _("women and girls"),
        "male": _("men and boys"),
        "other": _("another identity"),
        "not_known": _("not known"),
    },
    Dimension.AGE_GROUP: {
        "under_15": _("under 15"),
        "15_24": _("15 to 24"),
        "25_64": _("25 to 64"),
        "65_plus": _("65 and over"),
        "not_known": _("not known"),
    },
    Dimension.DISABILITY: {
        "with_disability": _("with a disability"),
        "without_disability": _("without a disability"),
        "not_known": _("not known"),
    },
}


class IndicatorResult(models.Model):
    """The actual value of one indicator for the report's cycle: the figure
    for that year, never a running total (progress is computed from the
    latest one against the baseline and target)."""

    report = models.ForeignKey("reporting.ProgressReport", on_delete=models.CASCADE, related_name="results")
    indicator = models.ForeignKey("commitments.Indicator", on_delete=models.CASCADE, related_name="results")
    value = models.DecimalField(_("actual value"), max_digits=18, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["report_id", "indicator__order", "indicator_id"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_result_per_indicator_per_report"),
            models.CheckConstraint(condition=Q(value__gte=0), name="result_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}"

    def clean(self):
        if self.report_id and self.indicator_id and self.indicator.commitment_id != self.report.commitment_id:
            raise ValidationError({"indicator": _("This indicator belongs to another commitment.")})


class ResultBreakdown(models.Model):
    """Part of a result counting people: how many of them were in one category
    of one dimension (women and girls, 15 to 24, with a disability). The parts
    of a dimension add up to the result's value; the services refuse a
    breakdown that does not."""

    result = models.ForeignKey(IndicatorResult, on_delete=models.CASCADE, related_name="breakdown")
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)
    category = models.CharField(_("category"), max_length=20)
    value = models.DecimalField(_("number"), max_digits=18, decimal_places=2)

    class Meta:
        ordering = ["result_id", "dimension", "id"]
        constraints = [
            models.UniqueConstraint(fields=["result", "dimension", "category"], name="one_part_per_category"),
            models.CheckConstraint(condition=Q(value__gte=0), name="breakdown_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_dimension_display()} {self.category_label}: {self.value}"

    @property
    def category_label(self):
        return CATEGORIES.get(self.dimension, {}).get(self.category, self.category)

    def clean(self):
        if self.category not in CATEGORIES.get(self.dimension, {}):
            raise ValidationError({"category": _("Unknown category for this dimension.")})


class DeliverableUpdate(models.Model):
    """Where one deliverable stood at the report's cycle, as the maker says."""

    report = models.ForeignKey("reporting.ProgressReport", on_delete=models.CASCADE, related_name="deliverable_updates")
    deliverable = models.ForeignKey("commitments.Deliverable", on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=12, choices=DeliverableStatus.choices)

    class Meta:
        ordering = ["report_id", "deliverable__order", "deliverable_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "deliverable"], name="one_update_per_deliverable_per_report"),
        ]

    def __str__(self):
        return f"{self.deliverable}: {self.get_status_display()}"

    def clean(self):
        if self.report_id and self.deliverable_id and self.deliverable.commitment_id != self.report.commitment_id:
            raise ValidationError({"deliverable": _("This deliverable belongs to another commitment.")})
