"""The catalogue's search box, active-filter chips, clean URLs and the
spreadsheet download."""

import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from coalitions.models import ActionCoalition
from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from public import catalogue

pytestmark = pytest.mark.django_db

CATALOGUE = "/commitments/"
XLSX = "/commitments/export.xlsx"


def references(response):
    return [row.reference for row in response.context["page"].rows]


def gbv():
    return ActionCoalition.objects.get(slug="gender-based-violence")


def test_searching_a_reference_lists_exactly_that_commitment(client):
    wanted = ApprovedCommitmentFactory()
    ApprovedCommitmentFactory(description=f"Builds on {wanted.reference}.")

    response = client.get(CATALOGUE, {"search": wanted.reference})

    assert references(response) == [wanted.reference]


def test_searching_a_maker_acronym_lists_its_commitments(client):
    maker = MakerFactory(name="United Nations Population Fund", acronym="UNFPA")
    theirs = ApprovedCommitmentFactory(maker=maker, title="Midwifery schools")
    ApprovedCommitmentFactory(title="Midwifery elsewhere")

    response = client.get(CATALOGUE, {"search": "UNFPA"})

    assert references(response) == [theirs.reference]


def test_when_searching_the_sort_menu_offers_most_relevant_first(client):
    ApprovedCommitmentFactory(title="Cooperatives")

    page = client.get(CATALOGUE, {"search": "cooperatives"}).content.decode()

    assert '<option value="" selected>Most relevant</option>' in page
    assert '<option value="-published_at">Newest first</option>' in page


def test_each_active_filter_shows_as_a_chip_that_says_what_it_removes(client):
    ApprovedCommitmentFactory(coalitions=[gbv()], scope="national", title="Shelters")

    response = client.get(CATALOGUE, {"coalition": "gender-based-violence", "scope": "national", "search": "shelters"})

    labels = [chip.label for chip in response.context["chips"]]
    assert labels == ["Action Coalition: Gender-Based Violence", "Scope: National", "Search: shelters"]
    page = response.content.decode()
    assert 'aria-label="Remove filter: Action Coalition: Gender-Based Violence"' in page


def test_removing_a_chip_drops_only_that_filter_and_the_page_number(client):
    response = client.get(
        CATALOGUE,
        {"coalition": ["gender-based-violence", "technology-and-innovation"], "scope": "national", "page": "2"},
    )

    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    url = chips["Action Coalition: Gender-Based Violence"]
    assert url == f"{CATALOGUE}?coalition=technology-and-innovation&scope=national"
    assert chips["Scope: National"] == (
        f"{CATALOGUE}?coalition=gender-based-violence&coalition=technology-and-innovation"
    )


def test_removing_the_last_chip_leads_to_the_bare_catalogue(client):
    response = client.get(CATALOGUE, {"scope": "national"})

    assert [chip.remove_url for chip in response.context["chips"]] == [CATALOGUE]


def test_no_filter_no_chip(client):
    response = client.get(CATALOGUE, {"per_page": "50"})

    assert response.context["chips"] == []
    assert 'class="chips"' not in response.content.decode()


def test_a_form_submitted_with_empty_fields_redirects_to_the_clean_url(client):
    response = client.get(CATALOGUE, {"search": "", "scope": "national", "start_year": "", "ordering": ""})

    assert response.status_code == 302
    assert response["Location"] == f"{CATALOGUE}?scope=national"


def test_a_form_with_only_empty_fields_redirects_to_the_bare_catalogue(client):
    response = client.get(CATALOGUE, {"search": "", "ordering": ""})

    assert response.status_code == 302
    assert response["Location"] == CATALOGUE


def test_an_htmx_request_with_empty_fields_is_answered_and_told_the_clean_url(client):
    response = client.get(CATALOGUE, {"search": "", "scope": "national"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"{CATALOGUE}?scope=national"


def test_no_download_links_when_nothing_matches_but_a_way_back(client):
    ApprovedCommitmentFactory(title="Shelters")

    response = client.get(CATALOGUE, {"search": "zzzqqq"})

    page = response.content.decode()
    assert "Download CSV" not in page
    assert "Download XLSX" not in page
    assert "Clear all filters" in page
    assert f'href="{CATALOGUE}"' in page


def test_results_offer_both_downloads_with_the_current_filters(client):
    ApprovedCommitmentFactory(scope="national")

    response = client.get(CATALOGUE, {"scope": "national", "page": "1"})

    page = response.content.decode()
    assert "Download CSV" in page
    assert f'href="{XLSX}?scope=national"' in page


def test_the_xlsx_holds_exactly_the_filtered_commitments(client):
    wanted = [ApprovedCommitmentFactory(coalitions=[gbv()]) for _ in range(3)]
    ApprovedCommitmentFactory(coalitions=[ActionCoalition.objects.get(slug="technology-and-innovation")])

    response = client.get(XLSX, {"coalition": "gender-based-violence"})

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("reference", "title")
    assert sorted(row[0] for row in rows[1:]) == sorted(c.reference for c in wanted)


def test_the_xlsx_keeps_formula_like_titles_as_text(client):
    ApprovedCommitmentFactory(title='=HYPERLINK("http://evil")')

    response = client.get(XLSX)

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet["B2"]
    assert cell.value == '=HYPERLINK("http://evil")'
    assert cell.data_type == "s"


def test_a_set_too_large_for_a_spreadsheet_is_refused_with_the_way_to_get_it(client, monkeypatch):
    monkeypatch.setattr(catalogue, "XLSX_MAX_ROWS", 2)
    for _ in range(3):
        ApprovedCommitmentFactory()

    response = client.get(XLSX)
    listing = client.get(CATALOGUE).content.decode()

    assert response.status_code == 400
    assert "CSV" in response.content.decode()
    assert "Download XLSX" not in listing
    assert "holds at most 2 commitments" in listing


def _search_queries(client, how_many):
    cache.clear()
    Commitment.objects.all().delete()
    maker = MakerFactory(name="Cooperative Alliance", acronym="ICA")
    for n in range(how_many):
        extra = {"maker": maker} if n % 2 else {}
        ApprovedCommitmentFactory(title=f"Cooperatives, round {n}", coalitions=[gbv()], **extra)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            CATALOGUE, {"search": "cooperative", "coalition": "gender-based-violence", "per_page": 50}
        )
    assert len(response.context["page"].rows) == how_many
    return len(queries)


def test_a_search_with_chips_runs_the_same_number_of_queries_for_5_and_40_commitments(client):
    assert _search_queries(client, 5) == _search_queries(client, 40)
