"""Property-based run of every operation in the OpenAPI schema, through the
Django WSGI app: generated inputs (valid and invalid) must never give a
server error or an answer the schema does not describe.

Bounded to keep the suite fast: a handful of examples per operation, no
deadline, no example database. Calls carry a maker's token so that the
write operations get past authentication and reach the services.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MembershipFactory
from gentrack.wsgi import application
from reporting.models import AccountabilityReport
from reporting.tests.factories import ProgressReportFactory, open_cycle

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_the_test_connection():
    """Calls go straight to the WSGI app, not through Django's test client,
    so switch off what the test client switches off: closing the database
    connection at the end of each request, which on PostgreSQL would end
    the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(db, settings, keep_the_test_connection):
    """A maker with public and draft commitments and reports, another
    maker's draft, an open cycle and a compiled accountability report."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    membership = MembershipFactory(role="owner")
    cycle = open_cycle()
    for _ in range(3):
        commitment = ApprovedCommitmentFactory(maker=membership.maker, is_financial=True, financial_amount_usd=900)
        ProgressReportFactory(commitment=commitment, cycle=cycle, status="submitted")
    CommitmentFactory(maker=membership.maker)
    CommitmentFactory(status=Commitment.Status.SUBMITTED)
    ApprovedCommitmentFactory(status=Commitment.Status.WITHDRAWN)
    AccountabilityReport.objects.create(cycle=cycle, version=1, status="succeeded", data={"makers": 2})
    return Token.objects.create(user=membership.user).key


# The schema is built without touching the database, so it loads at import
# and each operation becomes its own test.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_input_breaks_the_api_or_its_schema(case, seeded):
    case.call_and_validate(headers={"Authorization": f"Token {seeded}"}, checks=CHECKS)
