"""Pages for browsing, a keyset cursor for bulk pulls, and lists that run
the same number of queries however many rows they return."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import Subdivision
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from reporting.models import AccountabilityReport, ReportingCycle
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


def test_pages_hold_fifty_rows_by_default_and_link_to_the_next(anon):
    maker = MakerFactory()
    ApprovedCommitmentFactory.create_batch(55, maker=maker)

    first = anon.get("/api/v1/commitments/").json()
    second = anon.get(first["next"]).json()

    assert first["count"] == 55
    assert len(first["results"]) == 50
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/commitments/"


@pytest.mark.parametrize("page_size", ["0", "-3", "501", "many"])
def test_a_page_size_out_of_bounds_answers_400(anon, page_size):
    response = anon.get("/api/v1/commitments/", {"page_size": page_size})

    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


def test_a_page_past_the_end_is_not_found(anon):
    ApprovedCommitmentFactory()

    response = anon.get("/api/v1/commitments/", {"page": 2})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_deep_pages_are_refused_with_a_pointer_to_the_cursor(anon):
    response = anon.get("/api/v1/commitments/", {"page": 21, "page_size": 500})

    assert response.status_code == 400
    assert "mode=cursor" in response.json()["errors"]["page"][0]


def test_the_count_is_cached_for_the_same_filters(anon):
    ApprovedCommitmentFactory()
    assert anon.get("/api/v1/commitments/").json()["count"] == 1
    ApprovedCommitmentFactory()

    assert anon.get("/api/v1/commitments/").json()["count"] == 1
    assert anon.get("/api/v1/commitments/", {"scope": "national"}).json()["count"] == 2
    cache.clear()
    assert anon.get("/api/v1/commitments/").json()["count"] == 2


def test_the_cursor_walks_every_row_once_in_id_order(anon):
    maker = MakerFactory()
    created = sorted(c.pk for c in ApprovedCommitmentFactory.create_batch(23, maker=maker))

    seen, url, pages = [], "/api/v1/commitments/?mode=cursor&page_size=5", 0
    while url:
        body = anon.get(url).json()
        assert body["count"] is None
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1

    assert seen == created
    assert pages == 5


def test_the_cursor_keeps_the_filters(anon):
    maker = MakerFactory()
    ApprovedCommitmentFactory.create_batch(3, maker=maker, scope="local")
    ApprovedCommitmentFactory.create_batch(3, maker=maker, scope="global")

    body = anon.get("/api/v1/commitments/", {"mode": "cursor", "scope": "local", "page_size": 2}).json()
    rest = anon.get(body["next"]).json()

    assert {row["scope"] for row in body["results"] + rest["results"]} == {"local"}
    assert len(body["results"] + rest["results"]) == 3


def test_a_forged_cursor_is_not_found_rather_than_a_server_error(anon):
    import base64

    forged = base64.b64encode(b"p=not-a-number").decode()

    response = anon.get("/api/v1/commitments/", {"cursor": forged})

    assert response.status_code == 404


# Query counts ----------------------------------------------------------------


def seed_commitments(n):
    maker = MakerFactory()
    ApprovedCommitmentFactory.create_batch(n, maker=maker)


def seed_makers(n):
    for _ in range(n):
        ApprovedCommitmentFactory()


def seed_reports(n):
    from reporting.tests.factories import open_cycle

    cycle = open_cycle()
    maker = MakerFactory()
    for _ in range(n):
        ProgressReportFactory(cycle=cycle, status="accepted", commitment=ApprovedCommitmentFactory(maker=maker))


def seed_cycles(n):
    import datetime

    for year in range(2020, 2020 + n):
        ReportingCycle.objects.create(
            year=year, opens_on=datetime.date(year, 1, 1), closes_on=datetime.date(year, 3, 1)
        )


def seed_accountability_reports(n):
    seed_cycles(1)
    cycle = ReportingCycle.objects.get()
    for version in range(1, n + 1):
        AccountabilityReport.objects.create(cycle=cycle, version=version, status="succeeded")


def seed_focal_points(n):
    from commitments.tests.factories import UserFactory
    from reporting.tests.factories import focal_point

    kenya_places = list(Subdivision.objects.filter(country_id="KE")[:2])
    for _index in range(n):
        focal_point("KE", user=UserFactory(first_name="Focal", last_name="Point"), places=kenya_places, published=True)


def seed_nothing(n):
    pass


def seed_commitments_and_open_cycle(n):
    from reporting.tests.factories import open_cycle

    open_cycle()
    seed_commitments(n)


# url, how to seed 40 rows, the two page sizes, the most queries allowed
LISTS = [
    ("/api/v1/commitments/", seed_commitments, 5, 40, 9),
    ("/api/v1/commitments/?mode=cursor", seed_commitments, 5, 40, 8),
    (
        "/api/v1/commitments/?coalition=gender-based-violence&reporting_status=due",
        seed_commitments_and_open_cycle,
        5,
        40,
        11,  # one query per relation, places included
    ),
    ("/api/v1/subdivisions/?country=KE", seed_nothing, 5, 40, 3),  # + the check of the country code
    ("/api/v1/makers/", seed_makers, 5, 40, 2),
    ("/api/v1/focal-points/?country=KE", seed_focal_points, 5, 40, 4),  # + the country check, the places
    ("/api/v1/progress-reports/", seed_reports, 5, 40, 2),
    ("/api/v1/cycles/", seed_cycles, 5, 40, 2),
    ("/api/v1/accountability-reports/", seed_accountability_reports, 5, 40, 2),
    # Reference data has as many rows as the migration loads.
    ("/api/v1/coalitions/", seed_nothing, 2, 7, 2),
    ("/api/v1/action-areas/", seed_nothing, 5, 25, 2),
    ("/api/v1/themes/", seed_nothing, 2, 7, 2),
]


def queries_for(client, url, rows):
    cache.clear()
    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{url}{separator}page_size={rows}")
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == rows
    return len(captured)


@pytest.mark.parametrize("url,seed,few,many,most", LISTS, ids=[row[0] for row in LISTS])
def test_every_list_runs_the_same_number_of_queries_for_few_and_many_rows(anon, url, seed, few, many, most):
    seed(40)

    assert queries_for(anon, url, few) == queries_for(anon, url, many) <= most


def test_a_makers_own_commitment_list_runs_the_same_number_of_queries(maker_client, member):
    ApprovedCommitmentFactory.create_batch(20, maker=member.maker)
    ApprovedCommitmentFactory.create_batch(20, maker=MakerFactory())

    assert queries_for(maker_client, "/api/v1/commitments/", 5) == queries_for(maker_client, "/api/v1/commitments/", 40)


@pytest.mark.parametrize("language", ["ar", "zh-hans"])
def test_the_commitment_list_in_another_language_runs_the_english_number_of_queries(anon, language, settings):
    # Translated reference names are columns of the same rows
    # (coalitions/translation.py): no query per row in any language.
    if language not in dict(settings.LANGUAGES):  # Chinese joins LANGUAGES on another branch
        settings.LANGUAGES = [*settings.LANGUAGES, (language, language)]
    seed_commitments(40)
    english = queries_for(anon, "/api/v1/commitments/", 40)

    assert queries_for(anon, f"/api/v1/commitments/?lang={language}", 5) == english
    assert queries_for(anon, f"/api/v1/commitments/?lang={language}", 40) == english
    assert anon.get("/api/v1/commitments/", {"lang": language})["Content-Language"] == language
