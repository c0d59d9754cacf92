"""Commitment makers, their members and join requests, and the merging of
duplicate makers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.models import CoalitionLeader
from core.queue import enqueue_on_commit

from ..models import Commitment, CommitmentMaker, JoinRequest, MakerMerge, Membership
from .base import (
    MAKER_FIELDS,
    Action,
    InvalidTransition,
    NotPermitted,
    is_member,
    is_owner,
    record_event,
)

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
    reports = Commitment.objects.filter(pk__in=[c.pk for c in commitments]).aggregate(count=Count("progress_reports"))[
        "count"
    ]

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


# Members and join requests ---------------------------------------------------


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
