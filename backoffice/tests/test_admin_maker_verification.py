"""The secretariat verifies new makers in the admin, and the review page of a
commitment says who its maker is and why Approve waits for verification."""

import pytest
from django.urls import reverse

from commitments.models import Commitment, Constituency
from commitments.tests import admin_fixtures
from commitments.tests.admin_fixtures import submitted_commitment
from commitments.tests.factories import MakerFactory

MAKERS = reverse("admin:commitments_commitmentmaker_changelist")

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer
secretariat_admin = admin_fixtures.secretariat_admin


def change_url(obj):
    return reverse(f"admin:commitments_{obj._meta.model_name}_change", args=[obj.pk])


def verify_url(maker):
    return reverse("admin:commitments_commitmentmaker_verify", args=[maker.pk])


def test_the_review_page_says_the_maker_is_not_verified_and_why_approve_waits(client, secretariat_reviewer):
    commitment = submitted_commitment(maker=MakerFactory(unverified=True, name="Government of Kenya", acronym=""))
    client.force_login(secretariat_reviewer)

    response = client.get(change_url(commitment))

    page = response.content.decode()
    assert "Not verified yet." in page
    assert "Approve is refused until Government of Kenya is verified" in page
    assert 'aria-describedby="approve-blocked"' in page
    assert verify_url(commitment.maker) in page


def test_the_review_page_links_the_makers_with_a_similar_name(client, secretariat_reviewer):
    government = MakerFactory(name="Republic of Kenya", acronym="", constituency=Constituency.MEMBER_STATE)
    second = MakerFactory(
        unverified=True, name="Government of Kenya", acronym="", constituency=Constituency.MEMBER_STATE
    )
    commitment = submitted_commitment(maker=second)
    client.force_login(secretariat_reviewer)

    response = client.get(change_url(commitment))

    assert [maker for maker, _url in response.context["verification"]["similar"]] == [government]
    assert change_url(government) in response.content.decode()


def test_approving_in_the_admin_a_commitment_of_an_unverified_maker_is_refused_with_the_reason(
    client, secretariat_reviewer
):
    commitment = submitted_commitment(maker=MakerFactory(unverified=True, name="Government of Kenya", acronym=""))
    client.force_login(secretariat_reviewer)

    response = client.post(
        reverse("admin:commitments_commitment_decide", args=[commitment.pk]), {"decision": "approve"}, follow=True
    )

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.SUBMITTED
    assert "Government of Kenya is not verified yet" in response.content.decode()


def test_verify_from_the_review_page_comes_back_to_it_and_lets_approve_through(client, secretariat_reviewer):
    commitment = submitted_commitment(maker=MakerFactory(unverified=True))
    client.force_login(secretariat_reviewer)

    response = client.post(verify_url(commitment.maker), {"next": change_url(commitment)})
    assert response.status_code == 302 and response.url == change_url(commitment)
    client.post(
        reverse("admin:commitments_commitment_decide", args=[commitment.pk]), {"decision": "approve", "confirm": "yes"}
    )

    commitment.refresh_from_db()
    assert commitment.maker.verified and commitment.maker.verified_by == secretariat_reviewer
    assert commitment.status == Commitment.Status.APPROVED


def test_the_makers_page_has_a_verify_button_until_it_is_verified(client, secretariat_admin):
    maker = MakerFactory(unverified=True)
    client.force_login(secretariat_admin)

    before = client.get(change_url(maker)).content.decode()
    client.post(verify_url(maker))
    after = client.get(change_url(maker)).content.decode()

    assert "Verify this organisation" in before
    assert "Verify this organisation" not in after
    assert "Verified by the secretariat (sam-admin" in after


def test_the_verify_action_verifies_the_selected_makers(client, secretariat_admin):
    first, second = MakerFactory(unverified=True), MakerFactory(unverified=True)
    client.force_login(secretariat_admin)

    client.post(MAKERS, {"action": "verify_selected", "_selected_action": [first.pk, second.pk]})

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.verified and second.verified


def test_staff_who_may_not_verify_get_403(client):
    staff = admin_fixtures.UserFactory(is_staff=True)
    maker = MakerFactory(unverified=True)
    client.force_login(staff)

    response = client.post(verify_url(maker))

    maker.refresh_from_db()
    assert response.status_code == 403 and not maker.verified


def test_verified_cannot_be_ticked_in_the_makers_form(client, secretariat_admin):
    client.force_login(secretariat_admin)

    response = client.get(reverse("admin:commitments_commitmentmaker_add"))

    assert 'name="verified"' not in response.content.decode()
