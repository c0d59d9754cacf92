"""Filters on the API lists: the shared commitment filters, their
counterparts on makers and progress reports, ordering, and a 400 with a
message per filter for values that do not exist."""

import pytest

from coalitions.models import ActionCoalition, Country
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from reporting.tests.factories import ProgressReportFactory, closed_cycle

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


def test_commitments_filter_by_coalition_country_and_type_together(anon):
    tech = ActionCoalition.objects.get(slug="technology-and-innovation")
    wanted = ApprovedCommitmentFactory(
        coalitions=[tech], countries=[Country.objects.get(code="SN")], is_financial=True, financial_amount_usd=10
    )
    ApprovedCommitmentFactory(coalitions=[tech], countries=[Country.objects.get(code="SN")])
    ApprovedCommitmentFactory(countries=[Country.objects.get(code="SN")], is_financial=True, financial_amount_usd=10)

    response = anon.get(
        "/api/v1/commitments/",
        {"coalition": "technology-and-innovation", "country": "SN", "commitment_type": "financial"},
    )

    assert ids(response) == [wanted.pk]


def test_unknown_filter_values_answer_400_with_a_message_per_filter(anon):
    response = anon.get(
        "/api/v1/commitments/",
        {"coalition": "no-such-coalition", "country": "XX", "start_year": "soon", "scope": "galactic"},
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {"coalition", "country", "start_year", "scope"}
    assert all(messages and isinstance(messages[0], str) for messages in body["errors"].values())


def test_updated_since_returns_only_commitments_changed_since(anon):
    from datetime import UTC, datetime

    from commitments.models import Commitment

    old, recent = ApprovedCommitmentFactory(), ApprovedCommitmentFactory()
    Commitment.objects.filter(pk=old.pk).update(updated_at=datetime(2023, 1, 1, tzinfo=UTC))

    assert ids(anon.get("/api/v1/commitments/", {"updated_since": "2024-01-01T00:00:00Z"})) == [recent.pk]


def test_ordering_sorts_and_breaks_ties_by_id(anon):
    late = ApprovedCommitmentFactory(start_year=2024)
    early_a, early_b = ApprovedCommitmentFactory(start_year=2021), ApprovedCommitmentFactory(start_year=2021)

    rows = anon.get("/api/v1/commitments/", {"ordering": "start_year"}).json()["results"]

    assert [row["id"] for row in rows] == [early_a.pk, early_b.pk, late.pk]


def test_unknown_ordering_field_answers_400(anon):
    response = anon.get("/api/v1/commitments/", {"ordering": "maker__user__password"})

    assert response.status_code == 400
    assert "ordering" in response.json()["errors"]


def test_makers_filter_by_constituency_region_coalition_and_search(anon):
    youth = MakerFactory(name="Girls Lead Kenya", constituency="youth_led")
    ApprovedCommitmentFactory(maker=youth, coalitions=[ActionCoalition.objects.get(slug="technology-and-innovation")])
    other = MakerFactory(constituency="youth_led", country=Country.objects.get(code="FR"))
    ApprovedCommitmentFactory(maker=other)
    ApprovedCommitmentFactory()

    assert ids(anon.get("/api/v1/makers/", {"constituency": "youth_led", "region": "africa"})) == [youth.pk]
    assert ids(anon.get("/api/v1/makers/", {"coalition": "technology-and-innovation"})) == [youth.pk]
    assert ids(anon.get("/api/v1/makers/", {"search": "girls kenya"})) == [youth.pk]
    assert ids(anon.get("/api/v1/makers/", {"country": "FR"})) == [other.pk]


def test_makers_unknown_filter_values_answer_400(anon):
    response = anon.get("/api/v1/makers/", {"constituency": "wizards", "coalition": "nope"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"constituency", "coalition"}


def test_progress_reports_filter_by_cycle_status_coalition_and_commitment(anon, open_cycle):
    last_year = closed_cycle(open_cycle.year - 1)
    tech = ActionCoalition.objects.get(slug="technology-and-innovation")
    wanted = ProgressReportFactory(
        cycle=last_year,
        status="accepted",
        implementation_status="completed",
        commitment=ApprovedCommitmentFactory(coalitions=[tech]),
    )
    this_year = ProgressReportFactory(cycle=open_cycle, status="accepted", implementation_status="completed")
    ProgressReportFactory(cycle=last_year, status="submitted", implementation_status="on_track")

    assert ids(
        anon.get("/api/v1/progress-reports/", {"cycle": last_year.year, "implementation_status": "completed"})
    ) == [wanted.pk]
    assert ids(anon.get("/api/v1/progress-reports/", {"coalition": "technology-and-innovation"})) == [wanted.pk]
    assert ids(anon.get("/api/v1/progress-reports/", {"commitment": wanted.commitment.reference})) == [wanted.pk]
    assert ids(
        anon.get("/api/v1/progress-reports/", {"constituency": "civil_society", "status": "accepted"})
    ) == sorted([wanted.pk, this_year.pk])


def test_progress_reports_unknown_cycle_answers_400(anon):
    response = anon.get("/api/v1/progress-reports/", {"cycle": "1900", "status": "lost"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"cycle", "status"}


def test_pagination_parameters_are_not_mistaken_for_filters(anon):
    ApprovedCommitmentFactory()

    response = anon.get("/api/v1/commitments/", {"page": 1, "page_size": 10, "format": "json", "ordering": "title"})

    assert response.status_code == 200


def test_updated_since_with_an_offset_postgresql_cannot_store_is_normalised_not_a_server_error(anon):
    for resource in ("commitments", "makers", "progress-reports"):
        response = anon.get(f"/api/v1/{resource}/", {"updated_since": "0463-05-30T22:35:54-16:43"})
        assert response.status_code == 200, (resource, response.content)


def test_updated_since_out_of_range_once_in_utc_answers_400(anon):
    response = anon.get("/api/v1/commitments/", {"updated_since": "0001-01-01T00:00:00+05:00"})

    assert response.status_code == 400
    assert "updated_since" in response.json()["errors"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/commitments/?constituency=civil_society&scope=national&status=approved",
        "/api/v1/makers/?constituency=civil_society&country=KE&region=africa",
        "/api/v1/progress-reports/?status=accepted&implementation_status=on_track&constituency=civil_society",
    ],
)
def test_filters_over_foreign_keys_never_make_the_database_deduplicate_rows(anon, url):
    # DISTINCT over every column of 100,000 commitments cost a fifth of a
    # second a page; no filter here can repeat a row.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = anon.get(url)

    assert response.status_code == 200, response.content
    assert not [query["sql"] for query in captured if "DISTINCT" in query["sql"].upper()]


@pytest.mark.parametrize("ordering", ["financial_amount_usd", "-financial_amount_usd"])
def test_ordering_by_amount_puts_commitments_without_one_last_in_both_directions(anon, ordering):
    without = ApprovedCommitmentFactory(financial_amount_usd=None)
    small = ApprovedCommitmentFactory(is_financial=True, financial_amount_usd=1_000)
    large = ApprovedCommitmentFactory(is_financial=True, financial_amount_usd=9_000)

    rows = anon.get("/api/v1/commitments/", {"ordering": ordering}).json()["results"]

    with_amount = [small.pk, large.pk] if ordering == "financial_amount_usd" else [large.pk, small.pk]
    assert [row["id"] for row in rows] == [*with_amount, without.pk]
