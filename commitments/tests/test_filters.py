"""The commitments FilterSet that the catalogue and the API share."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from coalitions.models import ActionCoalition, Country
from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from reporting.filters import CommitmentFilterSet

pytestmark = pytest.mark.django_db


def filtered(params):
    """Filter as a request with this query string would."""
    query = QueryDict(urlencode(params, doseq=True))
    filterset = CommitmentFilterSet(query, queryset=Commitment.objects.public())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


def test_coalition_filter_takes_slugs_and_returns_each_commitment_once():
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    tech = ActionCoalition.objects.get(slug="technology-and-innovation")
    both = ApprovedCommitmentFactory(coalitions=[gbv, tech])
    only_tech = ApprovedCommitmentFactory(coalitions=[tech])
    ApprovedCommitmentFactory(coalitions=[ActionCoalition.objects.get(slug="economic-justice-and-rights")])

    result = filtered({"coalition": ["gender-based-violence", "technology-and-innovation"]})

    assert sorted(c.pk for c in result) == sorted([both.pk, only_tech.pk])


def test_unknown_coalition_slug_makes_the_filter_invalid_with_a_message():
    filterset = CommitmentFilterSet({"coalition": "no-such-coalition"}, queryset=Commitment.objects.all())

    assert not filterset.is_valid()
    assert "coalition" in filterset.errors


def test_region_filter_follows_the_makers_country():
    kenyan = ApprovedCommitmentFactory(maker=MakerFactory(country=Country.objects.get(code="KE")))
    ApprovedCommitmentFactory(maker=MakerFactory(country=Country.objects.get(code="KZ")))

    assert filtered({"region": "africa"}) == [kenyan]


def test_commitment_type_filter_matches_any_chosen_type():
    financial = ApprovedCommitmentFactory(is_programme=False, is_financial=True, financial_amount_usd=5000)
    ApprovedCommitmentFactory(is_programme=False, is_policy=True)

    assert filtered({"commitment_type": "financial"}) == [financial]


def test_amount_range_and_search_combine():
    wanted = ApprovedCommitmentFactory(
        title="Digital skills for rural girls", is_financial=True, financial_amount_usd=250_000
    )
    ApprovedCommitmentFactory(title="Digital skills for rural girls", is_financial=True, financial_amount_usd=10)
    ApprovedCommitmentFactory(title="Shelters", is_financial=True, financial_amount_usd=250_000)

    assert filtered({"search": "digital GIRLS", "min_amount": "1000", "max_amount": "1000000"}) == [wanted]


def test_ordering_always_ends_on_the_id_so_pages_are_stable():
    first, second = ApprovedCommitmentFactory(start_year=2022), ApprovedCommitmentFactory(start_year=2022)

    assert filtered({"ordering": "start_year"}) == [first, second]
    assert filtered({"ordering": "-start_year"}) == [second, first]


def test_reporting_status_filter_reads_the_stored_status(open_cycle):
    from reporting.stored_statuses import refresh_stored_statuses

    commitment = ApprovedCommitmentFactory()
    refresh_stored_statuses()  # the factory wrote past the services

    assert filtered({"reporting_status": "due"}) == [commitment]
    assert filtered({"reporting_status": "reported"}) == []
