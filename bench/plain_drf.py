"""The peer the benchmark compares with: what a team would first write with
DRF over the same models. Nested ModelSerializers, the model's default
ordering, PageNumberPagination with its count, django-filter's
filterset_fields, no annotations, no tuning."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, pagination, serializers, viewsets
from rest_framework.permissions import AllowAny

from coalitions.models import ActionArea, ActionCoalition, Country, Theme
from commitments.models import Commitment, CommitmentMaker


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name", "region"]


class MakerSerializer(serializers.ModelSerializer):
    country = CountrySerializer()

    class Meta:
        model = CommitmentMaker
        fields = ["id", "name", "acronym", "constituency", "country"]


class CoalitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionCoalition
        fields = ["id", "slug", "name"]


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionArea
        fields = ["id", "number", "title"]


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "slug", "name"]


class PlainCommitmentSerializer(serializers.ModelSerializer):
    maker = MakerSerializer()
    coalitions = CoalitionSerializer(many=True)
    action_areas = AreaSerializer(many=True)
    themes = ThemeSerializer(many=True)
    countries = CountrySerializer(many=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "reference",
            "maker",
            "title",
            "description",
            "coalitions",
            "action_areas",
            "themes",
            "financial_amount_usd",
            "scope",
            "countries",
            "start_year",
            "end_year",
            "status",
            "published_at",
            "updated_at",
        ]


class Pages(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000


class PlainCommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlainCommitmentSerializer
    pagination_class = Pages
    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend, filters.OrderingFilter]
    filterset_fields = ["scope", "status", "coalitions__slug", "countries__code"]
    ordering_fields = ["title", "financial_amount_usd", "published_at"]
    throttle_classes = []

    def get_queryset(self):
        return (
            Commitment.objects.filter(status__in=["approved", "withdrawn"])
            .select_related("maker__country")
            .prefetch_related("coalitions", "action_areas", "themes", "countries")
        )
