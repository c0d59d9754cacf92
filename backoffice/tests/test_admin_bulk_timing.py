"""How long approving a batch of submissions in one bulk action takes. A
measurement, printed, not a timed assertion: run it with `-s` against
PostgreSQL (DATABASE_URL=postgres://…/gt_admin) to read the figure. The
suite approves 100 (the rules are the same for 500, and building 500
submissions cost the suite 40 s); `BULK_APPROVAL_BATCH=500` measures the
admin's usual page-sized batch."""

import os
import time

import pytest
from django.db import connection
from django.urls import reverse

from commitments.models import Commitment, ReviewEvent
from commitments.tests import admin_fixtures
from commitments.tests.admin_fixtures import submitted_commitment
from commitments.tests.factories import MakerFactory, MembershipFactory
from conftest import require_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.services]
secretariat_reviewer = admin_fixtures.secretariat_reviewer

BATCH = int(os.environ.get("BULK_APPROVAL_BATCH", "100"))


def test_bulk_approval_of_a_batch_of_submissions(client, secretariat_reviewer, django_capture_on_commit_callbacks):
    require_or_skip(connection.vendor == "postgresql", "the bulk approval timing is measured on PostgreSQL")
    makers = [MakerFactory() for _ in range(10)]
    for maker in makers:
        MembershipFactory(maker=maker)
    commitments = [submitted_commitment(maker=makers[number % 10]) for number in range(BATCH)]
    client.force_login(secretariat_reviewer)

    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("admin:commitments_commitmentawaitingreview_changelist"),
            {"action": "approve_selected", "_selected_action": [c.pk for c in commitments], "confirm": "yes"},
        )
    elapsed = time.perf_counter() - started

    assert response.status_code == 302
    assert Commitment.objects.filter(status="approved").count() == BATCH
    assert ReviewEvent.objects.filter(action="approved").count() == BATCH
    assert len(callbacks) == BATCH  # one notification queued per decision
    print(
        f"\nApproving {BATCH} submissions in one bulk action took {elapsed:.2f} s ({elapsed / BATCH * 1000:.1f} ms each)"
    )
