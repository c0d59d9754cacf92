"""Deliverables and indicators through their services, the SMART score's
rules one by one, and amendments of targets."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coalitions.models import ActionArea, ActionCoalition, Country, StandardIndicator, Unit
from commitments import services
from commitments.models import Commitment, Deliverable, Indicator
from commitments.services import InvalidTransition, NotPermitted
from commitments.smart import Facts, assess, facts_from, facts_of, refresh_smart_scores

from .factories import CommitmentFactory, MembershipFactory

Status = Commitment.Status
pytestmark = pytest.mark.django_db

INDICATOR = {
    "name": "Survivors supported by shelters",
    "unit": Unit.PEOPLE,
    "baseline_value": Decimal("100"),
    "baseline_year": 2022,
    "target_value": Decimal("1000"),
    "target_year": 2026,
}


@pytest.fixture
def draft(member):
    return CommitmentFactory(maker=member.maker)


def people_standard(**kwargs):
    return StandardIndicator.objects.filter(unit=Unit.PEOPLE, **kwargs).first()


# Who and when ------------------------------------------------------------------


def test_a_member_adds_edits_and_deletes_an_indicator(member, draft):
    indicator = services.indicator_save(actor=member, commitment=draft, data=INDICATOR)
    assert draft.indicators.get().name == "Survivors supported by shelters"
    services.indicator_save(actor=member, commitment=draft, indicator=indicator, data={"target_value": Decimal("2000")})
    assert Indicator.objects.get().target_value == Decimal("2000")
    services.indicator_delete(actor=member, indicator=indicator)
    assert not Indicator.objects.exists()


def test_a_non_member_cannot_add_an_indicator(draft):
    outsider = MembershipFactory().user
    with pytest.raises(NotPermitted):
        services.indicator_save(actor=outsider, commitment=draft, data=INDICATOR)
    with pytest.raises(NotPermitted):
        services.deliverable_save(actor=outsider, commitment=draft, data={"title": "x", "due_year": 2024})
    assert not Indicator.objects.exists() and not Deliverable.objects.exists()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED, Status.WITHDRAWN])
def test_measures_of_a_commitment_out_of_the_makers_hands_cannot_change(member, status):
    commitment = CommitmentFactory(maker=member.maker, status=status)
    with pytest.raises(InvalidTransition):
        services.indicator_save(actor=member, commitment=commitment, data=INDICATOR)
    with pytest.raises(InvalidTransition):
        services.deliverable_save(actor=member, commitment=commitment, data={"title": "x", "due_year": 2024})


def test_an_indicator_of_another_commitment_cannot_be_edited_through_this_one(member, draft):
    other = CommitmentFactory(maker=member.maker)
    indicator = services.indicator_save(actor=member, commitment=other, data=INDICATOR)
    with pytest.raises(Indicator.DoesNotExist):
        services.indicator_save(actor=member, commitment=draft, indicator=indicator, data={"name": "Taken"})


# Refusals, by field --------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"target_value": Decimal("100")}, "target_value"),
        ({"baseline_year": 2025, "target_year": 2024}, "target_year"),
        ({"target_year": 2030}, "target_year"),
        ({"target_year": 2021, "baseline_year": 2020}, "target_year"),
        ({"unit": Unit.USD, "standard": "people"}, "unit"),
        ({"name": ""}, "name"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_indicators_are_refused_at_the_field(member, draft, overrides, field):
    data = {**INDICATOR, **overrides}
    if data.get("standard") == "people":
        data["standard"] = people_standard()
    with pytest.raises(ValidationError) as error:
        services.indicator_save(actor=member, commitment=draft, data=data)
    assert field in error.value.message_dict
    assert not Indicator.objects.exists()


def test_an_inactive_standard_indicator_is_refused(member, draft):
    standard = people_standard()
    standard.active = False
    standard.save()
    with pytest.raises(ValidationError) as error:
        services.indicator_save(actor=member, commitment=draft, data={**INDICATOR, "standard": standard})
    assert "standard" in error.value.message_dict


def test_a_standard_indicator_gives_its_unit(member, draft):
    standard = people_standard()
    data = {key: value for key, value in INDICATOR.items() if key != "unit"}
    indicator = services.indicator_save(actor=member, commitment=draft, data={**data, "standard": standard.pk})
    assert indicator.unit == Unit.PEOPLE and indicator.standard == standard


@pytest.mark.parametrize("year", [2021, 2027])
def test_a_deliverable_due_outside_the_commitments_years_is_refused(member, draft, year):
    with pytest.raises(ValidationError) as error:
        services.deliverable_save(actor=member, commitment=draft, data={"title": "Shelter", "due_year": year})
    assert "due_year" in error.value.message_dict


# SMART -------------------------------------------------------------------------

ALL_MET = Facts(
    has_action_areas=True,
    has_countries=True,
    scope="national",
    has_target_groups=True,
    is_financial=True,
    amount=Decimal("10"),
    has_partners=False,
    has_coalition_area=True,
    measurable_indicators=1,
    end_year=2026,
    dated_deliverables=1,
)


def facts(**overrides):
    return Facts(**{**ALL_MET.__dict__, **overrides})


@pytest.mark.parametrize(
    "overrides, missing",
    [
        ({}, set()),
        ({"has_action_areas": False}, {"specific"}),
        ({"has_countries": False}, {"specific"}),
        ({"has_countries": False, "scope": "global"}, set()),
        ({"has_countries": False, "scope": "regional"}, set()),
        ({"has_target_groups": False}, {"specific"}),
        ({"measurable_indicators": 0}, {"measurable"}),
        ({"amount": None}, {"achievable"}),
        ({"amount": Decimal("0"), "has_partners": True}, {"achievable"}),
        ({"amount": None, "is_financial": False, "has_partners": True}, set()),
        ({"amount": None, "is_financial": False}, {"achievable"}),
        ({"has_coalition_area": False}, {"relevant"}),
        ({"end_year": None}, {"time_bound"}),
        ({"dated_deliverables": 0}, {"time_bound"}),
        (
            {
                "has_action_areas": False,
                "measurable_indicators": 0,
                "amount": None,
                "has_coalition_area": False,
                "end_year": None,
            },
            {"specific", "measurable", "achievable", "relevant", "time_bound"},
        ),
    ],
)
def test_each_smart_criterion(overrides, missing):
    smart = assess(facts(**overrides))
    assert {criterion.code for criterion in smart.missing} == missing
    assert smart.score == 5 - len(missing)
    assert all(criterion.guidance for criterion in smart.missing)
    assert not any(criterion.guidance for criterion in smart.met)


def gbv_area():
    return ActionArea.objects.filter(coalition__slug="gender-based-violence").first()


def test_the_stored_score_rises_as_the_maker_completes_the_commitment(member):
    commitment = services.commitment_create(actor=member, maker=member.maker, data={"title": "Shelters"})
    assert Commitment.objects.get().smart_score == 0
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    services.commitment_update(
        actor=member,
        commitment=commitment,
        data={
            "scope": "national",
            "countries": [Country.objects.get(code="KE")],
            "coalitions": [gbv],
            "action_areas": [gbv_area()],
            "target_groups": "Survivors",
            "end_year": 2026,
            "start_year": 2022,
            "partners": "County governments",
            "commitment_types": ["programme"],
        },
    )
    assert Commitment.objects.get().smart_score == 3  # specific, achievable, relevant
    services.indicator_save(actor=member, commitment=commitment, data=INDICATOR)
    assert Commitment.objects.get().smart_score == 4
    deliverable = services.deliverable_save(
        actor=member, commitment=commitment, data={"title": "Shelter in Kisumu", "due_year": 2024}
    )
    assert Commitment.objects.get().smart_score == 5
    services.deliverable_delete(actor=member, deliverable=deliverable)
    assert Commitment.objects.get().smart_score == 4


def test_unsaved_form_data_scores_like_the_saved_commitment(member):
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    data = {
        "scope": "global",
        "coalitions": [gbv],
        "action_areas": [gbv_area()],
        "target_groups": "Survivors",
        "commitment_types": ["financial"],
        "financial_amount_usd": Decimal("5"),
        "end_year": 2026,
    }
    live = assess(facts_from(data, indicators=[INDICATOR], deliverables=[{"due_year": 2025}]))
    assert live.score == 5
    assert assess(facts_from(data)).score == 3
    assert assess(facts_from({**data, "action_areas": [gbv_area().pk]})).score == 3


def test_the_set_based_score_agrees_with_the_rules(member):
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    plain = CommitmentFactory(maker=member.maker, target_groups="Survivors", partners="Unions")
    linked = CommitmentFactory(
        maker=member.maker, scope="global", target_groups="Girls", end_year=2026, financial_amount_usd=Decimal("1")
    )
    linked.coalitions.set([gbv])
    linked.action_areas.set([gbv_area()])
    Indicator.objects.create(commitment=linked, **INDICATOR)
    Deliverable.objects.create(commitment=linked, title="Fund", due_year=2025)
    stray = CommitmentFactory(maker=member.maker)
    stray.action_areas.set([ActionArea.objects.exclude(coalition=gbv).first()])
    stray.coalitions.set([gbv])
    Commitment.objects.update(smart_score=0)
    refresh_smart_scores()
    for commitment in (plain, linked, stray):
        commitment.refresh_from_db()
        assert commitment.smart_score == assess(facts_of(commitment)).score
    assert [plain.smart_score, linked.smart_score, stray.smart_score] == [1, 5, 0]


# Amendments ------------------------------------------------------------------------


def test_an_amended_target_goes_through_review_and_keeps_the_indicator(member, reviewer):
    commitment = CommitmentFactory(maker=member.maker)
    indicator = services.indicator_save(actor=member, commitment=commitment, data=INDICATOR)
    services.deliverable_save(actor=member, commitment=commitment, data={"title": "Shelter", "due_year": 2024})
    Commitment.objects.filter(pk=commitment.pk).update(status=Status.APPROVED)
    amendment = services.commitment_start_amendment(actor=member, commitment=commitment)
    copy = amendment.indicators.get()
    assert copy.pk != indicator.pk and amendment.deliverables.count() == 1
    services.indicator_save(actor=member, commitment=amendment, indicator=copy, data={"target_value": Decimal("5000")})
    services.indicator_save(actor=member, commitment=amendment, data={**INDICATOR, "name": "Hotline calls"})
    services.deliverable_delete(actor=member, deliverable=amendment.deliverables.get())
    # The public record is unchanged until the secretariat approves.
    assert Indicator.objects.get(pk=indicator.pk).target_value == Decimal("1000")
    services.commitment_submit(actor=member, commitment=amendment)
    services.commitment_approve(actor=reviewer, commitment=amendment)
    indicators = list(Indicator.objects.filter(commitment=commitment).order_by("id"))
    assert [(row.pk == indicator.pk, row.target_value) for row in indicators] == [
        (True, Decimal("5000")),
        (False, Decimal("1000")),
    ]
    assert not Deliverable.objects.filter(commitment=commitment).exists()
    assert Indicator.objects.count() == 2
