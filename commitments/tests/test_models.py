"""What the database itself refuses, what full_clean() says about the same
mistakes, the public reference, and the text each model shows."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commitments.models import (
    Commitment,
    CommitmentMaker,
    JoinRequest,
    MakerMerge,
    Membership,
    ReviewEvent,
)

from .factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Commitment.Status


def refused_by_database(queryset, **changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**changes)


def refused_by_full_clean(instance, **changes):
    for name, value in changes.items():
        setattr(instance, name, value)
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    return refused.value.message_dict


# Constraints, twice: in the database and in full_clean() -----------------------------

COMMITMENT_MISTAKES = [
    ("ends_before_it_starts", {"start_year": 2024, "end_year": 2023}, "end_year"),
    ("starts_implausibly_early", {"start_year": 1999, "end_year": 2001}, "start_year"),
    ("ends_implausibly_late", {"end_year": 2099}, "end_year"),
    ("financial_without_amount", {"is_financial": True, "financial_amount_usd": None}, "financial_amount_usd"),
    ("negative_amount", {"financial_amount_usd": Decimal("-0.01")}, "financial_amount_usd"),
    ("negative_amount_on_a_financial_one", {"is_financial": True, "financial_amount_usd": -5}, "financial_amount_usd"),
    ("no_type", {"is_programme": False}, "is_policy"),
    ("no_start_year", {"start_year": None}, "start_year"),
    ("no_end_year", {"end_year": None}, "end_year"),
    ("no_scope", {"scope": ""}, "scope"),
]


@pytest.mark.parametrize(("case", "changes", "field"), COMMITMENT_MISTAKES, ids=[c for c, *_ in COMMITMENT_MISTAKES])
def test_the_database_refuses_an_inconsistent_commitment(case, changes, field):
    # A draft may be incomplete; once submitted it may not.
    commitment = CommitmentFactory(status=Status.SUBMITTED)

    refused_by_database(Commitment.objects.filter(pk=commitment.pk), **changes)


@pytest.mark.parametrize(("case", "changes", "field"), COMMITMENT_MISTAKES, ids=[c for c, *_ in COMMITMENT_MISTAKES])
def test_full_clean_names_the_field_of_an_inconsistent_commitment(case, changes, field):
    commitment = CommitmentFactory(status=Status.SUBMITTED)

    errors = refused_by_full_clean(commitment, **changes)

    assert field in errors
    assert all(message.strip() for message in errors[field])


def test_the_database_keeps_a_draft_with_only_its_title():
    commitment = CommitmentFactory()

    Commitment.objects.filter(pk=commitment.pk).update(
        is_programme=False, start_year=None, end_year=None, scope="", description=""
    )

    assert Commitment.objects.get(pk=commitment.pk).title == commitment.title


@pytest.mark.parametrize("status", [Status.APPROVED, Status.WITHDRAWN])
def test_the_database_refuses_a_public_amendment(status):
    original = ApprovedCommitmentFactory()
    amendment = CommitmentFactory(maker=original.maker, amends=original, status=Status.SUBMITTED)

    refused_by_database(Commitment.objects.filter(pk=amendment.pk), status=status)


@pytest.mark.parametrize("status", [Status.APPROVED, Status.WITHDRAWN])
def test_full_clean_says_an_amendment_cannot_be_public(status):
    original = ApprovedCommitmentFactory()
    amendment = CommitmentFactory(maker=original.maker, amends=original, status=Status.SUBMITTED)

    errors = refused_by_full_clean(amendment, status=status)

    assert "status" in errors


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED])
def test_an_amendment_under_work_or_review_is_valid(status):
    original = ApprovedCommitmentFactory()
    amendment = CommitmentFactory(maker=original.maker, amends=original, status=status)

    amendment.full_clean()


def test_a_valid_commitment_passes_full_clean():
    commitment = CommitmentFactory(is_financial=True, financial_amount_usd=Decimal("0"))

    commitment.full_clean()


def test_a_commitment_amends_at_most_one_original_and_an_original_has_one_amendment():
    original = ApprovedCommitmentFactory()
    CommitmentFactory(maker=original.maker, amends=original)

    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(maker=original.maker, amends=original)


def test_the_database_refuses_a_second_membership_of_the_same_user_in_a_maker():
    membership = MembershipFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, maker=membership.maker, role="owner")


def test_full_clean_refuses_a_second_membership_of_the_same_user_in_a_maker():
    membership = MembershipFactory()

    with pytest.raises(ValidationError):
        Membership(user=membership.user, maker=membership.maker, role="owner").full_clean()


def test_a_user_has_one_pending_request_to_join_a_maker_at_a_time():
    user, maker = UserFactory(), MakerFactory()
    JoinRequest.objects.create(user=user, maker=maker, status=JoinRequest.Status.DECLINED)
    JoinRequest.objects.create(user=user, maker=maker)

    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(user=user, maker=maker)


def test_a_makers_constituency_must_be_a_known_one():
    maker = MakerFactory.build(constituency="lobby")

    with pytest.raises(ValidationError) as refused:
        maker.full_clean()

    assert "constituency" in refused.value.message_dict


# The public reference -------------------------------------------------------------------


def test_a_new_commitment_gets_its_reference_from_the_year_and_its_id():
    commitment = CommitmentFactory()

    assert commitment.reference == f"GE-{commitment.created_at.year}-{commitment.pk:05d}"
    assert re.fullmatch(r"GE-\d{4}-\d{5,}", commitment.reference)
    commitment.refresh_from_db()
    assert commitment.reference == f"GE-{commitment.created_at.year}-{commitment.pk:05d}"


def test_references_are_unique():
    references = [commitment.reference for commitment in CommitmentFactory.create_batch(5)]

    assert len(set(references)) == 5


def test_the_database_refuses_a_duplicate_reference():
    first, second = CommitmentFactory.create_batch(2)

    refused_by_database(Commitment.objects.filter(pk=second.pk), reference=first.reference)


def test_a_reference_keeps_every_digit_of_a_six_digit_id():
    small = CommitmentFactory(id=12345)
    large = CommitmentFactory(id=123456)

    assert small.reference.endswith("-12345")
    assert large.reference.endswith("-123456")


def test_the_reference_never_changes_on_later_saves():
    commitment = CommitmentFactory()
    reference = commitment.reference

    commitment.title = "Renamed"
    commitment.save()
    again = Commitment.objects.get(pk=commitment.pk)
    again.start_year = 2023
    again.save()
    Commitment.objects.filter(pk=commitment.pk).assign_missing_references()

    assert Commitment.objects.get(pk=commitment.pk).reference == reference


def test_an_amendment_has_no_reference_of_its_own():
    original = ApprovedCommitmentFactory()
    amendment = CommitmentFactory(maker=original.maker, amends=original)

    amendment.save()

    assert amendment.reference is None
    assert Commitment.objects.get(pk=amendment.pk).reference is None
    assert amendment.get_absolute_url() == original.get_absolute_url()


# Types --------------------------------------------------------------------------------


def test_commitment_types_read_and_write_the_type_flags():
    commitment = CommitmentFactory.build(is_programme=False)

    commitment.commitment_types = ["advocacy", "policy"]

    assert (commitment.is_policy, commitment.is_programme, commitment.is_financial, commitment.is_advocacy) == (
        True,
        False,
        False,
        True,
    )
    assert commitment.commitment_types == ["policy", "advocacy"]
    assert commitment.get_commitment_types_display() == ["Policy", "Advocacy"]


def test_an_unknown_commitment_type_is_refused():
    commitment = CommitmentFactory.build()

    with pytest.raises(ValueError, match="charity"):
        commitment.commitment_types = ["charity"]


def test_only_approved_and_withdrawn_commitments_are_public():
    for status in Status.values:
        CommitmentFactory(status=status, published_at=timezone.now() if status in ("approved", "withdrawn") else None)

    assert sorted(Commitment.objects.public().values_list("status", flat=True)) == ["approved", "withdrawn"]


# What each model shows ----------------------------------------------------------------


def test_every_commitments_model_reads_well_as_text():
    commitment = ApprovedCommitmentFactory(title="Shelters for survivors")
    maker = commitment.maker
    user = UserFactory(username="amina")
    membership = Membership.objects.create(user=user, maker=maker, role="owner")
    join_request = JoinRequest.objects.create(user=UserFactory(username="joseph"), maker=maker)
    event = ReviewEvent.objects.create(commitment=commitment, actor=user, action="approved")
    merge = MakerMerge.objects.create(kept=maker, merged_name="Old Network", merged_id=99, actor=user)
    plain_maker = CommitmentMaker.objects.create(
        name="Ministry of Gender", constituency="member_state", country_id="KE"
    )

    assert str(maker) == f"{maker.name} ({maker.acronym})"
    assert str(plain_maker) == "Ministry of Gender"
    assert "amina" in str(membership) and maker.name in str(membership) and "Owner" in str(membership)
    assert "joseph" in str(join_request) and maker.name in str(join_request)
    assert str(commitment) == f"{commitment.reference} — Shelters for survivors"
    assert "Approved" in str(event) and "amina" in str(event)
    assert "Old Network" in str(merge) and maker.name in str(merge)
    assert "system" in str(ReviewEvent.objects.create(commitment=commitment, action="edited"))
    assert "Shelters" in str(
        CommitmentFactory.build(title="Shelters", reference=None, created_at=datetime.datetime.now())
    )
