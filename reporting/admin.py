from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from commitments.services import ServiceError

from . import services
from .models import AccountabilityReport, ProgressReport, ReminderSent, ReportingCycle


@admin.action(description=_("Compile accountability report"), permissions=["compile_report"])
def compile_accountability_report(modeladmin, request, queryset):
    """Queue a new report version for each selected cycle and return at once;
    the message links to each compile's page, where its progress shows."""
    for cycle in queryset.order_by("year"):
        try:
            report = services.accountability_report_request(cycle=cycle, actor=request.user)
        except ServiceError as error:
            modeladmin.message_user(request, error.message, messages.ERROR)
            continue
        url = reverse("admin:reporting_accountabilityreport_change", args=[report.pk])
        modeladmin.message_user(
            request,
            format_html(
                _('Compiling the {year} accountability report, version {version}: <a href="{url}">follow it</a>.'),
                year=cycle.year,
                version=report.version,
                url=url,
            ),
            messages.SUCCESS,
        )


@admin.register(ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    list_display = ["year", "opens_on", "closes_on", "state"]
    search_fields = ["=year"]
    date_hierarchy = "closes_on"
    actions = [compile_accountability_report]

    def has_compile_report_permission(self, request):
        return services.can_compile_reports(request.user)

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
    """Compiles are started from the cycles' action; here staff follow their
    progress, read errors and download the files. Rows are never edited."""

    list_display = ["cycle", "version", "status", "progress", "requested_by", "started_at", "finished_at", "attempts"]
    list_filter = ["status", "cycle"]
    list_select_related = ["cycle", "requested_by"]
    search_fields = ["=cycle__year"]
    fields = [
        "cycle",
        "version",
        "progress_bar",
        "requested_by",
        "created_at",
        "snapshot_at",
        "started_at",
        "finished_at",
        "attempts",
        "downloads",
        "pdf_unavailable_reason",
        "error",
    ]
    readonly_fields = fields

    class Media:
        js = ["js/htmx.min.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data")

    def has_add_permission(self, request):
        return False  # a compile is requested through its cycle, by the service

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may start a compile may follow it.
        return super().has_view_permission(request, obj) or services.can_compile_reports(request.user)

    @admin.display(description=_("progress"))
    def progress_bar(self, obj):
        return render_to_string("reporting/_progress.html", {"report": obj, "show_error": True})

    @admin.display(description=_("files"))
    def downloads(self, obj):
        if obj.status != AccountabilityReport.Status.SUCCEEDED:
            return "—"
        from .views import downloads_of

        return render_to_string("reporting/_downloads.html", {"downloads": downloads_of(obj, obj.cycle)})


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
