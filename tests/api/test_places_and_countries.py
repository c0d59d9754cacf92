"""Sub-national places and countries in the API: places on commitments, the
place filter, /api/v1/subdivisions/ and /api/v1/countries/."""

import pytest
from django.http import QueryDict

from coalitions.models import CoalitionLeader
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from public import catalogue
from reporting import countries

pytestmark = pytest.mark.django_db

NEW_COMMITMENT = {
    "title": "Shelters in Nairobi",
    "description": "Open shelters and hotlines.",
    "coalitions": ["gender-based-violence"],
    "commitment_types": ["programme"],
    "scope": "local",
    "countries": ["KE"],
    "start_year": 2024,
    "end_year": 2026,
}


def test_a_maker_names_places_and_reads_them_back(maker_client, member):
    body = {**NEW_COMMITMENT, "maker": member.maker.pk, "places": ["KE-30"]}

    response = maker_client.post("/api/v1/commitments/", body, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["places"] == ["KE-30"]


def test_a_place_of_another_country_is_refused_at_the_places_field(maker_client, member):
    body = {**NEW_COMMITMENT, "maker": member.maker.pk, "places": ["TZ-02"]}

    response = maker_client.post("/api/v1/commitments/", body, format="json")

    assert response.status_code == 400
    assert "places" in response.json()["errors"]
    assert not member.maker.commitments.exists()


def test_the_commitments_list_filters_by_place(anon):
    nairobi = ApprovedCommitmentFactory(title="In Nairobi")
    nairobi.places.set(["KE-30"])
    ApprovedCommitmentFactory(title="Elsewhere")

    rows = anon.get("/api/v1/commitments/", {"place": "KE-30"}).json()["results"]

    assert [row["reference"] for row in rows] == [nairobi.reference]
    assert rows[0]["places"] == ["KE-30"]


def test_the_subdivisions_of_a_country_are_listed(anon):
    response = anon.get("/api/v1/subdivisions/", {"country": "KE", "page_size": 100})

    body = response.json()
    codes = [row["code"] for row in body["results"]]
    assert len(codes) == 47 and "KE-30" in codes
    assert anon.get("/api/v1/subdivisions/KE-30/").json()["name"] == "Nairobi City"


def test_the_countries_list_counts_commitments_covering_each(anon):
    ApprovedCommitmentFactory.create_batch(2)
    CommitmentFactory()  # a draft counts for nothing

    rows = anon.get("/api/v1/countries/").json()

    assert [(row["code"], row["commitments"]) for row in rows] == [("KE", 2)]


def test_a_country_has_the_figures_of_its_page(anon):
    kenya = ApprovedCommitmentFactory(financial_amount_usd="1000.00", is_financial=True)
    kenya.places.set(["KE-30"])
    maker = MakerFactory()
    ApprovedCommitmentFactory(maker=maker)
    CoalitionLeader.objects.create(coalition=kenya.coalitions.get(), maker=maker, since=2021)

    body = anon.get("/api/v1/countries/KE/").json()

    assert body["commitments"] == 2
    assert body["usd"] == "1000.00"
    assert body["by_place"] == [{"code": "KE-30", "commitments": 1}]
    assert body["leaders"] == [{"coalition": "gender-based-violence", "maker": maker.pk, "since": 2021}]
    assert body["commitments"] == catalogue.catalogue_filterset(QueryDict("country=KE")).qs.count()
    assert countries.figures("KE")["makers"] == body["makers"]


def test_an_unknown_country_is_a_404(anon):
    assert anon.get("/api/v1/countries/QQ/").status_code == 404


def test_the_schema_documents_countries_and_subdivisions(anon):
    schema = anon.get("/api/schema/", {"format": "json"}).content.decode()

    assert "/api/v1/countries/{code}/" in schema and "/api/v1/subdivisions/" in schema
