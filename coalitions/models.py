from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.validation import unique_error_on_field


class Region(models.TextChoices):
    """The five UN Women regions that countries are grouped into."""

    AFRICA = "africa", _("Africa")
    AMERICAS_CARIBBEAN = "americas_caribbean", _("Americas and the Caribbean")
    ARAB_STATES = "arab_states", _("Arab States")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    EUROPE_CENTRAL_ASIA = "europe_central_asia", _("Europe and Central Asia")


class Country(models.Model):
    """A country or territory by its ISO 3166-1 alpha-2 code, and the UN Women
    region it belongs to. Loaded by a data migration; makers and commitments
    refer to it by code, so the API speaks ISO codes directly."""

    code = models.CharField(max_length=2, primary_key=True)
    name = models.CharField(max_length=100)
    region = models.CharField(max_length=24, choices=Region.choices, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_is_two_capitals"),
        ]

    def __str__(self):
        return self.name


class Subdivision(models.Model):
    """A place inside a country: an ISO 3166-2 subdivision (a county of Kenya,
    a region of Tanzania, an entity of Bosnia and Herzegovina), with the one
    it belongs to when it is nested (a district inside a region). Loaded from
    pycountry by a data migration, never typed by hand; commitments and
    progress reports name the places where they work by these codes."""

    code = models.CharField(max_length=10, primary_key=True)
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="subdivisions")
    name = models.CharField(max_length=120)
    type = models.CharField(max_length=60, help_text=_("What the country calls it: county, region, entity…"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children", db_index=True
    )

    class Meta:
        ordering = ["country_id", "name"]
        verbose_name = _("sub-national place")
        verbose_name_plural = _("sub-national places")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}-[A-Z0-9]{1,6}$"), name="subdivision_code_iso"),
        ]

    def __str__(self):
        return self.name


class ActionCoalition(models.Model):
    """One of the six Generation Equality Action Coalitions, or the Compact on
    Women, Peace and Security and Humanitarian Action. Commitments are made to
    one or more of them."""

    class Kind(models.TextChoices):
        ACTION_COALITION = "action_coalition", _("Action Coalition")
        COMPACT = "compact", _("Compact")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ACTION_COALITION)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    plan_start_year = models.PositiveSmallIntegerField(default=2021)
    plan_end_year = models.PositiveSmallIntegerField(default=2026)

    class Meta:
        verbose_name = _("Action Coalition")
        verbose_name_plural = _("Action Coalitions")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(plan_end_year__gte=models.F("plan_start_year")), name="coalition_plan_years_in_order"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.plan_start_year and self.plan_end_year and self.plan_end_year < self.plan_start_year:
            raise ValidationError({"plan_end_year": _("The plan cannot end before it starts.")})


class ActionArea(models.Model):
    """A numbered area of action inside a coalition's Global Acceleration Plan
    (for instance Technology and Innovation's "Bridge the Gender Gap in Digital
    Access and Competencies")."""

    coalition = models.ForeignKey(ActionCoalition, on_delete=models.PROTECT, related_name="action_areas")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = _("action area")
        verbose_name_plural = _("action areas")
        ordering = ["coalition__order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "number"], name="action_area_number_unique_in_coalition"),
            models.CheckConstraint(condition=Q(number__gte=1), name="action_area_number_positive"),
        ]

    def __str__(self):
        return f"{self.coalition.short_name} {self.number}. {self.title}"

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            raise unique_error_on_field(
                error,
                ("coalition", "number"),
                "number",
                _("This coalition already has an action area with this number."),
            ) from None


class Theme(models.Model):
    """A cross-cutting theme that runs through all coalitions, such as
    financing or gender data and accountability."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CoalitionLeader(models.Model):
    """A commitment maker that co-leads a coalition. A leader must hold at
    least one approved commitment in the coalition it leads."""

    coalition = models.ForeignKey(ActionCoalition, on_delete=models.CASCADE, related_name="leaders")
    maker = models.ForeignKey("commitments.CommitmentMaker", on_delete=models.CASCADE, related_name="leaderships")
    since = models.PositiveSmallIntegerField(help_text=_("Year the maker started leading the coalition."))

    class Meta:
        verbose_name = _("coalition leader")
        verbose_name_plural = _("coalition leaders")
        ordering = ["coalition__order", "maker__name"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "maker"], name="leader_once_per_coalition"),
            models.CheckConstraint(condition=Q(since__gte=2021), name="leader_since_generation_equality"),
        ]

    def __str__(self):
        return f"{self.maker} leads {self.coalition.short_name}"

    def clean(self):
        if not (self.coalition_id and self.maker_id):
            return
        # Through the maker's reverse relation: reference data must not import
        # the commitments app that builds on it.
        holds_one = self.maker.commitments.filter(coalitions=self.coalition_id, status="approved").exists()
        if not holds_one:
            raise ValidationError(
                {"maker": _("A coalition leader must hold at least one approved commitment in that coalition.")}
            )


class Unit(models.TextChoices):
    """What an indicator counts. Only `people` can be broken down by sex, age
    group and disability."""

    PEOPLE = "people", _("people")
    ORGANISATIONS = "organisations", _("organisations")
    LAWS_POLICIES = "laws_policies", _("laws and policies")
    USD = "usd", _("US dollars")
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("number")


class StandardIndicator(models.Model):
    """An indicator from the secretariat's catalogue (people reached by
    services, laws and policies adopted or reformed, USD disbursed…), kept in
    the admin as reference data and suggested per action area. A commitment's
    own indicator may be tied to one, so that results add up across makers in
    the accountability report."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    action_areas = models.ManyToManyField(
        ActionArea,
        verbose_name=_("action areas"),
        related_name="standard_indicators",
        blank=True,
        help_text=_("Where the indicator is suggested; none means every action area."),
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("offered to makers"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("standard indicator")
        verbose_name_plural = _("standard indicators")

    def __str__(self):
        return self.name

    @property
    def counts_people(self):
        return self.unit == Unit.PEOPLE
