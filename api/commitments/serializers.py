"""Commitment makers and commitments as partners see them: model field
names, lowercase codes, coalitions and themes by slug, countries by ISO
code. Writing goes through commitments.services, never through the ORM."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.commitments.measures import DeliverableSerializer, IndicatorSerializer
from api.fields import PrimaryKeyCodesField, SlugCodesField
from coalitions.models import ActionArea, ActionCoalition, Country, Region, Subdivision, Theme
from commitments import services
from commitments.models import Commitment, CommitmentMaker, CommitmentType
from commitments.smart import assess, facts_of
from reporting.models import ImplementationStatus, ReportingStatus


class CommitmentMakerSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="ISO 3166-1 alpha-2 code of the country it is based in."
    )
    region = serializers.ChoiceField(
        source="country.region",
        choices=Region.choices,
        read_only=True,
        help_text="UN Women region of its country.",
    )

    class Meta:
        model = CommitmentMaker
        fields = ["id", "name", "acronym", "constituency", "country", "region", "website", "verified", "updated_at"]
        extra_kwargs = {
            "name": {"help_text": "Name of the organisation or Member State."},
            "acronym": {"help_text": "Its acronym, if it has one."},
            "constituency": {"help_text": "The kind of maker."},
            "website": {"help_text": "Its web site."},
            "verified": {"help_text": "Checked by the secretariat to be who it says it is."},
            "updated_at": {"help_text": "Last change to this maker."},
        }


class CommitmentSerializer(serializers.ModelSerializer):
    maker = serializers.PrimaryKeyRelatedField(
        queryset=CommitmentMaker.objects.all(),
        help_text="Id of the commitment maker. Set on creation to a maker you are a member of; cannot change.",
    )
    # Annotated by the views (CommitmentViewSet.with_row_data).
    maker_name = serializers.CharField(read_only=True, help_text="Name of the maker.")
    # Lists read the many-to-many fields as codes attached per page
    # (api.fields.attach_related_codes), not as model instances.
    coalitions = SlugCodesField(
        slug_field="slug",
        many=True,
        queryset=ActionCoalition.objects.all(),
        required=False,
        help_text="Slugs of the Action Coalitions it is made to (at least one to submit; a draft needs only a title).",
    )
    action_areas = PrimaryKeyCodesField(
        many=True,
        queryset=ActionArea.objects.all(),
        required=False,
        help_text="Ids of action areas, each belonging to one of its coalitions.",
    )
    themes = SlugCodesField(
        slug_field="slug",
        many=True,
        queryset=Theme.objects.all(),
        required=False,
        help_text="Slugs of cross-cutting themes.",
    )
    countries = SlugCodesField(
        slug_field="code",
        many=True,
        queryset=Country.objects.all(),
        required=False,
        help_text="ISO 3166-1 alpha-2 codes of the countries where it is carried out.",
    )
    places = SlugCodesField(
        slug_field="code",
        many=True,
        queryset=Subdivision.objects.all(),
        required=False,
        help_text="ISO 3166-2 codes of the sub-national places where it works (see /api/v1/subdivisions/), "
        "each in one of its countries.",
    )
    commitment_types = serializers.ListField(
        child=serializers.ChoiceField(choices=CommitmentType.choices),
        required=False,
        max_length=len(CommitmentType.choices),
        help_text="One or more of policy, programme, financial, advocacy (needed to submit).",
    )
    reporting_status = serializers.ChoiceField(
        choices=ReportingStatus.choices,
        read_only=True,
        allow_null=True,
        help_text=(
            "Derived from its progress reports: reported (accepted), awaiting_review (submitted, not yet"
            " accepted), due, overdue, inactive, ended (end year before the current cycle) or completed"
            " (latest accepted report says completed or discontinued); null before any cycle."
        ),
    )
    implementation_status = serializers.ChoiceField(
        choices=ImplementationStatus.choices,
        read_only=True,
        allow_null=True,
        help_text="From its latest submitted or accepted progress report; null if none.",
    )

    class Meta:
        model = Commitment
        fields = [
            "id",
            "reference",
            "maker",
            "maker_name",
            "amends",
            "title",
            "description",
            "language",
            "translations",
            "coalitions",
            "action_areas",
            "themes",
            "commitment_types",
            "financial_amount_usd",
            "scope",
            "countries",
            "places",
            "start_year",
            "end_year",
            "target_groups",
            "partners",
            "status",
            "submitted_at",
            "published_at",
            "updated_at",
            "reporting_status",
            "implementation_status",
            "smart_score",
            "progress",
        ]
        read_only_fields = ["status", "smart_score", "progress"]
        extra_kwargs = {
            "reference": {"help_text": "Stable public id, e.g. GE-2021-00042; null for an amendment."},
            "amends": {"help_text": "For an amendment (seen only by its maker): the id of the approved commitment."},
            "title": {"help_text": "What the maker commits to, in a line."},
            "description": {"help_text": "The commitment in full."},
            "language": {
                "help_text": "The language title and description are written in (en, fr, es, ar, ru, zh-hans)."
            },
            "translations": {
                "help_text": 'The maker\'s own title and description in other languages: {"fr": {"title": "…", '
                '"description": "…"}, …}; never the commitment\'s own language, a title in each.'
            },
            "financial_amount_usd": {
                "help_text": "Amount committed in US dollars; required when commitment_types has financial."
            },
            "scope": {"help_text": "Where it applies: global, regional, national or local."},
            "start_year": {"help_text": "Year it starts."},
            "end_year": {"help_text": "Year it ends (not before start_year)."},
            "target_groups": {"help_text": "Who it is for."},
            "partners": {"help_text": "Organisations the maker works with on it."},
            "status": {
                "help_text": "Review status: draft, submitted, returned, approved or withdrawn. Only approved and "
                "withdrawn commitments are public; a maker also sees its own others."
            },
            "submitted_at": {"help_text": "When it was last submitted for review."},
            "published_at": {"help_text": "When it was approved (or its last amendment was)."},
            "updated_at": {"help_text": "Last change; use with updated_since for incremental sync."},
            "smart_score": {
                "help_text": "0 to 5: one point for each SMART criterion its own data meets (specific, measurable, "
                "achievable, relevant, time-bound; see smart_criteria on the detail)."
            },
            "progress": {
                "help_text": "0 to 100: the mean of its indicators' share of the way from baseline to target (latest "
                "submitted or accepted result, capped) and its deliverables delivered; null when nothing is "
                "measurable."
            },
        }

    def validate_maker(self, maker):
        if self.instance is not None and maker.pk != self.instance.maker_id:
            raise serializers.ValidationError(_("The maker of a commitment cannot change."))
        return maker

    def create(self, validated_data):
        maker = validated_data.pop("maker")
        return services.commitment_create(actor=self.context["request"].user, maker=maker, data=validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("maker", None)
        return services.commitment_update(actor=self.context["request"].user, commitment=instance, data=validated_data)


class ReviewDecisionSerializer(serializers.Serializer):
    """What a reviewer may send with a decision on a commitment or a progress
    report: a comment, kept in its review trail and shown to its makers."""

    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        help_text="A note on the decision, kept in the review trail and shown to the makers; "
        "required when returning a progress report.",
    )


class SmartCriterionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="specific, measurable, achievable, relevant or time_bound.")
    label = serializers.CharField(help_text="The criterion, in the caller's language.")
    met = serializers.BooleanField(help_text="Whether the commitment's data meets it.")
    guidance = serializers.CharField(help_text="What to add to meet it; empty when met.")


class CommitmentDetailSerializer(CommitmentSerializer):
    """One commitment, with its deliverables, its indicators and the SMART
    criteria behind its score."""

    deliverables = DeliverableSerializer(many=True, read_only=True, help_text="Its dated deliverables.")
    indicators = IndicatorSerializer(many=True, read_only=True, help_text="Its indicators, baseline and target.")
    smart_criteria = serializers.SerializerMethodField(help_text="Each SMART criterion, met or not.")

    class Meta(CommitmentSerializer.Meta):
        fields = [*CommitmentSerializer.Meta.fields, "smart_criteria", "deliverables", "indicators"]

    @extend_schema_field(SmartCriterionSerializer(many=True))
    def get_smart_criteria(self, commitment):
        smart = assess(facts_of(commitment))
        return SmartCriterionSerializer(smart.criteria, many=True).data
