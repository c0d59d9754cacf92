"""Public references stay unique past 99,999 commitments."""

import pytest

from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory

pytestmark = pytest.mark.django_db


def test_a_six_digit_id_keeps_all_its_digits_in_the_reference():
    ApprovedCommitmentFactory(id=100000)
    ApprovedCommitmentFactory(id=10000)

    assert Commitment.objects.get(pk=100000).reference.endswith("-100000")
    assert Commitment.objects.get(pk=10000).reference.endswith("-10000")


def test_a_short_id_is_padded_to_five_digits():
    commitment = ApprovedCommitmentFactory()

    assert commitment.reference.endswith(f"-{commitment.pk:05d}")
