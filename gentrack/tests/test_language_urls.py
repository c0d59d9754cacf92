"""The language of a page is in its address (/fr/commitments/), English keeps
its addresses, the API has one address for every language, and the switch in
the header keeps the page and its filters."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from commitments.models import Commitment
from commitments.tests.factories import CommitmentFactory
from core.language_urls import path_in_language
from core.templatetags.languages import hreflang

pytestmark = pytest.mark.django_db


def heading(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


@pytest.mark.parametrize(("language", "words"), [("fr", "Engagements"), ("ar", "الالتزامات"), ("ru", "Обязательства")])
def test_a_prefixed_page_speaks_the_language_of_its_address(client, language, words):
    response = client.get(f"/{language}/commitments/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in page
    assert words in page
    assert response["Content-Language"] == language


def test_english_keeps_the_addresses_it_always_had(client):
    response = client.get("/commitments/")

    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.content.decode()
    assert reverse("commitment-list") == "/commitments/"


def test_links_and_redirects_made_on_a_french_page_stay_french(client):
    commitment = CommitmentFactory(status=Commitment.Status.APPROVED)

    page = client.get(f"/fr/commitments/{commitment.reference}/").content.decode()
    login = client.get("/fr/my/")

    assert 'href="/fr/commitments/"' in page  # the main menu
    assert f'href="/fr/makers/{commitment.maker_id}/"' in page
    assert login.status_code == 302 and login["Location"].startswith("/fr/accounts/login/?next=/fr/my/")


def test_logging_in_on_a_french_page_leads_to_the_french_workspace(client, member):
    member.set_password("a long enough password")
    member.save()

    response = client.post("/fr/accounts/login/", {"username": member.username, "password": "a long enough password"})

    assert response.status_code == 302 and response["Location"] == "/fr/my/"


def test_the_switch_keeps_the_page_and_its_filters(client):
    response = client.get("/fr/commitments/?coalition=economic-justice&ordering=title")
    page = response.content.decode()

    links = dict(re.findall(r'<a href="([^"]+)" lang="([a-z-]+)" hreflang', page))
    arabic = next(href for href, code in links.items() if code == "ar")
    followed = client.get(arabic.replace("&amp;", "&"))

    assert followed.status_code == 302
    assert followed["Location"] == "/ar/commitments/?coalition=economic-justice&ordering=title"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert set(links.values()) == {code for code, _name in settings.LANGUAGES}


def test_the_switch_to_english_sticks_although_english_has_no_prefix(client):
    client.get("/i18n/switch/fr/?next=/")
    assert client.get("/makers/?page=2")["Location"] == "/fr/makers/?page=2"

    response = client.get("/i18n/switch/en/?next=/fr/makers/%3Fpage%3D2")

    assert response["Location"] == "/makers/?page=2"
    assert client.get("/makers/?page=2").status_code == 200


def test_the_switch_never_sends_a_visitor_off_the_site(client):
    response = client.get("/i18n/switch/fr/?next=https://evil.example/")

    assert response["Location"] == "/fr/"


def test_every_page_names_its_alternates_in_every_language_and_a_default(client):
    page = client.get("/fr/commitments/?coalition=economic-justice").content.decode()

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert alternates["x-default"] == "http://testserver/commitments/?coalition=economic-justice"
    assert alternates["en"] == "http://testserver/commitments/?coalition=economic-justice"
    assert alternates["ar"] == "http://testserver/ar/commitments/?coalition=economic-justice"
    assert set(alternates) == {hreflang(code) for code, _name in settings.LANGUAGES} | {"x-default"}


def test_a_first_visit_to_the_home_page_follows_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar-EG,ar;q=0.9,en;q=0.5")

    assert response.status_code == 302 and response["Location"] == "/ar/"
    assert "Accept-Language" in response["Vary"]


def test_a_browser_that_prefers_english_stays_on_the_english_home_page(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,fr;q=0.5")

    assert response.status_code == 200


def test_a_language_chosen_before_wins_over_the_browsers(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/ru/"


def test_a_shared_english_link_stays_english_for_a_first_time_visitor(client):
    response = client.get("/commitments/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_the_api_has_one_address_and_answers_in_the_requests_language(client):
    response = client.get("/api/v1/commitments/?ordering=nonsense", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 400
    assert response["Content-Language"] == "fr"
    assert client.get("/fr/api/v1/commitments/").status_code == 404
    with translation.override("fr"):
        assert reverse("healthz") == "/healthz"


def test_moving_a_path_between_languages_keeps_everything_but_the_prefix():
    assert path_in_language("/fr/commitments/?q=a#top", "ar") == "/ar/commitments/?q=a#top"
    assert path_in_language("/ar/", "en") == "/"
    assert path_in_language("/frontier/", "fr") == "/fr/frontier/"
    assert path_in_language("/api/v1/commitments/", "fr") == "/api/v1/commitments/"
    assert path_in_language("https://elsewhere.example/", "fr") == "https://elsewhere.example/"
