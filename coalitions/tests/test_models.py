"""The reference data every database starts with, what the database refuses
for coalitions, action areas, countries and leaders, and what full_clean()
says about the same mistakes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from coalitions.models import ActionArea, ActionCoalition, CoalitionLeader, Country, Region, Theme
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory

pytestmark = pytest.mark.django_db


def gbv():
    return ActionCoalition.objects.get(slug="gender-based-violence")


def tech():
    return ActionCoalition.objects.get(slug="technology-and-innovation")


# Reference data loaded by the data migration -------------------------------------------


def test_the_six_action_coalitions_and_the_compact_are_loaded():
    kinds = sorted(ActionCoalition.objects.values_list("kind", flat=True))

    assert kinds == ["action_coalition"] * 6 + ["compact"]
    assert ActionCoalition.objects.get(kind="compact").slug == "women-peace-security-humanitarian-action"


def test_each_coalition_has_four_action_areas_and_the_compact_five():
    for coalition in ActionCoalition.objects.all():
        numbers = list(coalition.action_areas.order_by("number").values_list("number", flat=True))
        expected = 5 if coalition.kind == "compact" else 4
        assert numbers == list(range(1, expected + 1)), coalition


def test_technology_and_innovation_has_its_four_action_areas():
    titles = list(tech().action_areas.order_by("number").values_list("title", flat=True))

    assert titles == [
        "Bridge the Gender Gap in Digital Access and Competencies",
        "Invest in Feminist Technology and Innovation",
        "Build Inclusive, Transformative and Accountable Innovation Ecosystems",
        "Prevent and Eliminate Online and Tech-Facilitated GBV and Discrimination",
    ]


def test_the_seven_cross_cutting_themes_are_loaded():
    assert Theme.objects.count() == 7
    assert Theme.objects.filter(name__startswith="Transforming Gender Norms").exists()


def test_249_countries_are_loaded_each_with_a_un_women_region():
    assert Country.objects.count() == 249
    assert not Country.objects.exclude(region__in=Region.values).exists()
    assert set(Country.objects.values_list("region", flat=True)) == set(Region.values)
    assert Country.objects.get(code="KE").region == Region.AFRICA
    assert Country.objects.get(code="EG").region == Region.ARAB_STATES


def test_every_coalition_plans_for_2021_to_2026():
    assert set(ActionCoalition.objects.values_list("plan_start_year", "plan_end_year")) == {(2021, 2026)}


# Coalitions and action areas -------------------------------------------------------------


def test_the_database_refuses_a_second_action_area_with_the_same_number_in_a_coalition():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionArea.objects.create(coalition=gbv(), number=2, title="Duplicate")


def test_full_clean_names_the_number_of_a_duplicate_action_area():
    with pytest.raises(ValidationError) as refused:
        ActionArea(coalition=gbv(), number=2, title="Duplicate").full_clean()

    assert "number" in refused.value.message_dict


def test_the_same_number_is_free_in_another_coalition():
    ActionArea(coalition=gbv(), number=5, title="A fifth area").full_clean()


def test_an_action_area_keeps_its_number_when_edited():
    area = ActionArea.objects.get(coalition=gbv(), number=2)
    area.title = "Renamed"

    area.full_clean()


def test_the_database_refuses_action_area_number_zero():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionArea.objects.create(coalition=gbv(), number=0, title="Zero")


def test_full_clean_refuses_action_area_number_zero():
    with pytest.raises(ValidationError):
        ActionArea(coalition=gbv(), number=0, title="Zero").full_clean()


def test_the_database_refuses_a_plan_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionCoalition.objects.filter(pk=gbv().pk).update(plan_start_year=2026, plan_end_year=2021)


def test_full_clean_names_the_end_of_a_plan_that_ends_before_it_starts():
    coalition = gbv()
    coalition.plan_start_year, coalition.plan_end_year = 2026, 2021

    with pytest.raises(ValidationError) as refused:
        coalition.full_clean()

    assert "plan_end_year" in refused.value.message_dict


@pytest.mark.parametrize("code", ["ke", "K", "K1"])
def test_the_database_refuses_a_country_code_that_is_not_two_capitals(code):
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code=code, name="Nowhere", region=Region.AFRICA)


def test_the_database_refuses_a_three_letter_country_code():
    # SQLite does not enforce a varchar length, so its CHECK catches it;
    # PostgreSQL refuses the over-long value before the CHECK runs.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Country.objects.create(code="KEN", name="Nowhere", region=Region.AFRICA)


@pytest.mark.parametrize("code", ["ke", "K1"])
def test_full_clean_refuses_a_country_code_that_is_not_two_capitals(code):
    with pytest.raises(ValidationError):
        Country(code=code, name="Nowhere", region=Region.AFRICA).full_clean()


# Coalition leaders -----------------------------------------------------------------------


def test_a_maker_with_an_approved_commitment_in_the_coalition_may_lead_it():
    commitment = ApprovedCommitmentFactory(coalitions=[gbv()])

    CoalitionLeader(coalition=gbv(), maker=commitment.maker, since=2021).full_clean()


@pytest.mark.parametrize(
    "holding",
    [
        "nothing",
        "approved_in_another_coalition",
        "draft_in_the_coalition",
        "submitted_in_the_coalition",
        "withdrawn_in_the_coalition",
    ],
)
def test_a_leader_must_hold_an_approved_commitment_in_the_coalition(holding):
    maker = MakerFactory()
    if holding == "approved_in_another_coalition":
        ApprovedCommitmentFactory(maker=maker, coalitions=[tech()])
    elif holding != "nothing":
        CommitmentFactory(maker=maker, coalitions=[gbv()], status=holding.split("_")[0])

    with pytest.raises(ValidationError) as refused:
        CoalitionLeader(coalition=gbv(), maker=maker, since=2022).full_clean()

    assert "maker" in refused.value.message_dict


def test_the_database_refuses_the_same_leader_twice_in_a_coalition():
    maker = ApprovedCommitmentFactory().maker
    CoalitionLeader.objects.create(coalition=gbv(), maker=maker, since=2021)

    with pytest.raises(IntegrityError), transaction.atomic():
        CoalitionLeader.objects.create(coalition=gbv(), maker=maker, since=2023)


def test_the_database_refuses_a_leader_from_before_generation_equality():
    maker = ApprovedCommitmentFactory().maker

    with pytest.raises(IntegrityError), transaction.atomic():
        CoalitionLeader.objects.create(coalition=gbv(), maker=maker, since=2019)


def test_full_clean_refuses_a_leader_from_before_generation_equality():
    maker = ApprovedCommitmentFactory().maker

    with pytest.raises(ValidationError):
        CoalitionLeader(coalition=gbv(), maker=maker, since=2019).full_clean()


# Text -----------------------------------------------------------------------------------


def test_every_coalitions_model_reads_well_as_text():
    maker = ApprovedCommitmentFactory().maker
    leader = CoalitionLeader.objects.create(coalition=gbv(), maker=maker, since=2021)

    assert str(gbv()) == "Gender-Based Violence"
    assert str(Country.objects.get(code="KE")) == "Kenya"
    assert str(Theme.objects.get(slug="financing")) == "Financing"
    area = ActionArea.objects.get(coalition=tech(), number=1)
    assert str(area) == f"{tech().short_name} 1. Bridge the Gender Gap in Digital Access and Competencies"
    assert maker.name in str(leader) and gbv().short_name in str(leader)
