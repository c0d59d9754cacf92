"""The admin of the spreadsheet jobs: exports to download and imports of
commitments, with their templates and error reports."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from commitments import services
from commitments.models import (
    Export,
    ImportJob,
)
from core.queue import enqueue_on_commit
from jobs import claims, import_history, reading, tasks
from jobs import imports as importing


def heartbeat_age(job):
    """How long ago a running job's worker last showed signs of life, and
    whether it is taken for dead (then another worker takes the job over
    within a couple of minutes, see jobs/claims.py)."""
    if job.status == job.Status.QUEUED and job.attempts:
        return _("queued again: its worker stopped answering")
    if job.status != job.Status.RUNNING or job.heartbeat_at is None:
        return "—"
    since = timesince(job.heartbeat_at)
    if claims.is_stale(job):
        return _("%(age)s ago: its worker stopped answering; another worker will take the job over") % {"age": since}
    return _("%(age)s ago") % {"age": since}


class HeartbeatMixin:
    """The last heartbeat of a running job, for the job admins."""

    @admin.display(description=_("last heartbeat"))
    def last_heartbeat(self, obj):
        return heartbeat_age(obj)


@admin.register(Export)
class ExportAdmin(HeartbeatMixin, admin.ModelAdmin):
    """Large exports built in the background, with their download link.
    Requested from the Export buttons of the admin lists, never added here."""

    list_display = [
        "created_at",
        "kind",
        "format",
        "status",
        "progress",
        "last_heartbeat",
        "attempts",
        "row_count",
        "requested_by",
        "download",
    ]
    list_filter = ["status", "kind", "format"]
    list_select_related = ["requested_by"]
    readonly_fields = [
        "kind",
        "list_model",
        "format",
        "query_string",
        "status",
        "progress",
        "last_heartbeat",
        "attempts",
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
        # The rows are those its requester's lists show, which another
        # member of staff may not be allowed to see.
        if export.requested_by_id != request.user.pk and not request.user.is_superuser:
            raise PermissionDenied
        return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1])


class ImportJobForm(forms.ModelForm):
    class Meta:
        model = ImportJob
        fields = ["source", "dry_run"]

    def clean_source(self):
        """Only the bounded check of jobs.reading (name, size, first bytes,
        an .xlsx's zip directory): the rows are read by the worker."""
        source = self.cleaned_data["source"]
        if not source.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file, as in the template."))
        try:
            reading.check_upload(source, source.name)
        except reading.FileProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return source


@admin.register(ImportJob)
class ImportJobAdmin(HeartbeatMixin, admin.ModelAdmin):
    """Importing commitments from a spreadsheet: upload (a dry run first),
    read every problem by line and column, then import the clean file. The
    request only stores the file (after a bounded check) and queues the job:
    every file, whatever its size, is read by a Celery worker."""

    form = ImportJobForm
    list_display = [
        "created_at",
        "original_name",
        "dry_run",
        "status",
        "progress",
        "last_heartbeat",
        "attempts",
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
        "last_heartbeat",
        "attempts",
        "total_rows",
        "created_count",
        "updated_count",
        "unchanged_count",
        "error_count",
        "requested_by",
        "error",
        "content_hash",
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
        obj.content_hash = import_history.content_hash(form.cleaned_data["source"])
        obj.status = ImportJob.Status.QUEUED
        super().save_model(request, obj, form, change)
        self._queue(request, obj)

    def _queue(self, request, job):
        # Written in the caller's transaction with the job row, sent after
        # commit, or later by the outbox sweep if the broker is down.
        enqueue_on_commit(tasks.run_import_job.name, job.pk)
        self.message_user(
            request,
            _("The file is being worked through in the background; this page shows its progress."),
            messages.INFO,
        )

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(
            reverse("admin:commitments_importjob_change", args=[obj.pk], current_app=self.admin_site.name)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if job is not None:
            earlier = import_history.earlier_import(job, pending=True) if job.dry_run else None
            extra_context.update(
                {
                    "job": job,
                    "problems": importing.read_error_report(job),
                    "already_imported": import_history.already_imported_message(earlier) if earlier else "",
                    "can_import": (
                        job.dry_run
                        and earlier is None
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
            "max_upload": settings.IMPORT_MAX_UPLOAD_BYTES,
            "max_rows": settings.IMPORT_MAX_ROWS,
        }
        return super().add_view(request, form_url, extra_context)

    def import_view(self, request, job_id):
        """Import, for real, a file whose dry run came out clean. It is
        checked again: the data may have changed since. A file is imported
        once: the dry run is locked while this runs, so that two clicks (or
        two tabs) cannot both queue an import of it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        with transaction.atomic():
            checked = get_object_or_404(
                ImportJob.objects.select_for_update(), pk=job_id, dry_run=True, status=ImportJob.Status.SUCCEEDED
            )
            earlier = import_history.earlier_import(checked, pending=True)
            if earlier is not None:
                self.message_user(request, import_history.already_imported_message(earlier), messages.WARNING)
                return HttpResponseRedirect(
                    reverse("admin:commitments_importjob_change", args=[earlier.pk], current_app=self.admin_site.name)
                )
            job = ImportJob.objects.create(
                source=checked.source.name,
                original_name=checked.original_name,
                content_hash=checked.content_hash,
                dry_run=False,
                requested_by=request.user,
            )
            self._queue(request, job)
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
