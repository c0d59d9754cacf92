"""The country pages at /countries/<code>/, the index and the region pages:
their figures agree with the catalogue, their downloads hold exactly the
commitments they list, and their query counts do not grow with the data."""

import csv
import io

import pytest
from django.http import QueryDict
from openpyxl import load_workbook

from coalitions.models import CoalitionLeader, Country, Region
from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from public import catalogue
from reporting import countries, summaries
from reporting.stored_statuses import refresh_stored_statuses
from reporting.tests.factories import ProgressReportFactory, open_cycle

pytestmark = pytest.mark.django_db


def tanzanian_maker():
    return MakerFactory(country=Country.objects.get(code="TZ"))


def seed(count):
    """`count` public commitments covering Kenya (some by a Tanzanian maker,
    some in Nairobi, one withdrawn), plus others that must stay off the page."""
    cycle = open_cycle()
    made = []
    for index in range(count):
        maker = tanzanian_maker() if index % 3 == 0 else MakerFactory()
        commitment = ApprovedCommitmentFactory(maker=maker)
        commitment.countries.set(["KE", "TZ"] if index % 2 else ["KE"])
        if index % 2:
            commitment.places.set(["KE-30"])
        if index % 4 == 0:
            ProgressReportFactory(commitment=commitment, cycle=cycle, status="submitted")
        made.append(commitment)
    made[-1].status = Commitment.Status.WITHDRAWN
    made[-1].save()
    CommitmentFactory()  # a draft in Kenya
    ApprovedCommitmentFactory(maker=tanzanian_maker())  # covers Tanzania only
    # Built past the services: store the reporting statuses as they would.
    refresh_stored_statuses()
    return made


def test_the_country_page_figures_agree_with_the_catalogue_filtered_by_that_country(client):
    made = seed(6)

    response = client.get("/countries/KE/")

    figures = response.context["figures"]
    catalogue_rows = catalogue.catalogue_filterset(QueryDict("country=KE")).qs
    assert figures["commitments"] == catalogue_rows.count() == 6
    assert figures["makers"] == catalogue_rows.values("maker_id").distinct().count()
    assert {row.reference for row in response.context["page"].rows} == {c.reference for c in made}
    assert figures["rate"]["owing"] == 5 and figures["rate"]["reported"] == 2
    owing = catalogue.catalogue_filterset(QueryDict("country=KE&status=approved")).qs
    assert figures["rate"]["owing"] == owing.count()
    assert response.context["by_place"] == [{"code": "KE-30", "name": "Nairobi City", "commitments": 3}]


def test_the_page_shows_coalition_leadership_and_both_kinds_of_makers(client):
    commitment = ApprovedCommitmentFactory(maker=MakerFactory(name="Government of Kenya"))
    tanzanian = ApprovedCommitmentFactory(maker=tanzanian_maker())
    tanzanian.countries.set(["KE"])
    CoalitionLeader.objects.create(coalition=commitment.coalitions.get(), maker=commitment.maker, since=2021)

    page = client.get("/countries/KE/").content.decode()

    assert "<bdi>Government of Kenya</bdi> co-leads Gender-Based Violence" in page
    context = client.get("/countries/KE/").context
    assert [m.name for m in context["makers_based"]] == ["Government of Kenya"]
    assert {m.pk for m in context["makers_committed"]} == {commitment.maker_id, tanzanian.maker_id}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_downloads_hold_exactly_the_commitments_of_the_page(client, file_format):
    made = seed(5)
    listed = {row.reference for row in client.get("/countries/KE/", {"per_page": 100}).context["page"].rows}

    response = client.get(f"/countries/KE/commitments.{file_format}")

    assert response.status_code == 200
    if file_format == "csv":
        text = b"".join(response.streaming_content).decode()
        downloaded = {row["reference"] for row in csv.DictReader(io.StringIO(text))}
    else:
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        downloaded = {row[rows[0].index("reference")] for row in rows[1:]}
    assert downloaded == listed == {c.reference for c in made}


def test_a_country_too_big_for_a_spreadsheet_offers_the_csv_and_refuses_the_xlsx(client, monkeypatch):
    from public import catalogue

    seed(3)
    monkeypatch.setattr(catalogue, "XLSX_MAX_ROWS", 2)

    page = client.get("/countries/KE/").content.decode()
    assert "/countries/KE/commitments.csv" in page and "/countries/KE/commitments.xlsx" not in page
    response = client.get("/countries/KE/commitments.xlsx")
    assert response.status_code == 400 and "download the CSV" in response.content.decode()


def test_a_region_page_lists_commitments_covering_its_countries(client):
    made = seed(3)
    response = client.get("/regions/africa/")

    assert response.status_code == 200
    assert response.context["figures"]["commitments"] == len(made) + 1  # the Tanzanian one too
    assert client.get("/regions/europe-central-asia/").context["figures"]["commitments"] == 0


def test_the_index_lists_countries_with_commitments_and_their_counts(client):
    seed(4)

    response = client.get("/countries/")

    africa = next(region for region in response.context["regions"] if region["code"] == "africa")
    assert [(row["code"], row["commitments"]) for row in africa["countries"]] == [("KE", 4), ("TZ", 3)]
    assert 'href="/countries/KE/"' in response.content.decode()


def test_an_unknown_iso_code_or_region_is_a_404(client):
    assert client.get("/countries/QQ/").status_code == 404
    assert client.get("/countries/KEN/").status_code == 404
    assert client.get("/regions/atlantis/").status_code == 404
    assert client.get("/countries/KE/commitments.pdf").status_code == 404


def test_a_lowercase_code_goes_to_the_country_page(client):
    response = client.get("/countries/ke/")

    assert response.status_code == 302 and response.url == "/countries/KE/"


def test_commitment_pages_link_country_names_to_the_country_page(client):
    commitment = ApprovedCommitmentFactory()
    commitment.places.set(["KE-30"])

    page = client.get(f"/commitments/{commitment.reference}/").content.decode()

    assert 'href="/countries/KE/"' in page and "Nairobi City" in page


@pytest.mark.parametrize("size", [3, 12])
def test_the_country_page_runs_a_constant_number_of_queries(client, size, django_assert_max_num_queries):
    seed(size)
    summaries.refresh_all()  # as the worker does after the changes

    with django_assert_max_num_queries(COUNTRY_PAGE_QUERIES):
        assert client.get("/countries/KE/").status_code == 200


@pytest.mark.parametrize("size", [3, 12])
def test_the_region_and_index_pages_run_a_constant_number_of_queries(client, size, django_assert_max_num_queries):
    seed(size)
    summaries.refresh_all()

    with django_assert_max_num_queries(COUNTRY_PAGE_QUERIES + 1):  # + the region's country codes
        assert client.get("/regions/africa/").status_code == 200
    with django_assert_max_num_queries(INDEX_QUERIES):
        assert client.get("/countries/").status_code == 200


@pytest.mark.parametrize("size", [3, 12])
def test_the_worker_computes_every_country_and_region_in_a_constant_number_of_queries(
    size, django_assert_max_num_queries
):
    seed(size)
    # A commitment in every region: a region with commitments costs more
    # queries than one without (its reporting statuses and their cycles).
    ApprovedCommitmentFactory().countries.set(
        [Country.objects.filter(region=region).order_by("code").first() for region in Region.values]
    )

    with django_assert_max_num_queries(COMPUTE_QUERIES):
        computed = countries.compute_figures()

    assert {"KE", "TZ"} <= set(computed["countries"])
    assert all(region["commitments"] for region in computed["regions"].values())


def test_every_countrys_stored_figures_are_those_of_its_own_commitments_counted_alone(client):
    """The grouped computation of every country at once gives, for each, what
    the per-place aggregates give over the catalogue's own filter."""
    seed(7)
    other = ApprovedCommitmentFactory(maker=tanzanian_maker(), financial_amount_usd=5000)
    other.countries.set(["TZ", "BA"])
    other.places.set(["TZ-02"])
    refresh_stored_statuses()

    stored = countries.compute_figures()

    for code in ("KE", "TZ", "BA"):
        alone = countries._figures(countries.commitments_in([code]), [code], with_places=True)
        assert stored["countries"][code] == alone, code
    assert (
        stored["regions"]["africa"]["commitments"]
        == countries.commitments_in(countries.country_codes_of("africa")).count()
    )


def test_the_page_says_when_its_figures_were_computed_and_a_worker_refreshes_them(client):
    seed(3)
    first = client.get("/countries/KE/")
    assert "Figures as of" in first.content.decode()
    assert first.context["figures"]["commitments"] == 3
    ApprovedCommitmentFactory().countries.set(["KE"])

    assert client.get("/countries/KE/").context["figures"]["commitments"] == 3  # stored, not recomputed
    summaries.refresh_all()
    assert client.get("/countries/KE/").context["figures"]["commitments"] == 4


# The figures (one stored row), the country, the catalogue filter's check of
# the code (twice), the page (ids, cycles, cards, their coalitions), the
# names of coalitions and places, both maker lists and the leaders.
COUNTRY_PAGE_QUERIES = 15  # + the published focal points and their places, the latest country report
# The stored index and the countries' names.
INDEX_QUERIES = 2
# Every country at once (totals, coalitions and their slugs, places, reporting
# statuses and their cycles, makers based there), then each of the six
# regions as one place.
COMPUTE_QUERIES = 75


def test_the_country_page_names_its_published_focal_points_only(client):
    from commitments.tests.factories import UserFactory
    from reporting.tests.factories import focal_point

    focal_point("KE", published=True)
    focal_point("KE", user=UserFactory(first_name="Unpublished", last_name="Person"))

    html = client.get("/countries/KE/").content.decode()

    assert "Amina Otieno" in html
    assert "Unpublished Person" not in html


def test_country_and_coalition_names_follow_the_readers_language_and_the_index_sorts_in_it(client):
    from coalitions.models import ActionCoalition

    kenyan = MakerFactory(country=Country.objects.get(code="KE"))
    ApprovedCommitmentFactory(maker=kenyan, coalitions=[ActionCoalition.objects.get(slug="gender-based-violence")])
    ApprovedCommitmentFactory(maker=MakerFactory(country=Country.objects.get(code="DE")))
    page = client.get("/ru/countries/KE/").content.decode()
    index = client.get("/ru/countries/").content.decode()

    assert "<h1>Кения</h1>" in page  # CLDR's name, through django-countries
    assert "Гендерное насилие" in page  # the coalition's Russian name
    assert "Кения" in index and "Германия" in index
