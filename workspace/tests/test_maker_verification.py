"""Registering an organisation that already exists is caught before it is
created, with "Ask to join" offered; and the workspace says where an
unverified organisation stands and what happens next."""

import pytest
from django.urls import reverse

from commitments.models import CommitmentMaker, Constituency
from commitments.tests.factories import CommitmentFactory, MakerFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SECOND_GOVERNMENT = {
    "name": "Government of Kenya",
    "acronym": "",
    "constituency": "member_state",
    "country": "KE",
    "website": "https://kenya.example.org",
}


@pytest.fixture
def government():
    return MakerFactory(name="Republic of Kenya", acronym="", constituency=Constituency.MEMBER_STATE)


def test_registering_a_look_alike_warns_and_offers_to_ask_to_join_it(client, government):
    client.force_login(UserFactory())

    response = client.post(reverse("my-organisation-new"), SECOND_GOVERNMENT)

    page = response.content.decode()
    assert response.status_code == 200
    assert "This organisation may already be registered" in page
    assert "Republic of Kenya" in page
    assert reverse("my-organisation-join", args=[government.pk]) in page
    assert not CommitmentMaker.objects.filter(name="Government of Kenya").exists()


def test_the_warning_keeps_everything_that_was_typed(client, government):
    client.force_login(UserFactory())

    page = client.post(reverse("my-organisation-new"), SECOND_GOVERNMENT).content.decode()

    assert 'value="Government of Kenya"' in page
    assert 'value="https://kenya.example.org"' in page
    assert '<option value="member_state" selected>' in page
    assert 'name="confirm_new"' in page


def test_confirming_it_is_another_organisation_registers_it_unverified(client, government):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("my-organisation-new"), {**SECOND_GOVERNMENT, "confirm_new": "on"})

    maker = CommitmentMaker.objects.get(name="Government of Kenya")
    assert response.url == reverse("my-home")
    assert maker.memberships.get().user == user
    assert not maker.verified


def test_an_organisation_with_no_look_alike_is_registered_at_the_first_submit(client, government):
    client.force_login(UserFactory())

    client.post(
        reverse("my-organisation-new"),
        {"name": "Rural Women Digital Network", "acronym": "RWDN", "constituency": "feminist_org", "country": "KE"},
    )

    assert CommitmentMaker.objects.filter(name="Rural Women Digital Network").exists()


def test_a_look_alike_the_user_already_belongs_to_is_not_offered_to_join(client, government):
    user = MembershipFactory(maker=government, role="owner").user
    client.force_login(user)

    page = client.post(reverse("my-organisation-new"), SECOND_GOVERNMENT).content.decode()

    assert "You are already a member" in page
    assert reverse("my-organisation-join", args=[government.pk]) not in page


def member_of_unverified_government():
    maker = MakerFactory(unverified=True, name="Government of Kenya", constituency=Constituency.MEMBER_STATE)
    return MembershipFactory(maker=maker, role="owner").user, maker


def test_the_organisations_page_says_a_member_state_waits_for_the_secretariats_check(client):
    user, _maker = member_of_unverified_government()
    client.force_login(user)

    page = client.get(reverse("my-organisations")).content.decode()

    assert "Waiting for the secretariat's check" in page
    assert "you can submit them as soon as it is verified" in page


def test_an_unverified_member_states_draft_has_no_submit_button_and_says_what_happens_next(client):
    user, maker = member_of_unverified_government()
    draft = CommitmentFactory(maker=maker)
    client.force_login(user)

    page = client.get(reverse("my-commitment", args=[draft.pk])).content.decode()

    assert reverse("my-commitment-submit", args=[draft.pk]) not in page
    assert "The secretariat checks Member States and UN entities before they submit commitments" in page
    assert reverse("my-commitment-edit", args=[draft.pk]) in page


def test_submitting_anyway_keeps_the_draft_and_says_why(client):
    user, maker = member_of_unverified_government()
    draft = CommitmentFactory(maker=maker)
    client.force_login(user)

    response = client.post(reverse("my-commitment-submit", args=[draft.pk]), follow=True)

    draft.refresh_from_db()
    assert draft.status == "draft"
    assert "has not verified <bdi>Government of Kenya</bdi> yet" in response.content.decode()


def test_a_verified_makers_draft_shows_no_verification_note(client):
    membership = MembershipFactory(role="owner")
    draft = CommitmentFactory(maker=membership.maker)
    client.force_login(membership.user)

    page = client.get(reverse("my-commitment", args=[draft.pk])).content.decode()

    assert reverse("my-commitment-submit", args=[draft.pk]) in page
    assert "maker-check" not in page
