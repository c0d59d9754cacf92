"""Progress reports in the makers' workspace (/my/reports/): what is due for
the open reporting cycle, and filing, editing and submitting reports through
reporting/services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commitments.models import Commitment, ReviewEvent
from commitments.services import NotPermitted, ServiceError
from reporting import services
from reporting.models import ProgressReport, ReportingCycle, ReportingStatus, annotate_reporting_status
from workspace.forms import add_service_errors
from workspace.helpers import render_workspace, workspace_view
from workspace.report_forms import ProgressReportForm

FINISHED = {ReportingStatus.ENDED, ReportingStatus.COMPLETED}


@workspace_view()
def reports(request):
    """The acting organisation's approved commitments: those still to report
    on for the open cycle, and those reported with their report's status."""
    cycle = services.current_open_cycle()
    context = {"cycle": cycle}
    if cycle is None:
        today = timezone.localdate()
        context["next_cycle"] = ReportingCycle.objects.filter(opens_on__gt=today).order_by("opens_on").first()
        context["last_cycle"] = ReportingCycle.objects.filter(closes_on__lt=today).order_by("-closes_on").first()
        return render_workspace(request, "my/reports.html", context)
    commitments = list(
        annotate_reporting_status(
            Commitment.objects.filter(maker=request.workspace.maker, status=Commitment.Status.APPROVED)
        )
        .prefetch_related(
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.filter(cycle=cycle).order_by("-id"),
                to_attr="cycle_reports",
            )
        )
        .order_by("title", "id")
    )
    for commitment in commitments:
        commitment.cycle_report = commitment.cycle_reports[0] if commitment.cycle_reports else None
    # A commitment whose end year has passed, or whose last accepted report
    # says it was completed or discontinued, owes nothing more: the same rule
    # as the reminders and the traffic light.
    unreported = [c for c in commitments if c.cycle_report is None]
    context["to_report"] = [c for c in unreported if c.reporting_status not in FINISHED]
    context["finished"] = [c for c in unreported if c.reporting_status in FINISHED]
    for commitment in context["finished"]:
        commitment.reporting_label = ReportingStatus(commitment.reporting_status).label
    context["reported"] = [c for c in commitments if c.cycle_report is not None]
    return render_workspace(request, "my/reports.html", context)


def _report_for_member(request, pk):
    return get_object_or_404(
        ProgressReport.objects.filter(commitment__maker_id__in=request.workspace.maker_ids).select_related(
            "commitment__maker", "cycle", "entered_by"
        ),
        pk=pk,
    )


def _form(request, **kwargs):
    return ProgressReportForm(request.POST or None, submitting=request.POST.get("action") == "submit", **kwargs)


def _save(request, form, save):
    """Run `save` (a service call), then submit if asked, in one transaction:
    on a service error nothing is saved and the error goes on the form."""
    submitting = request.POST.get("action") == "submit"
    try:
        with transaction.atomic():
            report = save()
            if submitting:
                services.report_submit(actor=request.user, report=report)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    except ServiceError as error:
        if isinstance(error, NotPermitted):
            raise PermissionDenied(error.message) from None
        form.add_error(None, error.message)
        return None
    if submitting:
        messages.success(request, _("Your progress report is submitted. Thank you."))
    else:
        messages.success(request, _("Saved as a draft. Submit it before the cycle closes."))
    return report


@workspace_view()
@require_http_methods(["GET", "POST"])
def report_new(request, commitment_pk):
    commitment = get_object_or_404(
        Commitment.objects.filter(maker_id__in=request.workspace.maker_ids).select_related("maker"),
        pk=commitment_pk,
    )
    cycle = services.current_open_cycle()
    if cycle is None:
        messages.error(request, _("No reporting cycle is open at the moment."))
        return redirect("my-reports")
    existing = ProgressReport.objects.filter(commitment=commitment, cycle=cycle).first()
    if existing:
        return redirect("my-report", pk=existing.pk)
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        report = _save(
            request,
            form,
            lambda: services.report_create(
                actor=request.user, commitment=commitment, cycle=cycle, data=form.service_data()
            ),
        )
        if report is not None:
            return redirect("my-report", pk=report.pk)
    return render_workspace(
        request, "my/report_form.html", {"form": form, "commitment": commitment, "cycle": cycle, "report": None}
    )


def _return_comment(report):
    if report.status != ProgressReport.Status.RETURNED:
        return None
    return (
        ReviewEvent.objects.filter(progress_report=report, action=ReviewEvent.Action.REPORT_RETURNED)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )


@workspace_view()
def report_detail(request, pk):
    report = _report_for_member(request, pk)
    events = list(
        ReviewEvent.objects.filter(progress_report=report).select_related("actor").order_by("-created_at", "-id")
    )
    return render_workspace(
        request,
        "my/report_detail.html",
        {"report": report, "events": events, "return_comment": _return_comment(report)},
    )


@workspace_view()
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = _report_for_member(request, pk)
    if not report.is_editable:
        messages.error(
            request,
            _("A %(status)s progress report cannot be edited.") % {"status": report.get_status_display().lower()},
        )
        return redirect("my-report", pk=report.pk)
    if request.method == "GET" and request.GET.get("check") == "submit":
        # Sent back from "Submit": the saved report, with every piece a
        # submission still needs marked at its field and in the summary.
        form = ProgressReportForm(ProgressReportForm.data_from(report), submitting=True)
        form.is_valid()
    else:
        form = _form(request, instance=report if request.method == "GET" else None)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            request, form, lambda: services.report_update(actor=request.user, report=report, data=form.service_data())
        )
        if saved is not None:
            return redirect("my-report", pk=report.pk)
    return render_workspace(
        request,
        "my/report_form.html",
        {
            "form": form,
            "commitment": report.commitment,
            "cycle": report.cycle,
            "report": report,
            "return_comment": _return_comment(report),
        },
    )


@workspace_view()
@require_POST
def report_submit(request, pk):
    report = _report_for_member(request, pk)
    try:
        services.report_submit(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, _("Fix these before submitting: %(errors)s") % {"errors": "; ".join(error.messages)})
        return redirect(reverse("my-report-edit", args=[report.pk]) + "?check=submit")
    except ServiceError as error:
        if isinstance(error, NotPermitted):
            raise PermissionDenied(error.message) from None
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your progress report is submitted. Thank you."))
    return redirect("my-report", pk=report.pk)
