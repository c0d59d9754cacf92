"""The FilterSet for progress reports, with the same names, codes and slugs
as the commitment filters (commitments/filters.py), so that a partner who
filtered commitments can pull their reports the same way."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from coalitions.models import ActionCoalition, Country
from commitments.filters import StableOrderingFilter, UpdatedSinceFilter, _through_ids
from commitments.models import Commitment, Constituency

from .models import ImplementationStatus, ProgressReport, ReportingCycle

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
        return queryset.filter(commitment_id__in=_through_ids("coalitions", actioncoalition__in=value))

    def filter_country(self, queryset, name, value: str):
        if not value:
            return queryset
        return queryset.filter(commitment_id__in=_through_ids("countries", country__in=value))
