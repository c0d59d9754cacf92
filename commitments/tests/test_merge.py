"""Likely duplicate makers are flagged in the admin and merged into one."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from coalitions.models import ActionCoalition, CoalitionLeader, Country
from commitments import services
from commitments.duplicates import likely_duplicates, similarity_reason
from commitments.models import CommitmentMaker, JoinRequest, MakerMerge, Membership, ReviewEvent
from commitments.tests import admin_fixtures
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory, MembershipFactory, UserFactory
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db
secretariat_admin = admin_fixtures.secretariat_admin
secretariat_reviewer = admin_fixtures.secretariat_reviewer

MAKERS = reverse("admin:commitments_commitmentmaker_changelist")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Ministry of Gender, Children and Social Protection", ""), ("Gender Children & Social Protection", "")),
        (("Fundación Mujeres del Sur", ""), ("Fundacion Mujeres Sur", "")),
        (("The Equality Fund", "EF"), ("Equality Fund", "")),
        (("Kenya Women Parliamentary Association", "KEWOPA"), ("KEWOPA", "")),
        (("Women in Law and Development in Africa", "WiLDAF"), ("W.i.L.D.A.F.", "wildaf")),
        (("Girls Education Network", ""), ("G.E.N.", "GEN")),
    ],
)
def test_similar_names_and_acronyms_are_recognised(first, second):
    assert similarity_reason(*first, *second)


def test_different_organisations_are_not_flagged():
    assert similarity_reason("Equality Fund", "", "Equality Now", "") is None
    assert similarity_reason("Plan International", "PI", "Oxfam", "OX") is None


def test_only_makers_in_the_same_country_are_flagged():
    kenyan = MakerFactory(name="Equality Fund", country=Country.objects.get(code="KE"))
    MakerFactory(name="The Equality Fund", country=Country.objects.get(code="CA"))
    same = MakerFactory(name="The Equality Fund", acronym="", country=Country.objects.get(code="KE"))

    assert likely_duplicates(kenyan) == [same]


def test_adding_a_maker_warns_about_a_likely_duplicate(client, secretariat_admin):
    existing = MakerFactory(name="Kenya Women Parliamentary Association", acronym="KEWOPA")
    client.force_login(secretariat_admin)

    response = client.post(
        reverse("admin:commitments_commitmentmaker_add"),
        {
            "name": "K.E.W.O.P.A.",
            "acronym": "",
            "constituency": "civil_society",
            "country": "KE",
            "website": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
        follow=True,
    )

    texts = [str(message) for message in get_messages(response.wsgi_request)]
    url = reverse("admin:commitments_commitmentmaker_change", args=[existing.pk])
    assert any("may duplicate" in text and url in text for text in texts)


def test_change_page_lists_likely_duplicates_with_links(client, secretariat_admin):
    maker = MakerFactory(name="Equality Fund", acronym="")
    duplicate = MakerFactory(name="The Equality Fund", acronym="")
    client.force_login(secretariat_admin)

    response = client.get(reverse("admin:commitments_commitmentmaker_change", args=[maker.pk]))

    assert [item for item, _url in response.context["likely_duplicates"]] == [duplicate]
    assert reverse("admin:commitments_commitmentmaker_change", args=[duplicate.pk]).encode() in response.content


def test_merge_moves_everything_to_the_kept_maker(client, secretariat_admin, open_cycle):
    keep = MakerFactory(name="Equality Fund")
    duplicate = MakerFactory(name="The Equality Fund")
    commitment = ApprovedCommitmentFactory(maker=duplicate)
    report = ProgressReportFactory(commitment=commitment, cycle=open_cycle)
    shared_user = UserFactory()
    MembershipFactory(maker=keep, user=shared_user, role="editor")
    MembershipFactory(maker=duplicate, user=shared_user, role="owner")
    only_duplicate_member = MembershipFactory(maker=duplicate).user
    JoinRequest.objects.create(user=UserFactory(), maker=duplicate)
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    CoalitionLeader.objects.create(coalition=gbv, maker=duplicate, since=2021)
    client.force_login(secretariat_admin)

    intermediate = client.post(MAKERS, {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk]})
    assert intermediate.status_code == 200
    client.post(
        MAKERS,
        {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk], "post": "yes", "keep": keep.pk},
    )

    assert not CommitmentMaker.objects.filter(pk=duplicate.pk).exists()
    commitment.refresh_from_db()
    report.refresh_from_db()
    assert commitment.maker == keep
    assert report.commitment.maker == keep
    assert Membership.objects.get(maker=keep, user=shared_user).role == "owner"
    assert Membership.objects.filter(maker=keep, user=only_duplicate_member).exists()
    assert keep.join_requests.count() == 1
    assert CoalitionLeader.objects.get(coalition=gbv).maker == keep
    merge = MakerMerge.objects.get()
    assert (merge.kept, merge.merged_id, merge.actor) == (keep, duplicate.pk, secretariat_admin)
    assert merge.moved == {
        "commitments": 1,
        "progress_reports": 1,
        "members": 1,
        "join_requests": 1,
        "leaderships": 1,
    }
    event = commitment.review_events.get(action=ReviewEvent.Action.MERGED)
    assert event.actor == secretariat_admin
    assert "The Equality Fund" in keep.history.latest().history_change_reason


def test_reviewer_cannot_merge_makers(client, secretariat_reviewer):
    keep, duplicate = MakerFactory(), MakerFactory()
    client.force_login(secretariat_reviewer)

    client.post(
        MAKERS,
        {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk], "post": "yes", "keep": keep.pk},
    )

    assert CommitmentMaker.objects.filter(pk=duplicate.pk).exists()
    assert not MakerMerge.objects.exists()


def test_merge_service_refuses_merging_a_maker_into_itself(secretariat_admin):
    maker = MakerFactory()

    with pytest.raises(services.InvalidTransition):
        services.maker_merge(keep=maker, duplicate=maker, actor=secretariat_admin)
