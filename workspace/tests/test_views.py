import pytest
from django.urls import reverse

from coalitions.models import ActionArea, ActionCoalition
from commitments import services
from commitments.models import Commitment, CommitmentMaker, JoinRequest, Membership, ReviewEvent
from commitments.tests.factories import (
    ApprovedCommitmentFactory,
    CommitmentFactory,
    MakerFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def commitment_form(**overrides):
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    tech = ActionCoalition.objects.get(slug="technology-and-innovation")
    data = {
        "title": "Fund women-led digital skills hubs",
        "description": "Forty hubs run by women's groups.",
        "coalitions": [gbv.pk, tech.pk],
        "action_areas": [ActionArea.objects.filter(coalition=tech).first().pk],
        "commitment_types": ["financial", "programme"],
        "financial_amount_usd": "2500000",
        "scope": "national",
        "countries": ["KE", "UG"],
        "start_year": "2024",
        "end_year": "2027",
        "target_groups": "Rural women",
        "partners": "County governments",
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def maker_client(client, member):
    client.force_login(member)
    return client


# Who may see what ----------------------------------------------------------------

OBJECT_VIEWS = [
    ("get", "my-commitment"),
    ("get", "my-commitment-edit"),
    ("post", "my-commitment-edit"),
    ("post", "my-commitment-submit"),
    ("get", "my-commitment-withdraw"),
    ("post", "my-commitment-withdraw"),
    ("post", "my-commitment-amend"),
    ("post", "my-commitment-discard"),
    ("get", "my-commitment-delete"),
    ("post", "my-commitment-delete"),
]


@pytest.mark.parametrize("method,name", OBJECT_VIEWS)
def test_anonymous_visitors_are_sent_to_log_in(client, method, name):
    commitment = CommitmentFactory()
    response = getattr(client, method)(reverse(name, args=[commitment.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["my-home", "my-commitment-new", "my-organisations", "my-reports"])
def test_anonymous_visitors_are_sent_to_log_in_from_every_list(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("method,name", OBJECT_VIEWS)
@pytest.mark.parametrize("status", ["draft", "returned", "approved"])
def test_maker_cannot_see_or_change_another_makers_commitment(maker_client, method, name, status):
    other = CommitmentFactory(status=status)
    before = list(Commitment.objects.values_list("pk", "status", "title", "updated_at"))

    response = getattr(maker_client, method)(reverse(name, args=[other.pk]), commitment_form(title="Hijacked"))

    assert response.status_code == 404
    assert list(Commitment.objects.values_list("pk", "status", "title", "updated_at")) == before
    assert not ReviewEvent.objects.exists()


def test_the_list_shows_only_the_acting_makers_commitments(maker_client, member):
    mine = CommitmentFactory(maker=member.maker, title="Our shelters")
    CommitmentFactory(title="Somebody else's draft")

    page = maker_client.get(reverse("my-home")).content.decode()

    assert mine.title in page
    assert "Somebody else" not in page


def test_a_user_without_an_organisation_is_asked_to_create_or_join_one(client):
    client.force_login(UserFactory())
    response = client.get(reverse("my-home"))
    assert response.status_code == 302 and response.url == reverse("my-organisations")


# Commitments ---------------------------------------------------------------------


def test_maker_registers_a_draft_financial_commitment_in_two_coalitions(maker_client, member):
    response = maker_client.post(reverse("my-commitment-new"), commitment_form())

    commitment = Commitment.objects.get()
    assert response.status_code == 302 and response.url == reverse("my-commitment", args=[commitment.pk])
    assert commitment.maker == member.maker
    assert commitment.status == "draft"
    assert commitment.commitment_types == ["programme", "financial"]
    assert commitment.coalitions.count() == 2
    assert sorted(commitment.countries.values_list("code", flat=True)) == ["KE", "UG"]


def test_save_and_submit_sends_the_commitment_for_review(maker_client):
    maker_client.post(reverse("my-commitment-new"), commitment_form(action="submit"))
    assert Commitment.objects.get().status == "submitted"


def test_a_financial_commitment_without_an_amount_keeps_everything_typed_and_says_what_is_missing(maker_client):
    response = maker_client.post(
        reverse("my-commitment-new"), commitment_form(financial_amount_usd="", action="submit")
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "A financial commitment needs the amount committed" in page
    assert 'href="#id_financial_amount_usd"' in page
    assert 'aria-describedby="id_financial_amount_usd_helptext id_financial_amount_usd_error"' in page
    assert 'value="Fund women-led digital skills hubs"' in page
    assert 'value="UG" id="id_countries_UG" checked' in page
    assert not Commitment.objects.exists()


def test_action_areas_of_coalitions_not_chosen_are_refused(maker_client):
    climate_area = ActionArea.objects.filter(coalition__slug="feminist-action-for-climate-justice").first()
    response = maker_client.post(reverse("my-commitment-new"), commitment_form(action_areas=[climate_area.pk]))
    assert "belong to coalitions you did not choose" in response.content.decode()
    assert not Commitment.objects.exists()


def test_an_end_year_before_the_start_year_is_refused_next_to_the_field(maker_client):
    response = maker_client.post(reverse("my-commitment-new"), commitment_form(start_year="2027", end_year="2024"))
    assert 'id="id_end_year_error"' in response.content.decode()
    assert not Commitment.objects.exists()


def test_the_amount_is_dropped_when_the_commitment_is_not_financial(maker_client):
    maker_client.post(reverse("my-commitment-new"), commitment_form(commitment_types=["policy"]))
    assert Commitment.objects.get().financial_amount_usd is None


def test_a_returned_commitment_shows_the_reviewers_comment_and_can_be_resubmitted(maker_client, member, reviewer):
    commitment = CommitmentFactory(maker=member.maker)
    services.commitment_submit(actor=member, commitment=commitment)
    services.commitment_return(actor=reviewer, commitment=commitment, comment="Give the number of shelters.")

    page = maker_client.get(reverse("my-commitment-edit", args=[commitment.pk])).content.decode()
    assert "Give the number of shelters." in page

    maker_client.post(
        reverse("my-commitment-edit", args=[commitment.pk]),
        commitment_form(title="Open twelve shelters", action="submit"),
    )
    commitment.refresh_from_db()
    assert commitment.title == "Open twelve shelters"
    assert commitment.status == "submitted"


def test_a_submitted_commitment_cannot_be_edited(maker_client, member):
    commitment = CommitmentFactory(maker=member.maker, status="submitted")
    response = maker_client.post(reverse("my-commitment-edit", args=[commitment.pk]), commitment_form(title="Changed"))
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.title != "Changed"


def test_the_detail_page_shows_the_timeline_with_review_comments(maker_client, member, reviewer):
    commitment = CommitmentFactory(maker=member.maker)
    services.commitment_submit(actor=member, commitment=commitment)
    services.commitment_approve(actor=reviewer, commitment=commitment, comment="Clear and measurable.")

    page = maker_client.get(reverse("my-commitment", args=[commitment.pk])).content.decode()

    assert "Clear and measurable." in page
    assert "Submitted for review" in page
    assert reviewer.email not in page  # makers see "the secretariat", not a staff address


def test_withdrawing_asks_for_confirmation_first(maker_client, member):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    page = maker_client.get(reverse("my-commitment-withdraw", args=[commitment.pk]))
    commitment.refresh_from_db()
    assert "Withdraw this commitment?" in page.content.decode()
    assert commitment.status == "approved"

    maker_client.post(reverse("my-commitment-withdraw", args=[commitment.pk]), {"comment": "Funding ended."})
    commitment.refresh_from_db()
    assert commitment.status == "withdrawn"
    assert commitment.review_events.get(action="withdrawn").comment == "Funding ended."


def test_amending_an_approved_commitment_leaves_the_public_version_alone(maker_client, member):
    commitment = ApprovedCommitmentFactory(maker=member.maker, title="Original title")

    response = maker_client.post(reverse("my-commitment-amend", args=[commitment.pk]))
    amendment = Commitment.objects.get(amends=commitment)
    assert response.url == reverse("my-commitment-edit", args=[amendment.pk])

    maker_client.post(
        reverse("my-commitment-edit", args=[amendment.pk]), commitment_form(title="Amended title", action="submit")
    )
    amendment.refresh_from_db()
    commitment.refresh_from_db()
    assert amendment.status == "submitted" and amendment.title == "Amended title"
    assert commitment.status == "approved" and commitment.title == "Original title"
    public = maker_client.get(reverse("commitment-detail", args=[commitment.reference])).content.decode()
    assert "Original title" in public and "Amended title" not in public


def test_a_draft_amendment_can_be_discarded(maker_client, member):
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    amendment = services.commitment_start_amendment(actor=member, commitment=commitment)

    response = maker_client.post(reverse("my-commitment-discard", args=[amendment.pk]))

    assert response.url == reverse("my-commitment", args=[commitment.pk])
    assert not Commitment.objects.filter(pk=amendment.pk).exists()


def test_the_list_shows_an_open_amendment_next_to_the_approved_commitment(maker_client, member):
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    services.commitment_start_amendment(actor=member, commitment=commitment)

    page = maker_client.get(reverse("my-home")).content.decode()

    assert "Amendment:" in page
    assert page.count(commitment.title) == 1


@pytest.mark.parametrize("rows", [5, 40])
def test_the_commitment_list_runs_a_constant_number_of_queries(maker_client, member, rows, django_assert_num_queries):
    CommitmentFactory.create_batch(rows // 2, maker=member.maker)
    for commitment in ApprovedCommitmentFactory.create_batch(rows - rows // 2, maker=member.maker):
        services.commitment_start_amendment(actor=member, commitment=commitment)

    # session, user, memberships, pending join requests, commitments, coalitions, countries, focal points
    with django_assert_num_queries(8):
        response = maker_client.get(reverse("my-home"))
    assert response.status_code == 200


# Organisations -----------------------------------------------------------------


def test_registering_an_organisation_makes_the_user_its_owner_and_acting_for_it(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("my-organisation-new"),
        {"name": "Rural Women Digital Network", "acronym": "RWDN", "constituency": "feminist_org", "country": "KE"},
    )

    maker = CommitmentMaker.objects.get(name="Rural Women Digital Network")
    assert response.url == reverse("my-home")
    assert Membership.objects.get(user=user, maker=maker).role == "owner"
    assert client.session["acting_maker_id"] == maker.pk
    assert not maker.verified


def test_an_incomplete_organisation_form_keeps_what_was_typed(client):
    client.force_login(UserFactory())
    response = client.post(reverse("my-organisation-new"), {"name": "Rural Women Digital Network"})
    page = response.content.decode()
    assert 'value="Rural Women Digital Network"' in page
    assert 'id="id_constituency_error"' in page
    assert not CommitmentMaker.objects.exists()


def test_a_user_finds_an_organisation_and_asks_to_join_it(client):
    maker = MakerFactory(name="Kenya Women Judges Association")
    user = UserFactory()
    client.force_login(user)

    assert maker.name in client.get(reverse("my-organisation-search"), {"q": "judges"}).content.decode()
    client.post(reverse("my-organisation-join", args=[maker.pk]), {"message": "I coordinate the programme."})

    assert JoinRequest.objects.get(user=user, maker=maker).status == "pending"


def test_an_owner_accepts_a_join_request_from_the_members_page(maker_client, member):
    requester = UserFactory(first_name="Li Wei")
    join_request = JoinRequest.objects.create(user=requester, maker=member.maker)

    page = maker_client.get(reverse("my-members", args=[member.maker.pk])).content.decode()
    assert "Li Wei" in page
    maker_client.post(reverse("my-join-request-accept", args=[member.maker.pk, join_request.pk]), {"role": "editor"})

    assert Membership.objects.get(user=requester, maker=member.maker).role == "editor"


def test_an_editor_gets_403_when_managing_members_and_nothing_changes(client, member):
    editor = MembershipFactory(maker=member.maker, role="editor")
    join_request = JoinRequest.objects.create(user=UserFactory(), maker=member.maker)
    owner_membership = Membership.objects.get(user=member)
    client.force_login(editor.user)

    attempts = [
        client.post(reverse("my-member-role", args=[member.maker.pk, owner_membership.pk]), {"role": "editor"}),
        client.post(reverse("my-member-remove", args=[member.maker.pk, owner_membership.pk])),
        client.post(reverse("my-join-request-accept", args=[member.maker.pk, join_request.pk])),
        client.post(reverse("my-join-request-decline", args=[member.maker.pk, join_request.pk])),
    ]

    assert [response.status_code for response in attempts] == [403, 403, 403, 403]
    owner_membership.refresh_from_db()
    join_request.refresh_from_db()
    assert owner_membership.role == "owner" and join_request.status == "pending"


def test_an_editor_sees_the_members_but_no_management_buttons(client, member):
    editor = MembershipFactory(maker=member.maker, role="editor")
    client.force_login(editor.user)
    page = client.get(reverse("my-members", args=[member.maker.pk])).content.decode()
    assert member.email in page
    assert "Accept" not in page and 'name="role"' not in page


@pytest.mark.parametrize(
    "name", ["my-members", "my-member-role", "my-member-remove", "my-join-request-accept", "my-join-request-decline"]
)
def test_members_of_another_maker_get_404_on_member_management(maker_client, name):
    other = MembershipFactory(role="owner")
    join_request = JoinRequest.objects.create(user=UserFactory(), maker=other.maker)
    args = [other.maker.pk] if name == "my-members" else [other.maker.pk, other.pk]
    if "join-request" in name:
        args = [other.maker.pk, join_request.pk]
    method = maker_client.get if name == "my-members" else maker_client.post
    response = method(reverse(name, args=args), {"role": "editor"})
    assert response.status_code == 404
    other.refresh_from_db()
    join_request.refresh_from_db()
    assert other.role == "owner" and join_request.status == "pending"


def test_the_last_owner_is_told_they_cannot_step_down(maker_client, member):
    own = Membership.objects.get(user=member)
    response = maker_client.post(
        reverse("my-member-role", args=[member.maker.pk, own.pk]), {"role": "editor"}, follow=True
    )
    assert "needs at least one owner" in response.content.decode()
    own.refresh_from_db()
    assert own.role == "owner"


def test_a_user_with_two_organisations_switches_which_one_they_act_for(maker_client, member):
    second = MembershipFactory(user=member, role="editor").maker
    CommitmentFactory(maker=second, title="Draft of the second organisation")

    maker_client.post(reverse("my-organisation-switch"), {"maker": second.pk, "next": reverse("my-home")})

    assert "Draft of the second organisation" in maker_client.get(reverse("my-home")).content.decode()


def test_a_user_cannot_switch_to_an_organisation_they_do_not_belong_to(maker_client, member):
    stranger = MakerFactory()
    response = maker_client.post(reverse("my-organisation-switch"), {"maker": stranger.pk})
    assert response.status_code == 403
    assert maker_client.session.get("acting_maker_id") != stranger.pk


@pytest.mark.parametrize("rows", [5, 40])
def test_the_members_page_runs_a_constant_number_of_queries(maker_client, member, rows, django_assert_num_queries):
    MembershipFactory.create_batch(rows, maker=member.maker)
    for user in UserFactory.create_batch(rows):
        JoinRequest.objects.create(user=user, maker=member.maker)

    # session, user, memberships, pending count, members, join requests
    with django_assert_num_queries(6):
        response = maker_client.get(reverse("my-members", args=[member.maker.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 40])
def test_the_organisations_page_runs_a_constant_number_of_queries(
    maker_client, member, rows, django_assert_num_queries
):
    MembershipFactory.create_batch(rows, user=member)
    for maker in MakerFactory.create_batch(rows):
        JoinRequest.objects.create(user=member, maker=maker)

    with django_assert_num_queries(5):
        response = maker_client.get(reverse("my-organisations"))
    assert response.status_code == 200
