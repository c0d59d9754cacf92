"""Fixtures for the admin tests: secretariat staff in each role, and
submissions waiting in the queues. Import the fixtures you use by name."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from commitments.models import Commitment
from commitments.tests.factories import CommitmentFactory, MembershipFactory, UserFactory


def staff_in(group_name, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def secretariat_reviewer(db):
    """Staff in the Reviewers group, as the secretariat sets them up."""
    return staff_in("Reviewers", username="rita-reviewer")


@pytest.fixture
def secretariat_admin(db):
    return staff_in("Secretariat admins", username="sam-admin")


@pytest.fixture
def staff_without_group(db):
    return UserFactory(is_staff=True, username="nogroup-staff")


def submitted_commitment(days_ago=1, **kwargs):
    """A commitment submitted `days_ago` days ago, whose maker has one member
    with an email address."""
    commitment = CommitmentFactory(
        status=Commitment.Status.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        **kwargs,
    )
    if not commitment.maker.memberships.exists():
        MembershipFactory(maker=commitment.maker)
    return commitment
