"""The public pages of the accountability reports: the list of cycles with
their versions, one report, its files, and the progress of a compile."""

import io

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reporting import outputs
from reporting.models import AccountabilityReport, ReportingCycle
from reporting.report_language import in_reader_language

Status = AccountabilityReport.Status

# The list never loads the figures themselves, only what it shows.
LIST_FIELDS = [
    "id",
    "cycle_id",
    "country_id",
    "region",
    "version",
    "status",
    "progress",
    "finished_at",
    "error",
    "csv_file",
    "xlsx_file",
    "html_file",
    "pdf_file",
    "pdf_unavailable_reason",
    "translated_pdfs",
]


@require_GET
def report_list(request):
    """Every cycle with its report versions, newest first. The public sees
    finished versions only; staff also see the queued, running and failed
    ones, with their progress or error (a compile requested while the broker
    was down may stay queued for a while, and is nobody else's business)."""
    reports = AccountabilityReport.objects.worldwide().only(*LIST_FIELDS).order_by("-version")
    if not request.user.is_staff:
        reports = reports.filter(status=Status.SUCCEEDED)
    cycles = list(ReportingCycle.objects.order_by("-year"))
    by_cycle = {}
    for report in reports:
        by_cycle.setdefault(report.cycle_id, []).append(report)
    entries = []
    for cycle in cycles:
        versions = []
        for report in by_cycle.get(cycle.pk, []):
            report.cycle = cycle
            downloads = outputs.downloads_of(report, cycle) if report.status == Status.SUCCEEDED else []
            versions.append({"report": report, "downloads": downloads})
        latest = next((item["report"] for item in versions if item["report"].status == Status.SUCCEEDED), None)
        entries.append({"cycle": cycle, "versions": versions, "latest": latest})
    return render(request, "reporting/report_list.html", {"cycles": entries})


@require_GET
def report_detail(request, year):
    """The latest succeeded version of a cycle's report, or `?version=N`."""
    cycle = get_object_or_404(ReportingCycle, year=year)
    succeeded = (
        AccountabilityReport.objects.worldwide().filter(cycle=cycle, status=Status.SUCCEEDED).order_by("-version")
    )
    asked = request.GET.get("version")
    if asked is not None:
        if not asked.isdigit():
            raise Http404(_("There is no such version."))
        report = get_object_or_404(succeeded, version=int(asked))
    else:
        report = succeeded.first()
        if report is None:
            raise Http404(_("No report has been compiled for this cycle yet."))
    report.cycle = cycle
    others = []
    for other in succeeded.exclude(pk=report.pk).only(
        "id", "cycle_id", "country_id", "region", "version", "finished_at"
    ):
        other.cycle = cycle
        others.append({"version": other.version, "finished_at": other.finished_at, "url": other.get_absolute_url()})
    data = in_reader_language(report.data) if report.data else report.data
    context = {
        "report": report,
        "data": data,
        "headline": outputs.headline(data),
        "sections": outputs.sections(data),
        "downloads": outputs.downloads_of(report, cycle),
        "other_versions": others,
    }
    return render(request, "reporting/report_detail.html", context)


@require_GET
def report_download(request, year, version, file_format):
    """One file of a succeeded report. Served through this view rather than a
    media URL so that only finished, public reports are handed out."""
    if file_format not in outputs.FORMATS:
        raise Http404(_("There is no such format."))
    report = get_object_or_404(
        AccountabilityReport.objects.worldwide().select_related("cycle"),
        cycle__year=year,
        version=version,
        status=Status.SUCCEEDED,
    )
    return report_file(report, file_format, f"gentrack-accountability-report-{year}-v{version}")


@require_GET
def report_progress(request, pk):
    """The progress bar of one compile, for htmx to poll every 2 seconds
    until it has succeeded or failed. Unfinished compiles, like their place
    in the list, are for staff only: others get a 404 until it has succeeded."""
    reports = AccountabilityReport.objects.select_related("cycle").only(
        "id", "cycle__year", "country_id", "region", "version", "status", "progress", "error"
    )
    if not request.user.is_staff:
        reports = reports.filter(status=Status.SUCCEEDED)
    report = get_object_or_404(reports, pk=pk)
    return render(request, "reporting/_progress.html", {"report": report, "show_error": request.user.is_staff})


def report_file(report, file_format, stem):
    """One file of a succeeded report (global, country or region) as the
    response, named `stem` + the format's extension; 404 when that file was
    not made (a PDF without its libraries says why). The HTML, XLSX and CSV
    are rendered in the reader's language from the stored figures; the PDF
    is the one the compile laid out in the reader's language, or the English
    one where it made none in that language."""
    stored = getattr(report, AccountabilityReport.FILE_FIELDS[file_format])
    if not stored:
        raise Http404(report.pdf_unavailable_reason or _("This file is not available."))
    _label, content_type, attachment = outputs.FORMATS[file_format]
    extension = {"zip": "-csv.zip"}.get(file_format, f".{file_format}")
    if file_format == "pdf":
        language = outputs.pdf_language(report)
        if language != settings.LANGUAGE_CODE:
            stored = default_storage.open(report.translated_pdfs[language], "rb")
            extension = f"-{language}.pdf"
    render = {
        "html": lambda data: outputs.render_html_document(report, data).encode("utf-8"),
        "xlsx": outputs.render_xlsx,
        "zip": outputs.render_csv_zip,
    }.get(file_format)
    if render is not None and report.data:
        # The web page and the tables in the reader's language, from the
        # stored figures (reporting/report_language.py), each row's code in
        # the first column; the PDF is the compile's.
        content = io.BytesIO(render(in_reader_language(report.data)))
    else:
        content = stored.open("rb")
    response = FileResponse(content, as_attachment=attachment, filename=f"{stem}{extension}", content_type=content_type)
    if file_format == "html":
        # Our own document, but still no scripts from it.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response
