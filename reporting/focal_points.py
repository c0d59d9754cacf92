"""Focal points: who they are, what they may see, and what they may do.

A focal point follows one country (`FocalPoint`), or some of its places. Its
scope is the country's commitments as the country page counts them
(`reporting.countries.commitments_in`: the commitments working there) plus
those of makers based there, of every status; with places, only those that
name one of the places (or a place inside one). Every read of the country
workspace starts from `scope_commitments` / `scope_makers`, and every
service here checks the actor's scope itself, whoever calls it: a focal
point of another country gets `NotPermitted`, never the data.

Services, like reporting/services.py: keyword-only, actor first, one
transaction each, the row that changes locked first.

- `focal_point_appoint` / `focal_point_update`: the secretariat (staff with
  the focal point permissions) appoints; places must be of the country.
- `focal_reminder_send`: a focal point reminds a maker with due or overdue
  commitments; a maker gets at most one such reminder a week
  (`REMINDER_INTERVAL`), recorded in `FocalReminder`, emailed through the
  outbox.
- `focal_report_enter`: a progress report entered on a maker's behalf (one
  row of an import); a draft that carries `entered_by`, for the maker's
  members to check and submit, recorded in its history.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coalitions.models import Subdivision
from commitments.models import Commitment, CommitmentMaker, ReviewEvent
from commitments.services import InvalidTransition, NotPermitted, notify_on_commit, record_event
from core.queue import enqueue_on_commit
from core.uploads import content_hash

from .countries import commitments_in
from .models import FocalPoint, FocalReminder, ProgressReport, ReportingStatus, annotate_reporting_status
from .services import _require_open, _set_fields, _write_related

REMINDER_INTERVAL = timedelta(days=7)
# Whom a focal point may remind: those behind on the current cycle.
REMINDABLE = (ReportingStatus.DUE, ReportingStatus.OVERDUE)


# Who may appoint -------------------------------------------------------------


def can_appoint_focal_points(user):
    return bool(user and user.is_active and user.is_staff and user.has_perm("reporting.add_focalpoint"))


def require_appointer(actor):
    if not can_appoint_focal_points(actor):
        raise NotPermitted(_("Only secretariat staff can appoint focal points."))


def check_focal_point(*, user, country, places, published, instance=None):
    """The rules of an appointment, as a ValidationError keyed by field: the
    places are of the country, a user is focal point for a country once, a
    published focal point has a name to publish."""
    errors = {}
    if country is not None:
        stray = [place for place in places if getattr(place, "country_id", None) != country.pk]
        if stray:
            errors["places"] = _(
                "These places are not in %(country)s: %(places)s. A focal point follows places of their own country only."
            ) % {"country": country.name, "places": "; ".join(f"{place.name} ({place.pk})" for place in stray)}
        taken = FocalPoint.objects.filter(user=user, country=country)
        if instance is not None and instance.pk:
            taken = taken.exclude(pk=instance.pk)
        if user is not None and taken.exists():
            errors["user"] = _("This user is already a focal point for %(country)s.") % {"country": country.name}
    if published and user is not None and not user.get_full_name().strip():
        errors["published"] = _(
            "This user has no name to publish: give them a first and last name first (their email is never published)."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def focal_point_appoint(*, actor, user, country, places=(), published=False):
    """Appoint `user` focal point for `country` (optionally for some places)."""
    require_appointer(actor)
    places = list(places)
    check_focal_point(user=user, country=country, places=places, published=published)
    focal_point = FocalPoint.objects.create(user=user, country=country, published=published, appointed_by=actor)
    focal_point.places.set(places)
    return focal_point


@transaction.atomic
def focal_point_update(*, actor, focal_point, places, published):
    """Change the places a focal point follows, and whether their name is
    published. The user and country of an appointment do not change: end it
    and appoint again."""
    require_appointer(actor)
    focal_point = FocalPoint.objects.select_for_update().select_related("user", "country").get(pk=focal_point.pk)
    places = list(places)
    check_focal_point(
        user=focal_point.user, country=focal_point.country, places=places, published=published, instance=focal_point
    )
    focal_point.published = published
    focal_point.save(update_fields=["published"])
    focal_point.places.set(places)
    return focal_point


@transaction.atomic
def focal_point_end(*, actor, focal_point):
    """End an appointment; what the focal point entered stays, marked so."""
    require_appointer(actor)
    FocalPoint.objects.filter(pk=focal_point.pk).delete()


# Scope -----------------------------------------------------------------------


def focal_point_of(user, code):
    """The user's appointment for the country `code`, or NotPermitted."""
    if user and user.is_authenticated and user.is_active and code:
        found = FocalPoint.objects.filter(user=user, country_id=str(code).upper()).select_related("country").first()
        if found is not None:
            return found
    raise NotPermitted(_("You are not a focal point for this country."))


def place_ids(focal_point):
    """The places the focal point follows (empty: the whole country)."""
    if not hasattr(focal_point, "_place_ids"):
        focal_point._place_ids = list(focal_point.places.values_list("pk", flat=True))
    return focal_point._place_ids


def scope_commitments(focal_point):
    """Every commitment (any status, amendments aside) the focal point
    follows: working in the country, or made by a maker based there; with
    places, only those naming one of them or a place inside one."""
    code = focal_point.country_id
    working_there = commitments_in([code], queryset=Commitment.objects.all()).values("pk")
    queryset = Commitment.objects.filter(Q(pk__in=working_there) | Q(maker__country_id=code)).filter(
        amends__isnull=True
    )
    places = place_ids(focal_point)
    if places:
        through = Commitment.places.through.objects
        inside = through.filter(Q(subdivision__in=places) | Q(subdivision__parent__in=places))
        queryset = queryset.filter(pk__in=inside.values("commitment_id"))
    return queryset


def scope_makers(focal_point):
    """The makers the focal point follows: those based in the country (the
    whole country only) and those with a commitment in scope."""
    with_commitments = Q(pk__in=scope_commitments(focal_point).values("maker_id"))
    if place_ids(focal_point):
        return CommitmentMaker.objects.filter(with_commitments)
    return CommitmentMaker.objects.filter(with_commitments | Q(country_id=focal_point.country_id))


def remindable_commitments(focal_point, day=None):
    """The approved commitments in scope that are due or overdue."""
    # The scope's ids first: with the scope as a subquery PostgreSQL works
    # out the reporting status of every approved commitment before keeping
    # the country's (1.5 s at 5,000 commitments; 30 ms this way).
    ids = list(scope_commitments(focal_point).filter(status=Commitment.Status.APPROVED).values_list("pk", flat=True))
    return annotate_reporting_status(Commitment.objects.filter(pk__in=ids), day).filter(reporting_status__in=REMINDABLE)


def require_in_scope(focal_point, commitment):
    if not scope_commitments(focal_point).filter(pk=commitment.pk).exists():
        raise NotPermitted(
            _(
                "%(reference)s is not a commitment of %(country)s you follow: focal points act only within their country."
            )
            % {"reference": commitment.reference, "country": focal_point.country.name}
        )


# Reminders -------------------------------------------------------------------


def last_reminder(maker, now=None):
    """The reminder sent to `maker` within the last week, if any."""
    now = now or timezone.now()
    return FocalReminder.objects.filter(maker=maker, sent_at__gt=now - REMINDER_INTERVAL).order_by("-sent_at").first()


def already_reminded_message(reminder):
    sent = timezone.localtime(reminder.sent_at)
    return _(
        "A reminder was already sent to this maker on %(date)s. Makers get at most one a week: "
        "the next can be sent from %(next)s."
    ) % {
        "date": formats.date_format(sent, "DATETIME_FORMAT"),
        "next": formats.date_format(sent + REMINDER_INTERVAL, "DATETIME_FORMAT"),
    }


@transaction.atomic
def focal_reminder_send(*, actor, focal_point, maker):
    """Remind the members of `maker` of their due and overdue reports, by
    email after commit. At most once a week per maker, whoever sends it."""
    focal_point = focal_point_of(actor, focal_point.country_id)
    # The maker's row lock makes two sends at once wait for each other, so
    # the second sees the first's reminder.
    maker = CommitmentMaker.objects.select_for_update().get(pk=maker.pk)
    if not scope_makers(focal_point).filter(pk=maker.pk).exists():
        raise NotPermitted(_("This maker is not one of the country's you follow."))
    earlier = last_reminder(maker)
    if earlier is not None:
        raise InvalidTransition(already_reminded_message(earlier))
    owing = remindable_commitments(focal_point).filter(maker=maker).count()
    if not owing:
        raise InvalidTransition(_("This maker has no due or overdue report: there is nothing to remind them of."))
    reminder = FocalReminder.objects.create(focal_point=focal_point, maker=maker, sent_by=actor, commitment_count=owing)
    enqueue_on_commit("reporting.tasks.send_focal_reminder", reminder.pk)
    return reminder


# Reports entered on a maker's behalf -----------------------------------------


def _check_focal_places(focal_point, places):
    places = list(places or [])
    allowed = place_ids(focal_point)
    codes = [getattr(place, "pk", place) for place in places]
    if allowed:
        inside = set(
            Subdivision.objects.filter(Q(pk__in=allowed) | Q(parent__in=allowed))
            .filter(pk__in=codes)
            .values_list("pk", flat=True)
        )
        stray = [code for code in codes if code not in inside]
        if stray:
            raise ValidationError(
                {
                    "places": _("You follow only some places of %(country)s; these are outside them: %(places)s.")
                    % {"country": focal_point.country.name, "places": ", ".join(map(str, stray))}
                }
            )


@transaction.atomic
def focal_report_enter(*, actor, focal_point, commitment, cycle, data):
    """Enter the progress report of `commitment` for `cycle` on its maker's
    behalf, as a draft marked `entered_by` the focal point, which the maker's
    members check, edit and submit. A draft the focal point entered before
    is updated; a report the maker started, or one already submitted, is
    left alone. Returns (report, "created" | "updated")."""
    focal_point = focal_point_of(actor, focal_point.country_id)
    commitment = Commitment.objects.select_for_update().select_related("maker").get(pk=commitment.pk)
    require_in_scope(focal_point, commitment)
    if commitment.status != Commitment.Status.APPROVED:
        raise InvalidTransition(_("Progress is reported on approved commitments only."))
    _require_open(cycle)
    if "places" in data:
        _check_focal_places(focal_point, data["places"])
    report = ProgressReport.objects.select_for_update().filter(commitment=commitment, cycle=cycle).first()
    outcome = "updated"
    if report is None:
        report = ProgressReport(
            commitment=commitment, cycle=cycle, status=ProgressReport.Status.DRAFT, entered_by=actor
        )
        outcome = "created"
    elif report.entered_by_id is None:
        raise InvalidTransition(
            _("Its maker has already started the %(year)s report: they complete it themselves.") % {"year": cycle.year}
        )
    elif not report.is_editable:
        raise InvalidTransition(
            _("Its %(year)s report is %(status)s already and cannot be entered again.")
            % {"year": cycle.year, "status": report.get_status_display().lower()}
        )
    else:
        report.entered_by = actor
    written = _set_fields(report, data)
    report._history_user = actor
    report.save()
    _write_related(report, written)
    event = record_event(
        commitment=commitment,
        progress_report=report,
        actor=actor,
        action=ReviewEvent.Action.REPORT_ENTERED,
        to_status=report.status,
        comment=_("Entered by %(name)s, focal point for %(country)s, for the maker to check and submit.")
        % {"name": focal_point.public_name, "country": focal_point.country.name},
    )
    notify_on_commit(event)
    return report, outcome


# Imports ---------------------------------------------------------------------


@transaction.atomic
def progress_import_request(*, actor, focal_point, upload, dry_run=False):
    """Store an uploaded spreadsheet of progress reports (already checked by
    the caller with jobs.reading.check_upload) and queue its import, for a
    worker to read after commit. Returns the job row."""
    from .models import ProgressImportJob

    focal_point = focal_point_of(actor, focal_point.country_id)
    job = ProgressImportJob(
        focal_point=focal_point,
        requested_by=actor,
        original_name=upload.name[:255],
        content_hash=content_hash(upload),
        dry_run=dry_run,
    )
    job.source.save(upload.name, upload, save=False)
    job.save()
    enqueue_on_commit("reporting.tasks.run_progress_import", job.pk)
    return job


def published_focal_points(code):
    """The focal points of a country whose names the secretariat published,
    with their places: for the country page (two queries)."""
    return list(
        FocalPoint.objects.filter(country_id=code, published=True, user__is_active=True)
        .select_related("user")
        .prefetch_related("places")
        .order_by("id")
    )
