"""Reference data: the Action Coalitions, their action areas, the
cross-cutting themes, the sub-national places, and the countries with their
figures. Read-only for everyone."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api.coalitions.serializers import (
    ActionAreaSerializer,
    ActionCoalitionSerializer,
    CountryFiguresSerializer,
    CountrySummarySerializer,
    SubdivisionSerializer,
    ThemeSerializer,
)
from api.mixins import ApiViewMixin
from coalitions.models import ActionArea, ActionCoalition, Country, Subdivision, Theme
from reporting import countries as country_figures


class ActionAreaFilterSet(django_filters.FilterSet):
    coalition = extend_schema_field({"type": "string", "description": "Coalition slug; repeat for any of several."})(
        django_filters.ModelMultipleChoiceFilter(
            label=_("Areas of this coalition (slug; repeat for any of several)"),
            queryset=ActionCoalition.objects.all(),
            to_field_name="slug",
            field_name="coalition__slug",
        )
    )

    class Meta:
        model = ActionArea
        fields = []


def _by(name, description, type_=str):
    return extend_schema_view(
        retrieve=extend_schema(
            parameters=[OpenApiParameter(name, type_, OpenApiParameter.PATH, description=description)]
        )
    )


@_by("slug", "The coalition's slug, e.g. gender-based-violence.")
class ActionCoalitionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The six Action Coalitions and the Compact, by slug."""

    queryset = ActionCoalition.objects.order_by("order", "name", "id")
    serializer_class = ActionCoalitionSerializer
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    csv_filename = "coalitions"


class ActionAreaViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The numbered action areas of each coalition's Global Acceleration Plan."""

    queryset = ActionArea.objects.select_related("coalition").order_by("coalition__order", "number", "id")
    serializer_class = ActionAreaSerializer
    filterset_class = ActionAreaFilterSet
    csv_filename = "action-areas"


@_by("slug", "The theme's slug.")
class ThemeViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The cross-cutting themes, by slug."""

    queryset = Theme.objects.order_by("name", "id")
    serializer_class = ThemeSerializer
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    csv_filename = "themes"


class SubdivisionFilterSet(django_filters.FilterSet):
    country = extend_schema_field({"type": "string", "description": "ISO 3166-1 alpha-2 code; repeat for several."})(
        django_filters.ModelMultipleChoiceFilter(
            label=_("Places of this country (ISO 3166-1 alpha-2 code)"),
            queryset=Country.objects.all(),
            field_name="country",
            distinct=False,
        )
    )
    top_level = django_filters.BooleanFilter(
        label=_("Only first-level places (true) or only nested ones (false)"),
        field_name="parent",
        lookup_expr="isnull",
    )

    class Meta:
        model = Subdivision
        fields = []


@_by("code", "The place's ISO 3166-2 code, e.g. KE-30.")
class SubdivisionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The sub-national places of every country (ISO 3166-2 subdivisions, as
    pycountry ships them): first-level ones and those nested in them."""

    queryset = Subdivision.objects.select_related("country", "parent").order_by("country_id", "name", "code")
    serializer_class = SubdivisionSerializer
    filterset_class = SubdivisionFilterSet
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    csv_filename = "subdivisions"


def _country_figures(country):
    data = country_figures.figures(country.code)
    leaders = [
        {"coalition": leader.coalition.slug, "maker": leader.maker_id, "since": leader.since}
        for leader in country_figures.leaders_from([country.code])
    ]
    return {"code": country.code, "name": country.name, "region": country.region, **data, "leaders": leaders}


class CountryViewSet(viewsets.ViewSet):
    """Countries that public commitments cover, with their figures: the same
    numbers as the country pages at /countries/<code>/."""

    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"
    renderer_classes = [JSONRenderer]
    serializer_class = CountrySummarySerializer

    @extend_schema(responses=CountrySummarySerializer(many=True))
    def list(self, request):
        """Every country with public commitments: how many cover it and how
        many makers are based there."""
        return Response(CountrySummarySerializer(country_figures.countries_with_commitments(), many=True).data)

    @extend_schema(
        responses=CountryFiguresSerializer,
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH, description="ISO 3166-1 alpha-2 code.")],
    )
    def retrieve(self, request, code=None):
        """One country's headline figures and breakdowns."""
        country = get_object_or_404(Country, code=code.upper())
        return Response(CountryFiguresSerializer(_country_figures(country)).data)
