"""The stored link codes always equal what the link tables say, in the
API's order, after every kind of change to a commitment's links."""

import pytest

from coalitions.models import ActionArea, ActionCoalition, Country, Subdivision, Theme
from commitments import services
from commitments.models import StoredLinkCodes
from commitments.stored_codes import CODE_FIELDS, codes_by_commitment, refresh_stored_codes, split
from commitments.tests.factories import ApprovedCommitmentFactory

from .test_history import data, published

pytestmark = pytest.mark.django_db


def stored(commitment):
    row = StoredLinkCodes.objects.filter(commitment=commitment).first()
    return {name: split(name, getattr(row, name)) if row else [] for name in CODE_FIELDS}


def assert_stored_equals_the_links(*commitments):
    truth = codes_by_commitment([commitment.pk for commitment in commitments])
    for commitment in commitments:
        assert stored(commitment) == truth[commitment.pk], commitment


def test_the_services_leave_the_stored_codes_equal_to_the_links(member, reviewer):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=data())
    assert stored(commitment)["countries"] == ["SN"]
    assert_stored_equals_the_links(commitment)

    services.commitment_update(
        actor=member,
        commitment=commitment,
        data={"countries": [Country.objects.get(code="ML"), Country.objects.get(code="BF")], "themes": []},
    )
    assert stored(commitment)["countries"] == ["BF", "ML"]  # in the countries' order, by name
    assert stored(commitment)["themes"] == []
    assert_stored_equals_the_links(commitment)


def test_an_approved_amendment_writes_its_links_back_into_the_stored_codes(member, reviewer):
    commitment = published(member, reviewer)
    amendment = services.commitment_start_amendment(actor=member, commitment=commitment)
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    services.commitment_update(
        actor=member,
        commitment=amendment,
        data={"coalitions": [gbv], "action_areas": [ActionArea.objects.get(coalition=gbv, number=2)]},
    )
    assert_stored_equals_the_links(commitment, amendment)
    services.commitment_submit(actor=member, commitment=amendment)
    services.commitment_approve(actor=reviewer, commitment=amendment)

    assert stored(commitment)["coalitions"] == ["gender-based-violence"]
    assert_stored_equals_the_links(commitment)


def test_links_added_removed_set_and_cleared_are_followed():
    one, two = ApprovedCommitmentFactory(), ApprovedCommitmentFactory()
    finance = Theme.objects.get(slug="financing")
    one.themes.add(finance)
    two.themes.add(finance)
    assert "financing" in stored(one)["themes"] and "financing" in stored(two)["themes"]
    two.themes.remove(finance)
    assert "financing" not in stored(two)["themes"]
    one.themes.clear()
    assert stored(one)["themes"] == []
    kenya = Country.objects.get(code="KE")
    one.countries.set([kenya])
    one.places.set(Subdivision.objects.filter(country=kenya).order_by("code")[:2])
    assert_stored_equals_the_links(one, two)
    one.countries.clear()
    assert stored(one)["countries"] == []
    assert_stored_equals_the_links(one, two)


def test_links_written_behind_the_orms_back_are_mended_by_the_refresh():
    commitment = ApprovedCommitmentFactory()
    through = commitment.themes.through
    through.objects.bulk_create([through(commitment=commitment, theme=Theme.objects.get(slug="education"))])
    assert "education" not in stored(commitment)["themes"]  # bulk writes send no signal

    assert refresh_stored_codes() >= 1
    assert "education" in stored(commitment)["themes"]
    assert_stored_equals_the_links(commitment)


def test_the_daily_job_writes_them_again():
    from jobs.tasks import refresh_link_codes

    commitment = ApprovedCommitmentFactory()
    StoredLinkCodes.objects.filter(commitment=commitment).delete()

    refresh_link_codes.delay()

    assert_stored_equals_the_links(commitment)
    assert StoredLinkCodes.objects.filter(commitment=commitment).exists()
