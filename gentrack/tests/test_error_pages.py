"""The error pages are the site's own, in the request's language, with ways
on; the 500 page renders with the database and the cache both gone."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from api.errors import server_error

pytestmark = pytest.mark.usefixtures("compiled_catalogues")


@pytest.fixture
def compiled_catalogues(settings, tmp_path):
    from commitments.tests.test_translations_complete import LANGUAGES, catalogue, compile_po

    for language in LANGUAGES:
        target = tmp_path / language / "LC_MESSAGES" / "django.po"
        target.parent.mkdir(parents=True)
        target.write_bytes(catalogue(settings.BASE_DIR, language).read_bytes())
        compile_po(target)
    settings.LOCALE_PATHS = [tmp_path]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Page not found"), ("fr", "Page introuvable"), ("ar", "الصفحة غير موجودة"), ("ru", "Страница не найдена")],
)
def test_a_missing_page_is_the_sites_page_in_the_addresss_language(client, language, title):
    prefix = "" if language == "en" else f"/{language}"

    response = client.get(f"{prefix}/commitments/GE-0000-00000/nowhere/")

    page = response.content.decode()
    assert response.status_code == 404
    assert f"<h1>{title}</h1>" in page
    assert f'<html lang="{language}"' in page
    assert f'href="{prefix}/commitments/"' in page  # the catalogue, in the same language
    assert 'role="search"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Ce formulaire n’a pas pu être envoyé"), ("es", "No se pudo enviar este formulario")]
)
def test_a_form_sent_without_its_token_explains_what_to_do(language, title):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/{language}/accounts/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert f"<h1>{title}</h1>" in response.content.decode()


@pytest.mark.parametrize(("language", "title"), [("en", "Something went wrong"), ("ar", "حدث خطأ ما")])
def test_the_500_page_renders_with_the_database_and_the_cache_down(settings, django_db_blocker, language, title):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    request = RequestFactory().get(f"/{language}/commitments/")

    with django_db_blocker.block(), translation.override(language):
        response = server_error(request)

    page = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{title}</h1>" in page
    assert 'hreflang="x-default"' in page  # the language switch works on it too


def test_the_400_page_renders_without_the_database(django_db_blocker):
    with django_db_blocker.block():
        response = Client().get("/commitments/?q=%00")

    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


def test_errors_under_the_api_stay_json(client):
    response = client.get("/api/v1/nowhere/")

    assert response.status_code == 404 and response["Content-Type"] == "application/json"
