from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from jobs import imports as importing
from jobs import tasks
from jobs.exports import ExportAdminMixin

from . import services
from .admin_review import (
    AmendmentFilter,
    CommitmentTypeFilter,
    NoRevertHistoryMixin,
    QueueAdminMixin,
    ReviewDecisionsMixin,
    amendment_changes,
)
from .duplicates import likely_duplicates
from .models import (
    Commitment,
    CommitmentAwaitingReview,
    CommitmentMaker,
    Export,
    ImportJob,
    JoinRequest,
    MakerMerge,
    Membership,
    ReviewEvent,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(CommitmentMaker)
class CommitmentMakerAdmin(ExportAdminMixin, NoRevertHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "constituency", "country", "region", "verified", "updated_at"]
    list_filter = ["constituency", "verified", "country__region"]
    list_select_related = ["country"]
    search_fields = ["name", "acronym", "country__name", "=country__code"]
    autocomplete_fields = ["country"]
    inlines = [MembershipInline]
    readonly_fields = ["created_at", "updated_at"]

    actions = ["merge_selected"]

    @admin.display(description=_("region"), ordering="country__region")
    def region(self, obj):
        return obj.country.get_region_display()

    def has_merge_permission(self, request):
        return services.can_merge_makers(request.user)

    def _duplicate_links(self, makers):
        return [
            (
                maker,
                reverse("admin:commitments_commitmentmaker_change", args=[maker.pk], current_app=self.admin_site.name),
            )
            for maker in makers
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None:
            extra_context["likely_duplicates"] = self._duplicate_links(likely_duplicates(obj))
            extra_context["can_merge"] = self.has_merge_permission(request)
            extra_context["changelist_url"] = reverse(
                "admin:commitments_commitmentmaker_changelist", current_app=self.admin_site.name
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        """Warn at once when the maker just added looks like one that exists."""
        similar = self._duplicate_links(likely_duplicates(obj))
        if similar:
            links = format_html_join(", ", '<a href="{}">{}</a>', ((url, maker) for maker, url in similar))
            self.message_user(
                request,
                format_html(
                    _("This may duplicate a maker already registered in {country}: {links}. Merge them if so."),
                    country=obj.country,
                    links=links,
                ),
                messages.WARNING,
            )
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description=_("Merge selected makers into one…"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        makers = list(queryset.select_related("country").order_by("pk"))
        if len(makers) < 2:
            self.message_user(request, _("Select at least two makers to merge."), messages.ERROR)
            return None
        keep_id = request.POST.get("keep")
        if request.POST.get("post") == "yes" and keep_id:
            keep = next((maker for maker in makers if str(maker.pk) == keep_id), None)
            if keep is None:
                self.message_user(request, _("Choose the maker to keep among those selected."), messages.ERROR)
                return None
            merged = []
            for duplicate in makers:
                if duplicate.pk == keep.pk:
                    continue
                try:
                    services.maker_merge(keep=keep, duplicate=duplicate, actor=request.user)
                except services.ServiceError as error:
                    self.message_user(request, f"{duplicate}: {error.message}", messages.ERROR)
                else:
                    merged.append(duplicate.name)
            if merged:
                self.message_user(
                    request,
                    _("Merged into %(keep)s: %(names)s.") % {"keep": keep, "names": ", ".join(merged)},
                    messages.SUCCESS,
                )
            return None
        counts = dict(
            Commitment.objects.filter(maker__in=makers)
            .values_list("maker_id")
            .annotate(total=Count("pk"))
            .values_list("maker_id", "total")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge commitment makers"),
            "opts": self.opts,
            "makers": [(maker, counts.get(maker.pk, 0)) for maker in makers],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/commitments/commitmentmaker/merge.html", context)


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
class CommitmentAdmin(ReviewDecisionsMixin, ExportAdminMixin, NoRevertHistoryMixin, SimpleHistoryAdmin):
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

    actions = ["approve_selected", "return_selected"]
    review_permission = "commitments.review_commitment"
    queue_url_name = "commitments_commitmentawaitingreview_changelist"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("coalitions")

    @admin.display(description=_("coalitions"))
    def coalition_names(self, obj):
        return ", ".join(coalition.short_name for coalition in obj.coalitions.all())

    def approve(self, *, actor, obj, comment=""):
        return services.commitment_approve(actor=actor, commitment=obj, comment=comment)

    def send_back(self, *, actor, obj, comment):
        return services.commitment_return(actor=actor, commitment=obj, comment=comment)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), **self.decision_context(request, obj)}
        if obj is not None and obj.amends_id:
            # The amendment's own timeline hangs on the approved commitment.
            extra_context["amendment_changes"] = amendment_changes(obj)
            extra_context["amends"] = obj.amends
            extra_context["timeline"] = list(obj.amends.review_events.select_related("actor", "progress_report__cycle"))
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(CommitmentAwaitingReview)
class CommitmentAwaitingReviewAdmin(QueueAdminMixin, CommitmentAdmin):
    """The review queue of commitments and amendments, oldest submitted first."""

    list_display = [
        "reference_or_amended",
        "title",
        "maker",
        "constituency",
        "region",
        "coalition_names",
        "types",
        "submitted_at",
    ]
    list_display_links = ["reference_or_amended", "title"]
    list_filter = [
        "coalitions",
        "maker__constituency",
        "maker__country__region",
        CommitmentTypeFilter,
        "scope",
        AmendmentFilter,
    ]
    list_select_related = ["maker__country", "amends"]
    ordering = ["submitted_at", "id"]
    inlines = []

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Commitment.Status.SUBMITTED)

    @admin.display(description=_("reference"), ordering="reference")
    def reference_or_amended(self, obj):
        if obj.amends_id:
            return _("amends %(reference)s") % {"reference": obj.amends.reference}
        return obj.reference

    @admin.display(description=_("constituency"), ordering="maker__constituency")
    def constituency(self, obj):
        return obj.maker.get_constituency_display()

    @admin.display(description=_("region"), ordering="maker__country__region")
    def region(self, obj):
        return obj.maker.country.get_region_display()

    @admin.display(description=_("type"))
    def types(self, obj):
        return ", ".join(str(label) for label in obj.get_commitment_types_display())


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


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    """Large exports built in the background, with their download link.
    Requested from the Export buttons of the admin lists, never added here."""

    list_display = ["created_at", "kind", "format", "status", "progress", "row_count", "requested_by", "download"]
    list_filter = ["status", "kind", "format"]
    list_select_related = ["requested_by"]
    readonly_fields = [
        "kind",
        "list_model",
        "format",
        "query_string",
        "status",
        "progress",
        "row_count",
        "requested_by",
        "error",
        "created_at",
        "started_at",
        "finished_at",
        "download",
    ]
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:export_id>/download/",
                self.admin_site.admin_view(self.download_view),
                name="commitments_export_download",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("file"))
    def download(self, obj):
        if obj.status != Export.Status.SUCCEEDED or not obj.file:
            return "—"
        url = reverse("admin:commitments_export_download", args=[obj.pk], current_app=self.admin_site.name)
        return format_html('<a href="{}">{}</a>', url, _("Download"))

    def download_view(self, request, export_id):
        """Files are served through the admin, behind its permission check,
        rather than from a public media URL."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        export = get_object_or_404(Export, pk=export_id, status=Export.Status.SUCCEEDED)
        return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1])


class ImportJobForm(forms.ModelForm):
    class Meta:
        model = ImportJob
        fields = ["source", "dry_run"]

    def clean_source(self):
        source = self.cleaned_data["source"]
        if not source.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file, as in the template."))
        return source


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Importing commitments from a spreadsheet: upload (a dry run first),
    read every problem by line and column, then import the clean file. Small
    files are worked through in the request, large ones by a Celery worker."""

    form = ImportJobForm
    list_display = [
        "created_at",
        "original_name",
        "dry_run",
        "status",
        "progress",
        "total_rows",
        "created_count",
        "updated_count",
        "unchanged_count",
        "error_count",
        "requested_by",
    ]
    list_filter = ["status", "dry_run"]
    list_select_related = ["requested_by"]
    readonly_fields = [
        "original_name",
        "dry_run",
        "status",
        "progress",
        "total_rows",
        "created_count",
        "updated_count",
        "unchanged_count",
        "error_count",
        "requested_by",
        "error",
        "created_at",
        "started_at",
        "finished_at",
    ]
    change_form_template = "admin/commitments/importjob/change_form.html"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["source", "dry_run"]
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return services.can_import_commitments(request.user)

    def get_urls(self):
        return [
            path("template/", self.admin_site.admin_view(self.template_view), name="commitments_importjob_template"),
            path(
                "<int:job_id>/errors/",
                self.admin_site.admin_view(self.errors_view),
                name="commitments_importjob_errors",
            ),
            path(
                "<int:job_id>/import/",
                self.admin_site.admin_view(self.import_view),
                name="commitments_importjob_import",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        obj.requested_by = request.user
        obj.original_name = form.cleaned_data["source"].name
        obj.status = ImportJob.Status.QUEUED
        super().save_model(request, obj, form, change)
        self._start(request, obj)

    def _start(self, request, job):
        with job.source.open("rb") as handle:
            rows = importing.count_rows(handle, job.original_name)
        if rows > importing.IMPORT_SYNC_LIMIT:
            transaction.on_commit(lambda: tasks.run_import_job.delay(job.pk))
            self.message_user(
                request,
                _("%(rows)d rows: the file is being worked through in the background; this page shows its progress.")
                % {"rows": rows},
                messages.INFO,
            )
            return
        job.status = ImportJob.Status.RUNNING
        job.started_at = timezone.now()
        importing.run_import(job)

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(
            reverse("admin:commitments_importjob_change", args=[obj.pk], current_app=self.admin_site.name)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if job is not None:
            extra_context.update(
                {
                    "job": job,
                    "problems": importing.read_error_report(job),
                    "can_import": (
                        job.dry_run
                        and job.status == ImportJob.Status.SUCCEEDED
                        and job.error_count == 0
                        and job.total_rows > 0
                        and self.has_add_permission(request)
                    ),
                }
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "template_url": reverse("admin:commitments_importjob_template", current_app=self.admin_site.name),
            "columns": importing.COLUMNS,
            "required_columns": importing.REQUIRED_COLUMNS,
        }
        return super().add_view(request, form_url, extra_context)

    def import_view(self, request, job_id):
        """Import, for real, a file whose dry run came out clean. It is
        checked again: the data may have changed since."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        checked = get_object_or_404(ImportJob, pk=job_id, dry_run=True, status=ImportJob.Status.SUCCEEDED)
        job = ImportJob.objects.create(
            source=checked.source.name,
            original_name=checked.original_name,
            dry_run=False,
            requested_by=request.user,
        )
        self._start(request, job)
        return HttpResponseRedirect(
            reverse("admin:commitments_importjob_change", args=[job.pk], current_app=self.admin_site.name)
        )

    def template_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                importing.template_xlsx(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = 'attachment; filename="commitments-import-template.xlsx"'
            return response
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="commitments-import-template.csv"'
        return response

    def errors_view(self, request, job_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = get_object_or_404(ImportJob, pk=job_id)
        if not job.error_report:
            raise Http404
        return FileResponse(job.error_report.open("rb"), as_attachment=True, filename=f"import-{job.pk}-errors.csv")


# Users -------------------------------------------------------------------------
# Secretariat admins manage accounts (members of makers, reviewers), but must
# not be able to raise anyone's rights beyond their own: only a superuser
# grants superuser status or individual permissions, or touches a superuser.

User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class SecretariatUserAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)
