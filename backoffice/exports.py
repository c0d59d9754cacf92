"""The admin's "Export" button: a changelist's filtered rows as CSV or XLSX,
streamed at once when they are few, built by a job (jobs.exports) when they
are many."""

from core.queue import enqueue_on_commit
from jobs import exports, tasks


class ExportAdminMixin:
    """Adds "Export CSV" and "Export XLSX" buttons to an admin list, which
    export exactly what the list shows with its current filters and search."""

    change_list_template = "admin/export_change_list.html"
    export_permission = "commitments.add_export"

    def can_export(self, request):
        return self.has_view_or_change_permission(request) and request.user.has_perm(self.export_permission)

    def get_urls(self):
        from django.urls import path

        info = self.opts.app_label, self.opts.model_name
        return [
            path("export/", self.admin_site.admin_view(self.export_view), name="{}_{}_export".format(*info)),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_export": self.can_export(request)}
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        from django.contrib import messages
        from django.contrib.admin.options import IncorrectLookupParameters
        from django.core.exceptions import PermissionDenied
        from django.db import transaction
        from django.http import FileResponse, HttpResponseBadRequest, HttpResponseRedirect, StreamingHttpResponse
        from django.urls import reverse
        from django.utils import timezone
        from django.utils.html import format_html
        from django.utils.translation import gettext as _

        from commitments.models import Export

        if not self.can_export(request):
            raise PermissionDenied
        export_format = request.GET.get("_format", "csv")
        if export_format not in Export.Format.values:
            return HttpResponseBadRequest(_("Choose CSV or XLSX."))
        params = exports.filter_params(request.GET)
        try:
            queryset = exports.changelist_queryset(self, request, params)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("These filters do not apply to this list."))
        kind = exports.kind_of(self.model)
        count = queryset.count()
        if count > exports.EXPORT_STREAM_LIMIT:
            # The job row and its outbox row commit together: the export is
            # built even if the broker is down right now (core.queue).
            with transaction.atomic():
                export = Export.objects.create(
                    kind=kind,
                    list_model=self.model._meta.label_lower,
                    format=export_format,
                    query_string=params.urlencode(),
                    row_count=count,
                    requested_by=request.user,
                )
                enqueue_on_commit(tasks.build_export.name, export.pk)
            url = reverse("admin:commitments_export_change", args=[export.pk], current_app=self.admin_site.name)
            self.message_user(
                request,
                format_html(
                    _(
                        "{count} rows are too many to build now: the export runs in the background. "
                        '<a href="{url}">Follow it and download the file here</a>.'
                    ),
                    count=count,
                    url=url,
                ),
                messages.INFO,
            )
            return HttpResponseRedirect(url)
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        filename = f"{kind}-{stamp}.{export_format}"
        if export_format == "csv":
            response = StreamingHttpResponse(
                exports.csv_lines(exports.rows(kind, queryset)), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        handle = exports.xlsx_tempfile(exports.rows(kind, queryset), title=kind)
        return FileResponse(
            handle,
            as_attachment=True,
            filename=filename,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
