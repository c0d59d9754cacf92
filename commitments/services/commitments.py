"""The life of a commitment: create, edit, submit, approve, return, withdraw,
amend, and the import of spreadsheet rows by the secretariat."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..history import one_version, record_version
from ..models import Commitment, CommitmentMaker
from ..signals import announce_change
from .base import (
    EDITABLE_FIELDS,
    M2M_FIELDS,
    Action,
    InvalidTransition,
    NotPermitted,
    Status,
    apply_data,
    can_review_commitments,
    ids_of,
    is_member,
    locked,
    notify_on_commit,
    record_event,
    require_member,
    require_reviewer,
    require_status,
    save_with_related,
    validate_complete,
    validate_related,
)
from .measures import (
    approve_measures,
    copy_measures,
    import_indicators,
    imported_indicator_errors,
    imported_indicators,
    refresh_smart_score,
)

# Commitments -----------------------------------------------------------------


@transaction.atomic
def commitment_create(*, actor, maker, data):
    """Create a draft commitment for `maker`, written by `actor`."""
    require_member(actor, maker)
    commitment = Commitment(maker=maker, status=Status.DRAFT)
    related = apply_data(commitment, data)
    save_with_related(commitment, related, actor=actor, created=True)
    refresh_smart_score(commitment)
    record_event(commitment=commitment, actor=actor, action=Action.CREATED, to_status=Status.DRAFT)
    return commitment


@transaction.atomic
def commitment_update(*, actor, commitment, data):
    """Edit a draft or returned commitment (or amendment)."""
    commitment = locked(commitment)
    require_member(actor, commitment.maker_id)
    require_status(commitment, (Status.DRAFT, Status.RETURNED), _("A %(status)s commitment cannot be edited."))
    related = apply_data(commitment, data)
    save_with_related(commitment, related, actor=actor)
    refresh_smart_score(commitment)
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
    commitment = locked(commitment)
    require_member(actor, commitment.maker_id)
    require_status(commitment, (Status.DRAFT, Status.RETURNED), _("A %(status)s commitment cannot be submitted."))
    maker = CommitmentMaker.objects.get(pk=commitment.maker_id)
    if maker.waits_for_check:
        raise InvalidTransition(
            _(
                "The secretariat checks Member States and UN entities before they submit commitments, and has not "
                "verified %(maker)s yet. Your draft is saved; you can submit it as soon as the check is done."
            )
            % {"maker": maker}
        )
    validate_complete(commitment)
    before = commitment.status
    commitment.status = Status.SUBMITTED
    commitment.submitted_at = timezone.now()
    with one_version(commitment, actor=actor):
        commitment.save(update_fields=["status", "submitted_at", "updated_at"])
    refresh_smart_score(commitment)
    record_event(
        commitment=commitment, actor=actor, action=Action.SUBMITTED, from_status=before, to_status=Status.SUBMITTED
    )
    return commitment


@transaction.atomic
def commitment_approve(*, actor, commitment, comment=""):
    """Approve a submitted commitment, making it public. Approving an
    amendment copies it onto the original, which stays the public record."""
    require_reviewer(actor)
    commitment = locked(commitment)
    require_status(commitment, (Status.SUBMITTED,), _("A %(status)s commitment cannot be approved."))
    require_verified_maker(commitment)
    now = timezone.now()
    if commitment.amends_id:
        return _approve_amendment(actor=actor, amendment=commitment, comment=comment)
    commitment.status = Status.APPROVED
    commitment.published_at = now
    with one_version(commitment, actor=actor):
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
    announce_change(commitment.pk)
    return commitment


def require_verified_maker(commitment):
    """Refuse to approve for a maker the secretariat has not verified: an
    approved commitment is public under the maker's name."""
    maker = CommitmentMaker.objects.get(pk=commitment.maker_id)
    if not maker.verified:
        raise InvalidTransition(
            _("%(maker)s is not verified yet: verify the organisation first, then approve its commitment.")
            % {"maker": maker}
        )


def _approve_amendment(*, actor, amendment, comment):
    original = locked(amendment.amends)
    # The version before the amendment stays in history, so that anyone can
    # see what the amendment changed. A commitment with no version yet (one
    # written in bulk) is given one of its state as last updated first.
    if not Commitment.history.filter(id=original.pk).exists():
        record_version(original, date=original.updated_at)
    for name in EDITABLE_FIELDS:
        setattr(original, name, getattr(amendment, name))
    # published_at keeps the first publication date: an amendment changes
    # the commitment, it does not make it new (updated_at records the change).
    with one_version(original, actor=actor):
        original.save()
        for name in M2M_FIELDS:
            getattr(original, name).set(getattr(amendment, name).all())
    approve_measures(amendment=amendment, original=original)
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
    announce_change(original.pk)
    return original


@transaction.atomic
def commitment_return(*, actor, commitment, comment):
    """Send a submitted commitment back to its maker with what to change."""
    require_reviewer(actor)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what the maker should change: a comment is required.")})
    commitment = locked(commitment)
    require_status(commitment, (Status.SUBMITTED,), _("A %(status)s commitment cannot be returned."))
    commitment.status = Status.RETURNED
    with one_version(commitment, actor=actor):
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
    commitment = locked(commitment)
    if not (is_member(actor, commitment.maker_id) or can_review_commitments(actor)):
        raise NotPermitted(_("Only the maker's members or the secretariat can withdraw a commitment."))
    require_status(commitment, (Status.APPROVED,), _("A %(status)s commitment cannot be withdrawn."))
    if hasattr(commitment, "amendment"):
        commitment.amendment.delete()
    commitment.status = Status.WITHDRAWN
    with one_version(commitment, actor=actor):
        commitment.save(update_fields=["status", "updated_at"])
    record_event(
        commitment=commitment,
        actor=actor,
        action=Action.WITHDRAWN,
        from_status=Status.APPROVED,
        to_status=Status.WITHDRAWN,
        comment=comment,
    )
    announce_change(commitment.pk)
    return commitment


@transaction.atomic
def commitment_start_amendment(*, actor, commitment):
    """Open an amendment of an approved commitment: a draft copy the maker
    edits and submits while the public keeps seeing the approved version. An
    amendment already under way is returned rather than duplicated."""
    commitment = locked(commitment)
    require_member(actor, commitment.maker_id)
    require_status(
        commitment, (Status.APPROVED,), _("Only an approved commitment can be amended, not a %(status)s one.")
    )
    existing = Commitment.objects.filter(amends=commitment).first()
    if existing:
        return existing
    amendment = Commitment(maker_id=commitment.maker_id, amends=commitment, status=Status.DRAFT)
    for name in EDITABLE_FIELDS:
        setattr(amendment, name, getattr(commitment, name))
    with one_version(amendment, actor=actor, created=True):
        amendment.save()
        for name in M2M_FIELDS:
            getattr(amendment, name).set(getattr(commitment, name).all())
    copy_measures(source=commitment, target=amendment)
    refresh_smart_score(amendment)
    record_event(commitment=amendment, actor=actor, action=Action.AMENDMENT_STARTED, to_status=Status.DRAFT)
    return amendment


@transaction.atomic
def commitment_delete_draft(*, actor, commitment):
    """Delete a draft that was never submitted, with its history of edits.
    Once the secretariat has seen a commitment it is never deleted: it is
    withdrawn instead. An amendment is discarded, not deleted."""
    commitment = locked(commitment)
    require_member(actor, commitment.maker_id)
    if commitment.amends_id:
        raise InvalidTransition(_("An amendment is discarded, not deleted; the approved version stays."))
    if not commitment.is_unsubmitted_draft:
        raise InvalidTransition(
            _("Only a draft that was never submitted can be deleted; this one is %(status)s.")
            % {"status": commitment.get_status_display()}
        )
    commitment.delete()


@transaction.atomic
def commitment_discard_amendment(*, actor, amendment):
    """Drop an amendment that is not under review; the approved version stays."""
    amendment = locked(amendment)
    if not amendment.amends_id:
        raise InvalidTransition(_("Only an amendment can be discarded; withdraw an approved commitment instead."))
    require_member(actor, amendment.maker_id)
    require_status(amendment, (Status.DRAFT, Status.RETURNED), _("A %(status)s amendment cannot be discarded."))
    record_event(commitment=amendment, actor=actor, action=Action.AMENDMENT_DISCARDED, from_status=amendment.status)
    amendment.delete()


# Importing commitments ---------------------------------------------------------


def can_import_commitments(user):
    return bool(user and user.is_active and user.is_staff and user.has_perm("commitments.add_importjob"))


def import_changes(commitment, data):
    """The names of the fields in `data` whose values differ from the
    commitment's: what an imported row would change."""
    changed = []
    for name, value in data.items():
        if name == "indicators":
            if any(was_changed for _indicator, was_changed in imported_indicators(commitment, value)):
                changed.append(name)
        elif name in M2M_FIELDS:
            if ids_of(value) != set(getattr(commitment, name).values_list("pk", flat=True)):
                changed.append(name)
        elif name == "commitment_types":
            if set(value) != set(commitment.commitment_types):
                changed.append(name)
        elif getattr(commitment, name) != value:
            changed.append(name)
    return changed


def commitment_import_check(*, maker, commitment, data):
    """Check an imported row's `data` against the model's and the services'
    rules on an unsaved copy of `commitment` (a new one for `maker` when it is
    None), without writing anything: what a dry run reports. Raises the
    ValidationError that commitment_import would."""
    target = Commitment(maker=maker) if commitment is None else Commitment.objects.get(pk=commitment.pk)
    data = dict(data)
    indicators = data.pop("indicators", None)
    related = apply_data(target, data)
    # An imported row enters review as submitted, so it must be complete.
    target.status = Status.SUBMITTED
    errors = {}
    try:
        target.full_clean(validate_unique=False, validate_constraints=False)
        validate_related(target, related)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if indicators:
        try:
            imported_indicator_errors(target, imported_indicators(target, indicators))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


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
    data = dict(data)
    indicators = data.get("indicators") or []
    if commitment is None:
        data.pop("indicators", None)
        commitment = Commitment(maker=maker, status=Status.SUBMITTED, submitted_at=now)
        related = apply_data(commitment, data)
        save_with_related(commitment, related, actor=actor, created=True)
        import_indicators(actor=actor, commitment=commitment, rows=indicators)
        refresh_smart_score(commitment)
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
    commitment = locked(commitment)
    if commitment.maker_id != maker.pk:
        raise InvalidTransition(
            _("Commitment %(reference)s belongs to another maker.") % {"reference": commitment.reference}
        )
    changed = import_changes(commitment, data)
    if not changed:
        return commitment, "unchanged"
    require_status(
        commitment,
        (Status.DRAFT, Status.RETURNED, Status.SUBMITTED),
        _("A %(status)s commitment cannot be changed by import; its maker amends it."),
    )
    before = commitment.status
    data.pop("indicators", None)
    related = apply_data(commitment, data)
    commitment.status = Status.SUBMITTED
    if before != Status.SUBMITTED:
        commitment.submitted_at = now
    save_with_related(commitment, related, actor=actor)
    import_indicators(actor=actor, commitment=commitment, rows=indicators)
    refresh_smart_score(commitment)
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
