"""Who a maker is: a new maker is unverified until the secretariat verifies
it; until then none of its commitments can be approved, and a Member State
or UN entity cannot submit at all. A merged maker leaves a forwarding
address."""

import pytest

from coalitions.models import Country
from commitments import services
from commitments.duplicates import likely_duplicates
from commitments.models import Commitment, Constituency, MakerMerge
from commitments.services import InvalidTransition, NotPermitted

from . import admin_fixtures
from .factories import CommitmentFactory, MakerFactory, MembershipFactory, ReviewerFactory, UserFactory

Status = Commitment.Status

pytestmark = pytest.mark.django_db
secretariat_admin = admin_fixtures.secretariat_admin


def member_of(maker):
    return MembershipFactory(maker=maker, role="owner").user


def test_makers_registered_before_verification_existed_count_as_verified():
    # The factory's default stands for them; the data migration does the same
    # to the rows that existed.
    assert MakerFactory().verified


def test_a_maker_registered_in_the_workspace_starts_unverified():
    maker = services.maker_create(
        actor=UserFactory(),
        data={"name": "Government of Kenya", "constituency": "member_state", "country": Country.objects.get(code="KE")},
    )

    assert (maker.verified, maker.verified_at, maker.verified_by) == (False, None, None)


def test_a_commitment_of_an_unverified_maker_cannot_be_approved():
    commitment = CommitmentFactory(maker=MakerFactory(unverified=True), status=Status.SUBMITTED)

    with pytest.raises(InvalidTransition, match="not verified yet: verify the organisation first"):
        services.commitment_approve(actor=ReviewerFactory(), commitment=commitment)

    commitment.refresh_from_db()
    assert commitment.status == Status.SUBMITTED


def test_verifying_the_maker_lets_its_commitment_be_approved():
    maker = MakerFactory(unverified=True)
    commitment = CommitmentFactory(maker=maker, status=Status.SUBMITTED)
    reviewer = ReviewerFactory()

    services.maker_verify(actor=reviewer, maker=maker)
    services.commitment_approve(actor=reviewer, commitment=commitment)

    maker.refresh_from_db()
    commitment.refresh_from_db()
    assert commitment.status == Status.APPROVED
    assert maker.verified and maker.verified_by == reviewer and maker.verified_at is not None


def test_verification_is_kept_in_the_makers_history():
    maker = MakerFactory(unverified=True)
    reviewer = ReviewerFactory()

    services.maker_verify(actor=reviewer, maker=maker)

    latest = maker.history.order_by("-history_date", "-history_id").first()
    assert latest.verified and latest.history_user == reviewer
    assert latest.history_change_reason == "Verified by the secretariat."


@pytest.mark.parametrize("who", [lambda maker: UserFactory(is_staff=True), lambda maker: member_of(maker), None])
def test_only_the_secretariat_verifies_a_maker(who):
    maker = MakerFactory(unverified=True)

    with pytest.raises(NotPermitted):
        services.maker_verify(actor=who(maker) if who else None, maker=maker)

    maker.refresh_from_db()
    assert not maker.verified


def test_a_maker_is_verified_once():
    with pytest.raises(InvalidTransition, match="already verified"):
        services.maker_verify(actor=ReviewerFactory(), maker=MakerFactory())


@pytest.mark.parametrize("constituency", [Constituency.MEMBER_STATE, Constituency.UN_ENTITY])
def test_an_unverified_member_state_or_un_entity_cannot_submit(constituency):
    maker = MakerFactory(unverified=True, constituency=constituency)
    commitment = CommitmentFactory(maker=maker)

    with pytest.raises(InvalidTransition, match="secretariat checks Member States and UN entities"):
        services.commitment_submit(actor=member_of(maker), commitment=commitment)

    commitment.refresh_from_db()
    assert commitment.status == Status.DRAFT


def test_a_verified_member_state_submits():
    maker = MakerFactory(unverified=True, constituency=Constituency.MEMBER_STATE)
    commitment = CommitmentFactory(maker=maker)
    services.maker_verify(actor=ReviewerFactory(), maker=maker)

    services.commitment_submit(actor=member_of(maker), commitment=commitment)

    commitment.refresh_from_db()
    assert commitment.status == Status.SUBMITTED


def test_an_unverified_civil_society_maker_submits_and_waits_for_verification():
    maker = MakerFactory(unverified=True, constituency=Constituency.CIVIL_SOCIETY)
    commitment = CommitmentFactory(maker=maker)

    services.commitment_submit(actor=member_of(maker), commitment=commitment)

    commitment.refresh_from_db()
    assert commitment.status == Status.SUBMITTED


def test_a_second_government_of_a_country_is_a_likely_duplicate_whatever_its_name():
    government = MakerFactory(name="Republic of Kenya", acronym="", constituency=Constituency.MEMBER_STATE)

    found = likely_duplicates(
        None, name="Government of Kenya", acronym="", country_id="KE", constituency=Constituency.MEMBER_STATE
    )

    assert found == [government]


def test_a_merged_maker_forwards_to_the_one_kept(secretariat_admin):
    keep, duplicate = MakerFactory(), MakerFactory()

    services.maker_merge(keep=keep, duplicate=duplicate, actor=secretariat_admin)

    assert MakerMerge.survivor_id(duplicate.pk) == keep.pk


def test_a_maker_merged_twice_forwards_to_the_last_one_kept(secretariat_admin):
    first, second, last = MakerFactory(), MakerFactory(), MakerFactory()

    services.maker_merge(keep=second, duplicate=first, actor=secretariat_admin)
    services.maker_merge(keep=last, duplicate=second, actor=secretariat_admin)

    assert MakerMerge.survivor_id(first.pk) == last.pk
    assert MakerMerge.survivor_id(second.pk) == last.pk
