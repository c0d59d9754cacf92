"""What every module of the demo shares: the demo password and sizes,
short names for the models' choices, the coalitions' slugs, and the
exception and helpers the builder and the commands use."""

import math
from decimal import Decimal

from commitments.models import Commitment, ReviewEvent
from reporting.models import ImplementationStatus, ProgressReport

# Printed at the end of `seed_demo` and in the README: every named demo user
# signs in with it. Demo data is for laptops and staging sites, never
# production (seed_demo refuses a database that already has makers).
DEMO_PASSWORD = "generation-equality"

CHUNK_SIZE = 10_000
BATCH_SIZE = 2_000
# The showcase has 37 commitments; a few generated ones on top go through
# every status, coalition and type.
MINIMUM_SIZE = 50

Status = Commitment.Status
ReportStatus = ProgressReport.Status
Action = ReviewEvent.Action
Impl = ImplementationStatus

GBV = "gender-based-violence"
EJR = "economic-justice-and-rights"
SRHR = "bodily-autonomy-and-srhr"
CLIMATE = "feminist-action-for-climate-justice"
TECH = "technology-and-innovation"
MOVEMENTS = "feminist-movements-and-leadership"
WPS = "women-peace-security-humanitarian-action"


class DemoRefused(Exception):
    """The demo cannot be built as asked; the message says why."""


def round_amount(amount):
    """Round to two significant figures, as people pledge money."""
    if amount < 100:
        return Decimal(int(amount))
    digits = int(math.log10(amount)) - 1
    return Decimal(int(round(amount, -digits)))
