"""Fixtures for the API tests: a client per kind of caller, and a token for
the `member` fixture (a user owning `member.maker`)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def anon():
    return APIClient()


@pytest.fixture
def member_token(member):
    return Token.objects.create(user=member).key


@pytest.fixture
def maker_client(member, member_token):
    """A client calling with the member's token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {member_token}")
    return client


@pytest.fixture
def staff_client(db):
    from django.contrib.auth.models import Permission

    from commitments.tests.factories import ReviewerFactory

    staff = ReviewerFactory()
    staff.user_permissions.add(Permission.objects.get(codename="add_accountabilityreport"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=staff).key}")
    client.user = staff
    return client
