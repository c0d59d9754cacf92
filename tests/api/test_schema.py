"""The OpenAPI schema validates and describes everything; the docs page is
served entirely from this site."""

import re
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from coalitions.models import ActionCoalition, Country
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_a_single_warning(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def schema(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_every_filter_and_field_is_described(anon):
    document = schema(anon)

    undescribed = [
        f"{path} {parameter['name']}"
        for path, operations in document["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    for name, component in document["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if field != "id" and not (spec.get("description") or "$ref" in spec or "allOf" in spec):
                undescribed.append(f"{name}.{field}")
    assert undescribed == []


def test_the_commitment_filters_are_exactly_the_documented_ones(anon):
    parameters = {parameter["name"] for parameter in schema(anon)["paths"]["/api/v1/commitments/"]["get"]["parameters"]}

    design = {
        "coalition", "action_area", "theme", "maker", "constituency", "country", "region", "place", "commitment_type",
        "scope", "status", "reporting_status", "implementation_status", "start_year", "end_year", "min_amount",
        "max_amount", "updated_since", "search", "ordering", "smart_score", "smart_score_min", "progress_min",
        "progress_max",
    }  # fmt: skip
    assert parameters == design | {"mine", "page", "page_size", "mode", "cursor", "format", "lang"}


def test_the_docs_page_loads_only_this_sites_static_files(anon):
    response = anon.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    # What the page loads (scripts, styles, icons), not the links it offers.
    urls = re.findall(r'<(?:script|link|img)\b[^>]*?(?:src|href)="([^"]+)"', html)
    assert urls, html
    # The init script is the page's own (?script), not inline, for the CSP.
    init_scripts = [url for url in urls if url.startswith("/api/docs/?")]
    assert len(init_scripts) == 1, urls
    assert anon.get(init_scripts[0].replace("&amp;", "&"))["Content-Type"].startswith("application/javascript")
    urls = [url for url in urls if url not in init_scripts]
    assert all(url.startswith("/static/") for url in urls), urls
    assert "cdn" not in html.lower()
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url


# The front door: public reads without a padlock, a quick start that works --------


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_public_reads_carry_no_security_requirement(anon):
    document = schema(anon)

    reads = [(path, operation) for path, method, operation in operations(document) if method == "get"]

    assert ("/api/v1/commitments/", []) in [(path, operation.get("security")) for path, operation in reads]
    assert [path for path, operation in reads if operation.get("security") != []] == []


def test_operations_that_need_a_token_keep_their_padlock(anon):
    document = schema(anon)

    writes = {(path, method): operation.get("security") for path, method, operation in operations(document)}

    for key in (
        ("/api/v1/commitments/", "post"),
        ("/api/v1/commitments/{id}/", "patch"),
        ("/api/v1/commitments/{id}/submit/", "post"),
        ("/api/v1/progress-reports/", "post"),
    ):
        assert {"tokenAuth": []} in writes[key], key
        assert {} not in writes[key], key


def test_the_docs_page_opens_with_a_quick_start_and_a_link_back_to_the_site(anon):
    html = anon.get("/api/docs/").content.decode()

    assert html.index("Quick start") < html.index('id="swagger-ui"')
    assert '<a href="/">' in html
    assert "curl 'http://testserver/api/v1/commitments/?coalition=technology-and-innovation" in html
    assert "Authorization: Token $GENTRACK_TOKEN" in html


def example_urls(html):
    codes = re.findall(r'<code data-example="(\w+)">(.*?)</code>', html, re.S)
    return {name: unescape(re.search(r"'(http://testserver[^']+)'", code).group(1)) for name, code in codes}


def test_the_quick_start_examples_answer(anon, maker_client, member):
    tech = ActionCoalition.objects.get(slug="technology-and-innovation")
    ApprovedCommitmentFactory(coalitions=[tech], countries=[Country.objects.get(code="KE")])
    draft = CommitmentFactory(maker=member.maker)
    urls = example_urls(anon.get("/api/docs/").content.decode())
    assert set(urls) == {"filtered", "cursor", "token"}

    filtered = anon.get(urls["filtered"].removeprefix("http://testserver"))
    cursor = anon.get(urls["cursor"].removeprefix("http://testserver"))
    mine = maker_client.get(urls["token"].removeprefix("http://testserver"))

    assert filtered.status_code == 200 and filtered.json()["count"] == 1
    assert cursor.status_code == 200 and len(cursor.json()["results"]) == 1 and cursor.json()["next"] is None
    assert mine.status_code == 200 and [row["id"] for row in mine.json()["results"]] == [draft.pk]


def test_every_operation_documents_the_language_parameter(anon):
    document = schema(anon)

    without = [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if path.startswith("/api/v1/")
        and not any(p["name"] == "lang" and p["in"] == "query" for p in operation.get("parameters", []))
    ]
    lang = next(p for p in document["paths"]["/api/v1/commitments/"]["get"]["parameters"] if p["name"] == "lang")

    assert without == []
    assert sorted(lang["schema"]["enum"]) == ["ar", "en", "es", "fr", "ru", "zh-hans"]
    assert "Accept-Language" in lang["description"]
