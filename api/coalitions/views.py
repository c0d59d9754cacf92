"""Reference data: the Action Coalitions, their action areas and the
cross-cutting themes. Read-only for everyone."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import viewsets

from api.coalitions.serializers import ActionAreaSerializer, ActionCoalitionSerializer, ThemeSerializer
from api.mixins import ApiViewMixin
from coalitions.models import ActionArea, ActionCoalition, Theme


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
