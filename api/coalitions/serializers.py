from rest_framework import serializers

from coalitions.models import ActionArea, ActionCoalition, Subdivision, Theme


class ActionCoalitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionCoalition
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "kind",
            "description",
            "order",
            "plan_start_year",
            "plan_end_year",
        ]
        extra_kwargs = {
            "slug": {"help_text": "Stable identifier; commitments and filters refer to coalitions by it."},
            "name": {"help_text": "Full name of the Action Coalition or Compact."},
            "short_name": {"help_text": "Short name for tables and charts."},
            "kind": {"help_text": "An Action Coalition or the Compact."},
            "description": {"help_text": "What the coalition works on."},
            "order": {"help_text": "Position in the usual listing."},
            "plan_start_year": {"help_text": "First year of its Global Acceleration Plan."},
            "plan_end_year": {"help_text": "Last year of its Global Acceleration Plan."},
        }


class ActionAreaSerializer(serializers.ModelSerializer):
    coalition = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The coalition (slug) whose plan holds this area."
    )

    class Meta:
        model = ActionArea
        fields = ["id", "coalition", "number", "title", "description"]
        extra_kwargs = {
            "number": {"help_text": "Its number inside the coalition's plan."},
            "title": {"help_text": "What the area is about."},
            "description": {"help_text": "More detail."},
        }


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "slug", "name", "description"]
        extra_kwargs = {
            "slug": {"help_text": "Stable identifier; commitments and filters refer to themes by it."},
            "name": {"help_text": "Name of the cross-cutting theme."},
            "description": {"help_text": "What the theme covers."},
        }


class SubdivisionSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="ISO 3166-1 alpha-2 code of its country."
    )
    parent = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="Code of the place it lies in, for a nested one; else null.",
    )

    class Meta:
        model = Subdivision
        fields = ["code", "name", "type", "country", "parent"]
        extra_kwargs = {
            "code": {"help_text": "ISO 3166-2 code, e.g. KE-30; commitments and filters refer to places by it."},
            "name": {"help_text": "Name of the place, as ISO 3166-2 gives it."},
            "type": {"help_text": "What the country calls it: County, Region, Entity…"},
        }


class CountrySummarySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    name = serializers.CharField(help_text="Name of the country or territory.")
    region = serializers.CharField(help_text="UN Women region.")
    commitments = serializers.IntegerField(help_text="Public (approved and withdrawn) commitments covering it.")
    makers = serializers.IntegerField(help_text="Makers based there with public commitments.")


class ReportingRateSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="The current reporting cycle: the open one, else the last closed one.")
    owing = serializers.IntegerField(
        help_text="Approved commitments covering it that owe a report for that cycle (ended and completed ones owe none)."
    )
    reported = serializers.IntegerField(help_text="Of those, how many have filed it, accepted or awaiting review.")
    percent = serializers.IntegerField(allow_null=True, help_text="reported over owing, rounded; null if none owe one.")


class CodeCountSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Coalition slug, reporting status or ISO 3166-2 place code.")
    commitments = serializers.IntegerField(help_text="How many commitments.")


class CountryFiguresSerializer(CountrySummarySerializer):
    approved = serializers.IntegerField(help_text="Approved commitments covering it.")
    makers = serializers.IntegerField(help_text="Makers (based anywhere) of the public commitments covering it.")
    makers_based = serializers.IntegerField(help_text="Makers based there with public commitments.")
    usd = serializers.DecimalField(max_digits=18, decimal_places=2, help_text="Amount committed (USD), approved ones.")
    rate = ReportingRateSerializer(allow_null=True, help_text="Reporting rate; null before any cycle.")
    reporting_statuses = CodeCountSerializer(many=True, help_text="Approved commitments by reporting status.")
    by_coalition = CodeCountSerializer(many=True, help_text="Public commitments by coalition slug.")
    by_place = CodeCountSerializer(many=True, help_text="Public commitments by sub-national place code.")
    leaders = serializers.ListField(
        child=serializers.DictField(),
        help_text="Coalition leaderships of makers based there: coalition slug, maker id.",
    )
    refreshed_at = serializers.DateTimeField(
        help_text="When these figures were computed: a worker refreshes them shortly after changes and every hour."
    )
