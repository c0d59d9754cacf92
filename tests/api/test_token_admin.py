"""Staff issue and revoke partner tokens in the admin."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from commitments.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("secretariat", "s@example.org", "correct-horse-battery")
    client.force_login(admin)
    return client


def test_staff_issue_a_token_for_a_partner_in_the_admin(admin_client):
    partner = UserFactory(username="open-data-lab")

    response = admin_client.post("/admin/authtoken/tokenproxy/add/", {"user": partner.pk})

    assert response.status_code == 302
    assert Token.objects.filter(user=partner).exists()


def test_staff_find_a_token_by_username(admin_client):
    Token.objects.create(user=UserFactory(username="open-data-lab"))
    Token.objects.create(user=UserFactory(username="someone-else"))

    response = admin_client.get("/admin/authtoken/tokenproxy/", {"q": "open-data"})

    assert response.status_code == 200
    assert b"open-data-lab" in response.content
    assert b"someone-else" not in response.content


def test_a_revoked_token_stops_working(admin_client, anon):
    token = Token.objects.create(user=UserFactory(username="open-data-lab"))

    response = admin_client.post(f"/admin/authtoken/tokenproxy/{token.user_id}/delete/", {"post": "yes"})
    anon.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 302
    assert anon.get("/api/v1/themes/").status_code == 401
