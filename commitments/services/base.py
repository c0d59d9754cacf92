"""What every service shares: its errors, the fields a maker writes, the
permission checks, the audit event, and how submitted data is applied to a
commitment and checked against its related rows."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coalitions.models import Subdivision
from core.queue import enqueue_on_commit, figures_changed

from .. import texts
from ..history import one_version
from ..models import Commitment, CommitmentMaker, Membership, ReviewEvent

Status = Commitment.Status
Action = ReviewEvent.Action


class ServiceError(Exception):
    """A domain operation refused; `message` says why, in words for users."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotPermitted(ServiceError):
    """The actor may not do this."""


class InvalidTransition(ServiceError):
    """The object is not in a state that allows this."""


# The fields a maker writes on a commitment; the rest is workflow state.
EDITABLE_FIELDS = (
    "title",
    "description",
    "language",
    "translations",
    "is_policy",
    "is_programme",
    "is_financial",
    "is_advocacy",
    "financial_amount_usd",
    "scope",
    "start_year",
    "end_year",
    "target_groups",
    "partners",
)
M2M_FIELDS = ("coalitions", "action_areas", "themes", "countries", "places")
# The fields a user registering a commitment maker writes; `verified` is the
# secretariat's to set.
MAKER_FIELDS = ("name", "acronym", "constituency", "country", "website")


# Permissions -----------------------------------------------------------------


def is_member(user, maker):
    if not (user and user.is_authenticated and user.is_active):
        return False
    maker_id = maker.pk if isinstance(maker, CommitmentMaker) else maker
    return Membership.objects.filter(user=user, maker_id=maker_id).exists()


def is_owner(user, maker):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return Membership.objects.filter(user=user, maker=maker, role=Membership.Role.OWNER).exists()


def can_review_commitments(user):
    return bool(user and user.is_active and user.is_staff and user.has_perm("commitments.review_commitment"))


def require_member(actor, maker):
    if not is_member(actor, maker):
        raise NotPermitted(_("You can only act for organisations you are a member of."))


def require_reviewer(actor):
    if not can_review_commitments(actor):
        raise NotPermitted(_("Only secretariat reviewers can decide on submitted commitments."))


# Helpers ---------------------------------------------------------------------


def record_event(*, commitment, actor, action, from_status="", to_status="", comment="", progress_report=None):
    """Write one line of the audit trail, always on the public commitment.
    Every change the public figures count (approval, withdrawal, a report
    submitted or decided) writes one, so the figures are refreshed from here."""
    target = commitment.amends if commitment.amends_id else commitment
    figures_changed()
    return ReviewEvent.objects.create(
        commitment=target,
        progress_report=progress_report,
        is_amendment=commitment.amends_id is not None,
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
    )


def notify_on_commit(event):
    """Email the maker's members about a review decision once it is committed."""
    enqueue_on_commit("commitments.tasks.send_review_notification", event.pk)


def locked(commitment):
    return Commitment.objects.select_for_update().get(pk=commitment.pk)


def require_status(commitment, allowed, message):
    if commitment.status not in allowed:
        raise InvalidTransition(message % {"status": commitment.get_status_display()})


def apply_data(commitment, data):
    """Set fields from `data` on the instance and return the many-to-many
    values to set after saving. Unknown keys are an error, never ignored."""
    data = dict(data)
    types = data.pop("commitment_types", None)
    if types is not None:
        try:
            commitment.commitment_types = types
        except ValueError as error:
            raise ValidationError({"commitment_types": str(error)}) from None
    related = {name: data.pop(name) for name in M2M_FIELDS if name in data}
    unknown = sorted(set(data) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})
    if "translations" in data:
        data["translations"] = texts.cleaned(data["translations"])
    for name, value in data.items():
        setattr(commitment, name, value)
    return related


def ids_of(values):
    return {getattr(value, "pk", value) for value in values}


def _related_ids(commitment, related, name):
    if name in related:
        return ids_of(related[name])
    if commitment.pk:
        return set(getattr(commitment, name).values_list("pk", flat=True))
    return set()


# Scopes that name the countries where the commitment is carried out; a
# regional or global commitment may name none.
SCOPES_NEEDING_COUNTRIES = ("national", "local")


def related_errors(commitment, related, *, complete):
    """Rules that span the many-to-many fields, by field: action areas must
    belong to the chosen coalitions; and, for a complete commitment (one
    submitted, or being submitted), at least one coalition, and a country for
    a national or local one."""
    coalition_ids = _related_ids(commitment, related, "coalitions")
    area_ids = _related_ids(commitment, related, "action_areas")
    errors = {}
    if complete and not coalition_ids:
        errors["coalitions"] = _("Choose at least one Action Coalition.")
    if complete and commitment.scope in SCOPES_NEEDING_COUNTRIES and not _related_ids(commitment, related, "countries"):
        errors["countries"] = _("A national or local commitment names at least one country.")
    stray_places = places_outside(commitment, related)
    if stray_places:
        errors["places"] = _(
            "These places are not in the commitment's countries: %(places)s. Add their country, or untick them."
        ) % {"places": "; ".join(stray_places)}
    if area_ids:
        from coalitions.models import ActionArea

        stray = ActionArea.objects.filter(pk__in=area_ids).exclude(coalition__in=coalition_ids)
        if stray.exists():
            errors["action_areas"] = _("Action areas must belong to the chosen coalitions.")
    return errors


def validate_related(commitment, related):
    """Raise the many-to-many rules' errors (see `related_errors`); a draft is
    held only to those that keep it coherent, a commitment out of its maker's
    hands to all."""
    errors = related_errors(commitment, related, complete=not commitment.is_editable)
    if errors:
        raise ValidationError(errors)


def places_outside(commitment, related):
    """The names (with their country) of the chosen places that lie outside
    the commitment's chosen countries: a county of Kenya on a commitment in
    Tanzania only is a mistake, not a plan."""
    place_ids = _related_ids(commitment, related, "places")
    if not place_ids:
        return []
    country_ids = _related_ids(commitment, related, "countries")
    stray = Subdivision.objects.filter(pk__in=place_ids).exclude(country__in=country_ids).select_related("country")
    return [f"{place.name} ({place.country.name})" for place in stray.order_by("country__name", "name")]


def validate_complete(commitment, related=None):
    """Everything a commitment needs before review, every missing piece at
    once: the model's own checks, what a draft may leave out, and the
    many-to-many rules."""
    errors = {}
    try:
        commitment.full_clean()
    except ValidationError as error:
        errors = {name: list(messages) for name, messages in error.message_dict.items()}
    for name, message in commitment.missing_for_submission().items():
        errors.setdefault(name, [message])
    for name, message in related_errors(commitment, related or {}, complete=True).items():
        errors.setdefault(name, [message])
    if errors:
        raise ValidationError(errors)


def save_with_related(commitment, related, *, actor, created=False):
    """Check, save and set the links, recorded as one version by `actor`."""
    commitment.full_clean()
    validate_related(commitment, related)
    with one_version(commitment, actor=actor, created=created):
        commitment.save()
        for name, values in related.items():
            getattr(commitment, name).set(values)
