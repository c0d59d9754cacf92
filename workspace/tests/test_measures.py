"""The maker's deliverables and indicators in the workspace, and the live
SMART score: who may use them, errors at the field with nothing typed lost,
and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coalitions.models import StandardIndicator, Unit
from commitments import services
from commitments.models import Deliverable, Indicator
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def maker_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def draft(member):
    return CommitmentFactory(maker=member.maker, start_year=2024, end_year=2028)


def indicator_data(**overrides):
    data = {
        "standard": "",
        "name": "Survivors reached by shelters",
        "unit": Unit.PEOPLE,
        "baseline_value": "100",
        "baseline_year": "2024",
        "target_value": "1000",
        "target_year": "2027",
    }
    data.update(overrides)
    return data


def add_indicator(member, commitment, **overrides):
    data = {
        "name": "Shelters",
        "unit": Unit.COUNT,
        "baseline_value": 1,
        "baseline_year": 2024,
        "target_value": 5,
        "target_year": 2027,
    }
    data.update(overrides)
    return services.indicator_save(actor=member, commitment=commitment, data=data)


def test_a_maker_adds_an_indicator_and_the_smart_score_rises(maker_client, draft):
    before = draft.smart_score
    response = maker_client.post(reverse("my-indicator-new", args=[draft.pk]), indicator_data())
    assert response.status_code == 302
    indicator = Indicator.objects.get(commitment=draft)
    assert (indicator.baseline_value, indicator.target_value, indicator.target_year) == (100, 1000, 2027)
    draft.refresh_from_db()
    assert draft.smart_score == before + 1
    page = maker_client.get(reverse("my-commitment", args=[draft.pk]))
    assert "Survivors reached by shelters" in page.content.decode()
    assert f'data-smart-score="{draft.smart_score}"' in page.content.decode()


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"target_value": "100"}, "target_value", "must differ from the baseline"),
        ({"target_year": "2031"}, "target_year", "after the commitment ends"),
        ({"name": "", "standard": ""}, "name", "Name the indicator"),
        ({"baseline_value": "many"}, "baseline_value", "Enter a number"),
    ],
)
def test_a_bad_indicator_is_refused_at_its_field_and_keeps_what_was_typed(
    maker_client, draft, overrides, field, message
):
    data = indicator_data(**overrides)
    response = maker_client.post(reverse("my-indicator-new", args=[draft.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    html = response.content.decode()
    assert 'value="Survivors reached by shelters"' in html or field == "name"
    assert f'value="{data["baseline_year"]}"' in html
    assert not Indicator.objects.filter(commitment=draft).exists()


def test_a_standard_indicator_gives_its_name_and_unit(maker_client, draft):
    standard = StandardIndicator.objects.filter(active=True).first()
    data = indicator_data(standard=str(standard.pk), name="", unit="")
    response = maker_client.post(reverse("my-indicator-new", args=[draft.pk]), data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(commitment=draft)
    assert (indicator.name, indicator.unit, indicator.standard_id) == (standard.name, standard.unit, standard.pk)


def test_a_maker_edits_and_removes_an_indicator(maker_client, member, draft):
    indicator = add_indicator(member, draft)
    response = maker_client.post(
        reverse("my-indicator-edit", args=[indicator.pk]), indicator_data(name="Shelters open", unit=Unit.COUNT)
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Shelters open"
    confirm = maker_client.get(reverse("my-indicator-delete", args=[indicator.pk]))
    assert "Shelters open" in confirm.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    maker_client.post(reverse("my-indicator-delete", args=[indicator.pk]))
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


def test_a_maker_adds_and_edits_a_deliverable_and_a_late_one_is_refused(maker_client, member, draft):
    url = reverse("my-deliverable-new", args=[draft.pk])
    refused = maker_client.post(url, {"title": "Hotline opened", "due_year": "2035"})
    assert refused.status_code == 200
    assert "due_year" in refused.context["form"].errors
    assert 'value="Hotline opened"' in refused.content.decode()
    assert maker_client.post(url, {"title": "Hotline opened", "due_year": "2026"}).status_code == 302
    deliverable = Deliverable.objects.get(commitment=draft)
    maker_client.post(reverse("my-deliverable-edit", args=[deliverable.pk]), {"title": "Hotline", "due_year": "2027"})
    deliverable.refresh_from_db()
    assert (deliverable.title, deliverable.due_year) == ("Hotline", 2027)
    maker_client.post(reverse("my-deliverable-delete", args=[deliverable.pk]))
    assert not Deliverable.objects.filter(pk=deliverable.pk).exists()


def test_another_makers_measures_are_not_found(maker_client):
    other = CommitmentFactory(end_year=2028)
    indicator = add_indicator(MembershipFactory(maker=other.maker).user, other)
    for url in (
        reverse("my-indicator-new", args=[other.pk]),
        reverse("my-indicator-edit", args=[indicator.pk]),
        reverse("my-indicator-delete", args=[indicator.pk]),
        reverse("my-deliverable-new", args=[other.pk]),
        reverse("my-commitment-smart", args=[other.pk]),
    ):
        assert maker_client.post(url, indicator_data()).status_code == 404
    assert Indicator.objects.filter(commitment=other).count() == 1


def test_an_approved_commitments_measures_are_changed_through_an_amendment(maker_client, member):
    approved = ApprovedCommitmentFactory(maker=member.maker)
    response = maker_client.post(reverse("my-indicator-new", args=[approved.pk]), indicator_data())
    assert response.status_code == 302 and response.url == reverse("my-commitment", args=[approved.pk])
    assert not Indicator.objects.filter(commitment=approved).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    response = client.post(reverse("my-commitment-smart", args=[draft.pk]), {})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_live_score_follows_the_typed_form_without_saving(maker_client, member, draft):
    add_indicator(member, draft)
    url = reverse("my-commitment-smart", args=[draft.pk])
    bare = maker_client.post(url, {"title": draft.title}, HTTP_HX_REQUEST="true")
    assert bare.status_code == 200
    html = bare.content.decode()
    assert 'data-smart-score="1"' in html  # measurable: the saved indicator
    assert "Set an end year" in html  # guidance for a missing criterion
    fuller = maker_client.post(
        url, {"title": draft.title, "end_year": "2028", "commitment_types": ["programme"], "partners": "Unions"}
    )
    assert 'data-smart-score="2"' in fuller.content.decode()  # measurable + achievable
    draft.refresh_from_db()
    assert draft.partners == ""


def test_the_indicator_form_previews_the_score_it_will_give(maker_client, draft):
    response = maker_client.post(reverse("my-indicator-smart", args=[draft.pk]), indicator_data())
    assert 'data-smart-score="1"' in response.content.decode()
    assert not Indicator.objects.filter(commitment=draft).exists()


def test_the_commitment_page_runs_the_same_queries_whatever_its_measures(maker_client, member, draft):
    url = reverse("my-commitment", args=[draft.pk])
    add_indicator(member, draft)
    maker_client.get(url)
    with CaptureQueriesContext(connection) as few:
        maker_client.get(url)
    for n in range(4):
        add_indicator(member, draft, name=f"Indicator {n}")
        services.deliverable_save(actor=member, commitment=draft, data={"title": f"D{n}", "due_year": 2026})
    with CaptureQueriesContext(connection) as many:
        response = maker_client.get(url)
    assert "Indicator 3" in response.content.decode()
    assert len(many) == len(few)
