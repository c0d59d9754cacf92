"""The accountability reports of a country or region on its page: the latest
compiled report's files (public, like the global report's), and, for those
who may, the button that compiles a new one.

The compile is the global report's Celery job scoped to the country
(`reporting.services.country_report_request`); who may ask for it is
`reporting.services.can_request_country_report`, checked again by the
service whatever this view shows.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from commitments.services import ServiceError
from public.reports import report_file
from reporting import outputs
from reporting.models import AccountabilityReport, ReportingCycle
from reporting.services import can_request_country_report, country_report_request

Status = AccountabilityReport.Status


def _scope(country=None, region=""):
    return AccountabilityReport.objects.of_scope(country=country, region=region)


def report_context(user, *, country=None, region=""):
    """What the country (or region) page shows of its reports: the latest
    succeeded one with its downloads, and for those who may compile, the
    cycles to choose from and the compile in progress, if any. One query for
    the public, three for those who may compile."""
    latest = (
        _scope(country, region)
        .filter(status=Status.SUCCEEDED)
        .select_related("cycle", "country")
        .defer("data")
        .order_by("-cycle__year", "-version")
        .first()
    )
    context = {
        "country_report": latest,
        "country_report_downloads": outputs.downloads_of(latest, latest.cycle) if latest else [],
        "may_compile_country_report": False,
    }
    if can_request_country_report(user, country.pk if country is not None else region):
        context["may_compile_country_report"] = True
        context["report_cycles"] = list(ReportingCycle.objects.order_by("-year").values_list("year", flat=True))
        context["country_report_in_progress"] = (
            _scope(country, region)
            .filter(status__in=[Status.QUEUED, Status.RUNNING])
            .select_related("cycle")
            .only("id", "cycle__year", "version", "status", "progress")
            .order_by("-id")
            .first()
        )
    return context


def compile_report(request, *, country=None, region="", back):
    """The POST behind "Compile this country's report": the service decides."""
    cycle = ReportingCycle.objects.filter(year=request.POST.get("year") or 0).first()
    if cycle is None:
        messages.error(request, _("Choose the reporting cycle whose report to compile."))
        return redirect(back)
    try:
        report = country_report_request(actor=request.user, cycle=cycle, country=country, region=region)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(
        request,
        _("Version %(version)s of the %(year)s report is being compiled; its files appear here when it is done.")
        % {"version": report.version, "year": cycle.year},
    )
    return redirect(back)


def download(*, year, version, file_format, country=None, region=""):
    """One file of a succeeded report of this scope, served like the global
    report's (public, finished reports only)."""
    if file_format not in outputs.FORMATS:
        raise Http404(_("There is no such format."))
    report = get_object_or_404(
        _scope(country, region).select_related("cycle"),
        cycle__year=year,
        version=version,
        status=Status.SUCCEEDED,
    )
    scope = country.pk if country is not None else region.replace("_", "-")
    return report_file(report, file_format, f"gentrack-accountability-report-{year}-{scope}-v{version}")
