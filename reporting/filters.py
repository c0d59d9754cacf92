"""The FilterSets of the catalogue and the API: commitments (with their
reporting and implementation status, which is why they live here rather than
in commitments/) and progress reports, with the same names, codes and slugs,
so that a partner who filtered commitments can pull their reports the same
way. The public catalogue and the API both use CommitmentFilterSet."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from coalitions.models import ActionArea, ActionCoalition, Country, Region, Subdivision, Theme
from commitments.filters import StableOrderingFilter, UpdatedSinceFilter, through_ids
from commitments.models import TYPE_FLAGS, Commitment, CommitmentMaker, CommitmentType, Constituency, Scope
from commitments.search import search_commitments

from .models import ImplementationStatus, ProgressReport, ReportingCycle, ReportingStatus, annotate_reporting_status

ORDERING_FIELDS = (
    ("published_at", "published_at"),
    ("updated_at", "updated_at"),
    ("start_year", "start_year"),
    ("end_year", "end_year"),
    ("financial_amount_usd", "financial_amount_usd"),
    ("title", "title"),
    ("reference", "reference"),
)


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
    place = django_filters.ModelMultipleChoiceFilter(
        label=_("Sub-national place"), queryset=Subdivision.objects.all(), method="filter_place"
    )
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
    search = django_filters.CharFilter(
        label=_("Search"), method="filter_search"
    )  # before ordering: it sets the default order
    ordering = StableOrderingFilter(label=_("Sort by"), fields=ORDERING_FIELDS)

    class Meta:
        model = Commitment
        fields = []

    def filter_coalition(self, queryset, name, value: str):  # the hint types the OpenAPI parameter
        if not value:
            return queryset
        return queryset.filter(pk__in=through_ids("coalitions", actioncoalition__in=value))

    def filter_action_area(self, queryset, name, value: int):  # the hint types the OpenAPI parameter
        if not value:
            return queryset
        return queryset.filter(pk__in=through_ids("action_areas", actionarea__in=value))

    def filter_theme(self, queryset, name, value: str):  # the hint types the OpenAPI parameter
        if not value:
            return queryset
        return queryset.filter(pk__in=through_ids("themes", theme__in=value))

    def filter_country(self, queryset, name, value: str):  # the hint types the OpenAPI parameter
        if not value:
            return queryset
        return queryset.filter(pk__in=through_ids("countries", country__in=value))

    def filter_place(self, queryset, name, value: str):  # the hint types the OpenAPI parameter
        """Commitments that name the place, or a place inside it."""
        if not value:
            return queryset
        through = Commitment.places.through.objects
        inside = through.filter(Q(subdivision__in=value) | Q(subdivision__parent__in=value))
        return queryset.filter(pk__in=inside.values("commitment_id"))

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
            queryset = annotate_reporting_status(queryset)
        return queryset.filter(reporting_status__in=value)

    def filter_implementation_status(self, queryset, name, value):
        if not value:
            return queryset
        if "implementation_status" not in queryset.query.annotations:
            queryset = annotate_reporting_status(queryset)
        return queryset.filter(implementation_status__in=value)

    def filter_search(self, queryset, name, value):
        """A reference, or words in the title, the description or the maker's
        name or acronym, best matches first (see commitments/search.py)."""
        return search_commitments(queryset, value)


REPORT_ORDERING_FIELDS = (
    ("cycle__year", "cycle"),
    ("updated_at", "updated_at"),
    ("submitted_at", "submitted_at"),
    ("id", "id"),
)


class ProgressReportFilterSet(django_filters.FilterSet):
    cycle = extend_schema_field({"type": "integer", "description": "Reporting cycle year; repeat for any of several."})(
        django_filters.ModelMultipleChoiceFilter(
            label=_("Reporting cycle year (repeat for any of several)"),
            queryset=ReportingCycle.objects.all(),
            to_field_name="year",
            field_name="cycle__year",
            distinct=False,  # foreign keys only: no row can repeat
        )
    )
    implementation_status = django_filters.MultipleChoiceFilter(
        label=_("Implementation status"), choices=ImplementationStatus.choices, distinct=False
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Review status of the report"), choices=ProgressReport.Status.choices, distinct=False
    )
    coalition = django_filters.ModelMultipleChoiceFilter(
        label=_("Reports on commitments to this Action Coalition (slug; repeat for any of several)"),
        queryset=ActionCoalition.objects.all(),
        to_field_name="slug",
        method="filter_coalition",
    )
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Reports on commitments in this country (ISO 3166-1 alpha-2 code)"),
        queryset=Country.objects.all(),
        method="filter_country",
    )
    constituency = django_filters.MultipleChoiceFilter(
        label=_("Constituency of the commitment's maker"),
        choices=Constituency.choices,
        field_name="commitment__maker__constituency",
        distinct=False,
    )
    commitment = extend_schema_field(
        {
            "type": "string",
            "description": "Reference of the commitment reported on, e.g. GE-2021-00042; repeat for any of several.",
        }
    )(
        django_filters.ModelMultipleChoiceFilter(
            label=_("Reports on this commitment (its reference, e.g. GE-2021-00042)"),
            queryset=Commitment.objects.public(),
            to_field_name="reference",
            field_name="commitment__reference",
            distinct=False,
        )
    )
    updated_since = UpdatedSinceFilter(label=_("Changed at or after this moment (ISO 8601)"))
    ordering = StableOrderingFilter(label=_("Sort by"), fields=REPORT_ORDERING_FIELDS)

    class Meta:
        model = ProgressReport
        fields = []

    def filter_coalition(self, queryset, name, value: str):
        if not value:
            return queryset
        return queryset.filter(commitment_id__in=through_ids("coalitions", actioncoalition__in=value))

    def filter_country(self, queryset, name, value: str):
        if not value:
            return queryset
        return queryset.filter(commitment_id__in=through_ids("countries", country__in=value))
