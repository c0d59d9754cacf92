"""/api/v1/focal-points/: the focal points whose names the secretariat has
published, with their country and places, and nothing else about them
(never an email or a user id). Read-only, for everyone."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from api.mixins import ApiViewMixin
from coalitions.models import Country, Subdivision
from reporting.models import FocalPoint


class FocalPointSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="public_name", read_only=True, help_text="The focal point's public name.")
    country = serializers.CharField(
        source="country_id", read_only=True, help_text="ISO 3166-1 alpha-2 code of the country they follow."
    )
    places = serializers.SerializerMethodField(
        help_text="ISO 3166-2 codes of the places they follow; empty for the whole country."
    )

    class Meta:
        model = FocalPoint
        fields = ["id", "name", "country", "places"]

    def get_places(self, obj) -> list[str]:
        return [place.pk for place in obj.places.all()]


class FocalPointFilterSet(django_filters.FilterSet):
    country = extend_schema_field({"type": "string", "description": "ISO 3166-1 alpha-2 code; repeat for several."})(
        django_filters.ModelMultipleChoiceFilter(
            label=_("Focal points of this country (ISO 3166-1 alpha-2 code)"),
            queryset=Country.objects.all(),
            field_name="country",
            distinct=False,
        )
    )

    class Meta:
        model = FocalPoint
        fields = []


class FocalPointViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The focal points the secretariat has published: the people who follow
    a country's (or some of its places') commitments, by public name."""

    queryset = (
        FocalPoint.objects.filter(published=True, user__is_active=True)
        .select_related("user")
        .prefetch_related(Prefetch("places", queryset=Subdivision.objects.only("code").order_by("code")))
        .order_by("country_id", "id")
    )
    serializer_class = FocalPointSerializer
    filterset_class = FocalPointFilterSet
    csv_filename = "focal-points"
