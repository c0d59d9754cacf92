"""Users who should be refused, built for a given maker: the permission
tests of the commitment and progress report services parametrize over these.
Each takes the maker concerned and returns the actor (or None)."""

from django.contrib.auth.models import AnonymousUser

from .factories import MembershipFactory, ReviewerFactory, UserFactory


def non_member(maker):
    return UserFactory()


def member_of_another_maker(maker):
    return MembershipFactory().user


def staff_without_review_permission(maker):
    return UserFactory(is_staff=True)


def anonymous(maker):
    return AnonymousUser()


def nobody(maker):
    return None


def inactive_member(maker):
    return MembershipFactory(maker=maker, user=UserFactory(is_active=False)).user


def inactive_reviewer(maker):
    return ReviewerFactory(is_active=False)


def member_of_the_maker(maker):
    return MembershipFactory(maker=maker).user


def reviewer_who_is_not_a_member(maker):
    return ReviewerFactory()
