"""A commitment's history: every change through the services is one version
with the links it had then, an approved amendment leaves the version before
it, and `commitment_versions` says what changed in words."""

import pytest

from coalitions.models import ActionArea, ActionCoalition, Country, Theme
from commitments import services
from commitments.history import commitment_versions
from commitments.models import Commitment

pytestmark = pytest.mark.django_db


def coalition(slug):
    return ActionCoalition.objects.get(slug=slug)


def data(**overrides):
    values = {
        "title": "Fund 40 women-led climate adaptation cooperatives",
        "description": "Grants and training for cooperatives run by women farmers in the Sahel.",
        "commitment_types": ["programme"],
        "scope": "regional",
        "start_year": 2022,
        "end_year": 2026,
        "coalitions": [coalition("feminist-action-for-climate-justice")],
        "action_areas": [ActionArea.objects.get(coalition__slug="feminist-action-for-climate-justice", number=1)],
        "themes": [Theme.objects.get(slug="financing")],
        "countries": [Country.objects.get(code="SN")],
    }
    values.update(overrides)
    return values


def published(member, reviewer, **overrides):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=data(**overrides))
    services.commitment_submit(actor=member, commitment=commitment)
    return services.commitment_approve(actor=reviewer, commitment=commitment)


def links_of(record, name):
    target = Commitment._meta.get_field(name).m2m_reverse_field_name()
    return sorted(str(getattr(row, target)) for row in getattr(record, name).all())


def test_creating_a_commitment_records_one_version_with_its_links(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=data())

    records = list(commitment.history.all())
    assert len(records) == 1
    assert records[0].history_type == "+"
    assert links_of(records[0], "coalitions") == ["Feminist Action for Climate Justice"]
    assert links_of(records[0], "countries") == ["Senegal"]


def test_editing_links_records_one_version_with_the_final_links(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=data())
    services.commitment_update(
        actor=member,
        commitment=commitment,
        data={"countries": [Country.objects.get(code="ML"), Country.objects.get(code="NE")], "themes": []},
    )

    latest, *older = list(commitment.history.all())
    assert len(older) == 1
    assert latest.history_user == member
    assert links_of(latest, "countries") == ["Mali", "Niger"]
    assert links_of(latest, "themes") == []
    assert links_of(older[0], "countries") == ["Senegal"]


def test_each_step_of_the_review_is_one_version_by_whoever_took_it(member, reviewer):
    commitment = published(member, reviewer)

    records = list(commitment.history.order_by("history_id"))
    assert [(record.status, record.history_user) for record in records] == [
        ("draft", member),
        ("submitted", member),
        ("approved", reviewer),
    ]
    assert all(links_of(record, "coalitions") == ["Feminist Action for Climate Justice"] for record in records)


def test_a_link_change_reads_as_names_added_and_removed(member, reviewer):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=data())
    services.commitment_update(
        actor=member,
        commitment=commitment,
        data={"countries": [Country.objects.get(code="ML")], "title": "Fund 60 cooperatives"},
    )

    latest = commitment_versions(commitment)[0]
    assert latest.user == member
    assert [(change.label, change.added, change.removed) for change in latest.links] == [
        ("countries", ["Mali"], ["Senegal"])
    ]
    assert [(change.label, change.before, change.after) for change in latest.fields] == [
        ("title", "Fund 40 women-led climate adaptation cooperatives", "Fund 60 cooperatives")
    ]


def test_an_approved_amendment_keeps_the_version_before_it(member, reviewer):
    commitment = published(member, reviewer, commitment_types=["programme", "financial"], financial_amount_usd=1000)
    amendment = services.commitment_start_amendment(actor=member, commitment=commitment)
    services.commitment_update(
        actor=member,
        commitment=amendment,
        data={"financial_amount_usd": 250000, "coalitions": [coalition("gender-based-violence")], "action_areas": []},
    )
    services.commitment_submit(actor=member, commitment=amendment)
    services.commitment_approve(actor=reviewer, commitment=amendment)

    amended, before, *_rest = commitment_versions(commitment, public=True)
    assert before.first and before.status == "approved"
    assert amended.user is None
    assert [(change.before, change.after) for change in amended.fields] == [("US$1,000", "US$250,000")]
    coalitions = next(change for change in amended.links if change.label == "Action Coalitions")
    assert coalitions.added == ["Gender-Based Violence"]
    assert coalitions.removed == ["Feminist Action for Climate Justice"]
    # One version for the amendment, with the amended links.
    assert commitment.history.count() == 4
    assert links_of(commitment.history.first(), "coalitions") == ["Gender-Based Violence"]


def test_the_public_sees_no_version_from_before_publication(member, reviewer):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=data())
    services.commitment_update(actor=member, commitment=commitment, data={"title": "A draft title nobody saw"})
    services.commitment_submit(actor=member, commitment=commitment)
    services.commitment_approve(actor=reviewer, commitment=commitment)

    versions = commitment_versions(commitment, public=True)
    assert len(versions) == 1
    assert versions[0].first and not versions[0].changed


def test_withdrawal_shows_publicly_as_a_change_of_status(member, reviewer):
    commitment = published(member, reviewer)
    services.commitment_withdraw(actor=member, commitment=commitment, comment="Funding ended.")

    withdrawn = commitment_versions(commitment, public=True)[0]
    assert [(change.before, change.after) for change in withdrawn.fields] == [("Approved", "Withdrawn")]


def test_reading_versions_takes_the_same_queries_however_many_there_are(member, reviewer, django_assert_num_queries):
    commitment = published(member, reviewer)
    with django_assert_num_queries(5):
        commitment_versions(commitment)
    for year in range(2027, 2037):
        amendment = services.commitment_start_amendment(actor=member, commitment=commitment)
        services.commitment_update(actor=member, commitment=amendment, data={"end_year": year})
        services.commitment_submit(actor=member, commitment=amendment)
        services.commitment_approve(actor=reviewer, commitment=amendment)
    with django_assert_num_queries(5):
        versions = commitment_versions(commitment)
    assert len(versions) == 13
