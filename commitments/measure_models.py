"""What a commitment sets out to achieve, in terms that can be checked: the
dated deliverables it will produce and the indicators (baseline and target)
that its progress reports report results against."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalitions.models import Unit

from .years import FIRST_YEAR, LAST_YEAR


class DeliverableStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    DROPPED = "dropped", _("Dropped")


class Deliverable(models.Model):
    """Something the commitment will make exist (a law drafted, a shelter
    opened, a fund launched), due by a year. Its status is the maker's latest
    word on it, updated by progress reports; `delivered_in` is the cycle year
    of the report that first said it was delivered, so "on time" can be
    counted."""

    commitment = models.ForeignKey("commitments.Commitment", on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("deliverable"), max_length=255)
    due_year = models.PositiveSmallIntegerField(
        _("due by (year)"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DeliverableStatus.choices, default=DeliverableStatus.NOT_STARTED
    )
    delivered_in = models.PositiveSmallIntegerField(_("delivered in (year)"), null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["commitment_id", "order", "due_year", "id"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_year__gte=FIRST_YEAR) & Q(due_year__lte=LAST_YEAR), name="deliverable_year_plausible"
            ),
            models.CheckConstraint(
                condition=Q(delivered_in__isnull=True) | Q(status=DeliverableStatus.DELIVERED),
                name="deliverable_delivered_in_only_when_delivered",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def delivered_on_time(self):
        return self.status == DeliverableStatus.DELIVERED and self.delivered_in is not None and (
            self.delivered_in <= self.due_year
        )


class Indicator(models.Model):
    """A figure the commitment will move, from a baseline (value and year) to a
    target (value and year), in a unit; optionally one of the secretariat's
    standard indicators so results add up across commitments. Indicators that
    count people can have their results broken down by sex, age group and
    disability."""

    commitment = models.ForeignKey("commitments.Commitment", on_delete=models.CASCADE, related_name="indicators")
    standard = models.ForeignKey(
        "coalitions.StandardIndicator",
        verbose_name=_("standard indicator"),
        on_delete=models.PROTECT,
        related_name="indicators",
        null=True,
        blank=True,
    )
    name = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    baseline_value = models.DecimalField(_("baseline"), max_digits=18, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(
        _("target year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["commitment_id", "order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        indexes = [models.Index(fields=["standard", "commitment"], name="indicator_standard")]
        constraints = [
            models.CheckConstraint(condition=~Q(target_value=F("baseline_value")), name="indicator_target_not_baseline"),
            models.CheckConstraint(
                condition=Q(target_year__gte=F("baseline_year")), name="indicator_target_after_baseline"
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__gte=0) & Q(target_value__gte=0), name="indicator_values_not_negative"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def counts_people(self):
        return self.unit == Unit.PEOPLE

    def clean(self):
        errors = {}
        if self.baseline_value is not None and self.target_value is not None and self.baseline_value == self.target_value:
            errors["target_value"] = _("The target must differ from the baseline, or there is nothing to measure.")
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            errors["target_year"] = _("The target year cannot come before the baseline year.")
        if self.standard_id and self.unit and self.standard.unit != self.unit:
            errors["unit"] = _("This standard indicator is counted in %(unit)s.") % {
                "unit": self.standard.get_unit_display()
            }
        if errors:
            raise ValidationError(errors)

    def share_of_the_way(self, value):
        """How far `value` has gone from the baseline to the target, between 0
        and 1 (a result past the target counts as 1, one that went backwards
        as 0); works for targets below the baseline too (fewer cases of…)."""
        if value is None or self.target_value == self.baseline_value:
            return None
        share = (value - self.baseline_value) / (self.target_value - self.baseline_value)
        return max(0, min(1, float(share)))
