"""The shape of the demo: how often each thing happens, as {value: weight}
tables the builder draws from (`DemoBuilder.weighted`, `Chooser.pick`)."""

from coalitions.models import Region
from commitments.models import CommitmentType, Constituency, Scope
from reporting.models import Challenge

from .common import Impl, ReportStatus, Status

CHALLENGE_WEIGHTS = {
    Challenge.FUNDING: 30,
    Challenge.SOCIAL_NORMS: 16,
    Challenge.COORDINATION: 15,
    Challenge.CAPACITY: 13,
    Challenge.POLITICAL_CONTEXT: 10,
    Challenge.DATA: 9,
    Challenge.SECURITY: 4,
    Challenge.OTHER: 3,
}

CHALLENGE_ORDER = [str(code) for code in Challenge]
CHALLENGE_COUNTS = {0: 20, 1: 40, 2: 28, 3: 12}

# The shape of the demo: how often each thing happens.
EXTRA_COALITIONS = {0: 55, 1: 33, 2: 12}
THEME_COUNTS = {0: 20, 1: 40, 2: 28, 3: 12}
RETURN_ROUNDS = {0: 70, 1: 25, 2: 5}
# A commitment's status follows its age: recent ones are still in review,
# old ones mostly approved and a few withdrawn.
STATUS_WEIGHTS_NEW = {Status.DRAFT: 50, Status.SUBMITTED: 30, Status.RETURNED: 10, Status.APPROVED: 10}
STATUS_WEIGHTS_RECENT = {Status.DRAFT: 10, Status.SUBMITTED: 8, Status.RETURNED: 7, Status.APPROVED: 75}
STATUS_WEIGHTS_OLD = {
    Status.DRAFT: 5,
    Status.SUBMITTED: 2,
    Status.RETURNED: 4,
    Status.APPROVED: 82,
    Status.WITHDRAWN: 7,
}
AMENDMENT_WEIGHTS = {Status.DRAFT: 50, Status.SUBMITTED: 30, Status.RETURNED: 20}
# How an approved commitment reports: its reporting status today.
BEHAVIOUR_WEIGHTS = {"reported": 45, "due": 37, "inactive": 18}
BEHAVIOURS_OLD = frozenset(BEHAVIOUR_WEIGHTS)
BEHAVIOURS_NEW = frozenset({"reported", "due"})  # published too recently to be inactive
OPEN_REPORTED_WEIGHTS = {ReportStatus.SUBMITTED: 55, ReportStatus.ACCEPTED: 45}
OPEN_DUE_WEIGHTS = {None: 60, ReportStatus.DRAFT: 28, ReportStatus.RETURNED: 12}
LAPSED_WEIGHTS = {None: 75, ReportStatus.DRAFT: 10, ReportStatus.RETURNED: 15}
CLOSED_WEIGHTS = {ReportStatus.ACCEPTED: 80, ReportStatus.SUBMITTED: 8, ReportStatus.RETURNED: 7, ReportStatus.DRAFT: 5}
IMPLEMENTATION_WEIGHTS = {
    Impl.ON_TRACK: 42,
    Impl.COMPLETED: 18,
    Impl.OFF_TRACK: 18,
    Impl.NOT_STARTED: 12,
    Impl.DISCONTINUED: 10,
}
# Where a commitment stood in earlier reports, given where it ends up.
IMPLEMENTATION_BEFORE = {
    Impl.NOT_STARTED: [Impl.NOT_STARTED],
    Impl.ON_TRACK: [Impl.NOT_STARTED, Impl.ON_TRACK, Impl.ON_TRACK, Impl.OFF_TRACK],
    Impl.OFF_TRACK: [Impl.ON_TRACK, Impl.OFF_TRACK],
    Impl.COMPLETED: [Impl.ON_TRACK, Impl.ON_TRACK, Impl.OFF_TRACK],
    Impl.DISCONTINUED: [Impl.OFF_TRACK, Impl.ON_TRACK],
}
# Order of magnitude of the money a constituency pledges (log10 of USD).
AMOUNT_SCALE = {
    Constituency.MEMBER_STATE: 7.0,
    Constituency.PHILANTHROPY: 6.5,
    Constituency.PRIVATE_SECTOR: 6.0,
    Constituency.INTERNATIONAL_ORG: 6.3,
    Constituency.UN_ENTITY: 6.0,
}
LEADING_CONSTITUENCIES = {
    Constituency.MEMBER_STATE,
    Constituency.PHILANTHROPY,
    Constituency.FEMINIST_ORG,
    Constituency.YOUTH_LED,
    Constituency.PRIVATE_SECTOR,
}

# Countries where generated makers are based, per UN Women region: member
# states rather than every ISO code (no makers in Antarctica). Bosnia and
# Herzegovina is left out on purpose: its 23 makers are the showcase ones.
MAKER_COUNTRIES = {
    Region.AFRICA: "KE TZ UG RW ET NG GH SN CI BF ML NE CM CD ZA ZW ZM MW MZ BW NA LS SL LR GN BJ TG AO MG TD SS",
    Region.AMERICAS_CARIBBEAN: "BR MX CO PE CL AR EC BO GT HN SV NI CR PA DO HT JM TT CA US UY PY CU BB",
    Region.ARAB_STATES: "EG JO LB MA TN DZ IQ PS YE SD LY AE SA QA KW OM BH MR SO DJ",
    Region.ASIA_PACIFIC: "IN BD PK NP LK TH VN KH LA MM PH ID MY FJ PG WS TO VU SB AU NZ JP KR MN TL BT MV",
    Region.EUROPE_CENTRAL_ASIA: "KZ KG UZ TJ AL RS MK ME MD UA GE AM AZ TR FR DE ES IT SE NO FI DK NL BE IE PT PL RO",
}
REGION_WEIGHTS = {
    Region.AFRICA: 30,
    Region.AMERICAS_CARIBBEAN: 18,
    Region.ARAB_STATES: 12,
    Region.ASIA_PACIFIC: 22,
    Region.EUROPE_CENTRAL_ASIA: 18,
}
CONSTITUENCY_WEIGHTS = {
    Constituency.CIVIL_SOCIETY: 26,
    Constituency.FEMINIST_ORG: 16,
    Constituency.YOUTH_LED: 10,
    Constituency.PRIVATE_SECTOR: 11,
    Constituency.ACADEMIA: 7,
    Constituency.LOCAL_GOVERNMENT: 6,
    Constituency.INTERNATIONAL_ORG: 6,
    Constituency.PHILANTHROPY: 5,
    Constituency.OTHER: 5,
    Constituency.UN_ENTITY: 4,
    Constituency.MEMBER_STATE: 4,
}
SCOPE_WEIGHTS = {
    Constituency.MEMBER_STATE: {Scope.NATIONAL: 80, Scope.REGIONAL: 12, Scope.GLOBAL: 8},
    Constituency.LOCAL_GOVERNMENT: {Scope.LOCAL: 85, Scope.NATIONAL: 15},
    Constituency.UN_ENTITY: {Scope.NATIONAL: 45, Scope.REGIONAL: 30, Scope.GLOBAL: 25},
    Constituency.INTERNATIONAL_ORG: {Scope.GLOBAL: 40, Scope.REGIONAL: 40, Scope.NATIONAL: 20},
    Constituency.PHILANTHROPY: {Scope.GLOBAL: 35, Scope.REGIONAL: 30, Scope.NATIONAL: 35},
    Constituency.PRIVATE_SECTOR: {Scope.NATIONAL: 50, Scope.GLOBAL: 25, Scope.REGIONAL: 15, Scope.LOCAL: 10},
}
DEFAULT_SCOPE_WEIGHTS = {Scope.NATIONAL: 45, Scope.LOCAL: 30, Scope.REGIONAL: 18, Scope.GLOBAL: 7}
TYPE_WEIGHTS = {
    CommitmentType.PROGRAMME: 40,
    CommitmentType.ADVOCACY: 22,
    CommitmentType.POLICY: 20,
    CommitmentType.FINANCIAL: 18,
}
# How often a constituency also puts money behind its commitment.
FINANCIAL_SHARE = {
    Constituency.MEMBER_STATE: 0.5,
    Constituency.PHILANTHROPY: 0.85,
    Constituency.PRIVATE_SECTOR: 0.45,
    Constituency.UN_ENTITY: 0.35,
    Constituency.INTERNATIONAL_ORG: 0.35,
}
