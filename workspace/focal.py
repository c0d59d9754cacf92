"""The country workspace of a focal point (/my/countries/<ISO code>/): every
maker and commitment of the country with its reporting status, who is due or
overdue and a weekly reminder, the country's drafts and submissions waiting
for review (read-only), a CSV of it all, and the import of progress reports
on behalf of makers.

Every view starts from `reporting.focal_points.focal_point_of`: a user who
is not a focal point for that country gets a 404 (nothing says the country
has one), and every list is read through the focal point's scope. Changes go
through the services of reporting/focal_points.py."""

import csv

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from commitments.models import Commitment
from commitments.services import ServiceError
from core import spreadsheets
from jobs import progress_imports
from jobs.reading import FileProblem, check_upload
from reporting import focal_points
from reporting.models import FocalPoint, FocalReminder, ProgressReport, ReportingStatus, annotate_reporting_status
from workspace.helpers import render_workspace, workspace_view

PAGE_SIZE = 50


class _Echo:
    def write(self, value):
        return value


def _focal(request, code):
    try:
        focal_point = focal_points.focal_point_of(request.user, code)
    except ServiceError:
        raise Http404 from None
    # Read once here, for the scope and the page head alike (templates run
    # no queries).
    focal_point.place_list = list(focal_point.places.order_by("name"))
    focal_point._place_ids = [place.pk for place in focal_point.place_list]
    return focal_point


def _page(request, queryset, name="page"):
    paginator = Paginator(queryset, PAGE_SIZE)
    return paginator.get_page(request.GET.get(name))


def _context(request, focal_point, tab, **extra):
    return {"focal_point": focal_point, "country": focal_point.country, "tab": tab, **extra}


@workspace_view(needs_maker=False)
def countries(request):
    """The countries the user is focal point for; straight to the only one."""
    appointments = list(FocalPoint.objects.filter(user=request.user).select_related("country"))
    if len(appointments) == 1:
        return redirect("my-country", code=appointments[0].country_id)
    return render_workspace(request, "my/countries.html", {"appointments": appointments})


@workspace_view(needs_maker=False)
def country(request, code):
    """Every commitment the focal point follows, with its reporting status."""
    focal_point = _focal(request, code)
    commitments = annotate_reporting_status(
        focal_points.scope_commitments(focal_point).select_related("maker__country")
    ).order_by("maker__name", "reference", "id")
    page = _page(request, commitments)
    labels = dict(ReportingStatus.choices)
    for commitment in page:
        commitment.reporting_label = labels.get(commitment.reporting_status, "")
    return render_workspace(request, "my/country.html", _context(request, focal_point, "commitments", page=page))


@workspace_view(needs_maker=False)
def country_makers(request, code):
    """The makers the focal point follows; with ?owing=1 only those with due
    or overdue reports. Each with its counts and when it was last reminded."""
    focal_point = _focal(request, code)
    owing_only = request.GET.get("owing") == "1"
    makers = focal_points.scope_makers(focal_point).select_related("country").order_by("name", "id")
    if owing_only:
        # The ids first, in a query of their own: as a subquery inside the
        # makers' IN, PostgreSQL plans the reporting status per maker row
        # (2.3 s for Bosnia and Herzegovina at 5,000 commitments).
        owing = focal_points.remindable_commitments(focal_point).order_by().values_list("maker_id", flat=True)
        makers = makers.filter(pk__in=list(owing.distinct()))
    page = _page(request, makers)
    ids = [maker.pk for maker in page]
    counts = {}
    if ids:
        rows = (
            annotate_reporting_status(focal_points.scope_commitments(focal_point).filter(maker_id__in=ids))
            .order_by()
            .values("maker_id", "reporting_status")
            .annotate(n=Count("id"))
            .values_list("maker_id", "reporting_status", "n")
        )
        for maker_id, status, n in rows:
            counts.setdefault(maker_id, {})[status] = n
    reminded = {}
    recent = FocalReminder.objects.filter(
        maker_id__in=ids, sent_at__gt=timezone.now() - focal_points.REMINDER_INTERVAL
    ).select_related("sent_by")
    for reminder in recent.order_by("maker_id", "-sent_at"):
        reminded.setdefault(reminder.maker_id, reminder)
    for maker in page:
        by_status = counts.get(maker.pk, {})
        maker.commitment_count = sum(by_status.values())
        maker.due_count = by_status.get(ReportingStatus.DUE, 0)
        maker.overdue_count = by_status.get(ReportingStatus.OVERDUE, 0)
        maker.last_reminder = reminded.get(maker.pk)
        maker.can_remind = bool(maker.due_count + maker.overdue_count) and maker.last_reminder is None
    return render_workspace(
        request, "my/country_makers.html", _context(request, focal_point, "makers", page=page, owing_only=owing_only)
    )


@workspace_view(needs_maker=False)
@require_POST
def country_remind(request, code, maker_id):
    focal_point = _focal(request, code)
    maker = get_object_or_404(focal_points.scope_makers(focal_point), pk=maker_id)
    try:
        reminder = focal_points.focal_reminder_send(actor=request.user, focal_point=focal_point, maker=maker)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A reminder is on its way to the members of %(maker)s, about %(count)d commitments.")
            % {"maker": maker.name, "count": reminder.commitment_count},
        )
    return redirect(reverse("my-country-makers", kwargs={"code": focal_point.country_id}) + "?owing=1")


@workspace_view(needs_maker=False)
def country_reviews(request, code):
    """Read-only: the country's draft and submitted commitments, and its
    progress reports in draft or waiting for review."""
    focal_point = _focal(request, code)
    scope = focal_points.scope_commitments(focal_point)
    commitments = (
        scope.filter(status__in=[Commitment.Status.DRAFT, Commitment.Status.SUBMITTED, Commitment.Status.RETURNED])
        .select_related("maker")
        .order_by("status", "-updated_at", "-id")
    )
    reports = (
        ProgressReport.objects.filter(
            commitment__in=scope.values("pk"),
            status__in=[ProgressReport.Status.DRAFT, ProgressReport.Status.SUBMITTED, ProgressReport.Status.RETURNED],
        )
        .select_related("commitment__maker", "cycle", "entered_by")
        .order_by("status", "-updated_at", "-id")
    )
    context = _context(
        request,
        focal_point,
        "reviews",
        commitments=_page(request, commitments),
        reports=_page(request, reports, "reports_page"),
    )
    return render_workspace(request, "my/country_reviews.html", context)


EXPORT_COLUMNS = [
    "reference",
    "title",
    "maker",
    "maker_country",
    "status",
    "reporting_status",
    "implementation_status",
    "start_year",
    "end_year",
    "financial_amount_usd",
]


@workspace_view(needs_maker=False)
def country_export(request, code):
    """A CSV of every commitment the focal point follows, streamed."""
    focal_point = _focal(request, code)
    rows = (
        annotate_reporting_status(focal_points.scope_commitments(focal_point))
        .order_by("reference", "id")
        .values_list(
            "reference",
            "title",
            "maker__name",
            "maker__country_id",
            "status",
            "reporting_status",
            "implementation_status",
            "start_year",
            "end_year",
            "financial_amount_usd",
        )
    )
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(EXPORT_COLUMNS)
        for row in rows.iterator(chunk_size=2000):
            yield writer.writerow(spreadsheets.csv_row(["" if value is None else value for value in row]))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="focal-point-{focal_point.country_id}.csv"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (CSV or XLSX)"))
    dry_run = forms.BooleanField(label=gettext_lazy("Check the file only; import nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload, upload.name)
        except FileProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return upload


@workspace_view(needs_maker=False)
@require_http_methods(["GET", "POST"])
def country_import(request, code):
    focal_point = _focal(request, code)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = focal_points.progress_import_request(
                actor=request.user,
                focal_point=focal_point,
                upload=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.info(
                request, _("The file is being worked through in the background; this page shows its progress.")
            )
            return redirect("my-country-import-job", code=focal_point.country_id, job_id=job.pk)
    jobs = focal_point.imports.order_by("-created_at", "-id")[:20]
    context = _context(
        request,
        focal_point,
        "import",
        form=form,
        jobs=list(jobs),
        columns=progress_imports.COLUMNS,
    )
    return render_workspace(request, "my/country_import.html", context)


def _job(focal_point, job_id):
    return get_object_or_404(focal_point.imports.select_related("requested_by"), pk=job_id)


@workspace_view(needs_maker=False)
def country_import_job(request, code, job_id):
    focal_point = _focal(request, code)
    job = _job(focal_point, job_id)
    context = _context(request, focal_point, "import", job=job, problems=progress_imports.read_error_report(job))
    return render_workspace(request, "my/country_import_job.html", context)


@workspace_view(needs_maker=False)
def country_import_errors(request, code, job_id):
    focal_point = _focal(request, code)
    job = _job(focal_point, job_id)
    if not job.error_report:
        raise Http404
    return FileResponse(
        job.error_report.open("rb"), as_attachment=True, filename=f"progress-import-{job.pk}-errors.csv"
    )


@workspace_view(needs_maker=False)
def country_import_template(request, code):
    _focal(request, code)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            progress_imports.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="progress-reports-template.xlsx"'
        return response
    response = HttpResponse(progress_imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="progress-reports-template.csv"'
    return response
