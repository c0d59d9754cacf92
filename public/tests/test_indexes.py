"""The indexes of makers at /makers/ and of coalitions at /coalitions/."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import ActionCoalition, Country
from commitments.models import Commitment, CommitmentMaker
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from reporting import summaries

pytestmark = pytest.mark.django_db

MAKERS = "/makers/"
COALITIONS = "/coalitions/"


def names(response):
    return [maker.name for maker in response.context["page"].rows]


def test_makers_are_listed_with_their_public_commitments_only(client):
    busy = MakerFactory(name="Alpha Trust")
    ApprovedCommitmentFactory(maker=busy)
    ApprovedCommitmentFactory(maker=busy, status=Commitment.Status.WITHDRAWN)
    CommitmentFactory(maker=busy)  # a draft: not counted
    ApprovedCommitmentFactory(maker=MakerFactory(name="Beta Fund"))
    MakerFactory(name="Gamma, nothing published")

    response = client.get(MAKERS)

    assert names(response) == ["Alpha Trust", "Beta Fund"]
    assert [m.public_commitments for m in response.context["page"].rows] == [2, 1]
    page = response.content.decode()
    assert f'href="/makers/{busy.pk}/"' in page
    assert "Gamma" not in page


def test_the_maker_index_finds_a_maker_by_acronym(client):
    ApprovedCommitmentFactory(maker=MakerFactory(name="United Nations Population Fund", acronym="UNFPA"))
    ApprovedCommitmentFactory(maker=MakerFactory(name="Another", acronym="ANO"))

    response = client.get(MAKERS, {"search": "unfpa"})

    assert names(response) == ["United Nations Population Fund"]
    assert [chip.label for chip in response.context["chips"]] == ["Words in the name or acronym: unfpa"]


def test_the_maker_index_filters_by_constituency_and_country(client):
    kenya, france = Country.objects.get(code="KE"), Country.objects.get(code="FR")
    ApprovedCommitmentFactory(maker=MakerFactory(name="Youth Kenya", constituency="youth_led", country=kenya))
    ApprovedCommitmentFactory(maker=MakerFactory(name="Youth France", constituency="youth_led", country=france))
    ApprovedCommitmentFactory(maker=MakerFactory(name="State Kenya", constituency="member_state", country=kenya))

    response = client.get(MAKERS, {"constituency": "youth_led", "country": "KE"})

    assert names(response) == ["Youth Kenya"]


def test_the_maker_index_drops_empty_parameters(client):
    response = client.get(MAKERS, {"search": "", "country": "", "constituency": "youth_led"})

    assert response.status_code == 302
    assert response["Location"] == f"{MAKERS}?constituency=youth_led"


def _maker_index_queries(client, how_many):
    Commitment.objects.all().delete()
    CommitmentMaker.objects.all().delete()
    for _ in range(how_many):
        ApprovedCommitmentFactory()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MAKERS, {"search": "network"})
    assert len(response.context["page"].rows) == how_many
    return len(queries)


def test_the_maker_index_runs_the_same_number_of_queries_for_5_and_40_makers(client):
    assert _maker_index_queries(client, 5) == _maker_index_queries(client, 40) <= 5


def test_the_coalition_index_lists_every_coalition_with_its_approved_commitments(client):
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    ApprovedCommitmentFactory(coalitions=[gbv], is_financial=True, financial_amount_usd=1000)
    ApprovedCommitmentFactory(coalitions=[gbv])
    CommitmentFactory(coalitions=[gbv])  # a draft: not counted

    response = client.get(COALITIONS)

    coalitions = response.context["coalitions"]
    assert len(coalitions) == ActionCoalition.objects.count()
    counted = {c.slug: c.approved_commitments for c in coalitions}
    assert counted["gender-based-violence"] == 2
    assert counted["technology-and-innovation"] == 0
    page = response.content.decode()
    assert 'href="/coalitions/gender-based-violence/"' in page
    assert "US$1,000" in page


def _coalition_index_queries(client, how_many):
    cache.clear()
    Commitment.objects.all().delete()
    for _ in range(how_many):
        ApprovedCommitmentFactory()
    summaries.refresh_all()  # the worker's part (reporting.summaries)
    with CaptureQueriesContext(connection) as queries:
        client.get(COALITIONS)
    return len(queries)


def test_the_coalition_index_runs_the_same_number_of_queries_for_5_and_40_commitments(client):
    assert _coalition_index_queries(client, 5) == _coalition_index_queries(client, 40)


def test_the_site_navigation_links_to_both_indexes(client):
    page = client.get("/").content.decode()

    assert 'href="/makers/"' in page
    assert 'href="/coalitions/"' in page
