from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from backoffice.admin.commitments import EmptyValuesLastChangeList, ReviewEventInline
from backoffice.admin.jobs import HeartbeatMixin
from backoffice.admin.measures import DeliverableUpdateInline, IndicatorResultInline
from backoffice.exports import ExportAdminMixin
from backoffice.review import (
    NoRevertHistoryMixin,
    QueueAdminMixin,
    ReportCommitmentTypeFilter,
    ReviewDecisionsMixin,
)
from commitments.services import ServiceError
from core.queue import enqueue_on_commit
from reporting import outputs, services
from reporting.models import (
    AccountabilityReport,
    Assessment,
    ProgressReport,
    ProgressReportAwaitingReview,
    ReminderSent,
    ReportingCycle,
)
from reporting.stored_statuses import refresh_stored_statuses


class CycleOpenCloseActions:
    """ "Open now" and "Close now" on the cycle list, through the services.
    Added in get_actions so that other actions declared on the admin class
    stay as they are. The admin log (the cycle's History page) records who
    moved which date from what to what."""

    cycle_actions = ("open_cycle_now", "close_cycle_now")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if services.can_manage_cycles(request.user):
            for name in self.cycle_actions:
                actions[name] = self.get_action(name)
        return actions

    @admin.action(description=_("Open the selected cycle today"))
    def open_cycle_now(self, request, queryset):
        self._move_dates(request, queryset, services.cycle_open, "opens_on")

    @admin.action(description=_("Close the selected cycle now"))
    def close_cycle_now(self, request, queryset):
        self._move_dates(request, queryset, services.cycle_close, "closes_on")

    def _move_dates(self, request, queryset, service, field):
        if not services.can_manage_cycles(request.user):
            raise PermissionDenied
        cycles = list(queryset)
        if len(cycles) != 1:
            self.message_user(request, _("Choose exactly one cycle."), messages.ERROR)
            return
        cycle = cycles[0]
        before = getattr(cycle, field)
        try:
            cycle = service(cycle=cycle, actor=request.user)
        except ServiceError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        label = cycle._meta.get_field(field).verbose_name
        change = _("%(field)s: %(before)s → %(after)s") % {
            "field": label,
            "before": before,
            "after": getattr(cycle, field),
        }
        self.log_change(request, cycle, change)
        self.message_user(request, f"{cycle} — {change}", messages.SUCCESS)


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
class ReportingCycleAdmin(CycleOpenCloseActions, admin.ModelAdmin):
    list_display = ["year", "opens_on", "closes_on", "state"]
    search_fields = ["=year"]
    date_hierarchy = "closes_on"
    actions = [compile_accountability_report]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # New dates move the reporting status of every commitment.
        enqueue_on_commit(services.REFRESH_TASK)

    def has_compile_report_permission(self, request):
        return services.can_compile_reports(request.user)

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.is_open():
            return _("Open")
        return _("Closed") if obj.is_closed() else _("Not yet open")


class ReportReviewEventInline(ReviewEventInline):
    """The report's own review timeline, read-only: written by the services."""

    fk_name = "progress_report"
    fields = ["created_at", "action", "from_status", "to_status", "actor", "comment"]
    readonly_fields = fields
    verbose_name_plural = _("review timeline")


@admin.register(ProgressReport)
class ProgressReportAdmin(ReviewDecisionsMixin, ExportAdminMixin, NoRevertHistoryMixin, SimpleHistoryAdmin):
    def get_changelist(self, request, **kwargs):
        # Reports without an amount disbursed sort last, as commitments
        # without an amount committed do.
        return EmptyValuesLastChangeList

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A direct edit (its implementation status, say) moves the stored one.
        refresh_stored_statuses(commitment_ids=[obj.commitment_id])

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
    autocomplete_fields = ["commitment", "cycle", "places"]
    # Who entered it, when a focal point did on the maker's behalf.
    readonly_fields = ["status", "entered_by", "created_at", "submitted_at", "updated_at"]

    inlines = [ReportReviewEventInline, IndicatorResultInline, DeliverableUpdateInline]
    actions = ["approve_selected", "return_selected"]
    review_permission = "reporting.review_progressreport"
    queue_url_name = "commitments_progressreportawaitingreview_changelist"
    approve_label = _("Accept")
    approve_consequence = _(
        "This marks the report as accepted: it counts as reported on the public pages, and its maker is told."
    )

    @admin.display(description=_("commitment maker"), ordering="commitment__maker__name")
    def maker(self, obj):
        return obj.commitment.maker

    def approve(self, *, actor, obj, comment="", assessment="", assessment_comment=""):
        return services.report_accept(
            actor=actor, report=obj, comment=comment, assessment=assessment, assessment_comment=assessment_comment
        )

    def approve_options(self, request):
        """The secretariat's own assessment, recorded with the acceptance."""
        assessment = request.POST.get("assessment", "")
        return {
            "assessment": assessment if assessment in Assessment.values else "",
            "assessment_comment": request.POST.get("assessment_comment", "").strip(),
        }

    def bulk_approve_context(self, request):
        return {"assessment_choices": Assessment.choices}

    def decision_context(self, request, obj):
        context = super().decision_context(request, obj)
        if obj is not None:
            context["assessment_choices"] = Assessment.choices
        return context

    def send_back(self, *, actor, obj, comment):
        return services.report_return(actor=actor, report=obj, comment=comment)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), **self.decision_context(request, obj)}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # The generic labels say "approve"; progress reports are accepted.
        if "approve_selected" in actions:
            func, name, _description = actions["approve_selected"]
            actions["approve_selected"] = (func, name, _("Accept selected progress reports"))
        return actions


@admin.register(ProgressReportAwaitingReview)
class ProgressReportAwaitingReviewAdmin(QueueAdminMixin, ProgressReportAdmin):
    """The review queue of progress reports, oldest submitted first."""

    # Who made the commitment, and their constituency and region, share a
    # column, and the cycle shows as its year: so the queue fits a 1366-pixel
    # screen beside its filters (tests/browser/test_review_queue_layout.py).
    list_display = [
        "commitment",
        "maker_and_where",
        "cycle_year",
        "implementation_status",
        "disbursed",
        # What the report moved; the SMART score is the commitment queue's.
        "commitment_progress",
        "waiting",
    ]
    list_filter = [
        "cycle",
        "commitment__coalitions",
        "commitment__maker__constituency",
        "commitment__maker__country__region",
        ReportCommitmentTypeFilter,
        "implementation_status",
    ]
    list_select_related = ["commitment__maker__country", "cycle"]
    ordering = ["submitted_at", "id"]
    inlines = []

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=ProgressReport.Status.SUBMITTED)

    @admin.display(description=_("commitment maker"), ordering="commitment__maker__name")
    def maker_and_where(self, obj):
        maker = obj.commitment.maker
        return format_html(
            '{}<br><span class="queue-where">{} · {}</span>',
            maker,
            maker.get_constituency_display(),
            maker.country.get_region_display(),
        )

    @admin.display(description=_("cycle"), ordering="cycle__year")
    def cycle_year(self, obj):
        return obj.cycle.year

    @admin.display(description=_("SMART score"), ordering="commitment__smart_score")
    def commitment_smart_score(self, obj):
        return obj.commitment.smart_score

    @admin.display(description=_("Disbursed (USD)"), ordering="amount_disbursed_usd")
    def disbursed(self, obj):
        # A short header: the column must not push the queue past a laptop's
        # width ("in this year" is the form's and the page's to say).
        return obj.amount_disbursed_usd

    @admin.display(description=_("progress (%)"), ordering="commitment__progress")
    def commitment_progress(self, obj):
        return "—" if obj.commitment.progress is None else obj.commitment.progress


@admin.register(AccountabilityReport)
class AccountabilityReportAdmin(HeartbeatMixin, admin.ModelAdmin):
    """Compiles are started from the cycles' action; here staff follow their
    progress, read errors and download the files. Rows are never edited."""

    list_display = [
        "cycle",
        "version",
        "status",
        "progress",
        "last_heartbeat",
        "requested_by",
        "started_at",
        "finished_at",
        "attempts",
    ]
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
        "last_heartbeat",
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
        return render_to_string("reporting/_downloads.html", {"downloads": outputs.downloads_of(obj, obj.cycle)})


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
