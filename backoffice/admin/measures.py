"""The admin of measurable commitments: the secretariat's catalogue of
standard indicators (reference data, edited here), and read-only inlines of
a commitment's deliverables and indicators and of a progress report's
results. Those are written by their makers through the services (and reviewed
like every other change), never by hand in the admin."""

from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from coalitions.models import ActionArea, StandardIndicator
from commitments.models import Deliverable, Indicator
from reporting.models import DeliverableUpdate, IndicatorResult, ResultBreakdown


class ActionAreaFilter(admin.SimpleListFilter):
    """By action area, its choices read in one query (the related-field filter
    would ask for each area's coalition)."""

    title = _("action areas")
    parameter_name = "action_area"

    def lookups(self, request, model_admin):
        return [(str(area.pk), str(area)) for area in ActionArea.objects.select_related("coalition")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action_areas=self.value())
        return queryset


@admin.register(StandardIndicator)
class StandardIndicatorAdmin(TranslationAdmin):
    """One name and description field per language (coalitions/translation.py)."""

    list_display = ["name", "code", "unit", "active", "order", "used_by"]
    list_filter = ["action_areas__coalition", ActionAreaFilter, "unit", "active"]
    list_editable = ["active", "order"]
    search_fields = ["name", "code", "description"]
    prepopulated_fields = {"code": ["name_en"]}
    autocomplete_fields = ["action_areas"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(used=Count("indicators", distinct=True))

    @admin.display(description=_("indicators using it"), ordering="used")
    def used_by(self, obj):
        return obj.used


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DeliverableInline(ReadOnlyInline):
    model = Deliverable
    fk_name = "commitment"
    fields = ["title", "due_year", "status", "delivered_in"]
    verbose_name_plural = _("deliverables (changed by the maker, through review)")


class IndicatorInline(ReadOnlyInline):
    model = Indicator
    fk_name = "commitment"
    fields = ["name", "standard", "unit", "baseline_value", "baseline_year", "target_value", "target_year"]
    verbose_name_plural = _("indicators (changed by the maker, through review)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("standard")


class IndicatorResultInline(ReadOnlyInline):
    model = IndicatorResult
    fields = ["indicator", "value", "breakdown_parts", "note"]
    verbose_name_plural = _("results reported")

    def get_queryset(self, request):
        parts = ResultBreakdown.objects.order_by("dimension", "id")
        return (
            super()
            .get_queryset(request)
            .select_related("indicator")
            .prefetch_related(Prefetch("breakdown", queryset=parts))
        )

    @admin.display(description=_("breakdown"))
    def breakdown_parts(self, obj):
        return "; ".join(str(part) for part in obj.breakdown.all()) or "—"


class DeliverableUpdateInline(ReadOnlyInline):
    model = DeliverableUpdate
    fields = ["deliverable", "status"]
    verbose_name_plural = _("deliverables' status reported")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deliverable")
