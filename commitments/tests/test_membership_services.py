import pytest
from django.core import mail

from commitments import services
from commitments.models import JoinRequest, Membership
from commitments.tests.factories import MakerFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_can_ask_to_join_a_maker_once_at_a_time():
    maker, user = MakerFactory(), UserFactory()
    services.join_request_create(actor=user, maker=maker, message="I run the Nairobi office.")

    with pytest.raises(services.InvalidTransition):
        services.join_request_create(actor=user, maker=maker)
    assert JoinRequest.objects.filter(user=user, maker=maker).count() == 1


def test_a_member_cannot_ask_to_join_their_own_maker(member):
    with pytest.raises(services.InvalidTransition):
        services.join_request_create(actor=member, maker=member.maker)


def test_owner_accepting_a_request_makes_the_requester_a_member_and_tells_them(
    member, django_capture_on_commit_callbacks
):
    requester = UserFactory()
    join_request = services.join_request_create(actor=requester, maker=member.maker)

    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_accept(actor=member, join_request=join_request, role="editor")

    assert Membership.objects.get(user=requester, maker=member.maker).role == "editor"
    join_request.refresh_from_db()
    assert join_request.status == "accepted" and join_request.decided_by == member
    assert mail.outbox[-1].to == [requester.email]
    assert "accepted" in mail.outbox[-1].body


def test_an_editor_cannot_accept_a_join_request():
    editor = MembershipFactory(role="editor")
    join_request = services.join_request_create(actor=UserFactory(), maker=editor.maker)

    with pytest.raises(services.NotPermitted):
        services.join_request_accept(actor=editor.user, join_request=join_request)
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_owner_declining_a_request_adds_no_member(member):
    requester = UserFactory()
    join_request = services.join_request_create(actor=requester, maker=member.maker)

    services.join_request_decline(actor=member, join_request=join_request)

    assert not Membership.objects.filter(user=requester).exists()
    with pytest.raises(services.InvalidTransition):
        services.join_request_accept(actor=member, join_request=join_request)


def test_the_last_owner_cannot_become_an_editor(member):
    own = Membership.objects.get(user=member)
    with pytest.raises(services.InvalidTransition):
        services.membership_change_role(actor=member, membership=own, role="editor")
    own.refresh_from_db()
    assert own.role == "owner"


def test_an_owner_can_hand_over_ownership_and_step_down(member):
    colleague = MembershipFactory(maker=member.maker, role="editor")
    services.membership_change_role(actor=member, membership=colleague, role="owner")
    own = Membership.objects.get(user=member)

    services.membership_change_role(actor=member, membership=own, role="editor")

    assert set(member.maker.memberships.values_list("role", flat=True)) == {"owner", "editor"}


def test_the_last_owner_cannot_be_removed_or_leave(member):
    own = Membership.objects.get(user=member)
    with pytest.raises(services.InvalidTransition):
        services.membership_remove(actor=member, membership=own)
    assert Membership.objects.filter(pk=own.pk).exists()


def test_an_editor_cannot_remove_another_member(member):
    editor = MembershipFactory(maker=member.maker, role="editor")
    other = MembershipFactory(maker=member.maker, role="editor")
    with pytest.raises(services.NotPermitted):
        services.membership_remove(actor=editor.user, membership=other)
    assert Membership.objects.filter(pk=other.pk).exists()


def test_an_editor_may_leave(member):
    editor = MembershipFactory(maker=member.maker, role="editor")
    services.membership_remove(actor=editor.user, membership=editor)
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_an_owner_of_another_maker_cannot_change_roles(member):
    stranger = MembershipFactory(role="owner").user
    own = Membership.objects.get(user=member)
    with pytest.raises(services.NotPermitted):
        services.membership_change_role(actor=stranger, membership=own, role="editor")
