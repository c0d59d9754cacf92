"""Over the API: an unverified Member State's submit is a conflict with the
reason, and a merged maker's id answers 301 with the kept maker's URL."""

import pytest

from commitments import services
from commitments.models import CommitmentMaker, Constituency
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


def unverified_government(maker):
    CommitmentMaker.objects.filter(pk=maker.pk).update(
        verified=False, verified_at=None, constituency=Constituency.MEMBER_STATE
    )


def test_an_unverified_member_state_submitting_gets_409_with_the_reason(maker_client, member):
    unverified_government(member.maker)
    draft = CommitmentFactory(maker=member.maker)

    response = maker_client.post(f"/api/v1/commitments/{draft.pk}/submit/")

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "conflict"
    assert "secretariat checks Member States and UN entities" in body["detail"]
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_once_verified_the_member_state_submits_over_the_api(maker_client, member):
    unverified_government(member.maker)
    draft = CommitmentFactory(maker=member.maker)
    services.maker_verify(actor=ReviewerFactory(), maker=member.maker)

    response = maker_client.post(f"/api/v1/commitments/{draft.pk}/submit/")

    assert response.status_code == 200 and response.json()["status"] == "submitted"


def test_a_merged_makers_id_answers_301_to_the_kept_maker(anon, secretariat_admin_user):
    keep = ApprovedCommitmentFactory().maker
    duplicate = MakerFactory()
    services.maker_merge(keep=keep, duplicate=duplicate, actor=secretariat_admin_user)

    response = anon.get(f"/api/v1/makers/{duplicate.pk}/")

    assert response.status_code == 301
    assert response["Location"] == f"http://testserver/api/v1/makers/{keep.pk}/"
    assert anon.get(response["Location"]).json()["id"] == keep.pk


def test_an_unknown_maker_id_is_still_404(anon):
    response = anon.get("/api/v1/makers/999999/")

    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.fixture
def secretariat_admin_user(db):
    from commitments.tests.admin_fixtures import staff_in

    return staff_in("Secretariat admins", username="sam-admin")


@pytest.fixture
def reviewer_client(reviewer):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reviewer).key}")
    return client


def submitted_by(maker):
    return CommitmentFactory(maker=maker, status="submitted")


def test_a_reviewer_approves_a_submitted_commitment_over_the_api(reviewer_client, mailoutbox):
    commitment = submitted_by(MakerFactory())

    response = reviewer_client.post(f"/api/v1/commitments/{commitment.reference}/approve/", {"comment": "Clear."})

    assert response.status_code == 200 and response.json()["status"] == "approved"
    commitment.refresh_from_db()
    assert commitment.status == "approved" and commitment.published_at is not None


def test_approving_an_unverified_makers_commitment_over_the_api_is_a_409_with_the_reason(reviewer_client):
    maker = MakerFactory(unverified=True)
    commitment = submitted_by(maker)

    response = reviewer_client.post(f"/api/v1/commitments/{commitment.pk}/approve/")

    assert response.status_code == 409
    assert response.json()["code"] == "conflict" and "verif" in response.json()["detail"]
    commitment.refresh_from_db()
    assert commitment.status == "submitted" and commitment.published_at is None

    services.maker_verify(actor=ReviewerFactory(), maker=maker)
    assert reviewer_client.post(f"/api/v1/commitments/{commitment.pk}/approve/").status_code == 200


def test_a_maker_cannot_approve_even_its_own_commitment_over_the_api(maker_client, member):
    commitment = submitted_by(member.maker)

    response = maker_client.post(f"/api/v1/commitments/{commitment.pk}/approve/")

    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == "submitted"


def test_approving_without_a_token_is_refused(anon):
    commitment = submitted_by(MakerFactory())

    assert anon.post(f"/api/v1/commitments/{commitment.pk}/approve/").status_code in (401, 403)
    commitment.refresh_from_db()
    assert commitment.status == "submitted"


def test_approving_a_draft_over_the_api_is_a_409(reviewer_client):
    draft = CommitmentFactory()

    response = reviewer_client.post(f"/api/v1/commitments/{draft.pk}/approve/")

    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.status == "draft"
