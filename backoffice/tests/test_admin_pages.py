"""Every admin list and form the secretariat opens renders, for a superuser
and for each role."""

import pytest
from django.contrib import admin
from django.urls import reverse

from commitments.tests import admin_fixtures
from commitments.tests.admin_fixtures import submitted_commitment
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer
secretariat_admin = admin_fixtures.secretariat_admin

MODELS = [model._meta for model in admin.site._registry]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "x")


def test_every_changelist_renders_for_a_superuser(client, superuser, open_cycle):
    submitted_commitment()
    client.force_login(superuser)

    for opts in MODELS:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("user_fixture", ["secretariat_reviewer", "secretariat_admin"])
def test_the_secretariats_daily_pages_render_for_each_role(client, request, user_fixture, open_cycle):
    user = request.getfixturevalue(user_fixture)
    commitment = submitted_commitment()
    report = ProgressReportFactory(cycle=open_cycle, status="submitted")
    client.force_login(user)

    for url in [
        reverse("admin:index"),
        reverse("admin:commitments_commitment_change", args=[commitment.pk]),
        reverse("admin:commitments_commitment_history", args=[commitment.pk]),
        reverse("admin:commitments_commitmentmaker_change", args=[commitment.maker_id]),
        reverse("admin:reporting_progressreport_change", args=[report.pk]),
        reverse("admin:commitments_export_changelist"),
        reverse("admin:commitments_importjob_changelist"),
    ]:
        assert client.get(url).status_code == 200, url


def test_import_page_renders_for_a_secretariat_admin(client, secretariat_admin):
    client.force_login(secretariat_admin)

    response = client.get(reverse("admin:commitments_importjob_add"))

    assert response.status_code == 200
    assert reverse("admin:commitments_importjob_template").encode() in response.content


@pytest.mark.parametrize("descending", [False, True])
def test_sorting_commitments_by_amount_lists_those_without_one_last(client, secretariat_reviewer, descending):
    from backoffice.admin.commitments import CommitmentAdmin
    from commitments.tests.factories import ApprovedCommitmentFactory

    without = ApprovedCommitmentFactory(financial_amount_usd=None)
    small = ApprovedCommitmentFactory(is_financial=True, financial_amount_usd=1_000)
    large = ApprovedCommitmentFactory(is_financial=True, financial_amount_usd=9_000)
    client.force_login(secretariat_reviewer)
    column = CommitmentAdmin.list_display.index("financial_amount_usd") + 1

    response = client.get("/admin/commitments/commitment/", {"o": f"-{column}" if descending else str(column)})

    assert response.status_code == 200
    with_amount = [large.pk, small.pk] if descending else [small.pk, large.pk]
    assert [row.pk for row in response.context["cl"].result_list] == [*with_amount, without.pk]


@pytest.mark.parametrize("descending", [False, True])
def test_sorting_progress_reports_by_amount_disbursed_lists_those_without_one_last(
    client, secretariat_reviewer, open_cycle, descending
):
    from backoffice.admin.reporting import ProgressReportAdmin

    without = ProgressReportFactory(cycle=open_cycle, amount_disbursed_usd=None)
    small = ProgressReportFactory(cycle=open_cycle, amount_disbursed_usd=1_000)
    large = ProgressReportFactory(cycle=open_cycle, amount_disbursed_usd=9_000)
    client.force_login(secretariat_reviewer)
    column = ProgressReportAdmin.list_display.index("amount_disbursed_usd") + 1

    response = client.get("/admin/reporting/progressreport/", {"o": f"-{column}" if descending else str(column)})

    assert response.status_code == 200
    with_amount = [large.pk, small.pk] if descending else [small.pk, large.pk]
    assert [row.pk for row in response.context["cl"].result_list] == [*with_amount, without.pk]
