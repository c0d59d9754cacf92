"""What a commitment sets out to achieve, for partners: its deliverables and
indicators (nested on a commitment's detail, and as their own lists filtered
by commitment), and the secretariat's standard indicators. Makers with a
token add, edit and delete the deliverables and indicators of their drafts
through commitments.services, as on the web site."""

import django_filters
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from api.mixins import ApiViewMixin
from coalitions.models import StandardIndicator
from commitments import services
from commitments.models import Commitment, Deliverable, Indicator, Membership

PUBLIC_STATUSES = [Commitment.Status.APPROVED, Commitment.Status.WITHDRAWN]


def visible_commitments(user):
    """The commitments `user` may read: public ones, and all of the makers
    they are a member of."""
    if not (user and user.is_authenticated):
        return Commitment.objects.filter(status__in=PUBLIC_STATUSES)
    own = Membership.objects.filter(user=user).values("maker_id")
    return Commitment.objects.filter(Q(status__in=PUBLIC_STATUSES) | Q(maker__in=own))


class StandardIndicatorSerializer(serializers.ModelSerializer):
    action_areas = serializers.SerializerMethodField(
        help_text="Ids of the action areas it is suggested for; empty means every action area."
    )

    class Meta:
        model = StandardIndicator
        fields = ["code", "name", "description", "unit", "action_areas", "active"]
        extra_kwargs = {
            "code": {"help_text": "Stable code, e.g. people-reached-by-services."},
            "name": {"help_text": "What it measures."},
            "description": {"help_text": "How it is counted."},
            "unit": {"help_text": "What it counts; only people can be broken down by sex, age group and disability."},
            "active": {"help_text": "Whether makers can still choose it."},
        }

    def get_action_areas(self, standard) -> list[int]:
        return sorted(area.pk for area in standard.action_areas.all())


class DeliverableSerializer(serializers.ModelSerializer):
    commitment = serializers.PrimaryKeyRelatedField(
        queryset=Commitment.objects.all(), help_text="Id of the commitment. Set on creation; cannot change."
    )

    class Meta:
        model = Deliverable
        fields = ["id", "commitment", "title", "due_year", "status", "delivered_in", "order", "updated_at"]
        read_only_fields = ["status", "delivered_in", "updated_at"]
        extra_kwargs = {
            "title": {"help_text": "What will exist (a law drafted, a shelter opened)."},
            "due_year": {"help_text": "Year it is due by, within the commitment's years."},
            "status": {"help_text": "not_started, in_progress, delivered or dropped; set by progress reports."},
            "delivered_in": {"help_text": "Cycle year of the report that first said it was delivered."},
            "order": {"help_text": "Position among the commitment's deliverables."},
            "updated_at": {"help_text": "Last change."},
        }

    def create(self, validated_data):
        commitment = validated_data.pop("commitment")
        return services.deliverable_save(actor=self.context["request"].user, commitment=commitment, data=validated_data)

    def update(self, instance, validated_data):
        if validated_data.pop("commitment", instance.commitment) != instance.commitment:
            raise serializers.ValidationError({"commitment": _("This cannot change.")})
        return services.deliverable_save(
            actor=self.context["request"].user,
            commitment=instance.commitment,
            deliverable=instance,
            data=validated_data,
        )


class IndicatorSerializer(serializers.ModelSerializer):
    commitment = serializers.PrimaryKeyRelatedField(
        queryset=Commitment.objects.all(), help_text="Id of the commitment. Set on creation; cannot change."
    )
    standard = serializers.SlugRelatedField(
        slug_field="code",
        queryset=StandardIndicator.objects.all(),
        required=False,
        allow_null=True,
        help_text="Code of the standard indicator it reports (see /api/v1/standard-indicators/), or null.",
    )
    unit = serializers.ChoiceField(
        choices=Indicator._meta.get_field("unit").choices,
        required=False,
        help_text="What it counts; may be left out when a standard indicator gives it.",
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "commitment",
            "name",
            "standard",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "order",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        extra_kwargs = {
            "name": {"help_text": "What is measured."},
            "baseline_value": {"help_text": "The value before the commitment."},
            "baseline_year": {"help_text": "The year of the baseline."},
            "target_value": {"help_text": "The value it will reach; different from the baseline."},
            "order": {"help_text": "Position among the commitment's indicators."},
            "updated_at": {"help_text": "Last change."},
            "target_year": {
                "help_text": "The year it will reach it: not before the baseline year, within the commitment's."
            },
        }

    def create(self, validated_data):
        commitment = validated_data.pop("commitment")
        return services.indicator_save(actor=self.context["request"].user, commitment=commitment, data=validated_data)

    def update(self, instance, validated_data):
        if validated_data.pop("commitment", instance.commitment) != instance.commitment:
            raise serializers.ValidationError({"commitment": _("This cannot change.")})
        return services.indicator_save(
            actor=self.context["request"].user, commitment=instance.commitment, indicator=instance, data=validated_data
        )


class CommitmentIdFilterSet(django_filters.FilterSet):
    commitment = extend_schema_field({"type": "integer", "description": "Id of the commitment."})(
        django_filters.NumberFilter(label=_("Id of the commitment"), field_name="commitment_id")
    )


class DeliverableFilterSet(CommitmentIdFilterSet):
    class Meta:
        model = Deliverable
        fields = []


class IndicatorFilterSet(CommitmentIdFilterSet):
    standard = django_filters.CharFilter(label=_("Code of the standard indicator"), field_name="standard__code")

    class Meta:
        model = Indicator
        fields = []


class _MeasureViewSet(
    ApiViewMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    model = None

    def get_queryset(self):
        queryset = self.model.objects.filter(commitment__in=visible_commitments(self.request.user).values("pk"))
        return queryset.order_by("commitment_id", "order", "id")

    def perform_create(self, serializer):
        serializer.instance = get_object_or_404(self.get_queryset(), pk=serializer.save().pk)

    def perform_update(self, serializer):
        serializer.instance = get_object_or_404(self.get_queryset(), pk=serializer.save().pk)

    def destroy(self, request, *args, **kwargs):
        self.remove(actor=request.user, instance=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeliverableViewSet(_MeasureViewSet):
    """Dated deliverables of the commitments the caller may see; filter by
    `commitment`. Makers add (POST), edit (PATCH) and delete (DELETE) those
    of their drafts and returned commitments (and amendments)."""

    model = Deliverable
    serializer_class = DeliverableSerializer
    filterset_class = DeliverableFilterSet
    csv_filename = "deliverables"

    def remove(self, *, actor, instance):
        services.deliverable_delete(actor=actor, deliverable=instance)


class IndicatorViewSet(_MeasureViewSet):
    """Indicators (baseline and target) of the commitments the caller may
    see; filter by `commitment` or `standard`. Makers add, edit and delete
    those of their drafts and returned commitments (and amendments)."""

    model = Indicator
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    csv_filename = "indicators"

    def get_queryset(self):
        return super().get_queryset().select_related("standard")

    def remove(self, *, actor, instance):
        services.indicator_delete(actor=actor, indicator=instance)


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH, description="The standard indicator's code.")]
    )
)
class StandardIndicatorViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The secretariat's catalogue of standard indicators, by code."""

    queryset = StandardIndicator.objects.prefetch_related("action_areas").order_by("order", "name", "id")
    serializer_class = StandardIndicatorSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    csv_filename = "standard-indicators"
