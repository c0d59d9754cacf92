"""Every error under /api/ is JSON with a message (per field where there
are fields), never an HTML page or a stack trace."""

import pytest
from rest_framework.test import APIClient

from api.commitments.views import CommitmentViewSet

pytestmark = pytest.mark.django_db


def assert_json_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}
    assert body["code"] == code
    assert body["detail"]
    return body


def test_an_unknown_url_under_api_answers_json_404(anon):
    assert_json_error(anon.get("/api/v1/no-such-thing/"), 404, "not_found")
    assert_json_error(anon.get("/api/nothing-here"), 404, "not_found")


def test_an_unknown_url_elsewhere_still_gets_the_html_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_unknown_commitment_answers_json_404(anon):
    assert_json_error(anon.get("/api/v1/commitments/GE-1999-99999/"), 404, "not_found")
    assert_json_error(anon.get("/api/v1/commitments/999999999999999999/"), 404, "not_found")


def test_a_bad_token_answers_json_401_with_the_auth_scheme(anon):
    anon.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = anon.get("/api/v1/commitments/")

    assert_json_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_method_answers_json_405(maker_client):
    assert_json_error(maker_client.delete("/api/v1/coalitions/"), 405, "method_not_allowed")


def test_malformed_json_answers_json_400(maker_client):
    response = maker_client.post("/api/v1/commitments/", "{not json", content_type="application/json")

    assert_json_error(response, 400, "parse_error")


def test_null_characters_are_refused_before_they_reach_the_database(anon):
    body = assert_json_error(anon.get("/api/v1/commitments/", {"search": "a\x00b"}), 400, "invalid")

    assert "search" in body["errors"]


def test_anonymous_callers_are_throttled_with_retry_after_and_a_json_body(anon, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "5/minute"},
    }

    statuses = [anon.get("/api/v1/themes/").status_code for _ in range(3)]
    response = anon.get("/api/v1/themes/")

    assert statuses == [200, 200, 429]
    assert_json_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_token_callers_get_the_higher_limit(maker_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "5/minute"},
    }

    statuses = [maker_client.get("/api/v1/themes/").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]


def test_an_unexpected_failure_answers_json_500_without_a_trace(monkeypatch):
    def explode(self, request, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(CommitmentViewSet, "list", explode)
    client = APIClient(raise_request_exception=False)

    response = client.get("/api/v1/commitments/")

    body = assert_json_error(response, 500, "server_error")
    assert "secret" not in response.content.decode()
    assert body["errors"] == {}


def test_a_failure_outside_drf_under_api_still_answers_json_500(rf):
    from api.errors import server_error

    response = server_error(rf.get("/api/v1/commitments/"))

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"


def test_an_unknown_path_under_the_api_is_a_json_404_even_in_debug_mode(client, settings):
    settings.DEBUG = True

    response = client.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"


def test_a_made_up_forwarded_for_address_does_not_dodge_the_throttle(anon, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "5/minute"},
    }

    statuses = [
        anon.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code for number in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_behind_a_configured_proxy_each_forwarded_client_has_its_own_limit(anon, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "5/minute"},
        "NUM_PROXIES": 1,
    }

    first = [anon.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code for _ in range(3)]
    second = anon.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code

    assert first == [200, 200, 429]
    assert second == 200
