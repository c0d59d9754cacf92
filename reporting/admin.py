from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import AccountabilityReport, ProgressReport, ReminderSent, ReportingCycle


@admin.register(ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    list_display = ["year", "opens_on", "closes_on", "state"]
    search_fields = ["=year"]
    date_hierarchy = "closes_on"

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.is_open():
            return _("Open")
        return _("Closed") if obj.is_closed() else _("Not yet open")


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = [
        "commitment",
        "maker",
        "cycle",
        "implementation_status",
        "status",
        "amount_disbursed_usd",
        "people_reached",
        "submitted_at",
    ]
    list_filter = ["status", "cycle", "implementation_status", "commitment__coalitions"]
    list_select_related = ["commitment__maker", "cycle"]
    search_fields = ["commitment__reference", "commitment__title", "commitment__maker__name", "narrative"]
    autocomplete_fields = ["commitment", "cycle"]
    readonly_fields = ["status", "created_at", "submitted_at", "updated_at"]

    @admin.display(description=_("commitment maker"), ordering="commitment__maker__name")
    def maker(self, obj):
        return obj.commitment.maker


@admin.register(AccountabilityReport)
class AccountabilityReportAdmin(admin.ModelAdmin):
    list_display = ["cycle", "version", "status", "progress", "requested_by", "started_at", "finished_at"]
    list_filter = ["status", "cycle"]
    list_select_related = ["cycle", "requested_by"]
    search_fields = ["=cycle__year"]
    readonly_fields = [
        "status",
        "progress",
        "requested_by",
        "created_at",
        "snapshot_at",
        "started_at",
        "finished_at",
        "data",
        "csv_file",
        "xlsx_file",
        "html_file",
        "pdf_file",
        "pdf_unavailable_reason",
        "error",
    ]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["commitment", "cycle", "days_before", "sent_at"]
    list_filter = ["days_before", "cycle"]
    list_select_related = ["commitment", "cycle"]
    search_fields = ["commitment__reference"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
