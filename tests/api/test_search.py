"""`?search=` on /api/v1/commitments/: the catalogue's search, for partners."""

import pytest

from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory

pytestmark = pytest.mark.django_db

COMMITMENTS = "/api/v1/commitments/"


def references(response):
    assert response.status_code == 200, response.content
    return [row["reference"] for row in response.json()["results"]]


def test_a_reference_finds_exactly_that_commitment(anon):
    wanted = ApprovedCommitmentFactory()
    ApprovedCommitmentFactory(description=f"Continues {wanted.reference}.")

    assert references(anon.get(COMMITMENTS, {"search": wanted.reference})) == [wanted.reference]


def test_a_maker_acronym_finds_its_commitments(anon):
    theirs = ApprovedCommitmentFactory(maker=MakerFactory(name="UN Women", acronym="UNW"), title="Leadership")
    ApprovedCommitmentFactory(title="Leadership elsewhere")

    assert references(anon.get(COMMITMENTS, {"search": "unw"})) == [theirs.reference]


def test_results_come_best_match_first_unless_an_ordering_is_given(anon):
    by_description = ApprovedCommitmentFactory(title="Radio", description="Cooperatives on air.", start_year=2021)
    by_title = ApprovedCommitmentFactory(title="Cooperatives", description="Credit.", start_year=2025, end_year=2026)

    assert references(anon.get(COMMITMENTS, {"search": "cooperatives"})) == [
        by_title.reference,
        by_description.reference,
    ]
    assert references(anon.get(COMMITMENTS, {"search": "cooperatives", "ordering": "start_year"})) == [
        by_description.reference,
        by_title.reference,
    ]


def test_a_search_pulls_in_cursor_mode_too(anon):
    wanted = ApprovedCommitmentFactory(title="Cooperatives")
    ApprovedCommitmentFactory(title="Radio")

    assert references(anon.get(COMMITMENTS, {"search": "cooperatives", "mode": "cursor"})) == [wanted.reference]
