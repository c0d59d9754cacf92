"""Every change to a maker, commitment or progress report is on its admin
history page: who, when, which fields, before and after."""

import pytest
from django.urls import reverse

from coalitions.models import ActionCoalition, Country
from commitments import services
from commitments.tests import admin_fixtures
from commitments.tests.admin_fixtures import submitted_commitment
from commitments.tests.factories import MakerFactory

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer
secretariat_admin = admin_fixtures.secretariat_admin


def test_maker_edit_in_the_admin_shows_who_changed_what(client, secretariat_admin):
    maker = MakerFactory(name="Girls Rights Network", website="")
    client.force_login(secretariat_admin)
    url = reverse("admin:commitments_commitmentmaker_change", args=[maker.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        {"name": "Girls Rights Network Kenya", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}
    )
    data = {key: value for key, value in data.items() if value is not None}

    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    history = client.get(reverse("admin:commitments_commitmentmaker_history", args=[maker.pk]))
    record = history.context["page_obj"][0]
    assert record.history_user == secretariat_admin
    changes = {change["field"]: (change["old"], change["new"]) for change in record.history_delta_changes}
    assert changes == {"Name": ("Girls Rights Network", "Girls Rights Network Kenya")}
    assert b"sam-admin" in history.content


def test_bulk_decisions_appear_on_each_commitments_history_page(client, secretariat_reviewer):
    commitments = [submitted_commitment(), submitted_commitment()]
    client.force_login(secretariat_reviewer)

    client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "approve_selected", "_selected_action": [c.pk for c in commitments], "confirm": "yes"},
    )

    for commitment in commitments:
        history = client.get(reverse("admin:commitments_commitment_history", args=[commitment.pk]))
        latest = history.context["page_obj"][0]
        assert latest.history_user == secretariat_reviewer
        fields = {change["field"]: (change["old"], change["new"]) for change in latest.history_delta_changes}
        assert fields["Status"] == ("Submitted", "Approved")
        assert b"rita-reviewer" in history.content


def test_a_link_change_in_the_admin_is_one_version_showing_who_and_the_countries_before_and_after(
    client, django_user_model
):
    # Only superusers may edit a commitment in the admin; the roles may not.
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    commitment = submitted_commitment()
    versions_before = commitment.history.count()
    client.force_login(superuser)
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
    data["countries"] = [Country.objects.get(code="UG").pk, Country.objects.get(code="TZ").pk]
    data["title"] = "Shelters in three East African countries"
    data = {key: value for key, value in data.items() if value is not None}

    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert commitment.history.count() == versions_before + 1
    history = client.get(reverse("admin:commitments_commitment_history", args=[commitment.pk]))
    latest = history.context["page_obj"][0]
    assert latest.history_user == superuser
    changes = {change["field"]: (change["old"], change["new"]) for change in latest.history_delta_changes}
    assert changes["Countries"] == ("Kenya", "Tanzania, Uganda")
    assert changes["Title"][1] == "Shelters in three East African countries"
    assert b"Tanzania, Uganda" in history.content


def test_an_approved_amendment_shows_on_the_admin_history_with_the_reviewer_and_the_coalitions_changed(
    client, secretariat_reviewer, member
):
    commitment = submitted_commitment(maker=member.maker)
    services.commitment_approve(actor=secretariat_reviewer, commitment=commitment)
    amendment = services.commitment_start_amendment(actor=member, commitment=commitment)
    services.commitment_update(
        actor=member,
        commitment=amendment,
        data={"coalitions": [ActionCoalition.objects.get(slug="economic-justice-and-rights")], "action_areas": []},
    )
    services.commitment_submit(actor=member, commitment=amendment)
    services.commitment_approve(actor=secretariat_reviewer, commitment=amendment)
    client.force_login(secretariat_reviewer)

    history = client.get(reverse("admin:commitments_commitment_history", args=[commitment.pk]))

    latest = history.context["page_obj"][0]
    assert latest.history_user == secretariat_reviewer
    changes = {change["field"]: (change["old"], change["new"]) for change in latest.history_delta_changes}
    assert changes["Action Coalitions"] == ("Gender-Based Violence", "Economic Justice and Rights")
