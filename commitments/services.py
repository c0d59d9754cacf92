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
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.queue import enqueue_on_commit

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
    enqueue_on_commit("commitments.tasks.send_review_notification", event.pk)


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
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})
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
        return _approve_amendment(actor=actor, amendment=commitment, comment=comment)
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


def _approve_amendment(*, actor, amendment, comment):
    original = _locked(amendment.amends)
    for name in EDITABLE_FIELDS:
        setattr(original, name, getattr(amendment, name))
    # published_at keeps the first publication date: an amendment changes
    # the commitment, it does not make it new (updated_at records the change).
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
    unknown = sorted(set(data) - set(MAKER_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})
    maker = CommitmentMaker(**data)
    maker.verified = False
    maker.full_clean()
    maker.save()
    Membership.objects.create(user=actor, maker=maker, role=Membership.Role.OWNER)
    return maker


# Merging duplicate makers ----------------------------------------------------


def can_merge_makers(user):
    return bool(
        user
        and user.is_active
        and user.is_staff
        and user.has_perm("commitments.change_commitmentmaker")
        and user.has_perm("commitments.delete_commitmentmaker")
    )


@transaction.atomic
def maker_merge(*, keep, duplicate, actor):
    """Fold `duplicate` into `keep`: its commitments (with their progress
    reports and amendments), members, join requests and coalition
    leaderships move to `keep`, then `duplicate` is deleted. A MakerMerge row
    records what moved; each moved commitment gets a `merged` event and the
    kept maker a history entry. Where both held the same thing (a member, a
    leadership, a pending request) the kept maker's one stays, with the
    stronger role."""
    from coalitions.models import CoalitionLeader

    from .models import JoinRequest, MakerMerge

    if not can_merge_makers(actor):
        raise NotPermitted(_("Only secretariat admins can merge commitment makers."))
    if keep.pk == duplicate.pk:
        raise InvalidTransition(_("A commitment maker cannot be merged into itself."))
    locked = {
        maker.pk: maker
        for maker in CommitmentMaker.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk]).order_by("pk")
    }
    if len(locked) != 2:
        raise InvalidTransition(_("One of these commitment makers no longer exists."))
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]
    note = _("Moved from %(duplicate)s (#%(id)s), merged into %(keep)s.") % {
        "duplicate": duplicate.name,
        "id": duplicate.pk,
        "keep": keep.name,
    }

    commitments = list(Commitment.objects.select_for_update().filter(maker=duplicate).order_by("pk"))
    for commitment in commitments:
        commitment.maker = keep
        commitment.save(update_fields=["maker", "updated_at"])
        record_event(
            commitment=commitment,
            actor=actor,
            action=Action.MERGED,
            from_status=commitment.status,
            to_status=commitment.status,
            comment=note,
        )
    reports = Commitment.objects.filter(pk__in=[c.pk for c in commitments]).aggregate(count=Count("progress_reports"))["count"]

    members_moved = 0
    kept_roles = dict(keep.memberships.values_list("user_id", "role"))
    for membership in duplicate.memberships.all():
        if membership.user_id in kept_roles:
            if membership.role == Membership.Role.OWNER and kept_roles[membership.user_id] != Membership.Role.OWNER:
                keep.memberships.filter(user_id=membership.user_id).update(role=Membership.Role.OWNER)
            membership.delete()
        else:
            membership.maker = keep
            membership.save(update_fields=["maker"])
            members_moved += 1

    pending_at_keep = set(
        keep.join_requests.filter(status=JoinRequest.Status.PENDING).values_list("user_id", flat=True)
    )
    requests_moved = 0
    for join_request in duplicate.join_requests.all():
        duplicate_pending = join_request.status == JoinRequest.Status.PENDING
        if duplicate_pending and (join_request.user_id in pending_at_keep or join_request.user_id in kept_roles):
            join_request.delete()
            continue
        join_request.maker = keep
        join_request.save(update_fields=["maker"])
        requests_moved += 1

    led_by_keep = set(CoalitionLeader.objects.filter(maker=keep).values_list("coalition_id", flat=True))
    leaderships_moved = 0
    for leadership in CoalitionLeader.objects.filter(maker=duplicate):
        if leadership.coalition_id in led_by_keep:
            leadership.delete()
        else:
            leadership.maker = keep
            leadership.save(update_fields=["maker"])
            leaderships_moved += 1

    moved = {
        "commitments": len(commitments),
        "progress_reports": reports,
        "members": members_moved,
        "join_requests": requests_moved,
        "leaderships": leaderships_moved,
    }
    merge = MakerMerge.objects.create(
        kept=keep, merged_name=duplicate.name, merged_id=duplicate.pk, moved=moved, actor=actor
    )
    keep._change_reason = note
    keep._history_user = actor
    keep.save()
    duplicate.delete()
    return merge


# Importing commitments ---------------------------------------------------------


def can_import_commitments(user):
    return bool(user and user.is_active and user.is_staff and user.has_perm("commitments.add_importjob"))


def _import_differences(commitment, data):
    """The names of the fields in `data` whose values differ from the
    commitment's: what an imported row would change."""
    changed = []
    for name, value in data.items():
        if name in M2M_FIELDS:
            if _ids(value) != set(getattr(commitment, name).values_list("pk", flat=True)):
                changed.append(name)
        elif name == "commitment_types":
            if set(value) != set(commitment.commitment_types):
                changed.append(name)
        elif getattr(commitment, name) != value:
            changed.append(name)
    return changed


@transaction.atomic
def commitment_import(*, actor, maker, data, commitment=None):
    """Create a commitment for `maker` from an imported spreadsheet row, or
    update `commitment` (found by its reference) with it, and return it with
    "created", "updated" or "unchanged". Imported commitments enter review as
    submitted. The importer is secretariat staff acting for the maker, not one
    of its members, hence its own permission. A row that changes nothing
    writes nothing, so importing a file twice changes nothing the second time.
    An approved commitment is never changed by import: that is an amendment."""
    if not can_import_commitments(actor):
        raise NotPermitted(_("Only secretariat admins can import commitments."))
    now = timezone.now()
    if commitment is None:
        commitment = Commitment(maker=maker, status=Status.SUBMITTED, submitted_at=now)
        commitment._history_user = actor
        related = _apply(commitment, data)
        _save_with_related(commitment, related)
        record_event(
            commitment=commitment,
            actor=actor,
            action=Action.CREATED,
            to_status=Status.DRAFT,
            comment=_("Imported from a spreadsheet."),
        )
        record_event(
            commitment=commitment,
            actor=actor,
            action=Action.SUBMITTED,
            from_status=Status.DRAFT,
            to_status=Status.SUBMITTED,
        )
        return commitment, "created"
    commitment = _locked(commitment)
    if commitment.maker_id != maker.pk:
        raise InvalidTransition(
            _("Commitment %(reference)s belongs to another maker.") % {"reference": commitment.reference}
        )
    changed = _import_differences(commitment, data)
    if not changed:
        return commitment, "unchanged"
    _require_status(
        commitment,
        (Status.DRAFT, Status.RETURNED, Status.SUBMITTED),
        _("A %(status)s commitment cannot be changed by import; its maker amends it."),
    )
    before = commitment.status
    commitment._history_user = actor
    related = _apply(commitment, data)
    commitment.status = Status.SUBMITTED
    if before != Status.SUBMITTED:
        commitment.submitted_at = now
    _save_with_related(commitment, related)
    record_event(
        commitment=commitment,
        actor=actor,
        action=Action.EDITED,
        from_status=before,
        to_status=before,
        comment=_("Updated from a spreadsheet: %(fields)s.") % {"fields": ", ".join(changed)},
    )
    if before != Status.SUBMITTED:
        record_event(
            commitment=commitment,
            actor=actor,
            action=Action.SUBMITTED,
            from_status=before,
            to_status=Status.SUBMITTED,
        )
    return commitment, "updated"


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
    enqueue_on_commit("commitments.tasks.send_join_decision", join_request.pk)


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
