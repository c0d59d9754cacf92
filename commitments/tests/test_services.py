"""The review workflow of commitments, through its services: every legal
transition, every illegal one, who may do what, and what bad input gets."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalitions.models import ActionArea, ActionCoalition, Country, Theme
from commitments import services
from commitments.models import Commitment, CommitmentMaker, Membership, ReviewEvent
from commitments.services import InvalidTransition, NotPermitted

from .actors import (
    anonymous,
    inactive_member,
    inactive_reviewer,
    member_of_another_maker,
    member_of_the_maker,
    nobody,
    non_member,
    staff_without_review_permission,
)
from .factories import CommitmentFactory, MakerFactory, MembershipFactory, UserFactory

Status = Commitment.Status
Action = ReviewEvent.Action

pytestmark = pytest.mark.django_db


# Building blocks ---------------------------------------------------------------


def coalition(slug="gender-based-violence"):
    return ActionCoalition.objects.get(slug=slug)


def area(slug, number):
    return ActionArea.objects.get(coalition__slug=slug, number=number)


def valid_data(**overrides):
    data = {
        "title": "Fund 40 women-led climate adaptation cooperatives",
        "description": "Grants and training for cooperatives run by women farmers in the Sahel.",
        "commitment_types": ["programme", "financial"],
        "financial_amount_usd": Decimal("2500000.00"),
        "scope": "regional",
        "start_year": 2022,
        "end_year": 2026,
        "coalitions": [coalition("feminist-action-for-climate-justice")],
        "action_areas": [area("feminist-action-for-climate-justice", 1)],
        "themes": [Theme.objects.get(slug="financing")],
        "countries": [Country.objects.get(code="SN"), Country.objects.get(code="ML")],
        "target_groups": "Rural women farmers",
        "partners": "Regional farmers' federation",
    }
    data.update(overrides)
    return data


def commitment_in(status, maker, **fields):
    """A commitment of `maker` put straight into `status`, with the timestamps
    that status implies."""
    earlier = timezone.now() - datetime.timedelta(days=10)
    if status != Status.DRAFT:
        fields.setdefault("submitted_at", earlier)
    if status in (Status.APPROVED, Status.WITHDRAWN):
        fields.setdefault("published_at", earlier)
    return CommitmentFactory(maker=maker, status=status, **fields)


def amendment_in(status, maker):
    """An amendment in `status` of an approved commitment of `maker`."""
    original = commitment_in(Status.APPROVED, maker)
    amendment = CommitmentFactory(maker=maker, amends=original, status=status, title=original.title)
    assert amendment.reference is None
    return amendment


def snapshot(commitment):
    """What a failed operation must leave as it was."""
    row = Commitment.objects.filter(pk=commitment.pk).values(
        "status", "title", "submitted_at", "published_at", "updated_at"
    )
    return {
        "row": row.first(),
        "events": ReviewEvent.objects.count(),
        "commitments": Commitment.objects.count(),
    }


@pytest.fixture
def other_member(db):
    """A member of some other commitment maker."""
    return MembershipFactory(role="owner").user


# Operations, each done by the actor that is allowed to do it -------------------


def do_update(commitment, member, reviewer):
    return services.commitment_update(actor=member, commitment=commitment, data={"title": "A better title"})


def do_submit(commitment, member, reviewer):
    return services.commitment_submit(actor=member, commitment=commitment)


def do_approve(commitment, member, reviewer):
    return services.commitment_approve(actor=reviewer, commitment=commitment)


def do_return(commitment, member, reviewer):
    return services.commitment_return(actor=reviewer, commitment=commitment, comment="Add the budget lines.")


def do_withdraw(commitment, member, reviewer):
    return services.commitment_withdraw(actor=member, commitment=commitment)


def do_start_amendment(commitment, member, reviewer):
    return services.commitment_start_amendment(actor=member, commitment=commitment)


def do_discard_amendment(commitment, member, reviewer):
    return services.commitment_discard_amendment(actor=member, amendment=commitment)


OPERATIONS = {
    "update": do_update,
    "submit": do_submit,
    "approve": do_approve,
    "return": do_return,
    "withdraw": do_withdraw,
    "start_amendment": do_start_amendment,
    "discard_amendment": do_discard_amendment,
}

# From which statuses each operation is allowed, on an ordinary commitment and
# on an amendment; every other pair must be refused.
LEGAL_ON_COMMITMENT = {
    "update": {Status.DRAFT, Status.RETURNED},
    "submit": {Status.DRAFT, Status.RETURNED},
    "approve": {Status.SUBMITTED},
    "return": {Status.SUBMITTED},
    "withdraw": {Status.APPROVED},
    "start_amendment": {Status.APPROVED},
    "discard_amendment": set(),
}
AMENDMENT_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)
LEGAL_ON_AMENDMENT = {
    "update": {Status.DRAFT, Status.RETURNED},
    "submit": {Status.DRAFT, Status.RETURNED},
    "approve": {Status.SUBMITTED},
    "return": {Status.SUBMITTED},
    "withdraw": set(),
    "start_amendment": set(),
    "discard_amendment": {Status.DRAFT, Status.RETURNED},
}

ILLEGAL_ON_COMMITMENT = [
    (status, name) for status in Status.values for name in OPERATIONS if status not in LEGAL_ON_COMMITMENT[name]
]
ILLEGAL_ON_AMENDMENT = [
    (status, name) for status in AMENDMENT_STATUSES for name in OPERATIONS if status not in LEGAL_ON_AMENDMENT[name]
]


@pytest.mark.parametrize(("status", "operation"), ILLEGAL_ON_COMMITMENT)
def test_illegal_transition_on_a_commitment_is_refused_and_changes_nothing(status, operation, member, reviewer):
    commitment = commitment_in(status, member.maker)
    before = snapshot(commitment)

    with pytest.raises(InvalidTransition) as refused:
        OPERATIONS[operation](commitment, member, reviewer)

    assert refused.value.message
    assert snapshot(commitment) == before


@pytest.mark.parametrize(("status", "operation"), ILLEGAL_ON_AMENDMENT)
def test_illegal_transition_on_an_amendment_is_refused_and_changes_nothing(status, operation, member, reviewer):
    amendment = amendment_in(status, member.maker)
    before, original_before = snapshot(amendment), snapshot(amendment.amends)

    with pytest.raises(InvalidTransition):
        OPERATIONS[operation](amendment, member, reviewer)

    assert snapshot(amendment) == before
    assert snapshot(amendment.amends) == original_before


# Actors without the right ---------------------------------------------------------


NOT_MEMBERS = [
    non_member,
    member_of_another_maker,
    staff_without_review_permission,
    anonymous,
    nobody,
    inactive_member,
    inactive_reviewer,
]
NOT_REVIEWERS = [
    non_member,
    member_of_the_maker,
    member_of_another_maker,
    staff_without_review_permission,
    anonymous,
    nobody,
    inactive_reviewer,
]


def attempt(operation, actor, commitment):
    if operation == "update":
        return services.commitment_update(actor=actor, commitment=commitment, data={"title": "Hijacked"})
    if operation == "submit":
        return services.commitment_submit(actor=actor, commitment=commitment)
    if operation == "approve":
        return services.commitment_approve(actor=actor, commitment=commitment)
    if operation == "return":
        return services.commitment_return(actor=actor, commitment=commitment, comment="No.")
    if operation == "withdraw":
        return services.commitment_withdraw(actor=actor, commitment=commitment)
    if operation == "start_amendment":
        return services.commitment_start_amendment(actor=actor, commitment=commitment)
    if operation == "discard_amendment":
        return services.commitment_discard_amendment(actor=actor, amendment=commitment)
    raise AssertionError(operation)


MEMBER_OPERATIONS = [
    ("update", Status.DRAFT, False),
    ("update", Status.RETURNED, True),
    ("submit", Status.DRAFT, False),
    ("submit", Status.RETURNED, False),
    ("start_amendment", Status.APPROVED, False),
    ("discard_amendment", Status.DRAFT, True),
    ("withdraw", Status.APPROVED, False),
]
REVIEWER_OPERATIONS = [
    ("approve", Status.SUBMITTED, False),
    ("approve", Status.SUBMITTED, True),
    ("return", Status.SUBMITTED, False),
]


@pytest.mark.parametrize("make_actor", NOT_MEMBERS)
@pytest.mark.parametrize(("operation", "status", "on_amendment"), MEMBER_OPERATIONS)
def test_only_members_of_the_maker_may_act_on_its_commitments(operation, status, on_amendment, make_actor, member):
    target = amendment_in(status, member.maker) if on_amendment else commitment_in(status, member.maker)
    actor = make_actor(member.maker)
    before = snapshot(target)

    with pytest.raises(NotPermitted) as refused:
        attempt(operation, actor, target)

    assert refused.value.message
    assert snapshot(target) == before


@pytest.mark.parametrize("make_actor", NOT_REVIEWERS)
@pytest.mark.parametrize(("operation", "status", "on_amendment"), REVIEWER_OPERATIONS)
def test_only_reviewers_may_decide_on_a_submitted_commitment(operation, status, on_amendment, make_actor, member):
    target = amendment_in(status, member.maker) if on_amendment else commitment_in(status, member.maker)
    actor = make_actor(member.maker)
    before = snapshot(target)

    with pytest.raises(NotPermitted):
        attempt(operation, actor, target)

    assert snapshot(target) == before


@pytest.mark.parametrize("make_actor", NOT_MEMBERS)
def test_only_members_may_create_a_commitment_for_a_maker(make_actor, member):
    actor = make_actor(member.maker)

    with pytest.raises(NotPermitted):
        services.commitment_create(actor=actor, maker=member.maker, data=valid_data())

    assert not Commitment.objects.exists()
    assert not ReviewEvent.objects.exists()


def test_a_reviewer_who_is_not_a_member_cannot_edit_a_makers_draft(member, reviewer):
    draft = commitment_in(Status.DRAFT, member.maker)

    with pytest.raises(NotPermitted):
        services.commitment_update(actor=reviewer, commitment=draft, data={"title": "Rewritten by staff"})

    draft.refresh_from_db()
    assert draft.title != "Rewritten by staff"


# Legal transitions ------------------------------------------------------------------


def only_event(commitment):
    events = list(ReviewEvent.objects.filter(commitment=commitment))
    assert len(events) == 1, events
    return events[0]


def test_member_creates_a_draft_with_its_coalitions_areas_themes_and_countries(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=valid_data())

    commitment.refresh_from_db()
    assert commitment.status == Status.DRAFT
    assert commitment.maker == member.maker
    assert commitment.reference.startswith("GE-")
    assert commitment.commitment_types == ["programme", "financial"]
    assert commitment.financial_amount_usd == Decimal("2500000.00")
    assert [c.slug for c in commitment.coalitions.all()] == ["feminist-action-for-climate-justice"]
    assert list(commitment.action_areas.all()) == [area("feminist-action-for-climate-justice", 1)]
    assert [t.slug for t in commitment.themes.all()] == ["financing"]
    assert sorted(commitment.countries.values_list("code", flat=True)) == ["ML", "SN"]
    assert commitment.submitted_at is None and commitment.published_at is None
    event = only_event(commitment)
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        Action.CREATED,
        "",
        Status.DRAFT,
        member,
    )


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_member_edits_a_draft_or_returned_commitment(status, member):
    commitment = commitment_in(status, member.maker)

    services.commitment_update(
        actor=member,
        commitment=commitment,
        data={
            "title": "Shelters in five counties",
            "coalitions": [coalition(), coalition("technology-and-innovation")],
        },
    )

    commitment.refresh_from_db()
    assert commitment.title == "Shelters in five counties"
    assert commitment.status == status
    assert commitment.coalitions.count() == 2
    event = only_event(commitment)
    assert (event.action, event.from_status, event.to_status, event.actor) == (Action.EDITED, status, status, member)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_member_submits_a_draft_or_returned_commitment(status, member):
    commitment = commitment_in(status, member.maker, submitted_at=None)

    services.commitment_submit(actor=member, commitment=commitment)

    commitment.refresh_from_db()
    assert commitment.status == Status.SUBMITTED
    assert commitment.submitted_at is not None
    assert commitment.published_at is None
    event = only_event(commitment)
    assert (event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        Action.SUBMITTED,
        status,
        Status.SUBMITTED,
        member,
        "",
    )


def test_submitting_an_incomplete_draft_is_refused_and_keeps_it_a_draft(member):
    commitment = commitment_in(Status.DRAFT, member.maker)
    commitment.coalitions.clear()

    with pytest.raises(ValidationError) as refused:
        services.commitment_submit(actor=member, commitment=commitment)

    assert "coalitions" in refused.value.message_dict
    commitment.refresh_from_db()
    assert commitment.status == Status.DRAFT
    assert not ReviewEvent.objects.exists()


def test_reviewer_approves_a_submitted_commitment_and_it_becomes_public(member, reviewer):
    commitment = commitment_in(Status.SUBMITTED, member.maker)

    services.commitment_approve(actor=reviewer, commitment=commitment, comment="Clear and measurable.")

    commitment.refresh_from_db()
    assert commitment.status == Status.APPROVED
    assert commitment.published_at is not None
    assert commitment in Commitment.objects.public()
    event = only_event(commitment)
    assert (event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        Action.APPROVED,
        Status.SUBMITTED,
        Status.APPROVED,
        reviewer,
        "Clear and measurable.",
    )


def test_reviewer_returns_a_submitted_commitment_with_a_comment(member, reviewer):
    commitment = commitment_in(Status.SUBMITTED, member.maker)

    services.commitment_return(actor=reviewer, commitment=commitment, comment="  Say which counties.  ")

    commitment.refresh_from_db()
    assert commitment.status == Status.RETURNED
    assert commitment.published_at is None
    assert commitment not in Commitment.objects.public()
    event = only_event(commitment)
    assert (event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        Action.RETURNED,
        Status.SUBMITTED,
        Status.RETURNED,
        reviewer,
        "Say which counties.",
    )


@pytest.mark.parametrize("comment", ["", "   ", None])
def test_returning_without_a_comment_is_refused_and_changes_nothing(comment, member, reviewer):
    commitment = commitment_in(Status.SUBMITTED, member.maker)
    before = snapshot(commitment)

    with pytest.raises(ValidationError) as refused:
        services.commitment_return(actor=reviewer, commitment=commitment, comment=comment)

    assert "comment" in refused.value.message_dict
    assert snapshot(commitment) == before


def test_member_withdraws_an_approved_commitment_which_stays_public_marked_withdrawn(member):
    commitment = commitment_in(Status.APPROVED, member.maker)

    services.commitment_withdraw(actor=member, commitment=commitment, comment="The programme lost its funding.")

    commitment.refresh_from_db()
    assert commitment.status == Status.WITHDRAWN
    assert commitment in Commitment.objects.public()
    event = only_event(commitment)
    assert (event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        Action.WITHDRAWN,
        Status.APPROVED,
        Status.WITHDRAWN,
        member,
        "The programme lost its funding.",
    )


def test_reviewer_may_withdraw_an_approved_commitment(member, reviewer):
    commitment = commitment_in(Status.APPROVED, member.maker)

    services.commitment_withdraw(actor=reviewer, commitment=commitment)

    commitment.refresh_from_db()
    assert commitment.status == Status.WITHDRAWN
    assert only_event(commitment).actor == reviewer


def test_withdrawing_drops_an_open_amendment(member):
    amendment = amendment_in(Status.DRAFT, member.maker)
    original = amendment.amends

    services.commitment_withdraw(actor=member, commitment=original)

    assert not Commitment.objects.filter(pk=amendment.pk).exists()
    original.refresh_from_db()
    assert original.status == Status.WITHDRAWN


# Amendments ------------------------------------------------------------------------


def test_starting_an_amendment_makes_a_draft_copy_without_a_reference(member):
    original = commitment_in(Status.APPROVED, member.maker, is_financial=True, financial_amount_usd=Decimal("900"))
    original.themes.set([Theme.objects.get(slug="education")])

    amendment = services.commitment_start_amendment(actor=member, commitment=original)

    assert amendment.pk != original.pk
    assert amendment.amends == original
    assert amendment.status == Status.DRAFT
    assert amendment.reference is None
    assert amendment.title == original.title
    assert amendment.financial_amount_usd == Decimal("900")
    assert list(amendment.coalitions.all()) == list(original.coalitions.all())
    assert list(amendment.themes.all()) == list(original.themes.all())
    assert list(amendment.countries.all()) == list(original.countries.all())
    event = only_event(original)
    assert (event.action, event.to_status, event.actor, event.is_amendment) == (
        Action.AMENDMENT_STARTED,
        Status.DRAFT,
        member,
        True,
    )


@pytest.mark.parametrize("status", AMENDMENT_STATUSES)
def test_starting_an_amendment_again_returns_the_one_under_way(status, member):
    amendment = amendment_in(status, member.maker)
    events = ReviewEvent.objects.count()

    again = services.commitment_start_amendment(actor=member, commitment=amendment.amends)

    assert again.pk == amendment.pk
    assert Commitment.objects.filter(amends=amendment.amends).count() == 1
    assert ReviewEvent.objects.count() == events


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_member_discards_an_amendment_and_the_approved_version_stays(status, member):
    amendment = amendment_in(status, member.maker)
    original = amendment.amends
    before = snapshot(original)

    services.commitment_discard_amendment(actor=member, amendment=amendment)

    assert not Commitment.objects.filter(pk=amendment.pk).exists()
    assert snapshot(original)["row"] == before["row"]
    event = only_event(original)
    assert (event.action, event.from_status, event.actor, event.is_amendment) == (
        Action.AMENDMENT_DISCARDED,
        status,
        member,
        True,
    )


def test_an_approved_commitment_is_amended_through_review_while_the_public_keeps_the_approved_version(
    member, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    gbv, tech = coalition(), coalition("technology-and-innovation")
    original = commitment_in(Status.APPROVED, member.maker, title="Shelters in three counties")
    original.action_areas.set([area("gender-based-violence", 2)])
    reference, published_before = original.reference, original.published_at

    amendment = services.commitment_start_amendment(actor=member, commitment=original)
    services.commitment_update(
        actor=member,
        commitment=amendment,
        data={
            "title": "Shelters and an online helpline in five counties",
            "commitment_types": ["programme", "financial"],
            "financial_amount_usd": Decimal("750000"),
            "coalitions": [gbv, tech],
            "action_areas": [area("technology-and-innovation", 4)],
            "themes": [Theme.objects.get(slug="financing")],
            "countries": [Country.objects.get(code="KE"), Country.objects.get(code="UG")],
        },
    )
    services.commitment_submit(actor=member, commitment=amendment)

    public = Commitment.objects.public().get(reference=reference)
    assert public.pk == original.pk
    assert public.title == "Shelters in three counties"
    assert list(public.coalitions.all()) == [gbv]
    assert Commitment.objects.public().count() == 1
    assert Commitment.objects.get(pk=amendment.pk).status == Status.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        result = services.commitment_approve(actor=reviewer, commitment=amendment, comment="Thanks for the update.")

    assert result.pk == original.pk
    assert not Commitment.objects.filter(pk=amendment.pk).exists()
    original.refresh_from_db()
    assert original.reference == reference
    assert original.status == Status.APPROVED
    assert original.title == "Shelters and an online helpline in five counties"
    assert original.commitment_types == ["programme", "financial"]
    assert original.financial_amount_usd == Decimal("750000")
    assert set(original.coalitions.all()) == {gbv, tech}
    assert list(original.action_areas.all()) == [area("technology-and-innovation", 4)]
    assert [t.slug for t in original.themes.all()] == ["financing"]
    assert sorted(original.countries.values_list("code", flat=True)) == ["KE", "UG"]
    assert original.published_at == published_before  # first publication, not the amendment
    timeline = list(original.review_events.values_list("action", "is_amendment", "actor"))
    assert timeline == [
        (Action.AMENDMENT_STARTED, True, member.pk),
        (Action.EDITED, True, member.pk),
        (Action.SUBMITTED, True, member.pk),
        (Action.AMENDMENT_APPROVED, True, reviewer.pk),
    ]
    approval = original.review_events.last()
    assert (approval.from_status, approval.to_status, approval.comment) == (
        Status.SUBMITTED,
        Status.APPROVED,
        "Thanks for the update.",
    )
    assert [message.to for message in mailoutbox] == [[member.email]]
    assert "Shelters and an online helpline" in mailoutbox[0].subject


def test_a_returned_amendment_goes_back_to_the_maker_and_the_original_stays_approved(member, reviewer):
    amendment = amendment_in(Status.SUBMITTED, member.maker)

    services.commitment_return(actor=reviewer, commitment=amendment, comment="Keep the original budget.")

    amendment.refresh_from_db()
    assert amendment.status == Status.RETURNED
    assert Commitment.objects.get(pk=amendment.amends_id).status == Status.APPROVED
    event = only_event(amendment.amends)
    assert (event.action, event.is_amendment, event.comment) == (Action.RETURNED, True, "Keep the original budget.")


# Decision emails ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decide", "action_label"),
    [
        (lambda reviewer, c: services.commitment_approve(actor=reviewer, commitment=c), "Approved"),
        (
            lambda reviewer, c: services.commitment_return(actor=reviewer, commitment=c, comment="Name the counties."),
            "Returned with comments",
        ),
    ],
    ids=["approve", "return"],
)
def test_the_decision_is_emailed_to_every_active_member_of_the_maker(
    decide, action_label, member, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    editor = MembershipFactory(maker=member.maker).user
    MembershipFactory(maker=member.maker, user=UserFactory(is_active=False))
    MembershipFactory(maker=member.maker, user=UserFactory(email=""))
    outsider = MembershipFactory().user
    commitment = commitment_in(Status.SUBMITTED, member.maker)

    with django_capture_on_commit_callbacks(execute=True):
        decide(reviewer, commitment)

    assert sorted(address for message in mailoutbox for address in message.to) == sorted([member.email, editor.email])
    assert outsider.email not in {address for message in mailoutbox for address in message.to}
    assert all(message.subject.startswith(action_label) for message in mailoutbox)
    assert all(commitment.reference in message.body for message in mailoutbox)


def test_the_return_email_carries_the_reviewers_comment(
    member, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    commitment = commitment_in(Status.SUBMITTED, member.maker)

    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_return(actor=reviewer, commitment=commitment, comment="Name the counties.")

    assert "Name the counties." in mailoutbox[0].body


def test_no_email_leaves_before_the_decision_is_committed(member, reviewer, mailoutbox):
    commitment = commitment_in(Status.SUBMITTED, member.maker)

    services.commitment_approve(actor=reviewer, commitment=commitment)

    assert mailoutbox == []


def test_a_refused_decision_sends_no_email(member, reviewer, mailoutbox, django_capture_on_commit_callbacks):
    commitment = commitment_in(Status.DRAFT, member.maker)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(InvalidTransition):
        services.commitment_approve(actor=reviewer, commitment=commitment)

    assert callbacks == []
    assert mailoutbox == []


# Validation --------------------------------------------------------------------------


INVALID_DATA = [
    ("negative_amount", {"financial_amount_usd": Decimal("-1")}, "financial_amount_usd"),
    ("ends_before_it_starts", {"start_year": 2025, "end_year": 2023}, "end_year"),
    ("unknown_type", {"commitment_types": ["charity"]}, "commitment_types"),
    ("no_title", {"title": ""}, "title"),
    ("unknown_scope", {"scope": "planetary"}, "scope"),
    ("start_year_too_early", {"start_year": 1990, "end_year": 1995}, "start_year"),
    ("end_year_too_late", {"end_year": 2100}, "end_year"),
    ("unknown_field", {"budget": 100}, "budget"),
    ("workflow_field", {"status": "approved"}, "status"),
    ("reference_field", {"reference": "GE-2021-00001"}, "reference"),
    ("maker_field", {"maker": None}, "maker"),
]


def area_outside_coalitions():
    return {"action_areas": [area("economic-justice-and-rights", 1)]}


@pytest.mark.parametrize(("case", "changes", "field"), INVALID_DATA, ids=[case for case, *_ in INVALID_DATA])
def test_creating_with_bad_data_names_the_field_and_writes_nothing(case, changes, field, member):
    with pytest.raises(ValidationError) as refused:
        services.commitment_create(actor=member, maker=member.maker, data=valid_data(**changes))

    assert field in refused.value.message_dict
    assert not Commitment.objects.exists()
    assert not ReviewEvent.objects.exists()


def test_creating_with_action_areas_outside_the_chosen_coalitions_is_refused(member):
    with pytest.raises(ValidationError) as refused:
        services.commitment_create(actor=member, maker=member.maker, data=valid_data(**area_outside_coalitions()))

    assert "action_areas" in refused.value.message_dict
    assert not Commitment.objects.exists()


@pytest.mark.parametrize(("case", "changes", "field"), INVALID_DATA, ids=[case for case, *_ in INVALID_DATA])
def test_editing_with_bad_data_names_the_field_and_changes_nothing(case, changes, field, member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=valid_data())
    before = snapshot(commitment)
    relations = {name: list(getattr(commitment, name).all()) for name in services.M2M_FIELDS}

    with pytest.raises(ValidationError) as refused:
        services.commitment_update(
            actor=member, commitment=commitment, data={"title": "Changed along the way", **changes}
        )

    assert field in refused.value.message_dict
    assert snapshot(commitment) == before
    assert {name: list(getattr(commitment, name).all()) for name in services.M2M_FIELDS} == relations


# What a draft may leave out and a submission may not: the draft saves, its
# submission is refused at that field, and nothing changes.
MISSING_ON_SUBMIT = [
    ("financial_without_amount", {"financial_amount_usd": None}, "financial_amount_usd"),
    ("no_type", {"commitment_types": [], "financial_amount_usd": None}, "is_policy"),
    ("no_coalition", {"coalitions": [], "action_areas": []}, "coalitions"),
    ("no_description", {"description": ""}, "description"),
    ("no_scope", {"scope": ""}, "scope"),
    ("no_start_year", {"start_year": None}, "start_year"),
    ("no_end_year", {"end_year": None}, "end_year"),
    ("national_without_country", {"scope": "national", "countries": []}, "countries"),
    ("local_without_country", {"scope": "local", "countries": []}, "countries"),
]


@pytest.mark.parametrize(("case", "changes", "field"), MISSING_ON_SUBMIT, ids=[case for case, *_ in MISSING_ON_SUBMIT])
def test_a_draft_missing_a_piece_saves_but_its_submission_names_the_piece(case, changes, field, member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=valid_data(**changes))

    with pytest.raises(ValidationError) as refused:
        services.commitment_submit(actor=member, commitment=commitment)

    assert field in refused.value.message_dict
    commitment.refresh_from_db()
    assert commitment.status == Status.DRAFT


def test_a_draft_saves_with_its_title_alone(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data={"title": "Shelters, to be planned"})

    commitment.refresh_from_db()
    assert commitment.status == Status.DRAFT
    assert commitment.title == "Shelters, to be planned"
    assert commitment.start_year is None and commitment.scope == ""


def test_submitting_a_title_alone_lists_every_missing_piece_at_once(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data={"title": "Shelters"})

    with pytest.raises(ValidationError) as refused:
        services.commitment_submit(actor=member, commitment=commitment)

    assert {"description", "is_policy", "scope", "start_year", "end_year", "coalitions"} <= set(
        refused.value.message_dict
    )


@pytest.mark.parametrize("scope", ["regional", "global"])
def test_a_regional_or_global_commitment_may_name_no_country(scope, member):
    commitment = services.commitment_create(
        actor=member, maker=member.maker, data=valid_data(scope=scope, countries=[])
    )

    services.commitment_submit(actor=member, commitment=commitment)

    assert Commitment.objects.get(pk=commitment.pk).status == Status.SUBMITTED


def test_an_incomplete_commitment_cannot_be_stored_out_of_draft(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data={"title": "Shelters"})

    commitment.status = Status.SUBMITTED
    with pytest.raises(ValidationError) as refused:
        commitment.full_clean()

    assert {"description", "scope", "start_year"} <= set(refused.value.message_dict)


# Deleting drafts ----------------------------------------------------------------------


def test_a_member_deletes_a_draft_that_was_never_submitted(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data={"title": "Shelters"})

    services.commitment_delete_draft(actor=member, commitment=commitment)

    assert not Commitment.objects.filter(pk=commitment.pk).exists()


def test_an_editor_deletes_a_draft_too_as_editors_edit_drafts(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data={"title": "Shelters"})
    editor = MembershipFactory(maker=member.maker, role=Membership.Role.EDITOR).user

    services.commitment_delete_draft(actor=editor, commitment=commitment)

    assert not Commitment.objects.filter(pk=commitment.pk).exists()


def test_a_member_of_another_maker_cannot_delete_a_draft(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data={"title": "Shelters"})
    stranger = MembershipFactory().user

    with pytest.raises(NotPermitted):
        services.commitment_delete_draft(actor=stranger, commitment=commitment)

    assert Commitment.objects.filter(pk=commitment.pk).exists()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.RETURNED, Status.APPROVED, Status.WITHDRAWN])
def test_a_commitment_once_submitted_cannot_be_deleted(status, member):
    commitment = commitment_in(status, member.maker)

    with pytest.raises(InvalidTransition):
        services.commitment_delete_draft(actor=member, commitment=commitment)

    assert Commitment.objects.filter(pk=commitment.pk).exists()


def test_a_draft_returned_to_draft_status_after_submission_cannot_be_deleted(member):
    commitment = commitment_in(Status.DRAFT, member.maker)
    Commitment.objects.filter(pk=commitment.pk).update(submitted_at=timezone.now())

    with pytest.raises(InvalidTransition):
        services.commitment_delete_draft(actor=member, commitment=commitment)


def test_an_amendment_is_discarded_not_deleted(member):
    original = commitment_in(Status.APPROVED, member.maker)
    amendment = services.commitment_start_amendment(actor=member, commitment=original)

    with pytest.raises(InvalidTransition):
        services.commitment_delete_draft(actor=member, commitment=amendment)


def test_removing_the_coalition_of_the_chosen_action_areas_is_refused(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=valid_data())

    with pytest.raises(ValidationError) as refused:
        services.commitment_update(actor=member, commitment=commitment, data={"coalitions": [coalition()]})

    assert "action_areas" in refused.value.message_dict
    assert [c.slug for c in commitment.coalitions.all()] == ["feminist-action-for-climate-justice"]


# Commitment makers ------------------------------------------------------------------


def maker_data(**overrides):
    data = {
        "name": "Réseau des femmes du Sahel",
        "acronym": "RFS",
        "constituency": "feminist_org",
        "country": Country.objects.get(code="SN"),
        "website": "https://example.org",
    }
    data.update(overrides)
    return data


def test_a_signed_in_user_registers_a_maker_and_becomes_its_owner():
    user = UserFactory()

    maker = services.maker_create(actor=user, data=maker_data())

    assert maker.pk and maker.verified is False
    assert Membership.objects.get(maker=maker).user == user
    assert Membership.objects.get(maker=maker).role == Membership.Role.OWNER
    assert services.is_owner(user, maker)


def test_a_maker_cannot_verify_itself_on_registration():
    with pytest.raises(ValidationError) as refused:
        services.maker_create(actor=UserFactory(), data=maker_data(verified=True))

    assert "verified" in refused.value.message_dict
    assert not CommitmentMaker.objects.exists()


@pytest.mark.parametrize("make_actor", [anonymous, nobody, lambda maker: UserFactory(is_active=False)])
def test_only_an_active_signed_in_user_registers_a_maker(make_actor):
    with pytest.raises(NotPermitted):
        services.maker_create(actor=make_actor(None), data=maker_data())

    assert not CommitmentMaker.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"constituency": "lobbyist"}, "constituency"),
        ({"website": "not a url"}, "website"),
        ({"country": None}, "country"),
        ({"founded": 1999}, "founded"),
    ],
)
def test_registering_a_maker_with_bad_data_names_the_field_and_writes_nothing(changes, field):
    with pytest.raises(ValidationError) as refused:
        services.maker_create(actor=UserFactory(), data=maker_data(**changes))

    assert field in refused.value.message_dict
    assert not CommitmentMaker.objects.exists()
    assert not Membership.objects.exists()


def test_another_maker_is_left_alone_when_one_is_registered():
    existing = MakerFactory()

    services.maker_create(actor=UserFactory(), data=maker_data())

    assert CommitmentMaker.objects.count() == 2
    assert not existing.memberships.exists()
