"""The commitment form does what its words say: a draft saves at any time
with its title alone; a submission needs everything and lists every missing
field at once, at the top and at each field; nothing typed is lost; a draft
never submitted can be deleted after a confirmation."""

import pytest
from django.urls import reverse

from commitments.models import Commitment
from commitments.tests.factories import CommitmentFactory

from .test_views import commitment_form

pytestmark = pytest.mark.django_db

NEW = reverse("my-commitment-new")


@pytest.fixture
def maker_client(client, member):
    client.force_login(member)
    return client


def only(**fields):
    """A form post with only these fields filled in."""
    return {"action": "save", **fields}


def test_a_draft_saves_with_its_title_alone(maker_client, member):
    response = maker_client.post(NEW, only(title="Shelters, to be planned"))

    commitment = Commitment.objects.get()
    assert response["Location"] == reverse("my-commitment", args=[commitment.pk])
    assert commitment.status == "draft" and commitment.maker == member.maker


def test_a_draft_saved_without_a_title_is_refused_at_the_title(maker_client):
    response = maker_client.post(NEW, only(description="Forty hubs run by women's groups."))

    page = response.content.decode()
    assert 'href="#id_title"' in page
    assert "Forty hubs run by women&#x27;s groups." in page
    assert not Commitment.objects.exists()


def test_submitting_a_title_alone_lists_every_missing_field_at_once(maker_client):
    response = maker_client.post(NEW, {"title": "Shelters", "action": "submit"})

    page = response.content.decode()
    assert response.status_code == 200
    summary = page[page.index('class="error-summary"') : page.index("</ul>", page.index('class="error-summary"'))]
    for field in ("description", "coalitions", "commitment_types", "scope", "start_year", "end_year"):
        assert f'href="#id_{field}"' in summary, field
        assert f'id="id_{field}_error"' in page, field
    assert 'value="Shelters"' in page
    assert not Commitment.objects.exists()


def test_a_national_commitment_submitted_without_a_country_is_refused_at_the_countries(maker_client):
    response = maker_client.post(NEW, commitment_form(scope="national", countries=[], action="submit"))

    page = response.content.decode()
    assert 'href="#id_countries"' in page
    assert "A national or local commitment names at least one country." in page
    assert 'value="national" checked' in page or 'value="national" id="id_scope_national" checked' in page
    assert not Commitment.objects.exists()


def test_a_regional_commitment_is_submitted_without_a_country(maker_client):
    maker_client.post(NEW, commitment_form(scope="regional", countries=[], action="submit"))

    assert Commitment.objects.get().status == "submitted"


def test_a_national_draft_without_a_country_still_saves(maker_client):
    maker_client.post(NEW, commitment_form(scope="national", countries=[]))

    assert Commitment.objects.get().status == "draft"


def test_an_incomplete_draft_submitted_from_its_page_goes_back_to_the_form_with_what_is_missing(maker_client, member):
    maker_client.post(NEW, only(title="Shelters", start_year="2025"))
    commitment = Commitment.objects.get()

    response = maker_client.post(reverse("my-commitment-submit", args=[commitment.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("my-commitment-edit", args=[commitment.pk]) + "?check=submit"
    page = response.content.decode()
    assert "Your draft is saved. Complete these, then submit it." in page
    for field in ("description", "coalitions", "commitment_types", "scope", "end_year"):
        assert f'href="#id_{field}"' in page, field
    assert 'href="#id_start_year"' not in page
    assert 'value="Shelters"' in page and 'value="2025"' in page
    commitment.refresh_from_db()
    assert commitment.status == "draft"


def test_a_refused_submission_of_an_edited_draft_changes_nothing(maker_client, member):
    commitment = CommitmentFactory(maker=member.maker, title="The first title")

    response = maker_client.post(
        reverse("my-commitment-edit", args=[commitment.pk]),
        commitment_form(title="A second title", scope="local", countries=[], action="submit"),
    )

    assert 'value="A second title"' in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.title == "The first title" and commitment.status == "draft"


def test_the_edit_form_marks_the_optional_fields_and_says_a_draft_needs_only_a_title(maker_client):
    page = maker_client.get(NEW).content.decode()

    assert "A draft needs only its title." in page
    assert "(needed for a national or local commitment)" in page


# Deleting a draft ------------------------------------------------------------------


def test_a_maker_deletes_a_draft_after_confirming(maker_client, member):
    commitment = CommitmentFactory(maker=member.maker, title="Shelters to delete")
    detail = maker_client.get(reverse("my-commitment", args=[commitment.pk])).content.decode()
    assert reverse("my-commitment-delete", args=[commitment.pk]) in detail

    confirm = maker_client.get(reverse("my-commitment-delete", args=[commitment.pk])).content.decode()
    assert "Delete this draft?" in confirm and "Shelters to delete" in confirm
    assert Commitment.objects.filter(pk=commitment.pk).exists()

    response = maker_client.post(reverse("my-commitment-delete", args=[commitment.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("my-home")
    assert "is deleted" in response.content.decode()
    assert not Commitment.objects.filter(pk=commitment.pk).exists()


@pytest.mark.parametrize("status", ["submitted", "returned", "approved"])
def test_a_commitment_once_submitted_offers_no_delete_and_refuses_one(maker_client, member, status):
    commitment = CommitmentFactory(maker=member.maker, status=status, submitted_at="2025-01-01T00:00:00Z")

    detail = maker_client.get(reverse("my-commitment", args=[commitment.pk])).content.decode()
    confirm = maker_client.get(reverse("my-commitment-delete", args=[commitment.pk])).content.decode()
    response = maker_client.post(reverse("my-commitment-delete", args=[commitment.pk]), follow=True)

    assert reverse("my-commitment-delete", args=[commitment.pk]) not in detail
    assert "Only a draft that was never submitted can be deleted" in confirm
    assert "Only a draft that was never submitted can be deleted" in response.content.decode()
    assert Commitment.objects.filter(pk=commitment.pk).exists()


def test_a_member_of_another_maker_cannot_delete_a_draft(maker_client):
    other = CommitmentFactory()

    response = maker_client.post(reverse("my-commitment-delete", args=[other.pk]))

    assert response.status_code == 404
    assert Commitment.objects.filter(pk=other.pk).exists()
