"""Bad requests never answer 500: a body over the limit is a 413, JSON
nested absurdly deep a 400, a NUL character in a URL a 404 (400 in a query
string). CI runs these on PostgreSQL, which is where a NUL used to reach the
database and fail."""

import http.client
import json
from urllib.parse import urlsplit

import pytest
from rest_framework.authtoken.models import Token

from commitments.tests.factories import ApprovedCommitmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_token(member):
    return Token.objects.create(user=member).key


def api_post(client, token, body):
    client.raise_request_exception = False
    return client.post(
        "/api/v1/commitments/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
    )


def test_an_api_body_over_the_limit_answers_413_in_json(client, api_token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = api_post(client, api_token, json.dumps({"title": "x" * 20_000}))

    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_a_form_over_the_limit_answers_413(client, member, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(member)
    client.raise_request_exception = False

    response = client.post("/my/commitments/new/", {"title": "x" * 20_000})

    assert response.status_code == 413


@pytest.mark.parametrize(
    "body",
    ["[" * 100_000 + "]" * 100_000, "[" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000, "[" * 900 + "]" * 900],
    ids=["deep-list", "deep-unclosed", "deep-object", "just-under-the-interpreters-limit"],
)
def test_json_nested_absurdly_deep_answers_400_in_json(client, api_token, body):
    response = api_post(client, api_token, body)

    assert response.status_code == 400
    assert response.json()["detail"] == "The JSON body nests too deeply."


def test_json_of_an_ordinary_depth_is_still_read(client, api_token):
    response = api_post(client, api_token, json.dumps({"title": "Hubs", "countries": ["KE"]}))

    # Read: the title is taken (a draft needs nothing more), the missing maker is named.
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["maker"]


NUL_PATHS = [
    "/commitments/%00/",
    "/commitments/GEF%00/",
    "/makers/%00/",
    "/coalitions/%00/",
    "/reports/2024/v1/%00/",
    "/api/v1/commitments/%00/",
    "/api/v1/makers/%00/",
    "/api/v1/coalitions/%00/",
    "/static/%00.css",
    "/media/%00",
    "/%00",
    "/my/commitments/%00/",
    "/admin/commitments/commitment/%00/change/",
]


@pytest.mark.parametrize("path", NUL_PATHS)
def test_a_null_character_in_the_path_answers_404(client, reviewer, path):
    ApprovedCommitmentFactory()
    client.force_login(reviewer)
    client.raise_request_exception = False

    response = client.get(path)

    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.json()["code"] == "not_found"


NUL_QUERIES = [
    "/commitments/?search=%00",
    "/commitments/?maker=%00",
    "/commitments/?page=%00",
    "/commitments/export.csv?search=a%00b",
    "/?q=%00",
    "/my/organisations/find/?q=%00",
    "/admin/commitments/commitment/?q=%00",
    "/api/v1/commitments/?search=%00",
    "/api/v1/makers/?name=%00",
]


@pytest.mark.parametrize("url", NUL_QUERIES)
def test_a_null_character_in_the_query_string_answers_400(client, member, url):
    ApprovedCommitmentFactory()
    client.force_login(member)
    client.raise_request_exception = False

    response = client.get(url)

    assert response.status_code == 400


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/commitments/%00/", "/api/v1/commitments/%00/", "/commitments/?search=%00"])
def test_a_null_character_over_real_http_never_answers_500(live_server, path):
    """Through a real WSGI server, as a browser or a scanner would send it."""
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", path)
        status = connection.getresponse().status
    finally:
        connection.close()

    assert status in (400, 404)
