"""The domain operations on commitment makers and commitments.

Every state change in gentrack goes through one of these functions: views,
forms, admin actions, API views and tasks call them and never re-implement a
transition. Each is keyword-only, runs in one transaction, locks the row it
changes, writes its ReviewEvent and queues follow-up work on commit. A
transition that is not allowed, or an actor without the right, raises a
ServiceError subclass and changes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Commitment, CommitmentMaker, JoinRequest, Membership, ReviewEvent

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
M2M_FIELDS = ("coalitions", "action_areas", "themes", "countries")


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
    """Write one line of the audit trail, always on the public commitment."""
    target = commitment.amends if commitment.amends_id else commitment
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
    from .tasks import send_review_notification

    transaction.on_commit(lambda: send_review_notification.delay(event.pk))


def _locked(commitment):
    return Commitment.objects.select_for_update().get(pk=commitment.pk)


def _require_status(commitment, allowed, message):
    if commitment.status not in allowed:
        raise InvalidTransition(message % {"status": commitment.get_status_display()})


def _apply(commitment, data):
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
        raise ValidationError(_("These fields cannot be set: %(fields)s") % {"fields": ", ".join(unknown)})
    for name, value in data.items():
        setattr(commitment, name, value)
    return related


def _ids(values):
    return {getattr(value, "pk", value) for value in values}


def _validate_related(commitment, related):
    """Rules that span the many-to-many fields, checked before anything is
    written: at least one coalition, and action areas that belong to the
    chosen coalitions."""
    if "coalitions" in related:
        coalition_ids = _ids(related["coalitions"])
    elif commitment.pk:
        coalition_ids = set(commitment.coalitions.values_list("pk", flat=True))
    else:
        coalition_ids = set()
    if "action_areas" in related:
        area_ids = _ids(related["action_areas"])
    elif commitment.pk:
        area_ids = set(commitment.action_areas.values_list("pk", flat=True))
    else:
        area_ids = set()
    errors = {}
    if not coalition_ids:
        errors["coalitions"] = _("Choose at least one Action Coalition.")
    if area_ids:
        from coalitions.models import ActionArea

        stray = ActionArea.objects.filter(pk__in=area_ids).exclude(coalition__in=coalition_ids)
        if stray.exists():
            errors["action_areas"] = _("Action areas must belong to the chosen coalitions.")
    if errors:
        raise ValidationError(errors)


def _save_with_related(commitment, related):
    commitment.full_clean()
    _validate_related(commitment, related)
    commitment.save()
    for name, values in related.items():
        getattr(commitment, name).set(values)


# Commitments -----------------------------------------------------------------


@transaction.atomic
def commitment_create(*, actor, maker, data):
    """Create a draft commitment for `maker`, written by `actor`."""
    require_member(actor, maker)
    commitment = Commitment(maker=maker, status=Status.DRAFT)
    related = _apply(commitment, data)
    _save_with_related(commitment, related)
    record_event(commitment=commitment, actor=actor, action=Action.CREATED, to_status=Status.DRAFT)
    return commitment


@transaction.atomic
def commitment_update(*, actor, commitment, data):
    """Edit a draft or returned commitment (or amendment)."""
    commitment = _locked(commitment)
    require_member(actor, commitment.maker_id)
    _require_status(commitment, (Status.DRAFT, Status.RETURNED), _("A %(status)s commitment cannot be edited."))
    related = _apply(commitment, data)
    _save_with_related(commitment, related)
    record_event(
        commitment=commitment,
        actor=actor,
        action=Action.EDITED,
        from_status=commitment.status,
        to_status=commitment.status,
    )
    return commitment


@transaction.atomic
def commitment_submit(*, actor, commitment):
    """Send a draft or returned commitment to the secretariat for review."""
    commitment = _locked(commitment)
    require_member(actor, commitment.maker_id)
    _require_status(commitment, (Status.DRAFT, Status.RETURNED), _("A %(status)s commitment cannot be submitted."))
    commitment.full_clean()
    _validate_related(commitment, {})
    before = commitment.status
    commitment.status = Status.SUBMITTED
    commitment.submitted_at = timezone.now()
    commitment.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(
        commitment=commitment, actor=actor, action=Action.SUBMITTED, from_status=before, to_status=Status.SUBMITTED
    )
    return commitment


@transaction.atomic
def commitment_approve(*, actor, commitment, comment=""):
    """Approve a submitted commitment, making it public. Approving an
    amendment copies it onto the original, which stays the public record."""
    require_reviewer(actor)
    commitment = _locked(commitment)
    _require_status(commitment, (Status.SUBMITTED,), _("A %(status)s commitment cannot be approved."))
    now = timezone.now()
    if commitment.amends_id:
        return _approve_amendment(actor=actor, amendment=commitment, comment=comment, now=now)
    commitment.status = Status.APPROVED
    commitment.published_at = now
    commitment.save(update_fields=["status", "published_at", "updated_at"])
    event = record_event(
        commitment=commitment,
        actor=actor,
        action=Action.APPROVED,
        from_status=Status.SUBMITTED,
        to_status=Status.APPROVED,
        comment=comment,
    )
    notify_on_commit(event)
    return commitment


def _approve_amendment(*, actor, amendment, comment, now):
    original = _locked(amendment.amends)
    for name in EDITABLE_FIELDS:
        setattr(original, name, getattr(amendment, name))
    original.published_at = now
    original.save()
    for name in M2M_FIELDS:
        getattr(original, name).set(getattr(amendment, name).all())
    event = record_event(
        commitment=amendment,
        actor=actor,
        action=Action.AMENDMENT_APPROVED,
        from_status=Status.SUBMITTED,
        to_status=Status.APPROVED,
        comment=comment,
    )
    amendment.delete()
    notify_on_commit(event)
    return original


@transaction.atomic
def commitment_return(*, actor, commitment, comment):
    """Send a submitted commitment back to its maker with what to change."""
    require_reviewer(actor)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what the maker should change: a comment is required.")})
    commitment = _locked(commitment)
    _require_status(commitment, (Status.SUBMITTED,), _("A %(status)s commitment cannot be returned."))
    commitment.status = Status.RETURNED
    commitment.save(update_fields=["status", "updated_at"])
    event = record_event(
        commitment=commitment,
        actor=actor,
        action=Action.RETURNED,
        from_status=Status.SUBMITTED,
        to_status=Status.RETURNED,
        comment=comment.strip(),
    )
    notify_on_commit(event)
    return commitment


@transaction.atomic
def commitment_withdraw(*, actor, commitment, comment=""):
    """Withdraw an approved commitment. It stays public, marked withdrawn.
    Its maker's members and reviewers may do this."""
    commitment = _locked(commitment)
    if not (is_member(actor, commitment.maker_id) or can_review_commitments(actor)):
        raise NotPermitted(_("Only the maker's members or the secretariat can withdraw a commitment."))
    _require_status(commitment, (Status.APPROVED,), _("A %(status)s commitment cannot be withdrawn."))
    if hasattr(commitment, "amendment"):
        commitment.amendment.delete()
    commitment.status = Status.WITHDRAWN
    commitment.save(update_fields=["status", "updated_at"])
    record_event(
        commitment=commitment,
        actor=actor,
        action=Action.WITHDRAWN,
        from_status=Status.APPROVED,
        to_status=Status.WITHDRAWN,
        comment=comment,
    )
    return commitment


@transaction.atomic
def commitment_start_amendment(*, actor, commitment):
    """Open an amendment of an approved commitment: a draft copy the maker
    edits and submits while the public keeps seeing the approved version. An
    amendment already under way is returned rather than duplicated."""
    commitment = _locked(commitment)
    require_member(actor, commitment.maker_id)
    _require_status(
        commitment, (Status.APPROVED,), _("Only an approved commitment can be amended, not a %(status)s one.")
    )
    existing = Commitment.objects.filter(amends=commitment).first()
    if existing:
        return existing
    amendment = Commitment(maker_id=commitment.maker_id, amends=commitment, status=Status.DRAFT)
    for name in EDITABLE_FIELDS:
        setattr(amendment, name, getattr(commitment, name))
    amendment.save()
    for name in M2M_FIELDS:
        getattr(amendment, name).set(getattr(commitment, name).all())
    record_event(commitment=amendment, actor=actor, action=Action.AMENDMENT_STARTED, to_status=Status.DRAFT)
    return amendment


@transaction.atomic
def commitment_discard_amendment(*, actor, amendment):
    """Drop an amendment that is not under review; the approved version stays."""
    amendment = _locked(amendment)
    if not amendment.amends_id:
        raise InvalidTransition(_("Only an amendment can be discarded; withdraw an approved commitment instead."))
    require_member(actor, amendment.maker_id)
    _require_status(amendment, (Status.DRAFT, Status.RETURNED), _("A %(status)s amendment cannot be discarded."))
    record_event(commitment=amendment, actor=actor, action=Action.AMENDMENT_DISCARDED, from_status=amendment.status)
    amendment.delete()


# Commitment makers -----------------------------------------------------------


@transaction.atomic
def maker_create(*, actor, data):
    """Register a new commitment maker; its creator becomes its owner."""
    if not (actor and actor.is_authenticated and actor.is_active):
        raise NotPermitted(_("Sign in to register an organisation."))
    maker = CommitmentMaker(**data)
    maker.verified = False
    maker.full_clean()
    maker.save()
    Membership.objects.create(user=actor, maker=maker, role=Membership.Role.OWNER)
    return maker


def require_owner(actor, maker):
    if not is_owner(actor, maker):
        raise NotPermitted(_("Only an owner of this organisation can manage its members."))


def _lock_maker(maker_id):
    """Lock the maker row so that two owners acting at once cannot together
    leave it without an owner."""
    return CommitmentMaker.objects.select_for_update().get(pk=maker_id)


def _other_owners_exist(membership):
    return (
        Membership.objects.filter(maker_id=membership.maker_id, role=Membership.Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )


def _notify_join_decision_on_commit(join_request):
    from .tasks import send_join_decision

    transaction.on_commit(lambda: send_join_decision.delay(join_request.pk))


@transaction.atomic
def join_request_create(*, actor, maker, message=""):
    """Ask to join an existing commitment maker; its owners decide."""
    if not (actor and actor.is_authenticated and actor.is_active):
        raise NotPermitted(_("Sign in to ask to join an organisation."))
    _lock_maker(maker.pk)
    if Membership.objects.filter(user=actor, maker=maker).exists():
        raise InvalidTransition(_("You are already a member of %(maker)s.") % {"maker": maker})
    if JoinRequest.objects.filter(user=actor, maker=maker, status=JoinRequest.Status.PENDING).exists():
        raise InvalidTransition(
            _("You have already asked to join %(maker)s; its owners have not decided yet.") % {"maker": maker}
        )
    return JoinRequest.objects.create(user=actor, maker=maker, message=(message or "").strip())


def _decide_join_request(*, actor, join_request, status):
    _lock_maker(join_request.maker_id)
    join_request = JoinRequest.objects.select_for_update().select_related("maker").get(pk=join_request.pk)
    require_owner(actor, join_request.maker)
    if join_request.status != JoinRequest.Status.PENDING:
        raise InvalidTransition(
            _("This request has already been %(status)s.") % {"status": join_request.get_status_display().lower()}
        )
    join_request.status = status
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    _notify_join_decision_on_commit(join_request)
    return join_request


@transaction.atomic
def join_request_accept(*, actor, join_request, role=Membership.Role.EDITOR):
    """Accept a pending request: the requester becomes a member with `role`."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose owner or editor.")})
    join_request = _decide_join_request(actor=actor, join_request=join_request, status=JoinRequest.Status.ACCEPTED)
    Membership.objects.get_or_create(
        user_id=join_request.user_id, maker_id=join_request.maker_id, defaults={"role": role}
    )
    return join_request


@transaction.atomic
def join_request_decline(*, actor, join_request):
    """Decline a pending request; the requester may ask again later."""
    return _decide_join_request(actor=actor, join_request=join_request, status=JoinRequest.Status.DECLINED)


@transaction.atomic
def membership_change_role(*, actor, membership, role):
    """Make a member an owner or an editor. The last owner stays an owner."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose owner or editor.")})
    _lock_maker(membership.maker_id)
    membership = Membership.objects.select_for_update().select_related("maker").get(pk=membership.pk)
    require_owner(actor, membership.maker)
    if (
        membership.role == Membership.Role.OWNER
        and role != Membership.Role.OWNER
        and not _other_owners_exist(membership)
    ):
        raise InvalidTransition(
            _("%(maker)s needs at least one owner: make someone else an owner first.") % {"maker": membership.maker}
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, actor, membership):
    """Remove a member from a maker. Owners remove anyone, and any member may
    leave; the last owner cannot go."""
    _lock_maker(membership.maker_id)
    membership = Membership.objects.select_for_update().select_related("maker").get(pk=membership.pk)
    if membership.user_id != getattr(actor, "pk", None):
        require_owner(actor, membership.maker)
    elif not is_member(actor, membership.maker):
        raise NotPermitted(_("You can only act for organisations you are a member of."))
    if membership.role == Membership.Role.OWNER and not _other_owners_exist(membership):
        raise InvalidTransition(
            _("%(maker)s needs at least one owner: make someone else an owner first.") % {"maker": membership.maker}
        )
    membership.delete()
