"""The progress report form's results, breakdowns, deliverables and money:
saved through the report services, a breakdown that does not add up refused
with everything typed kept, and the amount over the committed only warned."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import Deliverable, Indicator
from commitments.tests.factories import ApprovedCommitmentFactory
from reporting.models import IndicatorResult, ProgressReport, ResultBreakdown
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def maker_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def measured(member):
    commitment = ApprovedCommitmentFactory(
        maker=member.maker, is_financial=True, financial_amount_usd=Decimal("1000"), start_year=2022, end_year=2030
    )
    people = Indicator.objects.create(
        commitment=commitment,
        name="Survivors sheltered",
        unit="people",
        baseline_value=0,
        baseline_year=2022,
        target_value=200,
        target_year=2030,
    )
    laws = Indicator.objects.create(
        commitment=commitment,
        name="Laws reformed",
        unit="laws_policies",
        baseline_value=0,
        baseline_year=2022,
        target_value=2,
        target_year=2030,
    )
    hotline = Deliverable.objects.create(commitment=commitment, title="Hotline opened", due_year=2026)
    return commitment, people, laws, hotline


def report_data(people, laws, hotline, **overrides):
    data = {
        "implementation_status": "on_track",
        "narrative": "Shelters opened.",
        f"result_{people.pk}": "100",
        f"part_{people.pk}_sex_female": "70",
        f"part_{people.pk}_sex_male": "30",
        f"result_{laws.pk}": "1",
        f"deliverable_{hotline.pk}": "in_progress",
        "amount_disbursed_usd": "400",
        "action": "save",
    }
    data.update(overrides)
    return data


def test_a_maker_reports_results_a_breakdown_and_a_deliverables_status(maker_client, measured, open_cycle):
    commitment, people, laws, hotline = measured
    response = maker_client.post(reverse("my-report-new", args=[commitment.pk]), report_data(people, laws, hotline))
    assert response.status_code == 302
    report = ProgressReport.objects.get(commitment=commitment)
    assert dict(IndicatorResult.objects.filter(report=report).values_list("indicator_id", "value")) == {
        people.pk: 100,
        laws.pk: 1,
    }
    parts = dict(ResultBreakdown.objects.filter(result__indicator=people).values_list("category", "value"))
    assert parts == {"female": 70, "male": 30, "other": 0, "not_known": 0}
    assert report.deliverable_updates.get().status == "in_progress"
    edit = maker_client.get(reverse("my-report-edit", args=[report.pk])).content.decode()
    assert f'name="part_{people.pk}_sex_female" value="70' in edit  # what was saved comes back


def test_a_breakdown_that_does_not_add_up_is_refused_and_everything_typed_is_kept(maker_client, measured, open_cycle):
    commitment, people, laws, hotline = measured
    data = report_data(people, laws, hotline, **{f"part_{people.pk}_sex_male": "20"})
    response = maker_client.post(reverse("my-report-new", args=[commitment.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "add up to 90" in html
    assert f'name="part_{people.pk}_sex_male" value="20"' in html
    assert f'name="result_{laws.pk}" value="1"' in html
    assert not ProgressReport.objects.filter(commitment=commitment).exists()
    # The refusal stands at the indicator it is about, not only atop the form.
    form = response.context["form"]
    assert any("add up to 90" in message for message in form.errors[f"result_{people.pk}"])
    assert f"result_{laws.pk}" not in form.errors
    people_fieldset = html.split(f'id="result-{people.pk}"', 1)[1].split("</fieldset>", 1)[0]
    assert "add up to 90" in people_fieldset


def test_a_result_refused_by_the_service_is_shown_at_its_indicator(maker_client, measured, open_cycle):
    """A breakdown on an indicator that counts no people: the form has no
    such fields, the service's own rule refuses it, and says so at the
    indicator."""
    from reporting.results import check_results

    commitment, people, laws, hotline = measured
    with pytest.raises(ValidationError) as refused:
        check_results(commitment, [{"indicator": laws.pk, "value": 1, "breakdown": {"sex": {"female": 1}}}])
    assert [error.code for error in refused.value.error_dict["results"]] == [f"indicator-{laws.pk}"]

    from workspace.forms import add_service_errors
    from workspace.report_forms import ProgressReportForm

    form = ProgressReportForm(data=report_data(people, laws, hotline), commitment=commitment)
    assert form.is_valid(), form.errors
    add_service_errors(form, refused.value)
    assert form.errors[f"result_{laws.pk}"] == [f"{laws} does not count people, so it has no breakdown."]
    assert "__all__" not in form.errors


def test_money_in_its_own_currency_is_converted_and_more_than_committed_is_only_a_warning(
    maker_client, measured, open_cycle
):
    commitment, people, laws, hotline = measured
    data = report_data(
        people,
        laws,
        hotline,
        amount_disbursed_usd="",
        amount_disbursed_original="150000",
        currency="kes",
        usd_rate="0.0077",
    )
    response = maker_client.post(reverse("my-report-new", args=[commitment.pk]), data, follow=True)
    report = ProgressReport.objects.get(commitment=commitment)
    assert (report.currency, report.amount_disbursed_usd) == ("KES", Decimal("1155.00"))
    assert "more than the 1,000.00 USD committed" in response.content.decode()


def test_a_currency_without_its_rate_is_refused_at_the_field(maker_client, measured, open_cycle):
    commitment, people, laws, hotline = measured
    data = report_data(people, laws, hotline, amount_disbursed_original="150000", currency="KES")
    response = maker_client.post(reverse("my-report-new", args=[commitment.pk]), data)
    assert "usd_rate" in response.context["form"].errors
    assert 'value="150000"' in response.content.decode()


def _edit_queries(client, member, open_cycle, indicators):
    commitment = ApprovedCommitmentFactory(maker=member.maker, start_year=2022, end_year=2030)
    for n in range(indicators):
        Indicator.objects.create(
            commitment=commitment,
            name=f"I{n}",
            unit="people",
            baseline_value=0,
            baseline_year=2022,
            target_value=10,
            target_year=2030,
        )
        Deliverable.objects.create(commitment=commitment, title=f"D{n}", due_year=2026)
    report = ProgressReportFactory(commitment=commitment, cycle=open_cycle)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("my-report-edit", args=[report.pk])).status_code == 200
    return len(queries)


def test_the_report_form_runs_the_same_queries_for_1_and_5_indicators(maker_client, member, open_cycle):
    assert _edit_queries(maker_client, member, open_cycle, 1) == _edit_queries(maker_client, member, open_cycle, 5)
