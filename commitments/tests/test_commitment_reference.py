import pytest

from commitments.models import Commitment
from commitments.tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def test_reference_pads_short_ids_to_five_digits():
    commitment = CommitmentFactory(id=42)

    assert commitment.reference == f"GE-{commitment.created_at.year}-00042"


def test_commitments_past_id_99999_keep_distinct_references():
    first = CommitmentFactory(id=123456)
    second = CommitmentFactory(id=123457)

    assert first.reference == f"GE-{first.created_at.year}-123456"
    assert second.reference == f"GE-{second.created_at.year}-123457"
    assert Commitment.objects.filter(reference__in=[first.reference, second.reference]).count() == 2
