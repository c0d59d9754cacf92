from django.contrib import admin
from django.db.models import Count
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from coalitions.models import ActionArea, ActionCoalition, CoalitionLeader, Country, Subdivision, Theme

# TranslationAdmin shows one field per language of MODELTRANSLATION_LANGUAGES
# for every field of coalitions/translation.py (name [en], name [fr], …), in
# place of the single field; English is required, the others may wait.


class ActionAreaInline(TranslationTabularInline):
    model = ActionArea
    extra = 0
    fields = ["number", "title", "description"]


@admin.register(ActionCoalition)
class ActionCoalitionAdmin(TranslationAdmin):
    list_display = ["name", "short_name", "kind", "order", "plan_start_year", "plan_end_year", "action_area_count"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [ActionAreaInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_area_count=Count("action_areas"))

    @admin.display(description="action areas", ordering="action_area_count")
    def action_area_count(self, obj):
        return obj.action_area_count


@admin.register(ActionArea)
class ActionAreaAdmin(TranslationAdmin):
    list_display = ["title", "number", "coalition"]
    list_filter = ["coalition"]
    list_select_related = ["coalition"]
    search_fields = ["title", "description", "coalition__name"]
    autocomplete_fields = ["coalition"]


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CoalitionLeader)
class CoalitionLeaderAdmin(admin.ModelAdmin):
    list_display = ["maker", "coalition", "since"]
    list_filter = ["coalition"]
    list_select_related = ["maker", "coalition"]
    search_fields = ["maker__name", "maker__acronym", "coalition__name"]
    autocomplete_fields = ["coalition", "maker"]


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(Subdivision)
class SubdivisionAdmin(admin.ModelAdmin):
    """Reference data from ISO 3166-2 (pycountry): searched by the
    commitment and progress report forms' place pickers, never edited."""

    list_display = ["name", "code", "type", "country", "parent"]
    list_filter = ["country__region"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "code", "country__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
