"""The commitment review queue and decisions, driven through the admin as
the secretariat uses it."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from coalitions.models import ActionCoalition, Theme
from commitments import services
from commitments.models import Commitment, ReviewEvent
from commitments.tests import admin_fixtures
from commitments.tests.admin_fixtures import submitted_commitment
from commitments.tests.factories import (
    ApprovedCommitmentFactory,
    CommitmentFactory,
    MakerFactory,
    MembershipFactory,
)

QUEUE = reverse("admin:commitments_commitmentawaitingreview_changelist")
COMMITMENTS = reverse("admin:commitments_commitment_changelist")

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer
secretariat_admin = admin_fixtures.secretariat_admin


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def decide_url(commitment):
    return reverse("admin:commitments_commitment_decide", args=[commitment.pk])


# The queue -------------------------------------------------------------------


def test_queue_lists_only_submitted_commitments_oldest_first(client, secretariat_reviewer):
    newer = submitted_commitment(days_ago=1, title="Newer submission")
    older = submitted_commitment(days_ago=9, title="Older submission")
    CommitmentFactory(title="Still a draft")
    client.force_login(secretariat_reviewer)

    response = client.get(QUEUE)

    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert listed == [older, newer]
    assert b"Still a draft" not in response.content


def test_queue_filters_by_coalition_and_searches_by_maker(client, secretariat_reviewer):
    tech = ActionCoalition.objects.get(slug="technology-and-innovation")
    in_tech = submitted_commitment(coalitions=[tech], maker=MakerFactory(name="Digital Sisters Collective"))
    submitted_commitment()
    client.force_login(secretariat_reviewer)

    by_coalition = client.get(QUEUE, {"coalitions__id__exact": tech.pk})
    by_search = client.get(QUEUE, {"q": "digital sisters"})

    assert list(by_coalition.context["cl"].result_list) == [in_tech]
    assert list(by_search.context["cl"].result_list) == [in_tech]


def test_queue_filters_by_type_constituency_and_region(client, secretariat_reviewer):
    financial = submitted_commitment(is_financial=True, financial_amount_usd=50000)
    submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.get(
        QUEUE,
        {"type": "financial", "maker__constituency__exact": "civil_society", "maker__country__region__exact": "africa"},
    )

    assert list(response.context["cl"].result_list) == [financial]


@pytest.mark.parametrize("rows", [5, 40])
def test_queue_runs_the_same_number_of_queries_whatever_its_length(
    client, secretariat_reviewer, django_assert_num_queries, rows
):
    for _ in range(rows):
        submitted_commitment()
    client.force_login(secretariat_reviewer)

    with django_assert_num_queries(8):
        response = client.get(QUEUE, {"p": 0})

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows


def test_admin_index_shows_how_many_wait_for_review(client, secretariat_reviewer):
    submitted_commitment()
    submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    queues = {str(queue["label"]): queue["count"] for queue in response.context["queues"]}
    assert queues["commitments awaiting review"] == 2
    assert queues["progress reports awaiting review"] == 0


def test_queue_row_opens_the_commitment_page(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.get(reverse("admin:commitments_commitmentawaitingreview_change", args=[commitment.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:commitments_commitment_change", args=[commitment.pk])


# Decisions from the change page ----------------------------------------------


def test_change_page_offers_the_decision_for_a_submitted_commitment(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk]))

    assert response.status_code == 200
    assert response.context["can_decide"] is True
    assert decide_url(commitment).encode() in response.content


def test_reviewer_approves_from_the_change_page_and_the_maker_is_emailed(
    client, secretariat_reviewer, django_capture_on_commit_callbacks
):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(commitment), {"decision": "approve", "confirm": "yes"})

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.APPROVED
    event = commitment.review_events.get(action=ReviewEvent.Action.APPROVED)
    assert event.actor == secretariat_reviewer
    member_email = commitment.maker.memberships.get().user.email
    assert [message.to for message in mail.outbox] == [[member_email]]
    assert "Approved" in mail.outbox[0].subject


def test_return_from_the_change_page_needs_a_comment(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.post(decide_url(commitment), {"decision": "return", "comment": "  "}, follow=True)

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.SUBMITTED
    assert any("comment is required" in text for text in messages_of(response))
    assert not commitment.review_events.filter(action=ReviewEvent.Action.RETURNED).exists()


def test_return_with_a_comment_sends_it_to_the_maker(client, secretariat_reviewer, django_capture_on_commit_callbacks):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(commitment), {"decision": "return", "comment": "Add the amount committed."})

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.RETURNED
    assert commitment.review_events.get(action=ReviewEvent.Action.RETURNED).comment == "Add the amount committed."
    assert "Add the amount committed." in mail.outbox[0].body


def test_deciding_on_a_commitment_not_submitted_shows_an_error_and_changes_nothing(client, secretariat_reviewer):
    draft = CommitmentFactory()
    client.force_login(secretariat_reviewer)

    response = client.post(decide_url(draft), {"decision": "approve", "confirm": "yes"}, follow=True)

    draft.refresh_from_db()
    assert draft.status == Commitment.Status.DRAFT
    assert any("cannot be approved" in text for text in messages_of(response))


def test_staff_without_review_permission_cannot_decide_from_the_change_page(client, secretariat_admin):
    secretariat_admin.groups.clear()
    secretariat_admin.user_permissions.add(*_view_permission("commitment"))
    commitment = submitted_commitment()
    client.force_login(secretariat_admin)

    response = client.post(decide_url(commitment), {"decision": "approve", "confirm": "yes"})

    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.SUBMITTED


def test_decide_view_refuses_get(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    assert client.get(decide_url(commitment)).status_code == 405


def _view_permission(model):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename=f"view_{model}")


# Amendments ------------------------------------------------------------------


def test_amendment_page_shows_what_changed_field_by_field(client, secretariat_reviewer):
    original = ApprovedCommitmentFactory(title="Shelters in three counties")
    member = MembershipFactory(maker=original.maker).user
    amendment = services.commitment_start_amendment(actor=member, commitment=original)
    financing = Theme.objects.get(slug="financing")
    services.commitment_update(
        actor=member,
        commitment=amendment,
        data={"title": "Shelters in five counties", "themes": [financing]},
    )
    services.commitment_submit(actor=member, commitment=amendment)
    client.force_login(secretariat_reviewer)

    response = client.get(reverse("admin:commitments_commitment_change", args=[amendment.pk]))

    changes = {label: (before, after) for label, before, after in response.context["amendment_changes"]}
    assert changes["title"] == ("Shelters in three counties", "Shelters in five counties")
    assert changes["cross-cutting themes"] == ("", str(financing))
    assert "description" not in changes
    assert b"Shelters in five counties" in response.content


def test_approving_an_amendment_updates_the_public_commitment(client, secretariat_reviewer):
    original = ApprovedCommitmentFactory(title="Old title")
    member = MembershipFactory(maker=original.maker).user
    amendment = services.commitment_start_amendment(actor=member, commitment=original)
    services.commitment_update(actor=member, commitment=amendment, data={"title": "New title"})
    services.commitment_submit(actor=member, commitment=amendment)
    client.force_login(secretariat_reviewer)

    client.post(decide_url(amendment), {"decision": "approve", "confirm": "yes"})

    original.refresh_from_db()
    assert original.title == "New title"
    assert not Commitment.objects.filter(pk=amendment.pk).exists()


# Bulk decisions on the queue -------------------------------------------------


def test_bulk_approve_decides_each_and_reports_what_was_skipped(
    client, secretariat_reviewer, django_capture_on_commit_callbacks
):
    first, second = submitted_commitment(), submitted_commitment()
    draft = CommitmentFactory()
    client.force_login(secretariat_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            COMMITMENTS,
            {"action": "approve_selected", "_selected_action": [first.pk, second.pk, draft.pk], "confirm": "yes"},
            follow=True,
        )

    statuses = dict(Commitment.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "approved", second.pk: "approved", draft.pk: "draft"}
    texts = messages_of(response)
    assert "2 submissions decided." in texts
    assert any(text.startswith("1 skipped") and draft.reference in text for text in texts)
    assert len(mail.outbox) == 2


def test_bulk_approve_from_the_queue_records_history_for_each(client, secretariat_reviewer):
    first, second = submitted_commitment(), submitted_commitment()
    client.force_login(secretariat_reviewer)

    client.post(QUEUE, {"action": "approve_selected", "_selected_action": [first.pk, second.pk], "confirm": "yes"})

    for commitment in (first, second):
        latest = commitment.history.latest()
        assert latest.status == "approved"
        assert latest.history_user == secretariat_reviewer


def test_bulk_return_asks_for_a_comment_first(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.post(QUEUE, {"action": "return_selected", "_selected_action": [commitment.pk]})

    assert response.status_code == 200
    assert "admin/review/return_comment.html" in [template.name for template in response.templates]
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.SUBMITTED


def test_bulk_return_with_the_comment_returns_each(client, secretariat_reviewer, django_capture_on_commit_callbacks):
    first, second = submitted_commitment(), submitted_commitment()
    client.force_login(secretariat_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            QUEUE,
            {
                "action": "return_selected",
                "_selected_action": [first.pk, second.pk],
                "post": "yes",
                "comment": "Name the counties.",
            },
        )

    for commitment in (first, second):
        commitment.refresh_from_db()
        assert commitment.status == Commitment.Status.RETURNED
        assert commitment.review_events.get(action="returned").comment == "Name the counties."
    assert len(mail.outbox) == 2


def test_bulk_return_without_a_comment_returns_nothing(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.post(
        QUEUE, {"action": "return_selected", "_selected_action": [commitment.pk], "post": "yes", "comment": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["comment"]
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.SUBMITTED


def test_staff_without_review_permission_cannot_use_the_approve_action(client, secretariat_reviewer):
    secretariat_reviewer.groups.clear()
    secretariat_reviewer.user_permissions.add(*_view_permission("commitment"))
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.get(COMMITMENTS)
    assert b"approve_selected" not in response.content
    client.post(COMMITMENTS, {"action": "approve_selected", "_selected_action": [commitment.pk], "confirm": "yes"})

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.SUBMITTED


def test_status_cannot_be_edited_in_the_admin(client, secretariat_reviewer):
    commitment = submitted_commitment()
    client.force_login(secretariat_reviewer)

    response = client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk]))

    assert "status" not in response.context["adminform"].form.fields


def test_history_cannot_revert_a_commitment(client, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    commitment = submitted_commitment()
    services.commitment_approve(actor=superuser, commitment=commitment)
    oldest = commitment.history.earliest()
    client.force_login(superuser)

    url = reverse("admin:commitments_commitment_simple_history", args=[commitment.pk, oldest.history_id])
    response = client.post(url, {"title": "Reverted"})

    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.APPROVED
