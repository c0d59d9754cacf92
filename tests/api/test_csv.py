"""`?format=csv`: every matching row, streamed, with the same filters."""

import csv
import io

import pytest

from coalitions.models import ActionCoalition, Country
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_holds_every_matching_row_not_just_one_page(anon):
    maker = MakerFactory()
    ApprovedCommitmentFactory.create_batch(60, maker=maker, scope="local")
    ApprovedCommitmentFactory(maker=maker, scope="global")
    CommitmentFactory(maker=maker, scope="local")  # a draft

    rows = read_csv(anon.get("/api/v1/commitments/", {"format": "csv", "scope": "local", "page_size": 5}))

    assert len(rows) == 60
    assert {row["scope"] for row in rows} == {"local"}


def test_csv_joins_many_valued_columns_with_semicolons(anon):
    commitment = ApprovedCommitmentFactory(
        coalitions=ActionCoalition.objects.filter(slug__in=["gender-based-violence", "technology-and-innovation"]),
        countries=Country.objects.filter(code__in=["KE", "SN"]),
        is_policy=True,
    )

    (row,) = read_csv(anon.get("/api/v1/commitments/?format=csv"))

    assert row["reference"] == commitment.reference
    assert row["coalitions"] == "gender-based-violence;technology-and-innovation"
    assert sorted(row["countries"].split(";")) == ["KE", "SN"]
    assert row["commitment_types"] == "policy;programme"
    assert row["financial_amount_usd"] == ""


def test_csv_is_offered_on_every_list(anon, open_cycle):
    ProgressReportFactory(status="accepted", cycle=open_cycle)

    for resource in ("coalitions", "action-areas", "themes", "makers", "progress-reports", "cycles"):
        assert read_csv(anon.get(f"/api/v1/{resource}/?format=csv")), resource


def test_a_bad_filter_in_csv_mode_still_answers_json_400(anon):
    response = anon.get("/api/v1/commitments/", {"format": "csv", "country": "XX"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "country" in response.json()["errors"]
