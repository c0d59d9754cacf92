from rest_framework import serializers

from coalitions.models import ActionArea, ActionCoalition, Theme


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
