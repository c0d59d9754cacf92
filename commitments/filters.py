"""The one FilterSet for commitments, used by the public catalogue and by the
REST API alike, so that a filtered page and a filtered pull always agree.

Filters over many-to-many fields use `pk IN (subquery)` rather than joins, so
no filter multiplies rows and no query needs DISTINCT over a large table.
Values that do not exist (an unknown coalition slug, a malformed year) make
the form invalid: the API answers 400 with a message per filter, the web page
shows the message next to the filter.
"""

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from coalitions.models import ActionArea, ActionCoalition, Country, Region, Theme
from reporting.models import ImplementationStatus, ReportingStatus

from .models import TYPE_FLAGS, Commitment, CommitmentMaker, CommitmentType, Constituency, Scope

ORDERING_FIELDS = (
    ("published_at", "published_at"),
    ("updated_at", "updated_at"),
    ("start_year", "start_year"),
    ("end_year", "end_year"),
    ("financial_amount_usd", "financial_amount_usd"),
    ("title", "title"),
    ("reference", "reference"),
)


def _through_ids(field, **lookup):
    """Commitment ids linked through the many-to-many `field` to rows
    matching `lookup`, as a subquery."""
    through = Commitment._meta.get_field(field).remote_field.through
    return through.objects.filter(**lookup).values("commitment_id")


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering that always ends on the primary key, so that pages never
    overlap or skip rows when many commitments share a value."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        ordering = list(qs.query.order_by) or list(qs.model._meta.ordering)
        if not any(term.lstrip("-") in ("id", "pk") for term in ordering):
            descending = ordering and ordering[0].startswith("-")
            ordering.append("-id" if descending else "id")
        return qs.order_by(*ordering)


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, turned into UTC before it reaches the database:
    PostgreSQL refuses offsets beyond ±15:59 that Python accepts."""

    def clean(self, value):
        moment = super().clean(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError(_("Enter a moment between the years 1 and 9999."), code="invalid") from None


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    """`updated_since`: rows changed at or after this moment."""

    field_class = UtcDateTimeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        super().__init__(*args, **kwargs)


class CommitmentFilterSet(django_filters.FilterSet):
    coalition = django_filters.ModelMultipleChoiceFilter(
        label=_("Action Coalition"),
        queryset=ActionCoalition.objects.all(),
        to_field_name="slug",
        method="filter_coalition",
    )
    action_area = django_filters.ModelMultipleChoiceFilter(
        label=_("Action area"), queryset=ActionArea.objects.select_related("coalition"), method="filter_action_area"
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label=_("Cross-cutting theme"), queryset=Theme.objects.all(), to_field_name="slug", method="filter_theme"
    )
    maker = django_filters.ModelChoiceFilter(
        label=_("Commitment maker"), queryset=CommitmentMaker.objects.all(), field_name="maker"
    )
    # django-filter adds DISTINCT to multiple-choice filters by default;
    # these follow foreign keys only, and DISTINCT over every column of
    # 100,000 commitments cost a fifth of a second a page.
    constituency = django_filters.MultipleChoiceFilter(
        label=_("Constituency"), choices=Constituency.choices, field_name="maker__constituency", distinct=False
    )
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Country"), queryset=Country.objects.all(), method="filter_country"
    )
    region = django_filters.MultipleChoiceFilter(label=_("Region"), choices=Region.choices, method="filter_region")
    commitment_type = django_filters.MultipleChoiceFilter(
        label=_("Type of commitment"), choices=CommitmentType.choices, method="filter_commitment_type"
    )
    scope = django_filters.MultipleChoiceFilter(label=_("Scope"), choices=Scope.choices, distinct=False)
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Commitment.Status.choices, distinct=False)
    reporting_status = django_filters.MultipleChoiceFilter(
        label=_("Reporting status"), choices=ReportingStatus.choices, method="filter_reporting_status"
    )
    implementation_status = django_filters.MultipleChoiceFilter(
        label=_("Latest implementation status"),
        choices=ImplementationStatus.choices,
        method="filter_implementation_status",
    )
    start_year = django_filters.NumberFilter(label=_("Starts in or after"), field_name="start_year", lookup_expr="gte")
    end_year = django_filters.NumberFilter(label=_("Ends in or before"), field_name="end_year", lookup_expr="lte")
    min_amount = django_filters.NumberFilter(
        label=_("Minimum amount (USD)"), field_name="financial_amount_usd", lookup_expr="gte"
    )
    max_amount = django_filters.NumberFilter(
        label=_("Maximum amount (USD)"), field_name="financial_amount_usd", lookup_expr="lte"
    )
    updated_since = UpdatedSinceFilter(label=_("Updated since (ISO 8601)"))
    search = django_filters.CharFilter(label=_("Search"), method="filter_search")
    ordering = StableOrderingFilter(label=_("Sort by"), fields=ORDERING_FIELDS)

    class Meta:
        model = Commitment
        fields = []

    def filter_coalition(self, queryset, name, value: str):  # the hint types the OpenAPI parameter
        if not value:
            return queryset
        return queryset.filter(pk__in=_through_ids("coalitions", actioncoalition__in=value))

    def filter_action_area(self, queryset, name, value: int):  # the hint types the OpenAPI parameter
        if not value:
            return queryset
        return queryset.filter(pk__in=_through_ids("action_areas", actionarea__in=value))

    def filter_theme(self, queryset, name, value: str):  # the hint types the OpenAPI parameter
        if not value:
            return queryset
        return queryset.filter(pk__in=_through_ids("themes", theme__in=value))

    def filter_country(self, queryset, name, value: str):  # the hint types the OpenAPI parameter
        if not value:
            return queryset
        return queryset.filter(pk__in=_through_ids("countries", country__in=value))

    def filter_region(self, queryset, name, value):
        """A commitment belongs to a region when its maker is based there."""
        if not value:
            return queryset
        return queryset.filter(maker__country__region__in=value)

    def filter_commitment_type(self, queryset, name, value):
        """Any of the chosen types."""
        if not value:
            return queryset
        condition = Q()
        for code in value:
            condition |= Q(**{TYPE_FLAGS[code]: True})
        return queryset.filter(condition)

    def filter_reporting_status(self, queryset, name, value):
        if not value:
            return queryset
        if "reporting_status" not in queryset.query.annotations:
            queryset = queryset.with_reporting_status()
        return queryset.filter(reporting_status__in=value)

    def filter_implementation_status(self, queryset, name, value):
        if not value:
            return queryset
        if "implementation_status" not in queryset.query.annotations:
            queryset = queryset.with_reporting_status()
        return queryset.filter(implementation_status__in=value)

    def filter_search(self, queryset, name, value):
        """Every word must appear in the title or the description."""
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return queryset


MAKER_ORDERING_FIELDS = (
    ("name", "name"),
    ("updated_at", "updated_at"),
    ("id", "id"),
)


class MakerFilterSet(django_filters.FilterSet):
    """Filters on commitment makers, matching the commitment filters: the
    same codes and slugs, and a coalition means "has a public commitment in
    it"."""

    constituency = django_filters.MultipleChoiceFilter(
        label=_("Constituency"), choices=Constituency.choices, field_name="constituency", distinct=False
    )
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Country where the maker is based (ISO 3166-1 alpha-2 code; repeat for any of several)"),
        queryset=Country.objects.all(),
        field_name="country",
        distinct=False,
    )
    region = django_filters.MultipleChoiceFilter(
        label=_("UN Women region of the maker's country"),
        choices=Region.choices,
        field_name="country__region",
        distinct=False,
    )
    coalition = django_filters.ModelMultipleChoiceFilter(
        label=_("Makers with a public commitment to this Action Coalition (slug; repeat for any of several)"),
        queryset=ActionCoalition.objects.all(),
        to_field_name="slug",
        method="filter_coalition",
    )
    verified = django_filters.BooleanFilter(label=_("Verified by the secretariat"), field_name="verified")
    updated_since = UpdatedSinceFilter(label=_("Changed at or after this moment (ISO 8601)"))
    search = django_filters.CharFilter(label=_("Words in the name or acronym"), method="filter_search")
    ordering = StableOrderingFilter(label=_("Sort by"), fields=MAKER_ORDERING_FIELDS)

    class Meta:
        model = CommitmentMaker
        fields = []

    def filter_coalition(self, queryset, name, value: str):
        if not value:
            return queryset
        makers = (
            Commitment.objects.public()
            .filter(pk__in=_through_ids("coalitions", actioncoalition__in=value))
            .values("maker_id")
        )
        return queryset.filter(pk__in=makers)

    def filter_search(self, queryset, name, value):
        """Every word must appear in the name or the acronym."""
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(acronym__icontains=word))
        return queryset
