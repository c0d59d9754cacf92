"""The domain operations on progress reports and reporting cycles.

Like commitments/services/: keyword-only, one transaction each, a
ReviewEvent for every transition, follow-up work queued on commit, and a
ServiceError that changes nothing when the step is not allowed.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalitions.models import Subdivision
from commitments.models import Commitment, ReviewEvent
from commitments.services import (
    InvalidTransition,
    NotPermitted,
    notify_on_commit,
    record_event,
    require_member,
)
from core.queue import enqueue_on_commit, figures_changed

from . import results as measured
from .models import Assessment, ProgressReport, ReportingCycle
from .progress import refresh_progress
from .stored_statuses import refresh_stored_statuses

Status = ProgressReport.Status
Action = ReviewEvent.Action

REPORT_FIELDS = (
    "implementation_status",
    "narrative",
    "amount_disbursed_usd",
    "people_reached",
    "challenges",
    "next_steps",
    "evidence_url",
    "amount_disbursed_original",
    "currency",
    "usd_rate",
)


# The job that refreshes every commitment's stored reporting status
# (jobs/tasks.py): a cycle that opens or closes moves them all.
REFRESH_TASK = "reporting.refresh_reporting_statuses"

NARRATIVE_NEEDED = gettext_lazy("Say what was done this year: a report is submitted with its narrative.")


def can_review_reports(user):
    return bool(user and user.is_active and user.is_staff and user.has_perm("reporting.review_progressreport"))


def require_report_reviewer(actor):
    if not can_review_reports(actor):
        raise NotPermitted(_("Only secretariat reviewers can decide on submitted progress reports."))


def _require_open(cycle):
    if not cycle.is_open():
        raise InvalidTransition(
            _("The %(year)s reporting cycle is not open (it runs from %(opens)s to %(closes)s).")
            % {"year": cycle.year, "opens": cycle.opens_on, "closes": cycle.closes_on}
        )


def _set_fields(report, data):
    """Set the report's fields from `data` and return what to write after
    saving: the places, results and deliverable updates (each None when
    `data` does not name it; see reporting.results for their shapes). Every
    refusal at once, by field."""
    data = dict(data)
    places = data.pop("places", None)
    results = data.pop("results", None)
    updates = data.pop("deliverable_updates", None)
    unknown = sorted(set(data) - set(REPORT_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})
    for name, value in data.items():
        setattr(report, name, value)
    errors = {}
    for check in (
        lambda: report.full_clean(validate_unique=False, validate_constraints=False),
        lambda: measured.check_money(report),
        lambda: places is not None and _check_places(report.commitment, places),
    ):
        try:
            check()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, messages)
    written = {"places": places, "results": None, "deliverable_updates": None}
    try:
        if results is not None:
            written["results"] = measured.check_results(report.commitment, results)
    except ValidationError as error:
        errors.update(error.error_dict)  # the errors themselves: their codes name the indicator
    try:
        if updates is not None:
            written["deliverable_updates"] = measured.check_deliverable_updates(report.commitment, updates)
    except ValidationError as error:
        errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    report.full_clean(validate_unique=False)
    return written


def _write_related(report, written):
    _save_places(report, written["places"])
    if written["results"] is not None:
        measured.write_results(report, written["results"])
    if written["deliverable_updates"] is not None:
        measured.write_deliverable_updates(report, written["deliverable_updates"])


def _check_places(commitment, places):
    """Results are achieved where the commitment works: among its places when
    it names some, else anywhere in its countries."""
    codes = {getattr(place, "pk", place) for place in places}
    if not codes:
        return
    allowed = Subdivision.objects.filter(pk__in=codes)
    own_places = set(commitment.places.values_list("pk", flat=True))
    if own_places:
        allowed = allowed.filter(pk__in=own_places)
    else:
        allowed = allowed.filter(country__in=commitment.countries.values("pk"))
    stray = sorted(codes - set(allowed.values_list("pk", flat=True)))
    if stray:
        names = dict(Subdivision.objects.filter(pk__in=stray).values_list("pk", "name"))
        raise ValidationError(
            {
                "places": _(
                    "Results can only be reported where the commitment works; these places are outside it: %(places)s."
                )
                % {"places": "; ".join(names.get(code, str(code)) for code in stray)}
            }
        )


def _save_places(report, places):
    if places is not None:
        report.places.set(places)


@transaction.atomic
def report_create(*, actor, commitment, cycle, data):
    """Start the progress report on an approved commitment for an open cycle,
    as a draft."""
    # Re-read under lock: the caller's instance may predate a withdrawal.
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    require_member(actor, commitment.maker_id)
    if commitment.status != Commitment.Status.APPROVED:
        raise InvalidTransition(_("Progress is reported on approved commitments only."))
    _require_open(cycle)
    if ProgressReport.objects.filter(commitment=commitment, cycle=cycle).exists():
        raise InvalidTransition(
            _("This commitment already has a progress report for the %(year)s cycle.") % {"year": cycle.year}
        )
    report = ProgressReport(commitment=commitment, cycle=cycle, status=Status.DRAFT)
    written = _set_fields(report, data)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # a concurrent request created it first
        raise InvalidTransition(
            _("This commitment already has a progress report for the %(year)s cycle.") % {"year": cycle.year}
        ) from None
    _write_related(report, written)
    refresh_stored_statuses(commitment_ids=[report.commitment_id])
    return report


@transaction.atomic
def report_update(*, actor, report, data):
    """Edit a draft or returned progress report."""
    report = ProgressReport.objects.select_for_update().select_related("cycle", "commitment").get(pk=report.pk)
    require_member(actor, report.commitment.maker_id)
    if not report.is_editable:
        raise InvalidTransition(
            _("A %(status)s progress report cannot be edited.") % {"status": report.get_status_display()}
        )
    _require_open(report.cycle)
    written = _set_fields(report, data)
    report.save()
    _write_related(report, written)
    return report


@transaction.atomic
def report_submit(*, actor, report):
    """Submit a draft or returned report while its cycle is open."""
    report = ProgressReport.objects.select_for_update().select_related("cycle", "commitment").get(pk=report.pk)
    require_member(actor, report.commitment.maker_id)
    if not report.is_editable:
        raise InvalidTransition(
            _("A %(status)s progress report cannot be submitted.") % {"status": report.get_status_display()}
        )
    _require_open(report.cycle)
    errors = {}
    try:
        report.full_clean(validate_unique=False)
    except ValidationError as error:
        errors = dict(error.message_dict)
    if not (report.narrative or "").strip():
        errors.setdefault("narrative", [NARRATIVE_NEEDED])
    if errors:
        raise ValidationError(errors)
    before = report.status
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    measured.apply_deliverable_updates(report)
    refresh_progress(report.commitment_id)
    record_event(
        commitment=report.commitment,
        progress_report=report,
        actor=actor,
        action=Action.REPORT_SUBMITTED,
        from_status=before,
        to_status=Status.SUBMITTED,
    )
    refresh_stored_statuses(commitment_ids=[report.commitment_id])
    return report


def _decide(*, actor, report, to_status, action, comment, assessment="", assessment_comment=""):
    require_report_reviewer(actor)
    report = ProgressReport.objects.select_for_update().select_related("commitment", "cycle").get(pk=report.pk)
    if report.status != Status.SUBMITTED:
        raise InvalidTransition(
            _("Only a submitted progress report can be decided on; this one is %(status)s.")
            % {"status": report.get_status_display()}
        )
    report.status = to_status
    fields = ["status", "updated_at"]
    if assessment:
        report.assessment = assessment
        report.assessment_comment = (assessment_comment or "").strip()
        report.assessed_by = actor
        report.assessed_at = timezone.now()
        fields += ["assessment", "assessment_comment", "assessed_by", "assessed_at"]
    report._history_user = actor
    report.save(update_fields=fields)
    if to_status == Status.ACCEPTED:
        measured.apply_deliverable_updates(report)
    refresh_progress(report.commitment_id)
    event = record_event(
        commitment=report.commitment,
        progress_report=report,
        actor=actor,
        action=action,
        from_status=Status.SUBMITTED,
        to_status=to_status,
        comment=comment,
    )
    notify_on_commit(event)
    refresh_stored_statuses(commitment_ids=[report.commitment_id])
    return report


@transaction.atomic
def report_accept(*, actor, report, comment="", assessment="", assessment_comment=""):
    """Accept a submitted progress report, with the secretariat's own
    assessment of its evidence when given (verified, partly verified, not
    verifiable; kept in the report's history). The maker's implementation
    status is never changed by it."""
    if assessment and assessment not in Assessment.values:
        raise ValidationError({"assessment": _("Choose an assessment from the list.")})
    if assessment_comment and not assessment:
        raise ValidationError({"assessment": _("Choose the assessment the comment explains.")})
    return _decide(
        actor=actor,
        report=report,
        to_status=Status.ACCEPTED,
        action=Action.REPORT_ACCEPTED,
        comment=comment,
        assessment=assessment,
        assessment_comment=assessment_comment,
    )


@transaction.atomic
def report_return(*, actor, report, comment):
    """Send a submitted report back to its maker with what to change."""
    require_report_reviewer(actor)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what the maker should change: a comment is required.")})
    return _decide(
        actor=actor, report=report, to_status=Status.RETURNED, action=Action.REPORT_RETURNED, comment=comment.strip()
    )


def current_open_cycle(day=None):
    day = day or timezone.localdate()
    return ReportingCycle.objects.open_on(day).order_by("-year").first()


# Accountability reports ------------------------------------------------------


def can_compile_reports(user):
    return bool(user and user.is_active and user.is_staff and user.has_perm("reporting.add_accountabilityreport"))


@transaction.atomic
def accountability_report_request(*, cycle, actor, system=False):
    """Queue a new version of the accountability report for `cycle` and
    return its row at once; a Celery worker compiles it after commit.

    `system=True` is a request by gentrack itself (the schedule that compiles a
    closed cycle, an operator's command line) with no user behind it; the row
    then has no `requested_by`."""
    from .models import AccountabilityReport

    if system:
        actor = None
    elif not can_compile_reports(actor):
        raise NotPermitted(_("Only secretariat staff can compile accountability reports."))
    # Lock the cycle so that two requests at once get distinct versions.
    ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    latest = (
        AccountabilityReport.objects.worldwide()
        .filter(cycle=cycle)
        .order_by("-version")
        .values_list("version", flat=True)
    )
    report = AccountabilityReport.objects.create(
        cycle=cycle,
        version=(latest.first() or 0) + 1,
        status=AccountabilityReport.Status.QUEUED,
        requested_by=actor,
    )

    enqueue_on_commit("reporting.tasks.compile_accountability_report", report.pk)
    return report


def can_request_country_report(user, country_code):
    """Whether `user` may compile the report of the country `country_code`
    (or, with a Region code, of that region). Secretariat staff who may
    compile accountability reports may compile any country's and any
    region's; a focal point may compile their own country's (whole country,
    even when appointed for some of its places: the report is of public
    figures), never a region's nor another country's. This is the one check
    every caller (service, country page, focal workspace, API) goes through."""
    if can_compile_reports(user):
        return True
    if not (user and user.is_authenticated and user.is_active and country_code):
        return False
    from .focal_models import FocalPoint

    code = str(country_code)
    return len(code) == 2 and FocalPoint.objects.filter(user=user, country_id=code.upper()).exists()


@transaction.atomic
def country_report_request(*, actor, cycle, country=None, region="", system=False):
    """Queue a new version of the accountability report of `cycle` scoped to
    one country (a Country or its code) or one UN Women region (a Region
    code), and return its row at once; the same Celery compile as the global
    report produces it after commit. `system=True` as for
    `accountability_report_request` (an operator's command line)."""
    from coalitions.models import Country, Region

    from .models import AccountabilityReport

    if (country is None) == (not region):
        raise ValidationError({"country": _("Name one country or one region for a country report.")})
    if country is not None:
        code = getattr(country, "pk", country)
        country = Country.objects.filter(pk=str(code).upper()).first()
        if country is None:
            raise ValidationError({"country": _("There is no country with the code %(code)s.") % {"code": code}})
        scope_code = country.pk
    else:
        if region not in Region.values:
            raise ValidationError({"region": _("There is no region %(code)s.") % {"code": region}})
        scope_code = region
    if system:
        actor = None
    elif not can_request_country_report(actor, scope_code):
        raise NotPermitted(
            _("Only secretariat staff and the country's focal points can compile its accountability report.")
        )
    # Lock the cycle so that two requests at once get distinct versions.
    ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    latest = (
        AccountabilityReport.objects.of_scope(country=country, region=region)
        .filter(cycle=cycle)
        .order_by("-version")
        .values_list("version", flat=True)
    )
    report = AccountabilityReport.objects.create(
        cycle=cycle,
        country=country,
        region=region if country is None else "",
        version=(latest.first() or 0) + 1,
        status=AccountabilityReport.Status.QUEUED,
        requested_by=actor,
    )
    enqueue_on_commit("reporting.tasks.compile_accountability_report", report.pk)
    return report


# Reporting cycles ------------------------------------------------------------


def can_manage_cycles(user):
    return bool(user and user.is_active and user.is_staff and user.has_perm("reporting.change_reportingcycle"))


@transaction.atomic
def cycle_open(*, cycle, actor, day=None):
    """Open `cycle` today, keeping its closing date. Only one cycle is open at
    a time: the reporting status of every commitment depends on it."""
    if not can_manage_cycles(actor):
        raise NotPermitted(_("Only secretariat admins can open or close reporting cycles."))
    day = day or timezone.localdate()
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_open(day):
        raise InvalidTransition(_("The %(year)s reporting cycle is already open.") % {"year": cycle.year})
    if cycle.closes_on <= day:
        raise InvalidTransition(
            _("The %(year)s cycle closes on %(closes)s; set a later closing date before opening it.")
            % {"year": cycle.year, "closes": cycle.closes_on}
        )
    other = ReportingCycle.objects.open_on(day).exclude(pk=cycle.pk).first()
    if other:
        raise InvalidTransition(_("The %(year)s reporting cycle is still open; close it first.") % {"year": other.year})
    cycle.opens_on = day
    cycle.full_clean()
    cycle.save(update_fields=["opens_on"])
    figures_changed()
    enqueue_on_commit(REFRESH_TASK)
    return cycle


@transaction.atomic
def cycle_close(*, cycle, actor, day=None):
    """Close an open cycle now: its last day becomes yesterday, so nothing
    more can be submitted for it from today."""
    if not can_manage_cycles(actor):
        raise NotPermitted(_("Only secretariat admins can open or close reporting cycles."))
    day = day or timezone.localdate()
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_open(day):
        raise InvalidTransition(_("The %(year)s reporting cycle is not open.") % {"year": cycle.year})
    from datetime import timedelta

    last_day = day - timedelta(days=1)
    if last_day <= cycle.opens_on:
        raise InvalidTransition(
            _("The %(year)s cycle opened on %(opens)s and cannot close before the day after; edit its dates instead.")
            % {"year": cycle.year, "opens": cycle.opens_on}
        )
    cycle.closes_on = last_day
    cycle.full_clean()
    cycle.save(update_fields=["closes_on"])
    figures_changed()
    enqueue_on_commit(REFRESH_TASK)
    return cycle
