"""Public references stay unique past five digits of id."""

import pytest

from commitments.tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def test_references_are_padded_to_five_digits_but_never_cut():
    small = CommitmentFactory(id=42)
    ten_thousand = CommitmentFactory(id=10000)
    hundred_thousand = CommitmentFactory(id=100000)

    assert small.reference.endswith("-00042")
    assert ten_thousand.reference.endswith("-10000")
    assert hundred_thousand.reference.endswith("-100000")
