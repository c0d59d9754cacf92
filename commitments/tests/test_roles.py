"""The two secretariat roles: what Reviewers and Secretariat admins may and
may not do in the admin, and that staff in no group can do nothing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from coalitions.models import ActionCoalition
from commitments.models import Commitment
from commitments.tests import admin_fixtures
from commitments.tests.admin_fixtures import submitted_commitment
from commitments.tests.factories import UserFactory
from reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer
secretariat_admin = admin_fixtures.secretariat_admin
staff_without_group = admin_fixtures.staff_without_group


def coalition_change_url():
    coalition = ActionCoalition.objects.get(slug="gender-based-violence")
    return coalition, reverse("admin:coalitions_actioncoalition_change", args=[coalition.pk])


def test_both_roles_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Reviewers", "Secretariat admins"}


def test_reviewer_can_read_reference_data(client, secretariat_reviewer):
    client.force_login(secretariat_reviewer)

    assert client.get(reverse("admin:coalitions_actioncoalition_changelist")).status_code == 200
    assert client.get(reverse("admin:reporting_reportingcycle_changelist")).status_code == 200


def test_reviewer_cannot_change_an_action_coalition(client, secretariat_reviewer):
    coalition, url = coalition_change_url()
    client.force_login(secretariat_reviewer)

    response = client.post(url, {"name": "Renamed", "slug": coalition.slug, "short_name": "X", "kind": "compact"})

    assert response.status_code == 403
    coalition.refresh_from_db()
    assert coalition.name != "Renamed"


def test_reviewer_cannot_add_a_reporting_cycle(client, secretariat_reviewer):
    client.force_login(secretariat_reviewer)

    response = client.post(
        reverse("admin:reporting_reportingcycle_add"),
        {"year": 2031, "opens_on": "2031-01-15", "closes_on": "2031-03-31"},
    )

    assert response.status_code == 403
    assert not ReportingCycle.objects.filter(year=2031).exists()


def test_reviewer_cannot_edit_a_commitment_directly(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.post(reverse("admin:commitments_commitment_change", args=[commitment.pk]), {"title": "Edited"})

    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.title != "Edited"


def test_reviewer_cannot_manage_users(client, secretariat_reviewer):
    client.force_login(secretariat_reviewer)

    assert client.get(reverse("admin:auth_user_add")).status_code == 403


def test_secretariat_admin_adds_a_reporting_cycle(client, secretariat_admin):
    client.force_login(secretariat_admin)

    response = client.post(
        reverse("admin:reporting_reportingcycle_add"),
        {"year": 2031, "opens_on": "2031-01-15", "closes_on": "2031-03-31"},
    )

    assert response.status_code == 302
    assert ReportingCycle.objects.filter(year=2031).exists()


def test_secretariat_admin_changes_reference_data(client, secretariat_admin):
    coalition, url = coalition_change_url()
    client.force_login(secretariat_admin)
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        {
            # One field per language (django-modeltranslation): English here.
            "description_en": "Updated by the secretariat",
            "action_areas-TOTAL_FORMS": "0",
            "action_areas-INITIAL_FORMS": "0",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    coalition.refresh_from_db()
    assert coalition.description == "Updated by the secretariat"


def test_secretariat_admin_can_decide_on_submissions(client, secretariat_admin):
    commitment = submitted_commitment()
    client.force_login(secretariat_admin)

    client.post(
        reverse("admin:commitments_commitment_decide", args=[commitment.pk]), {"decision": "approve", "confirm": "yes"}
    )

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.APPROVED


def test_secretariat_admin_cannot_edit_group_permissions(client, secretariat_admin):
    group = Group.objects.get(name="Reviewers")
    client.force_login(secretariat_admin)

    response = client.post(reverse("admin:auth_group_change", args=[group.pk]), {"name": "Everyone", "permissions": []})

    assert response.status_code == 403
    group.refresh_from_db()
    assert group.name == "Reviewers"


def test_secretariat_admin_cannot_make_anyone_superuser(client, secretariat_admin):
    target = UserFactory(username="member-to-promote")
    client.force_login(secretariat_admin)
    url = reverse("admin:auth_user_change", args=[target.pk])

    form = client.get(url).context["adminform"].form

    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields


def test_secretariat_admin_cannot_touch_a_superuser(client, secretariat_admin, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(secretariat_admin)

    response = client.post(reverse("admin:auth_user_delete", args=[root.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert django_user_model.objects.filter(pk=root.pk).exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:commitments_commitment_changelist",
        "admin:commitments_commitmentawaitingreview_changelist",
        "admin:commitments_progressreportawaitingreview_changelist",
        "admin:coalitions_actioncoalition_changelist",
        "admin:reporting_reportingcycle_changelist",
    ],
)
def test_staff_in_no_group_is_refused(client, staff_without_group, url_name):
    client.force_login(staff_without_group)

    assert client.get(reverse(url_name)).status_code == 403


def test_staff_in_no_group_cannot_decide(client, staff_without_group):
    commitment = submitted_commitment()
    client.force_login(staff_without_group)

    response = client.post(
        reverse("admin:commitments_commitment_decide", args=[commitment.pk]), {"decision": "approve", "confirm": "yes"}
    )

    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.SUBMITTED


def test_staff_in_no_group_sees_no_queue_counts(client, staff_without_group):
    submitted_commitment()
    client.force_login(staff_without_group)

    response = client.get(reverse("admin:index"))

    assert response.context["queues"] == []
