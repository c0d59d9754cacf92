"""How a list builds its rows so that a page stays fast at 100,000
commitments: the page is chosen from ids alone, then only its rows get the
reporting status and their many-to-many codes (one query per relation).
Whatever the route, a partner must read the same row."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import renderers as api
from coalitions.models import ActionArea, ActionCoalition, Country, Theme
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from reporting.stored_statuses import refresh_stored_statuses

pytestmark = pytest.mark.django_db

RELATED = ("coalitions", "action_areas", "themes", "countries")


def csv_rows(response):
    assert response.status_code == 200, response.content
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def linked_commitment():
    """A commitment whose related rows were linked out of their display
    order: coalitions by their order, areas by coalition then number,
    themes and countries by name."""
    commitment = ApprovedCommitmentFactory(
        coalitions=[
            ActionCoalition.objects.get(slug="technology-and-innovation"),
            ActionCoalition.objects.get(slug="gender-based-violence"),
        ],
        countries=[Country.objects.get(code="SN"), Country.objects.get(code="KE")],
    )
    tech_area = ActionArea.objects.filter(coalition__slug="technology-and-innovation").order_by("number").first()
    violence_areas = list(ActionArea.objects.filter(coalition__slug="gender-based-violence").order_by("-number")[:2])
    commitment.action_areas.set([tech_area, *violence_areas])
    commitment.themes.set(Theme.objects.order_by("-name")[:2])
    return commitment


def test_a_list_row_shows_related_codes_in_the_order_of_the_related_lists(anon, linked_commitment):
    (row,) = anon.get("/api/v1/commitments/").json()["results"]

    assert row["coalitions"] == ["gender-based-violence", "technology-and-innovation"]
    assert row["countries"] == ["KE", "SN"]
    assert row["action_areas"] == list(
        linked_commitment.action_areas.order_by("coalition__order", "number").values_list("pk", flat=True)
    )
    assert row["themes"] == list(linked_commitment.themes.order_by("name").values_list("slug", flat=True))


def test_page_cursor_csv_and_detail_show_the_same_commitment_alike(anon, linked_commitment, open_cycle):
    # The factories skip the services, and opening a cycle queues the refresh
    # of stored statuses that bulk pulls read: run it, as the job would.
    refresh_stored_statuses()
    detail = anon.get(f"/api/v1/commitments/{linked_commitment.pk}/").json()
    (page_row,) = anon.get("/api/v1/commitments/").json()["results"]
    (cursor_row,) = anon.get("/api/v1/commitments/?mode=cursor").json()["results"]
    (csv_row,) = csv_rows(anon.get("/api/v1/commitments/?format=csv"))

    # The detail adds the commitment's deliverables, indicators and SMART criteria.
    assert page_row == cursor_row == {name: detail[name] for name in page_row}
    assert {"deliverables", "indicators", "smart_criteria"} <= set(detail) - set(page_row)
    assert detail["maker_name"] == linked_commitment.maker.name
    assert detail["reporting_status"] == "due"
    for name in RELATED:
        assert csv_row[name] == ";".join(str(code) for code in detail[name]), name


def test_a_commitment_without_themes_or_areas_lists_them_empty(anon):
    ApprovedCommitmentFactory()

    (row,) = anon.get("/api/v1/commitments/").json()["results"]

    assert row["themes"] == []
    assert row["action_areas"] == []
    assert row["coalitions"] == ["gender-based-violence"]


def test_csv_rows_keep_their_own_codes_across_chunks(anon, monkeypatch):
    monkeypatch.setattr(api, "CSV_CHUNK_SIZE", 3)
    maker = MakerFactory()
    countries = list(Country.objects.order_by("code")[:8])
    made = {
        ApprovedCommitmentFactory(maker=maker, countries=[country]).reference: country.code for country in countries
    }

    rows = csv_rows(anon.get("/api/v1/commitments/?format=csv"))

    assert {row["reference"]: row["countries"] for row in rows} == made


def test_the_page_is_chosen_without_computing_every_matching_rows_reporting_status(anon, open_cycle):
    # Computed for each of 100,000 matching rows before the cut, the
    # reporting status took most of the time of a page.
    ApprovedCommitmentFactory.create_batch(3)

    with CaptureQueriesContext(connection) as captured:
        response = anon.get("/api/v1/commitments/", {"page_size": 2})

    assert response.status_code == 200
    (choosing,) = [query["sql"] for query in captured if query["sql"].endswith("LIMIT 2")]
    assert "reporting_progressreport" not in choosing


def test_a_cursor_page_after_a_deep_position_walks_the_id_index(anon):
    ApprovedCommitmentFactory.create_batch(3)
    first = anon.get("/api/v1/commitments/", {"mode": "cursor", "page_size": 1}).json()

    with CaptureQueriesContext(connection) as captured:
        response = anon.get(first["next"])

    assert response.status_code == 200
    (choosing,) = [query["sql"] for query in captured if query["sql"].endswith("LIMIT 2")]
    assert '"id" >' in choosing
    assert "reporting_progressreport" not in choosing
    assert "ORDER BY 1 ASC" in choosing or '"id" ASC' in choosing
