from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Commitment, CommitmentMaker, JoinRequest, MakerMerge, Membership, ReviewEvent


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(CommitmentMaker)
class CommitmentMakerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "constituency", "country", "region", "verified", "updated_at"]
    list_filter = ["constituency", "verified", "country__region"]
    list_select_related = ["country"]
    search_fields = ["name", "acronym", "country__name", "=country__code"]
    autocomplete_fields = ["country"]
    inlines = [MembershipInline]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(description=_("region"), ordering="country__region")
    def region(self, obj):
        return obj.country.get_region_display()


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "maker", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "maker"]
    search_fields = ["user__username", "user__email", "maker__name"]
    autocomplete_fields = ["user", "maker"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "maker", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["user", "maker"]
    search_fields = ["user__username", "user__email", "maker__name"]
    autocomplete_fields = ["user", "maker"]
    readonly_fields = ["decided_by", "decided_at"]


class ReviewEventInline(admin.TabularInline):
    """The commitment's audit trail, oldest first, read-only: events are
    written by the services, never by hand."""

    model = ReviewEvent
    fk_name = "commitment"
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "progress_report", "comment"]
    readonly_fields = fields
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("actor", "progress_report__cycle", "progress_report__commitment")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "maker",
        "coalition_names",
        "status",
        "scope",
        "financial_amount_usd",
        "start_year",
        "end_year",
        "updated_at",
    ]
    list_filter = ["status", "coalitions", "scope", "is_financial", "maker__constituency", "maker__country__region"]
    list_select_related = ["maker"]
    search_fields = ["reference", "title", "maker__name", "maker__acronym"]
    autocomplete_fields = ["maker", "coalitions", "action_areas", "themes", "countries"]
    readonly_fields = ["reference", "status", "amends", "created_at", "submitted_at", "published_at", "updated_at"]
    date_hierarchy = "updated_at"
    inlines = [ReviewEventInline]
    fieldsets = [
        (None, {"fields": ["reference", "status", "amends", "maker", "title", "description"]}),
        (_("Coalitions and themes"), {"fields": ["coalitions", "action_areas", "themes"]}),
        (
            _("Type and money"),
            {"fields": ["is_policy", "is_programme", "is_financial", "is_advocacy", "financial_amount_usd"]},
        ),
        (_("Where and when"), {"fields": ["scope", "countries", "start_year", "end_year"]}),
        (_("People"), {"fields": ["target_groups", "partners"]}),
        (_("Workflow"), {"fields": ["created_at", "submitted_at", "published_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("coalitions")

    @admin.display(description=_("coalitions"))
    def coalition_names(self, obj):
        return ", ".join(coalition.short_name for coalition in obj.coalitions.all())


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is written by the services."""

    list_display = ["created_at", "commitment", "action", "from_status", "to_status", "actor", "is_amendment"]
    list_filter = ["action", "is_amendment"]
    list_select_related = ["commitment", "actor"]
    search_fields = ["commitment__reference", "commitment__title", "comment", "actor__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MakerMerge)
class MakerMergeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "merged_name", "kept", "actor"]
    list_select_related = ["kept", "actor"]
    search_fields = ["merged_name", "kept__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
