"""A new-commitment form posted twice (a double click on "Save and submit")
creates one commitment."""

import re
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from commitments.models import Commitment
from workspace import once
from workspace.tests.test_views import commitment_form

pytestmark = pytest.mark.django_db
NEW = reverse("my-commitment-new")


@pytest.fixture
def maker_client(client, member):
    client.force_login(member)
    return client


def token_of(response):
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def test_the_form_carries_a_token_and_keeps_it_when_it_comes_back_with_errors(maker_client):
    token = token_of(maker_client.get(NEW))

    response = maker_client.post(NEW, commitment_form(form_token=token, financial_amount_usd="", action="submit"))

    assert token_of(response) == token
    assert 'value="Fund women-led digital skills hubs"' in response.content.decode()


def test_the_same_form_posted_twice_creates_one_commitment_and_lands_on_it(maker_client):
    token = token_of(maker_client.get(NEW))
    data = commitment_form(form_token=token, action="submit")

    first = maker_client.post(NEW, data)
    second = maker_client.post(NEW, data, follow=True)

    commitment = Commitment.objects.get()
    assert commitment.status == "submitted"
    assert first["Location"] == reverse("my-commitment", args=[commitment.pk])
    assert second.redirect_chain[-1][0] == reverse("my-commitment", args=[commitment.pk])
    assert "This form had already been sent: here is the commitment it created." in second.content.decode()


def test_a_corrected_form_is_saved_once_after_an_error(maker_client):
    token = token_of(maker_client.get(NEW))
    maker_client.post(NEW, commitment_form(form_token=token, financial_amount_usd="", action="submit"))

    maker_client.post(NEW, commitment_form(form_token=token))
    maker_client.post(NEW, commitment_form(form_token=token))

    assert Commitment.objects.count() == 1


def test_two_forms_opened_separately_create_two_commitments(maker_client):
    maker_client.post(NEW, commitment_form(form_token=token_of(maker_client.get(NEW))))
    maker_client.post(NEW, commitment_form(form_token=token_of(maker_client.get(NEW))))

    assert Commitment.objects.count() == 2


def test_a_second_post_while_the_first_is_still_saving_waits_then_lands_on_the_list(maker_client, member, monkeypatch):
    monkeypatch.setattr(once, "WAIT_SECONDS", 0.3)
    cache.add(f"once:commitment-new:{member.pk}:a-token", once.PENDING)

    response = maker_client.post(NEW, commitment_form(form_token="a-token"))

    assert response["Location"] == reverse("my-home")
    assert not Commitment.objects.exists()


def test_without_a_cache_the_form_still_saves(maker_client, monkeypatch):
    class Unreachable:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("Redis is down")

            return fail

    monkeypatch.setattr(once, "cache", Unreachable())

    response = maker_client.post(NEW, commitment_form(form_token="a-token"))

    assert response.status_code == 302
    assert Commitment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_posts_at_the_same_moment_create_one_commitment(member):
    """Two requests in flight at once, each in its own thread and database
    connection, as a double click sends them. SQLite locks the whole file
    for a write, so this runs on PostgreSQL (as CI does)."""
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite cannot take two writers at once")

    data = commitment_form(form_token="clicked-twice", action="submit")
    statuses = []

    def post():
        client = Client()
        client.force_login(member)
        try:
            statuses.append(client.post(NEW, data).status_code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            statuses.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [302, 302]
    assert Commitment.objects.count() == 1


def test_with_redis_down_the_form_saves_at_once(maker_client, monkeypatch):
    """The real cache backend answers as an empty cache while Redis is down
    (core.cache): `add` says "not stored" and `get` finds nothing. The form
    must take that for "no guard", not for "another request holds the token"
    and wait."""
    from core.cache import ResilientRedisCache

    dead = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.1}})
    monkeypatch.setattr(once, "cache", dead)
    monkeypatch.setattr(once, "WAIT_SECONDS", 30)

    started = time.monotonic()
    response = maker_client.post(NEW, commitment_form(form_token="a-token"))

    assert response.status_code == 302
    assert Commitment.objects.count() == 1
    assert time.monotonic() - started < 5
