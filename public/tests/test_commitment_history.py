"""The history on a public commitment page: what changed since publication and
when, links included, without who changed it or what happened in review."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import ActionCoalition, Country
from commitments import services
from commitments.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def published_commitment(member, reviewer):
    commitment = services.commitment_create(
        actor=member,
        maker=member.maker,
        data={
            "title": "Safe spaces for survivors in Nairobi",
            "description": "Shelters and hotlines.",
            "commitment_types": ["programme", "financial"],
            "financial_amount_usd": Decimal("50000"),
            "scope": "national",
            "start_year": 2022,
            "end_year": 2026,
            "coalitions": [ActionCoalition.objects.get(slug="gender-based-violence")],
            "countries": [Country.objects.get(code="KE")],
        },
    )
    services.commitment_update(actor=member, commitment=commitment, data={"title": "Working title never published"})
    services.commitment_update(actor=member, commitment=commitment, data={"title": "Safe spaces for survivors"})
    services.commitment_submit(actor=member, commitment=commitment)
    return services.commitment_approve(actor=reviewer, commitment=commitment, comment="Internal note: well costed")


def amend(commitment, member, reviewer, data):
    amendment = services.commitment_start_amendment(actor=member, commitment=commitment)
    services.commitment_update(actor=member, commitment=amendment, data=data)
    services.commitment_submit(actor=member, commitment=amendment)
    return services.commitment_approve(actor=reviewer, commitment=amendment, comment="Internal note: checked")


@pytest.fixture
def member(db):
    membership = MembershipFactory(role="owner", user__first_name="Wanjiru", user__last_name="Kamau")
    membership.user.maker = membership.maker
    return membership.user


def page_of(client, commitment):
    response = client.get(f"/commitments/{commitment.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_commitment_says_nothing_has_changed_since_it_was_published(client, member, reviewer):
    commitment = published_commitment(member, reviewer)

    page = page_of(client, commitment)

    assert "Changes since publication" in page
    assert "Nothing has changed since it was published on" in page


def test_an_amendment_shows_the_amount_before_and_after_and_the_countries_added_and_removed(client, member, reviewer):
    commitment = published_commitment(member, reviewer)
    amend(
        commitment,
        member,
        reviewer,
        {"financial_amount_usd": Decimal("80000"), "countries": [Country.objects.get(code="TZ")]},
    )

    page = page_of(client, commitment)

    assert "1 change since it was published" in page
    assert '<del dir="auto">US$50,000</del>' in page
    assert '<ins dir="auto">US$80,000</ins>' in page
    assert 'Added: <span dir="auto">Tanzania</span>' in page
    assert 'Removed: <span dir="auto">Kenya</span>' in page


def test_the_public_history_names_no_one_and_shows_no_draft_or_review_notes(client, member, reviewer):
    commitment = published_commitment(member, reviewer)
    amend(commitment, member, reviewer, {"end_year": 2028})

    page = page_of(client, commitment)

    assert "2026" in page and "2028" in page
    for hidden in ("Wanjiru", member.username, reviewer.username, "Working title never published", "Internal note"):
        assert hidden not in page, hidden


def test_the_commitment_page_runs_the_same_number_of_queries_for_1_and_12_versions(client, member, reviewer):
    few = published_commitment(member, reviewer)
    many = published_commitment(member, reviewer)
    for year in range(2027, 2038):
        amend(many, member, reviewer, {"end_year": year})

    counts = []
    for commitment in (few, many):
        with CaptureQueriesContext(connection) as queries:
            page_of(client, commitment)
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert "11 changes since it was published" in page_of(client, many)
