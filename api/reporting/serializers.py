"""Reporting cycles, progress reports and accountability reports as partners
see them. Progress reports are written through reporting.services."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.commitments.serializers import ReviewDecisionSerializer
from api.fields import SlugCodesField
from coalitions.models import Country, Region, Subdivision
from commitments.models import Commitment, DeliverableStatus
from reporting import services
from reporting.models import AccountabilityReport, Assessment, Challenge, ProgressReport, ReportingCycle
from reporting.results import disbursed_warning


class ReportingCycleSerializer(serializers.ModelSerializer):
    is_open = serializers.SerializerMethodField(help_text="Whether makers can report in it today.")

    class Meta:
        model = ReportingCycle
        fields = ["id", "year", "opens_on", "closes_on", "is_open"]
        extra_kwargs = {
            "year": {"help_text": "The year reported on; cycles are referred to by it."},
            "opens_on": {"help_text": "First day makers can report."},
            "closes_on": {"help_text": "Last day makers can report."},
        }

    def get_is_open(self, cycle) -> bool:
        return cycle.is_open()


class ProgressReportSerializer(serializers.ModelSerializer):
    commitment = serializers.PrimaryKeyRelatedField(
        queryset=Commitment.objects.all(),
        help_text="Id of the approved commitment reported on. Set on creation; cannot change.",
    )
    commitment_reference = serializers.CharField(
        source="commitment.reference", read_only=True, help_text="Reference of the commitment reported on."
    )
    cycle = serializers.SlugRelatedField(
        slug_field="year",
        queryset=ReportingCycle.objects.all(),
        required=False,
        help_text="Year of the reporting cycle. On creation, defaults to the cycle open today; cannot change.",
    )
    challenges = serializers.ListField(
        child=serializers.ChoiceField(choices=Challenge.choices),
        required=False,
        max_length=len(Challenge.choices),
        help_text="Codes of what got in the way.",
    )

    places = SlugCodesField(
        slug_field="code",
        many=True,
        queryset=Subdivision.objects.all(),
        required=False,
        help_text="ISO 3166-2 codes of the sub-national places where results were achieved "
        "(see /api/v1/subdivisions/): among the commitment's places when it names some, else in its countries.",
    )

    # Declared, not generated: a read-only field generated from the model
    # loses allow_blank, and the schema would then refuse the empty value
    # of a report not assessed.
    assessment = serializers.ChoiceField(
        choices=Assessment.choices,
        allow_blank=True,
        read_only=True,
        help_text="The secretariat's own assessment of the evidence when it accepted the report: verified, "
        "partly_verified, not_verifiable, or empty. Never the maker's implementation_status.",
    )

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "commitment",
            "commitment_reference",
            "cycle",
            "implementation_status",
            "narrative",
            "amount_disbursed_usd",
            "people_reached",
            "challenges",
            "next_steps",
            "evidence_url",
            "amount_disbursed_original",
            "currency",
            "usd_rate",
            "places",
            "status",
            "assessment",
            "assessment_comment",
            "assessed_at",
            "submitted_at",
            "updated_at",
        ]
        read_only_fields = ["status", "assessment", "assessment_comment", "assessed_at"]
        # One report per commitment and cycle is the service's rule (409),
        # not a uniqueness check that would make `cycle` required.
        validators = []
        extra_kwargs = {
            "implementation_status": {"help_text": "How implementation stands."},
            "narrative": {"help_text": "What was done in the year."},
            "amount_disbursed_usd": {
                "help_text": "US dollars disbursed in this cycle's year alone, never a running total; computed "
                "(rounded to cents) when amount_disbursed_original and usd_rate are given."
            },
            "amount_disbursed_original": {"help_text": "The same money in the currency it was paid in."},
            "currency": {"help_text": "ISO 4217 code of that currency, e.g. KES."},
            "usd_rate": {"help_text": "US dollars per unit of that currency, as used by the maker."},
            "assessment_comment": {"help_text": "The secretariat's comment on its assessment."},
            "assessed_at": {"help_text": "When the secretariat assessed it."},
            "people_reached": {"help_text": "How many people the work reached."},
            "next_steps": {"help_text": "What comes next."},
            "evidence_url": {"help_text": "A link to evidence (a report, a web page)."},
            "status": {
                "help_text": "Review status: draft, submitted, accepted or returned. Only submitted and accepted "
                "reports are public; a maker also sees its own others."
            },
            "submitted_at": {"help_text": "When it was last submitted."},
            "updated_at": {"help_text": "Last change; use with updated_since for incremental sync."},
        }

    def validate(self, attrs):
        if self.instance is not None:
            for name in ("commitment", "cycle"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: _("This cannot change once the report exists.")})
        elif "cycle" not in attrs:
            cycle = services.current_open_cycle()
            if cycle is None:
                raise serializers.ValidationError({"cycle": _("No reporting cycle is open today.")})
            attrs["cycle"] = cycle
        return attrs

    def create(self, validated_data):
        commitment = validated_data.pop("commitment")
        cycle = validated_data.pop("cycle")
        return services.report_create(
            actor=self.context["request"].user, commitment=commitment, cycle=cycle, data=validated_data
        )

    def update(self, instance, validated_data):
        validated_data.pop("commitment", None)
        validated_data.pop("cycle", None)
        return services.report_update(actor=self.context["request"].user, report=instance, data=validated_data)


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class ReportDownloadField(serializers.Field):
    """The site's download link for one of a compiled report's files, or
    null. Links go through the download view, which serves succeeded
    reports only; the media folder itself is never exposed."""

    def __init__(self, file_field, file_format, **kwargs):
        self.file_field, self.file_format = file_field, file_format
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, report):
        if report.status != AccountabilityReport.Status.SUCCEEDED or not getattr(report, self.file_field):
            return None
        url = report.download_url(self.file_format)
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class AccountabilityReportSerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="year", read_only=True, help_text="Year of the reporting cycle.")
    csv_file = ReportDownloadField("csv_file", "zip", help_text="The figures as a ZIP of CSV files, when compiled.")
    xlsx_file = ReportDownloadField("xlsx_file", "xlsx", help_text="The figures as a spreadsheet.")
    html_file = ReportDownloadField("html_file", "html", help_text="The report as a web page.")
    pdf_file = ReportDownloadField("pdf_file", "pdf", help_text="The report as PDF, when available.")
    pdf_languages = serializers.ListField(
        child=serializers.CharField(),
        source="pdf_language_codes",
        read_only=True,
        help_text="The languages the PDF is laid out in: the pdf_file link gives the one of the request's "
        "language (?lang= or Accept-Language) where it exists, else the English one.",
    )
    data = serializers.JSONField(read_only=True, help_text="The compiled figures.")

    class Meta:
        model = AccountabilityReport
        fields = [
            "id",
            "cycle",
            "version",
            "status",
            "progress",
            "created_at",
            "snapshot_at",
            "started_at",
            "finished_at",
            "data",
            "csv_file",
            "xlsx_file",
            "html_file",
            "pdf_file",
            "pdf_languages",
            "pdf_unavailable_reason",
            "error",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "version": {"help_text": "Compiling a cycle again makes a new version."},
            "status": {"help_text": "queued, running, succeeded or failed."},
            "progress": {"help_text": "Percent done while compiling."},
            "created_at": {"help_text": "When it was requested."},
            "snapshot_at": {"help_text": "The moment the figures describe."},
            "started_at": {"help_text": "When a worker started compiling it."},
            "finished_at": {"help_text": "When compiling ended, well or not."},
            "pdf_unavailable_reason": {"help_text": "Why there is no PDF, if there is none."},
            "error": {"help_text": "What went wrong, for a failed compile (staff only see failed ones)."},
        }


class AccountabilityReportRequestSerializer(serializers.Serializer):
    cycle = serializers.SlugRelatedField(
        slug_field="year", queryset=ReportingCycle.objects.all(), help_text="Year of the cycle to compile."
    )


class BreakdownField(serializers.JSONField):
    """{dimension: {category: number}}, read from a result's breakdown rows."""

    def to_representation(self, value):
        parts = {}
        for part in value.all():
            parts.setdefault(part.dimension, {})[part.category] = part.value
        return {dimension: {k: str(v) for k, v in categories.items()} for dimension, categories in parts.items()}


class ResultSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(
        source="indicator_id", help_text="Id of one of the commitment's indicators (see /api/v1/indicators/)."
    )
    value = serializers.DecimalField(max_digits=18, decimal_places=2, help_text="The actual value for the cycle.")
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=500, default="", help_text="A note on the figure (its source)."
    )
    breakdown = BreakdownField(
        required=False,
        help_text="For an indicator counting people: {dimension: {category: number}} with dimensions sex "
        "(female, male, other, not_known), age_group (under_15, 15_24, 25_64, 65_plus, not_known) and disability "
        "(with_disability, without_disability, not_known); each dimension's parts add up to the value.",
    )


class DeliverableUpdateSerializer(serializers.Serializer):
    deliverable = serializers.IntegerField(source="deliverable_id", help_text="Id of one of its deliverables.")
    status = serializers.ChoiceField(choices=DeliverableStatus.choices, help_text="Where it stood at this cycle.")


class ProgressReportDetailSerializer(ProgressReportSerializer):
    """One report with its results against the indicators, the deliverables'
    status and any warning on the money. Given on create or edit, `results`
    and `deliverable_updates` replace the report's own."""

    results = ResultSerializer(
        many=True, required=False, help_text="The actual value of each of the commitment's indicators for the cycle."
    )
    deliverable_updates = DeliverableUpdateSerializer(
        many=True, required=False, help_text="Where each deliverable stood; applied when the report is submitted."
    )
    warnings = serializers.SerializerMethodField(
        help_text="Things to check that do not stop the report, e.g. more disbursed than committed."
    )

    class Meta(ProgressReportSerializer.Meta):
        fields = [*ProgressReportSerializer.Meta.fields, "results", "deliverable_updates", "warnings"]

    def get_warnings(self, report) -> list[str]:
        warning = disbursed_warning(report.commitment, report=report, amount=report.amount_disbursed_usd)
        return [warning] if warning else []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "results" in attrs:
            attrs["results"] = [
                {
                    "indicator": item["indicator_id"],
                    "value": item["value"],
                    "note": item.get("note", ""),
                    "breakdown": item.get("breakdown") or {},
                }
                for item in attrs["results"]
            ]
        if "deliverable_updates" in attrs:
            attrs["deliverable_updates"] = [
                {"deliverable": item["deliverable_id"], "status": item["status"]}
                for item in attrs["deliverable_updates"]
            ]
        return attrs


class CountryReportSerializer(AccountabilityReportSerializer):
    country = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="ISO 3166-1 alpha-2 code of the country, for a country's report."
    )
    region = serializers.CharField(read_only=True, help_text="UN Women region code, for a region's report.")

    class Meta(AccountabilityReportSerializer.Meta):
        fields = ["id", "cycle", "country", "region", *AccountabilityReportSerializer.Meta.fields[2:]]
        read_only_fields = fields
        extra_kwargs = {
            **AccountabilityReportSerializer.Meta.extra_kwargs,
            "version": {
                "help_text": "Compiling a cycle's report of the same country or region again makes a new version."
            },
        }


class CountryReportRequestSerializer(serializers.Serializer):
    cycle = serializers.SlugRelatedField(
        slug_field="year", queryset=ReportingCycle.objects.all(), help_text="Year of the cycle to compile."
    )
    country = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Country.objects.all(),
        required=False,
        allow_null=True,
        help_text="ISO 3166-1 alpha-2 code of the country; give this or region.",
    )
    region = serializers.ChoiceField(
        choices=Region.choices,
        required=False,
        allow_blank=True,
        help_text="UN Women region code; give this or country.",
    )

    def validate(self, attrs):
        if bool(attrs.get("country")) == bool(attrs.get("region")):
            raise serializers.ValidationError({"country": _("Name one country or one region for a country report.")})
        return attrs


class ReportDecisionSerializer(ReviewDecisionSerializer):
    """What a reviewer sends with a decision on a submitted progress report:
    the decision's comment (the report services require it to return one),
    and on acceptance the secretariat's own assessment of the evidence."""

    assessment = serializers.ChoiceField(
        choices=Assessment.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="On acceptance only: verified, partly_verified or not_verifiable. Published beside the "
        "maker's self-reported status, never instead of it.",
    )
    assessment_comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        help_text="What the assessment rests on; needs an assessment.",
    )
