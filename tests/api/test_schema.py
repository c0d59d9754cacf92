"""The OpenAPI schema validates and describes everything; the docs page is
served entirely from this site."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

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
        "max_amount", "updated_since", "search", "ordering",
    }  # fmt: skip
    assert parameters == design | {"mine", "page", "page_size", "mode", "cursor", "format"}


def test_the_docs_page_loads_only_this_sites_static_files(anon):
    response = anon.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
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
