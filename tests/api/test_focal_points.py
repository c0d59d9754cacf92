"""/api/v1/focal-points/: only published focal points, by public name,
country and places; filterable by country; documented."""

import pytest

from coalitions.models import Subdivision
from commitments.tests.factories import UserFactory
from reporting.tests.factories import focal_point

pytestmark = pytest.mark.django_db


def test_only_published_focal_points_are_listed_with_their_public_names_only(anon):
    counties = list(Subdivision.objects.filter(country_id="KE").order_by("code")[:2])
    published = focal_point("KE", places=counties, published=True)
    focal_point("KE", user=UserFactory(first_name="Hidden", last_name="Person"))

    body = anon.get("/api/v1/focal-points/").json()

    assert body["results"] == [
        {
            "id": published.pk,
            "name": "Amina Otieno",
            "country": "KE",
            "places": [place.pk for place in counties],
        }
    ]
    assert "example.org" not in str(body)


def test_focal_points_are_filtered_by_country(anon):
    focal_point("KE", published=True)
    tanzania = focal_point("TZ", user=UserFactory(first_name="Neema", last_name="Mushi"), published=True)

    body = anon.get("/api/v1/focal-points/", {"country": "TZ"}).json()

    assert [row["id"] for row in body["results"]] == [tanzania.pk]


def test_an_unknown_country_is_a_clear_400(anon):
    response = anon.get("/api/v1/focal-points/", {"country": "XX"})

    assert response.status_code == 400
    assert "country" in str(response.json())


def test_an_unpublished_focal_point_is_not_found_by_id(anon):
    hidden = focal_point("KE")

    assert anon.get(f"/api/v1/focal-points/{hidden.pk}/").status_code == 404


def test_the_schema_documents_focal_points(anon):
    schema = anon.get("/api/schema/?format=json").json()

    parameters = {parameter["name"] for parameter in schema["paths"]["/api/v1/focal-points/"]["get"]["parameters"]}
    assert "country" in parameters
