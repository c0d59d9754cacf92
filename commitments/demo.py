"""Realistic demo data for gentrack, built fast enough for a hundred thousand
commitments: what `python manage.py seed_demo` runs.

Two kinds of data come out of one generator:

- the showcase, written by hand from the localisation dialogue: Kenya and
  Tanzania co-leading the GBV and Economic Justice coalitions, Burkina Faso on
  sexual and reproductive health, Kazakhstan joining three coalitions one after
  the other, the 23 commitment makers of Bosnia and Herzegovina's four local
  coalition chapters and the Asia-Pacific "30 for 2030" youth network, with
  demo users who act for them;
- the bulk: makers of every constituency in every region and their
  commitments, with a review trail and progress reports whose shape follows
  the commitment's age, drawn from a seeded random generator so that two runs
  with the same seed give the same demo.

Speed comes from writing rows in bulk, never one save() at a time: COPY on
PostgreSQL, with the tables' secondary indexes and foreign keys built once
after the load (`indexes_built_after_load`), and bulk_create elsewhere
(SQLite), many-to-many rows included, through their through models. 100,000
commitments, with 750,000 review events and 200,000 progress reports, take
well under two minutes on a 2-core machine.

Bulk writes bypass Model.save(), which has consequences we accept for demo
data: the simple_history tables get no rows for these objects (nothing about
them ever changed through the site); references are either worked out
before the insert (PostgreSQL, where ids are drawn from the sequence first)
or assigned in one UPDATE by `assign_missing_references()` (SQLite); and
auto_now and auto_now_add, which would stamp every row with the moment of
the insert, are switched off around the inserts (`given_timestamps`) while
every timestamp is set explicitly.
"""

import bisect
import datetime
import itertools
import json
import math
import random
import time
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from coalitions.models import ActionArea, ActionCoalition, CoalitionLeader, Country, Region, Theme
from commitments.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Commitment,
    CommitmentMaker,
    CommitmentType,
    Constituency,
    Membership,
    ReviewEvent,
    Scope,
)
from reporting.models import Challenge, ImplementationStatus, ProgressReport, ReportingCycle

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


# Vocabulary ------------------------------------------------------------------

# What commitments promise, per coalition, each with the action area it
# serves. A title is one of these plus where (and sometimes by when).
PLEDGES = {
    GBV: [
        ("Open one-stop response centres for survivors of gender-based violence", 3),
        ("Set up gender desks in police stations", 3),
        ("Fund shelters and safe houses for women escaping violence", 3),
        ("Run a free helpline for survivors of violence, day and night", 3),
        ("Establish specialised courts for gender-based violence cases", 1),
        ("Pass and enforce a comprehensive law on violence against women", 1),
        ("Engage men and boys in preventing violence against women", 2),
        ("End female genital mutilation through community dialogue", 2),
        ("Prevent child marriage through girls' clubs and community pledges", 2),
        ("Give grassroots women's organisations flexible funding to end violence", 4),
        ("Create a fund for the recovery of survivors of violence", 3),
        ("Train health workers to recognise and respond to violence", 3),
    ],
    EJR: [
        ("Invest in affordable, quality childcare", 1),
        ("Recognise and redistribute unpaid care work", 1),
        ("Expand decent work for women in the informal economy", 2),
        ("Extend labour protection and social security to domestic workers", 2),
        ("Close the gender pay gap in the public service", 2),
        ("Give women farmers secure title to the land they work", 3),
        ("Open entrepreneurship centres for women", 3),
        ("Provide affordable credit to women-led businesses", 3),
        ("Make economic stimulus packages gender-responsive", 4),
        ("Build gender-responsive budgeting into public finance", 4),
        ("Extend cash transfers to women-headed households", 4),
    ],
    SRHR: [
        ("Integrate comprehensive sexuality education into school curricula", 1),
        ("Reach out-of-school adolescents with sexuality education", 1),
        ("Train and equip village midwives and community health workers", 2),
        ("Build health posts for internally displaced women and girls", 2),
        ("Guarantee access to modern contraception", 2),
        ("Scale up HPV immunisation of adolescent girls", 2),
        ("Train girls to make and distribute menstrual hygiene kits", 2),
        ("Open youth-friendly sexual and reproductive health services", 2),
        ("Reform family law to protect girls' bodily autonomy", 3),
        ("Hold health systems to account for reproductive rights", 3),
        ("Fund feminist networks defending sexual and reproductive rights", 4),
    ],
    CLIMATE: [
        ("Channel climate finance to women-led adaptation projects", 1),
        ("Fund grassroots feminist climate action", 1),
        ("Train women in green jobs for a just energy transition", 2),
        ("Back women-led renewable energy cooperatives", 2),
        ("Train women farmers in climate-resilient agriculture", 3),
        ("Put women on disaster risk reduction committees", 3),
        ("Bring clean cooking to rural households", 3),
        ("Close gender data gaps in climate and environment law", 4),
        ("Publish sex-disaggregated data on climate impacts", 4),
    ],
    TECH: [
        ("Bridge the gender gap in digital access and skills", 1),
        ("Bring affordable mobile internet to rural women", 1),
        ("Teach girls coding and digital skills", 1),
        ("Invest in feminist technology start-ups", 2),
        ("Fund women-led innovation in health and finance", 2),
        ("Build inclusive and accountable innovation ecosystems", 3),
        ("Put women in charge of public digital transformation projects", 3),
        ("Prevent online and technology-facilitated gender-based violence", 4),
        ("Make digital platforms answer for online abuse of women", 4),
    ],
    MOVEMENTS: [
        ("Give feminist organisations core, flexible, multi-year funding", 1),
        ("Resource women's funds that reach grassroots groups", 1),
        ("Protect women human rights defenders", 2),
        ("Defend civic space for feminist organising", 2),
        ("Introduce quotas for women and youth in elected bodies", 3),
        ("Raise the share of women in management in the public sector", 3),
        ("Mentor young feminist leaders", 4),
        ("Put adolescent girls on the boards that decide for them", 4),
    ],
    WPS: [
        ("Fund women-led organisations in humanitarian response", 1),
        ("Include women in peace negotiations and mediation", 2),
        ("Train and deploy women mediators", 2),
        ("Restore livelihoods of women displaced by conflict", 3),
        ("Give women in crisis settings cash and jobs", 3),
        ("Put women's organisations at the table in humanitarian planning", 4),
        ("Protect women peacebuilders from reprisals", 5),
        ("Provide gender-responsive aid to displaced women and girls", 5),
    ],
}

# Why the work matters, one per coalition and in several wordings.
REASONS = {
    GBV: [
        "Survivors often travel far to find help, and many never report what happened to them.",
        "Violence against women remains widely tolerated, and services are thin outside the cities.",
        "Police, courts and clinics rarely work together, so survivors tell their story again and again.",
    ],
    EJR: [
        "Unpaid care keeps millions of women out of paid work or stuck in insecure jobs.",
        "Most working women earn their living in the informal economy, without contracts or social protection.",
        "Women farm much of the land but rarely own it, which shuts them out of credit.",
    ],
    SRHR: [
        "Too many girls leave school without knowing their rights or how to protect their health.",
        "Clinics are far from villages and from camps for displaced people, and midwives are few.",
        "Laws and customs still limit what women and girls may decide about their own bodies.",
    ],
    CLIMATE: [
        "Droughts and floods hit women hardest, yet they are seldom part of the plans that respond.",
        "Very little climate finance reaches organisations led by women.",
        "Climate and environment laws rarely count how they affect women and men differently.",
    ],
    TECH: [
        "Women are less likely than men to own a phone or use mobile internet.",
        "Few technology companies are founded or funded by women.",
        "Online abuse drives women out of public life and the digital economy.",
    ],
    MOVEMENTS: [
        "Feminist organisations do much of the work on small, short, project-bound grants.",
        "Women human rights defenders face threats for speaking out.",
        "Women and young people remain a minority wherever decisions are taken.",
    ],
    WPS: [
        "Women are rarely at the table when peace is negotiated, and agreements show it.",
        "Women-led organisations are first to respond in a crisis but last to be funded.",
        "Displaced women and girls face greater risks and have fewer ways to earn a living.",
    ],
}

METHODS = [
    "The work runs from {start} to {end}, with {partners}.",
    "It is delivered with {partners} and reviewed with them every year.",
    "{maker} leads it together with {partners}.",
    "Between {start} and {end} the work moves from pilot sites to full coverage.",
]

MEASURES = [
    "Progress is measured against a baseline taken in the first year.",
    "Results are published each year and reported to the Generation Equality secretariat.",
    "A monitoring committee with civil society tracks the targets and publishes its findings.",
    "Every site collects data broken down by sex, age and disability.",
    "Independent evaluators review the results at mid-term and at the end.",
]

TARGET_GROUPS = {
    GBV: ["survivors of violence", "adolescent girls", "women with disabilities", "men and boys", "police officers"],
    EJR: ["women in informal work", "domestic workers", "women farmers", "women entrepreneurs", "unpaid carers"],
    SRHR: ["adolescent girls", "young women aged 15-24", "internally displaced women", "school pupils", "midwives"],
    CLIMATE: ["rural women", "women farmers", "indigenous women", "coastal communities", "young climate activists"],
    TECH: ["girls in secondary school", "rural women", "women-led start-ups", "women in public life"],
    MOVEMENTS: ["young feminists", "women human rights defenders", "grassroots women's groups", "LGBTIQ+ people"],
    WPS: ["refugee women", "internally displaced women", "women peacebuilders", "women-headed households"],
}

PARTNERS = [
    "the ministry responsible for gender",
    "the ministry of health",
    "the ministry of education",
    "local women's rights organisations",
    "the UN Women country office",
    "county and municipal governments",
    "private sector partners",
    "faith and community leaders",
    "universities",
    "youth networks",
    "the national statistics office",
    "development banks",
    "teachers' unions",
    "community radio stations",
]

RETURN_COMMENTS = [
    "Please give the amount in US dollars and say which years it covers.",
    "The action areas you chose do not match the description; please check them.",
    "Name the countries where the work happens, or change the scope to global.",
    "The description reads like an organisational profile; please say what will change, and by when.",
    "This combines a policy change and a programme; please split it into two commitments.",
    "Please add how you will measure progress, with a baseline if you have one.",
    "Who will this reach? Please be specific about the target groups.",
    "The end year is far beyond the Global Acceleration Plan; please confirm it.",
]
APPROVAL_COMMENTS = [
    "",
    "",
    "Clear and measurable, thank you.",
    "Approved; well aligned with the Global Acceleration Plan.",
    "Approved. Please remember to report progress every cycle.",
]
WITHDRAWAL_COMMENTS = [
    "Funding for the programme ended.",
    "Folded into a larger national programme.",
    "Our country office closed.",
    "Replaced by a new commitment with updated targets.",
]
REPORT_RETURN_COMMENTS = [
    "Please add the amount disbursed during this cycle.",
    "The number of people reached is missing.",
    "The narrative describes the previous year; please update it for this cycle.",
    "Please link to evidence, for example a published report or a news item.",
    "The challenges listed do not match the narrative; please check them.",
]
REPORT_ACCEPT_COMMENTS = ["", "", "", "Thank you for the detailed report.", "Accepted."]

# What makers write about the year, by implementation status: with the
# number of people reached when they counted them, and without.
NARRATIVES = {
    Impl.NOT_STARTED: (
        [],
        [
            "Preparations took longer than planned; the first activities start next year.",
            "Funding was confirmed late in the year, so work has not begun yet.",
        ],
    ),
    Impl.ON_TRACK: (
        [
            "Activities ran as planned and reached {people} people this year.",
            "The programme expanded to new sites and reached {people} people.",
            "Targets for the year were met; {people} people took part.",
        ],
        [
            "Activities ran as planned and the yearly milestones were met.",
            "The draft law went through consultation and is now before parliament.",
            "The campaign ran in national media and was taken up by local partners.",
        ],
    ),
    Impl.OFF_TRACK: (
        [
            "Work slowed down this year and reached only {people} people.",
            "Fewer sites opened than planned; {people} people were reached.",
        ],
        [
            "Work slowed down this year and several milestones slipped.",
            "The policy process stalled after a change of government.",
        ],
    ),
    Impl.COMPLETED: (
        ["The commitment was fully delivered; over its lifetime it reached {people} people."],
        ["All planned activities are finished and the results have been published."],
    ),
    Impl.DISCONTINUED: (
        [],
        [
            "The work stopped this year after its funding ended.",
            "The programme was discontinued; the partners are looking for a successor.",
        ],
    ),
}
NEXT_STEPS = [
    "Extend the work to two more districts next year.",
    "Publish an evaluation and share the lessons with other commitment makers.",
    "Secure co-funding from the national budget.",
    "Train a second group of community focal points.",
    "Hand the programme over to local authorities.",
    "",
]

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

# Rows are written as tuples in these orders (see RowWriter).
COMMITMENT_FIELDS = [
    "maker_id",
    "amends_id",
    "title",
    "description",
    "is_policy",
    "is_programme",
    "is_financial",
    "is_advocacy",
    "financial_amount_usd",
    "scope",
    "start_year",
    "end_year",
    "target_groups",
    "partners",
    "status",
    "created_at",
    "submitted_at",
    "published_at",
    "updated_at",
]
REPORT_FIELDS = [
    "commitment_id",
    "cycle_id",
    "implementation_status",
    "narrative",
    "amount_disbursed_usd",
    "people_reached",
    "challenges",
    "next_steps",
    "evidence_url",
    "status",
    "created_at",
    "submitted_at",
    "updated_at",
]
EVENT_FIELDS = [
    "commitment_id",
    "progress_report_id",
    "is_amendment",
    "actor_id",
    "action",
    "from_status",
    "to_status",
    "comment",
    "created_at",
]

MAKER_FIELDS = ["name", "acronym", "constituency", "country_id", "website", "verified", "created_at", "updated_at"]
USER_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "password",
    "date_joined",
    "is_staff",
    "is_superuser",
    "is_active",
]
MEMBERSHIP_FIELDS = ["user_id", "maker_id", "role", "created_at"]

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

ROOTS = (
    "Amani Umoja Sauti Nuru Tumaini Imani Baraka Jamii Aurora Horizon Bridges Roots Lotus Cedar Olive Meridian "
    "Keystone Compass Lantern Harvest Baobab Acacia Mosaic Beacon Weave Kinship Sunrise Riverbend Highland Coral "
    "Monsoon Steppe Andes Sahel Delta Savanna Orchid Jasmine Tamarind Mangrove Summit Pathways Threads Ubuntu "
    "Lumen Solstice Anchor Kestrel Ember Tidewater Atlas Juniper Marigold Sapling Prism Cascade Ridge"
).split()
FORMS = {
    Constituency.CIVIL_SOCIETY: [
        "Community Foundation",
        "Development Network",
        "Rights Alliance",
        "Action Trust",
        "Civic Forum",
        "Community Initiative",
        "Justice Centre",
    ],
    Constituency.FEMINIST_ORG: [
        "Women's Collective",
        "Feminist Fund",
        "Women's Rights Centre",
        "Sisters' Network",
        "Women's Legal Aid",
        "Women's Forum",
        "Feminist Alliance",
    ],
    Constituency.YOUTH_LED: [
        "Youth Collective",
        "Young Feminists",
        "Girls' Network",
        "Youth Alliance",
        "Student Movement",
        "Young Women's Leadership Lab",
    ],
    Constituency.PRIVATE_SECTOR: [
        "Bank",
        "Telecom",
        "Textiles",
        "Foods",
        "Energy",
        "Digital",
        "Logistics",
        "Insurance",
        "Pharma",
    ],
    Constituency.PHILANTHROPY: ["Foundation", "Trust", "Philanthropies", "Giving Circle", "Family Foundation"],
    Constituency.INTERNATIONAL_ORG: ["International", "Global Partnership", "Development Institute", "Alliance"],
    Constituency.ACADEMIA: ["Institute for Gender Studies", "Centre for Gender Research", "School of Public Health"],
    Constituency.OTHER: ["Media Collective", "Interfaith Council", "Workers' Union", "Sports Association"],
}
UN_AGENCIES = ["UNFPA", "UNICEF", "UNDP", "ILO", "UNESCO", "WFP", "UNHCR", "FAO", "IOM", "UN-Habitat"]
LOCALITIES = [
    "Lakeshore",
    "Eastern Valley",
    "Northern Highlands",
    "Coastal",
    "Central Plateau",
    "Upper Basin",
    "Southern Hills",
    "River Delta",
    "Western Plains",
    "Border",
    "Capital",
]
LOCAL_BODIES = ["District Council", "County Government", "Municipality", "City Council", "Provincial Government"]
GIVEN_NAMES = (
    "Amina Wanjiru Fatou Aisha Grace Mariam Neema Zainab Ana Lucia Camila Sofia Valentina Leila Nour Rania "
    "Yasmin Priya Mei Linh Siti Ayesha Anjali Dilnoza Aigerim Elena Amra Lejla Ivana Sara James Omar Juan "
    "David Samuel Tariq Hamid Kofi Daniel Arman"
).split()
FAMILY_NAMES = (
    "Otieno Mwangi Njoroge Diallo Traore Ouedraogo Mensah Okafor Silva Santos Garcia Lopez Haddad Khalil Mansour "
    "Sharma Nguyen Tan Rahman Begum Sultanova Nurlanova Hodzic Kovacevic Petrovic Smith Martin Ali Hassan Mohamed"
).split()


# Showcase ---------------------------------------------------------------------

# The roles commitments/migrations/0004_roles.py creates.
REVIEWERS_GROUP = "Reviewers"
SECRETARIAT_ADMINS_GROUP = "Secretariat admins"
REVIEWERS = [
    ("secretariat", "Sam", "Okello"),
    ("reviewer-amina", "Amina", "Diallo"),
    ("reviewer-lucia", "Lucia", "Garcia"),
]

# Makers named in the localisation dialogue. `user` makes a demo login that
# owns the maker; `editors` gives the named users an editor seat.
SHOWCASE_MAKERS = [
    dict(
        key="kenya",
        name="Government of Kenya",
        constituency=Constituency.MEMBER_STATE,
        country="KE",
        user="maker-kenya",
    ),
    dict(
        key="tanzania",
        name="Government of the United Republic of Tanzania",
        constituency=Constituency.MEMBER_STATE,
        country="TZ",
        user="maker-tanzania",
    ),
    dict(
        key="burkina",
        name="Government of Burkina Faso",
        constituency=Constituency.MEMBER_STATE,
        country="BF",
        user="maker-burkina-faso",
    ),
    dict(
        key="kazakhstan",
        name="Government of Kazakhstan",
        constituency=Constituency.MEMBER_STATE,
        country="KZ",
        user="maker-kazakhstan",
    ),
    dict(
        key="thirty",
        name="Asia-Pacific 30 for 2030 Youth Network",
        acronym="30for2030",
        constituency=Constituency.YOUTH_LED,
        country="TH",
        user="maker-30for2030",
    ),
    # Bosnia and Herzegovina: 23 makers from government, business, NGOs and
    # creative media in four local coalition chapters.
    dict(
        key="ba-agency",
        name="Agency for Gender Equality of Bosnia and Herzegovina",
        acronym="GEA BiH",
        constituency=Constituency.MEMBER_STATE,
        country="BA",
        user="maker-bih",
    ),
    dict(
        key="ba-health",
        name="Sarajevo Canton Ministry of Health",
        constituency=Constituency.LOCAL_GOVERNMENT,
        country="BA",
    ),
    dict(key="ba-tuzla", name="Tuzla City Administration", constituency=Constituency.LOCAL_GOVERNMENT, country="BA"),
    dict(key="ba-mostar", name="Mostar Municipal Council", constituency=Constituency.LOCAL_GOVERNMENT, country="BA"),
    dict(
        key="ba-zenica", name="Zenica Social Welfare Centre", constituency=Constituency.LOCAL_GOVERNMENT, country="BA"
    ),
    dict(key="ba-school", name="Sarajevo School of Public Health", constituency=Constituency.ACADEMIA, country="BA"),
    dict(
        key="ba-care", name="Care Economy Research Group, Banja Luka", constituency=Constituency.ACADEMIA, country="BA"
    ),
    dict(key="ba-green", name="Green Balkans Feminist Lab", constituency=Constituency.FEMINIST_ORG, country="BA"),
    dict(
        key="ba-shelter",
        name="Safe Haven Shelter Network",
        constituency=Constituency.FEMINIST_ORG,
        country="BA",
        editors=["maker-bih"],
    ),
    dict(key="ba-legal", name="Women's Legal Aid Bosnia", constituency=Constituency.FEMINIST_ORG, country="BA"),
    dict(
        key="ba-drina",
        name="Drina Valley Rural Women's Association",
        constituency=Constituency.CIVIL_SOCIETY,
        country="BA",
    ),
    dict(key="ba-roma", name="Roma Women's Voice", constituency=Constituency.CIVIL_SOCIETY, country="BA"),
    dict(
        key="ba-youth",
        name="Youth Advisory Board on Generation Equality",
        constituency=Constituency.YOUTH_LED,
        country="BA",
        editors=["maker-bih"],
    ),
    dict(key="ba-neretva", name="Neretva Young Climate Collective", constituency=Constituency.YOUTH_LED, country="BA"),
    dict(key="ba-bank", name="Dinara Savings Bank", constituency=Constituency.PRIVATE_SECTOR, country="BA"),
    dict(key="ba-textile", name="Sava Textiles", constituency=Constituency.PRIVATE_SECTOR, country="BA"),
    dict(key="ba-software", name="Bosna Software House", constituency=Constituency.PRIVATE_SECTOR, country="BA"),
    dict(key="ba-solar", name="Herzegovina Solar Cooperative", constituency=Constituency.PRIVATE_SECTOR, country="BA"),
    dict(key="ba-film", name="Kadar Film and Media Studio", constituency=Constituency.OTHER, country="BA"),
    dict(key="ba-radio", name="Valovi Community Radio", constituency=Constituency.OTHER, country="BA"),
    dict(key="ba-podcast", name="Glasovi Podcast Collective", constituency=Constituency.OTHER, country="BA"),
    dict(
        key="ba-interfaith",
        name="Interfaith Women's Council of Bosnia and Herzegovina",
        constituency=Constituency.OTHER,
        country="BA",
    ),
    dict(key="ba-unfpa", name="UNFPA Bosnia and Herzegovina", constituency=Constituency.UN_ENTITY, country="BA"),
]
BOSNIA_COALITIONS = [SRHR, GBV, EJR, CLIMATE]

# Leaders of coalitions among the showcase makers: (maker key, coalition, since).
SHOWCASE_LEADERS = [("kenya", GBV, 2021), ("tanzania", EJR, 2021)]


def _showcase_commitments():
    """The hand-written commitments. Anything a spec leaves out is generated
    like any other commitment; `created` is (year offset from the first
    Generation Equality year, month, day), `behaviour` how it reports."""
    specs = [
        dict(
            maker="kenya",
            coalitions=[GBV],
            areas=[(GBV, 3), (GBV, 1)],
            themes=["law-and-policy", "financing"],
            types=["policy", "programme", "financial"],
            amount=23_000_000,
            scope=Scope.NATIONAL,
            countries=["KE"],
            start_year=2021,
            end_year=2026,
            created=(0, 5, 10),
            status=Status.APPROVED,
            behaviour="reported",
            title="Open a gender-based violence response centre in every county health facility",
            description=(
                "Kenya commits to make survivor care part of ordinary health services: a response centre in "
                "every county hospital, gender desks in police stations and courts that specialise in "
                "gender-based violence, including virtual hearings. County Generation Equality committees "
                "report to a national steering committee every quarter."
            ),
            target_groups="survivors of violence, adolescent girls, police officers",
            partners="County governments, the State Department for Gender, the judiciary, UN agencies",
        ),
        dict(
            maker="kenya",
            coalitions=[GBV],
            areas=[(GBV, 2)],
            themes=["gender-norms"],
            types=["programme", "advocacy"],
            scope=Scope.LOCAL,
            countries=["KE"],
            start_year=2022,
            end_year=2026,
            created=(0, 6, 1),
            status=Status.APPROVED,
            behaviour="due",
            amendment=Status.DRAFT,
            title="Work with men, elders and young Maasai warriors to end female genital mutilation",
            description=(
                "Community dialogues led by elders, faith leaders and young men challenge the acceptance of "
                "violence and of cutting girls. The programme runs in counties where the practice persists "
                "and measures attitudes before and after."
            ),
            target_groups="men and boys, community elders, girls at risk of cutting",
            partners="Faith and community leaders, county governments",
        ),
        dict(
            maker="kenya",
            coalitions=[GBV, EJR],
            areas=[(GBV, 3)],
            types=["financial"],
            amount=1_500_000,
            scope=Scope.NATIONAL,
            countries=["KE"],
            start_year=2026,
            end_year=2029,
            status=Status.DRAFT,
            title="Capitalise a national fund for survivors of gender-based violence",
        ),
        dict(
            maker="tanzania",
            coalitions=[EJR],
            areas=[(EJR, 1), (EJR, 2)],
            themes=["financing", "law-and-policy"],
            types=["policy", "programme", "financial"],
            amount=40_000_000,
            scope=Scope.NATIONAL,
            countries=["TZ"],
            start_year=2021,
            end_year=2026,
            created=(0, 5, 20),
            status=Status.APPROVED,
            behaviour="reported",
            title="Run the Tanzania Generation Equality Programme for women's economic justice",
            description=(
                "A national programme coordinated by the ministry responsible for gender: childcare and care "
                "services, decent work in formal and informal jobs, and women's control of land and credit. "
                "Focal points in local government authorities on the mainland and in Zanzibar collect data "
                "and follow up in the councils."
            ),
            target_groups="women in informal work, women farmers, unpaid carers",
            partners="Ministry responsible for gender, local government authorities, Zanzibar government",
        ),
        dict(
            maker="tanzania",
            coalitions=[EJR],
            areas=[(EJR, 4)],
            themes=["gender-data"],
            types=["policy"],
            scope=Scope.NATIONAL,
            countries=["TZ"],
            start_year=2024,
            end_year=2027,
            created=(3, 2, 1),
            status=Status.APPROVED,
            behaviour="due",
            title="Launch a public Generation Equality dashboard to replace paper reporting",
            description=(
                "Stakeholders report on paper today and coordination suffers. A public website and a shared "
                "dashboard will let government, civil society and business see who does what, and where."
            ),
        ),
        dict(
            maker="burkina",
            coalitions=[SRHR],
            areas=[(SRHR, 2), (SRHR, 1)],
            themes=["education"],
            types=["programme", "financial"],
            amount=6_500_000,
            scope=Scope.NATIONAL,
            countries=["BF"],
            start_year=2022,
            end_year=2026,
            created=(0, 9, 15),
            status=Status.APPROVED,
            behaviour="reported",
            challenges=["security", "funding"],
            title="Train village midwives and build health posts for displaced women in Burkina Faso",
            description=(
                "Part of a West African roadmap on sexual and reproductive health: village midwives and "
                "community health workers get training and equipment, health posts are built where displaced "
                "families live, and sexuality education and menstrual hygiene enter the school curriculum. A "
                "national multi-stakeholder committee monitors the plan."
            ),
            target_groups="internally displaced women, adolescent girls, midwives",
            partners="Ministry of health, parents' associations, technical and financial partners",
        ),
        dict(
            maker="burkina",
            coalitions=[SRHR],
            areas=[(SRHR, 3)],
            themes=["law-and-policy"],
            types=["policy"],
            scope=Scope.NATIONAL,
            countries=["BF"],
            start_year=2023,
            end_year=2026,
            status=Status.RETURNED,
            title="Revise the Persons and Family Code",
        ),
        dict(
            maker="kazakhstan",
            coalitions=[GBV],
            areas=[(GBV, 3), (GBV, 4)],
            themes=["financing"],
            types=["programme", "financial"],
            amount=2_000_000,
            scope=Scope.REGIONAL,
            countries=["KZ", "KG", "UZ", "TJ", "TM"],
            start_year=2021,
            end_year=2026,
            created=(0, 6, 30),
            status=Status.APPROVED,
            behaviour="reported",
            amendment=Status.SUBMITTED,
            title="Prevent gender-based violence and support survivors across Central Asia",
            description=(
                "Kazakhstan was the first Central Asian country to take on gender-based violence through the "
                "Spotlight Initiative: prevention, response centres and police gender desks for survivors. "
                "Since 2023 it also pays, from the national budget every year, for a Central Asian alliance "
                "of governments, civil society and business that shares methods across the region."
            ),
            target_groups="survivors of violence, civil society organisations",
            partners="Central Asian governments, civil society networks, UN Women",
        ),
        dict(
            maker="kazakhstan",
            coalitions=[EJR],
            areas=[(EJR, 3), (EJR, 1)],
            types=["programme"],
            scope=Scope.NATIONAL,
            countries=["KZ"],
            start_year=2021,
            end_year=2025,
            created=(0, 7, 2),
            status=Status.APPROVED,
            behaviour="inactive",
            title="Open entrepreneurship centres for women across Kazakhstan",
            description=(
                "Centres in every region train women to start and grow businesses, and childcare support "
                "lets them take part. Thousands of women have been trained so far."
            ),
            target_groups="women entrepreneurs, mothers of young children",
        ),
        dict(
            maker="kazakhstan",
            coalitions=[TECH],
            areas=[(TECH, 1), (TECH, 3)],
            themes=["education"],
            types=["policy", "programme"],
            scope=Scope.REGIONAL,
            countries=["KZ", "KG", "MN", "UZ"],
            start_year=2024,
            end_year=2028,
            created=(2, 11, 20),
            status=Status.APPROVED,
            behaviour="reported",
            title="Close the digital gender gap and bring women into innovation",
            description=(
                "After hosting the regional midpoint forum, Kazakhstan joined the Technology and Innovation "
                "coalition. It convenes ministers on digital inclusion and funds digital skills and "
                "innovation programmes for women."
            ),
        ),
        dict(
            maker="kazakhstan",
            coalitions=[MOVEMENTS],
            areas=[(MOVEMENTS, 3)],
            types=["policy"],
            scope=Scope.NATIONAL,
            countries=["KZ"],
            start_year=2025,
            end_year=2030,
            status=Status.SUBMITTED,
            title="Keep a 30% quota for women and youth in elected bodies",
        ),
        dict(
            maker="thirty",
            coalitions=[MOVEMENTS, GBV],
            areas=[(MOVEMENTS, 4), (GBV, 2)],
            themes=["intersectionality"],
            types=["advocacy"],
            scope=Scope.REGIONAL,
            countries=["TH", "PH", "ID", "IN", "NP", "FJ", "VN"],
            start_year=2021,
            end_year=2030,
            created=(0, 8, 1),
            status=Status.APPROVED,
            behaviour="reported",
            challenges=["other", "funding"],
            title="Advise and co-create Generation Equality campaigns, led by young people in Asia and the Pacific",
            description=(
                "A volunteer network of young leaders, from entrepreneurs and technologists to artists and "
                "journalists, advises coalition leaders and commitment makers and runs joint campaigns on "
                "violence, economic empowerment and feminist movements, with LGBTIQ+ people and people with "
                "disabilities at the centre. Offline formats help members facing digital divides, language "
                "barriers and visa restrictions."
            ),
            target_groups="young feminists, LGBTIQ+ people, young people with disabilities",
        ),
        dict(
            maker="thirty",
            coalitions=[WPS],
            areas=[(WPS, 2)],
            types=["advocacy"],
            scope=Scope.REGIONAL,
            countries=["TH", "MM", "AF", "PH"],
            start_year=2022,
            end_year=2026,
            created=(1, 3, 8),
            status=Status.APPROVED,
            behaviour="inactive",
            title="Bring young women's voices into peace and security dialogues in Asia and the Pacific",
        ),
        dict(
            maker="thirty",
            coalitions=[EJR],
            types=["advocacy"],
            scope=Scope.REGIONAL,
            countries=["TH", "KH", "LA"],
            start_year=2023,
            end_year=2025,
            created=(1, 2, 1),
            status=Status.WITHDRAWN,
        ),
        # Bosnia and Herzegovina's chapters, with the initiatives the dialogue
        # names first; the other makers get generated commitments.
        dict(
            maker="ba-health",
            coalitions=[SRHR],
            areas=[(SRHR, 2)],
            types=["programme", "financial"],
            amount=850_000,
            scope=Scope.LOCAL,
            status=Status.APPROVED,
            behaviour="reported",
            title="Scale up HPV immunisation of girls in Sarajevo Canton",
        ),
        dict(
            maker="ba-school",
            coalitions=[SRHR],
            areas=[(SRHR, 1)],
            themes=["education"],
            types=["programme"],
            scope=Scope.NATIONAL,
            status=Status.APPROVED,
            title="Pilot a comprehensive sexuality education handbook in secondary schools",
        ),
        dict(
            maker="ba-care",
            coalitions=[EJR],
            areas=[(EJR, 1)],
            themes=["gender-data"],
            types=["programme"],
            scope=Scope.NATIONAL,
            status=Status.APPROVED,
            title="Carry out the country's first baseline study of the care economy",
        ),
        dict(
            maker="ba-green",
            coalitions=[CLIMATE],
            areas=[(CLIMATE, 4)],
            themes=["gender-data"],
            types=["advocacy"],
            scope=Scope.NATIONAL,
            status=Status.APPROVED,
            behaviour="reported",
            title="Map gender data gaps in climate, environment and biodiversity legislation",
        ),
        dict(
            maker="ba-agency",
            coalitions=[GBV, EJR, SRHR, CLIMATE],
            types=["policy"],
            scope=Scope.NATIONAL,
            status=Status.APPROVED,
            behaviour="reported",
            title="Coordinate the Generation Equality organising committee of Bosnia and Herzegovina",
            description=(
                "The agency co-chairs a committee of ministries, UN agencies, civil society and the youth "
                "advisory board that runs the four local coalition chapters, onboards new commitment makers "
                "and uses existing coordination groups to keep everyone informed."
            ),
        ),
        dict(
            maker="ba-youth",
            coalitions=[GBV],
            areas=[(GBV, 2)],
            types=["advocacy"],
            scope=Scope.NATIONAL,
            status=Status.DRAFT,
        ),
    ]
    covered = {spec["maker"] for spec in specs}
    bosnians = [maker for maker in SHOWCASE_MAKERS if maker["key"].startswith("ba-")]
    for index, maker in enumerate(maker for maker in bosnians if maker["key"] not in covered):
        local = maker["constituency"] == Constituency.LOCAL_GOVERNMENT
        specs.append(
            dict(
                maker=maker["key"],
                coalitions=[BOSNIA_COALITIONS[index % 4]],
                status=Status.APPROVED,
                scope=Scope.LOCAL if local else Scope.NATIONAL,
            )
        )
    for spec in specs:
        spec.setdefault("countries", ["BA"] if spec["maker"].startswith("ba-") else None)
    return specs


# Helpers ----------------------------------------------------------------------


class DemoRefused(Exception):
    """The demo cannot be built as asked; the message says why."""


@contextmanager
def given_timestamps(*models):
    """Switch off auto_now and auto_now_add on `models` for the duration, so
    that bulk inserts keep the timestamps the demo gives them (DateTimeField
    would otherwise stamp every row with the moment of the insert)."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Chooser:
    """Weighted random choices that first hand out every value once, in
    order, so that even a small demo shows every status, type and kind.
    `weights` and `allowed` must be long-lived objects (module constants):
    the restricted weights are cached by their identity."""

    def __init__(self, weighted):
        self.weighted = weighted
        self.pending = {}
        self.restricted = {}

    def pick(self, name, weights, allowed=None):
        pending = self.pending.setdefault(name, list(weights))
        if pending:
            for index, value in enumerate(pending):
                if allowed is None or value in allowed:
                    del pending[index]
                    return value
        if allowed is None or allowed is weights:
            return self.weighted(weights)
        key = (id(weights), id(allowed))
        if key not in self.restricted:
            self.restricted[key] = {value: weight for value, weight in weights.items() if value in allowed}
        return self.weighted(self.restricted[key])


def _website(name):
    return f"https://{slugify(name)[:40].strip('-')}.example.org"


def _round_amount(amount):
    """Round to two significant figures, as people pledge money."""
    if amount < 100:
        return Decimal(int(amount))
    digits = int(math.log10(amount)) - 1
    return Decimal(int(round(amount, -digits)))


class DemoBuilder:
    """Builds the demo in one transaction and returns what it created.

    `size` is the number of commitments (open amendments come on top, about
    one in a hundred); makers number about a quarter of that, and at least
    every showcase maker plus one of every constituency."""

    def __init__(self, *, size=400, seed=2021, chunk_size=CHUNK_SIZE, log=None):
        self.size = size
        self.rng = random.Random(seed)
        self._tables = {}
        self.chooser = Chooser(self.weighted)
        self.writer = RowWriter()
        self.chunk_size = chunk_size
        self.log = log or (lambda message: None)
        # Every generated moment lies before the start of today, so that two
        # runs on the same day with the same seed build the same demo (a
        # status depends on a commitment's age).
        self.today = timezone.localdate()
        self.now = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time()))
        self.first_year = self.today.year - 5  # the Paris Forum, for a demo built in 2026
        self.counts = Counter()
        self.leaders = {}

    # Public -------------------------------------------------------------------

    def build(self):
        specs = _showcase_commitments()
        if self.size < MINIMUM_SIZE:
            raise DemoRefused(f"The demo needs at least {MINIMUM_SIZE} commitments to show everything.")
        loaded = [
            Commitment,
            ProgressReport,
            ReviewEvent,
            *(field.remote_field.through for field in Commitment._meta.many_to_many),
        ]
        started = time.monotonic()

        def done(what):
            self.log(f"  {what} ({time.monotonic() - started:.1f} s)")

        with (
            transaction.atomic(),
            given_timestamps(CommitmentMaker, Membership, Commitment, ReviewEvent, ProgressReport),
        ):
            self._load_reference_data()
            self._create_cycles()
            self._create_staff()
            self._create_makers()
            done(f"{len(self.makers):,} makers and their members")
            with indexes_built_after_load(*loaded):
                self._create_commitments(specs, done)
                Commitment.objects.filter(amends__isnull=True).assign_missing_references()
            if self.writer.copy:
                done("indexes and constraints rebuilt")
            self._create_leaders()
        done("committed")
        return self.counts

    # Reference data and people ---------------------------------------------------

    def _load_reference_data(self):
        self.coalitions = {coalition.slug: coalition for coalition in ActionCoalition.objects.all()}
        self.coalition_slugs = [coalition.slug for coalition in sorted(self.coalitions.values(), key=lambda c: c.order)]
        self.areas = {
            (area.coalition.slug, area.number): area.pk for area in ActionArea.objects.select_related("coalition")
        }
        self.areas_of = {slug: [pk for (s, _n), pk in self.areas.items() if s == slug] for slug in self.coalitions}
        self.themes = dict(Theme.objects.values_list("slug", "pk"))
        self.theme_slugs = sorted(self.themes)
        countries = {country.code: country for country in Country.objects.all()}
        self.country_names = {code: country.name for code, country in countries.items()}
        self.country_region = {code: country.region for code, country in countries.items()}
        self.region_countries = {
            region: [code for code in codes.split() if self.country_region.get(code) == region]
            for region, codes in MAKER_COUNTRIES.items()
        }
        self.region_labels = dict(Region.choices)
        coalition_weights = {slug: 16 for slug in self.coalition_slugs}
        coalition_weights.update({GBV: 24, EJR: 20, MOVEMENTS: 14, WPS: 10, TECH: 12})
        self.coalition_weights = coalition_weights

    def _create_cycles(self):
        """Four closed cycles and one open today, whatever the date: past
        cycles ran from February to April, the current one opened two months
        ago and closes in two months."""
        self.cycles = []
        year = self.today.year
        for past in range(year - 4, year):
            cycle, _created = ReportingCycle.objects.update_or_create(
                year=past,
                defaults={"opens_on": datetime.date(past, 2, 1), "closes_on": datetime.date(past, 4, 30)},
            )
            self.cycles.append(cycle)
        current, _created = ReportingCycle.objects.update_or_create(
            year=year,
            defaults={
                "opens_on": self.today - datetime.timedelta(days=60),
                "closes_on": self.today + datetime.timedelta(days=60),
            },
        )
        self.cycles.append(current)
        self.open_cycle = current
        self.last_closed = self.cycles[-2]
        # When reports are written: from 8:00 on the opening day to 17:00 on
        # the closing day, or to now in the open cycle.
        self.cycle_windows = {
            cycle.pk: (
                self._moment(cycle.opens_on.year, cycle.opens_on.month, cycle.opens_on.day, hour=8),
                self.now
                if cycle is current
                else self._moment(cycle.closes_on.year, cycle.closes_on.month, cycle.closes_on.day, hour=17),
            )
            for cycle in self.cycles
        }
        self.counts["reporting cycles"] = len(self.cycles)

    def _create_staff(self):
        """Secretariat logins in the roles that migrations create: the
        `secretariat` login also administers (cycles, makers, compiling
        reports), the others review."""
        User = get_user_model()
        # Hashing is slow on purpose: one hash serves every demo login.
        self.password_hash = make_password(DEMO_PASSWORD)
        reviewers = self._role(REVIEWERS_GROUP)
        admins = self._role(SECRETARIAT_ADMINS_GROUP)
        self.reviewers = []
        self.demo_users = []
        for username, first, last in REVIEWERS:
            user, _created = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@secretariat.example.org",
                    "is_staff": True,
                    "is_active": True,
                    "password": self.password_hash,
                },
            )
            groups = [reviewers, admins] if username == "secretariat" else [reviewers]
            user.groups.add(*groups)
            self.reviewers.append(user.pk)
            role = "secretariat reviewer and admin" if admins in groups else "secretariat reviewer"
            self.demo_users.append((username, f"{role} (staff, /admin/)"))

    def _role(self, name):
        """A secretariat group from the roles migration; made with at least
        the review permissions if someone deleted it."""
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label__in=["coalitions", "commitments", "reporting"], codename__startswith="view_"
                ),
                *Permission.objects.filter(codename__in=["review_commitment", "review_progressreport"]),
            )
        return group

    def _create_makers(self):
        """The showcase makers first, then generated ones: one of every
        constituency and region before the weighted draws."""
        count = max(len(SHOWCASE_MAKERS) + len(Constituency), self.size // 4)
        makers = []
        used_names = set()
        for spec in SHOWCASE_MAKERS:
            maker = SimpleNamespace(
                pk=None,
                name=spec["name"],
                acronym=spec.get("acronym", ""),
                constituency=spec["constituency"],
                country_id=spec["country"],
                website=_website(spec["name"]),
                verified=True,
            )
            makers.append(maker)
            used_names.add(spec["name"])
        # A Member State makes its commitments once, as one maker.
        taken = {spec["country"] for spec in SHOWCASE_MAKERS}
        member_states_left = {
            region: self.rng.sample([code for code in codes if code not in taken], len(codes) - len(taken & set(codes)))
            for region, codes in self.region_countries.items()
        }
        for _index in range(count - len(SHOWCASE_MAKERS)):
            constituency = self.chooser.pick("constituency", CONSTITUENCY_WEIGHTS)
            region = self.chooser.pick("maker region", REGION_WEIGHTS)
            country = self.rng.choice(self.region_countries[region])
            if constituency == Constituency.MEMBER_STATE:
                if member_states_left[region]:
                    country = member_states_left[region].pop()
                else:
                    constituency = Constituency.LOCAL_GOVERNMENT
            name, acronym, constituency = self._maker_name(constituency, country, used_names)
            makers.append(
                SimpleNamespace(
                    pk=None,
                    name=name,
                    acronym=acronym,
                    constituency=constituency,
                    country_id=country,
                    website=_website(name),
                    verified=self.rng.random() < 0.75,
                )
            )
        # Registered before the first commitments of the Forum year.
        for maker in makers:
            maker.created_at = self._moment(self.first_year, 1, 10) + datetime.timedelta(days=self.rng.uniform(0, 45))
            maker.updated_at = maker.created_at
        self._insert_objects(CommitmentMaker, makers, MAKER_FIELDS)
        self.makers = makers
        self.showcase_maker = {spec["key"]: maker for spec, maker in zip(SHOWCASE_MAKERS, makers, strict=False)}
        self.showcase_maker_ids = {maker.pk for maker in self.showcase_maker.values()}
        self.counts["commitment makers"] = len(makers)
        self._create_members(makers)

    def _maker_name(self, constituency, country, used_names):
        """A made-up name that fits the constituency, unique in the demo.
        When the few UN agency or local government names of a country are
        taken, the maker becomes an international organisation instead."""
        rng = self.rng
        country_name = self.country_names[country]
        for attempt in range(40):
            root = rng.choice(ROOTS)
            if constituency == Constituency.MEMBER_STATE:
                name = f"Government of {country_name}"
            elif constituency == Constituency.UN_ENTITY:
                name = f"{rng.choice(UN_AGENCIES)} {country_name}"
            elif constituency == Constituency.LOCAL_GOVERNMENT:
                name = f"{rng.choice(LOCALITIES)} {rng.choice(LOCAL_BODIES)}, {country_name}"
            elif constituency == Constituency.ACADEMIA and rng.random() < 0.4:
                name = f"{root} University"
            else:
                name = f"{root} {rng.choice(FORMS[constituency])}"
                if attempt or rng.random() < 0.3:
                    name = f"{name} {country_name}"
            if attempt >= 30:
                name = f"{name} {attempt - 28}"
            if name not in used_names:
                break
            if attempt == 10 and constituency in (Constituency.UN_ENTITY, Constituency.LOCAL_GOVERNMENT):
                constituency = Constituency.INTERNATIONAL_ORG
        used_names.add(name)
        acronym = ""
        if constituency not in (Constituency.MEMBER_STATE, Constituency.UN_ENTITY) and rng.random() < 0.4:
            acronym = "".join(word[0] for word in name.split() if word[0].isupper())[:8]
        return name, acronym, constituency

    def _create_members(self, makers):
        """Seats for people: a demo login (with the demo password) owns each
        named showcase maker; every other maker gets an owner, sometimes an
        editor too, whose password is unusable: they exist so that the review
        trail names people."""
        User = get_user_model()
        if User.objects.filter(username__startswith="demo-member-").exists():
            raise DemoRefused("Demo member accounts (demo-member-…) are left from an earlier demo; delete them first.")
        unusable = make_password(None)
        specs = SHOWCASE_MAKERS + [{} for _maker in makers[len(SHOWCASE_MAKERS) :]]
        wanted = []  # per maker: [(username, role)]
        new_users = {}
        for index, spec in enumerate(specs, start=1):
            seats = []
            if spec.get("user"):
                seats.append((spec["user"], Membership.Role.OWNER))
                new_users[spec["user"]] = self.password_hash
            else:
                for seat in range(1 if self.rng.random() < 0.7 else 2):
                    username = f"demo-member-{index:05d}" + ("-b" if seat else "")
                    seats.append((username, Membership.Role.EDITOR if seat else Membership.Role.OWNER))
                    new_users[username] = unusable
            seats += [(username, Membership.Role.EDITOR) for username in spec.get("editors", [])]
            wanted.append(seats)
        # Named logins may be left from an earlier demo (the demo-member ones
        # cannot: see above); they are reused, with the demo password.
        named = User.objects.filter(username__in=[spec["user"] for spec in SHOWCASE_MAKERS if spec.get("user")])
        named.update(password=self.password_hash)
        existing = {user.username: user for user in named}
        users = []
        joined = self._moment(self.first_year, 1, 5)
        for username, password in new_users.items():
            if username in existing:
                continue
            users.append(
                SimpleNamespace(
                    pk=None,
                    username=username,
                    first_name=self.rng.choice(GIVEN_NAMES),
                    last_name=self.rng.choice(FAMILY_NAMES),
                    email=f"{username}@example.org",
                    password=password,
                    date_joined=joined,
                    is_staff=False,
                    is_superuser=False,
                    is_active=True,
                )
            )
        self._insert_objects(User, users, USER_FIELDS)
        by_username = {**existing, **{user.username: user for user in users}}
        memberships = []
        self.actors = {}  # maker pk -> pks of the users who write its commitments
        for maker, seats in zip(makers, wanted, strict=True):
            for username, role in seats:
                memberships.append(
                    SimpleNamespace(
                        user_id=by_username[username].pk, maker_id=maker.pk, role=role, created_at=maker.created_at
                    )
                )
            self.actors[maker.pk] = [by_username[username].pk for username, _role in seats]
        self._insert_objects(Membership, memberships, MEMBERSHIP_FIELDS)
        self.counts["users"] += len(users)
        self.counts["memberships"] += len(memberships)
        for spec in SHOWCASE_MAKERS:
            if spec.get("user"):
                self.demo_users.append((spec["user"], f"owner of {spec['name']}"))

    # Commitments --------------------------------------------------------------------

    def _create_commitments(self, specs, done):
        """The showcase first, then generated commitments from the oldest to
        the newest so that ids grow with time, in chunks to keep memory flat."""
        generated = self.size - len(specs)
        forum_start = self._moment(self.first_year, 3, 1)
        forum_end = self._moment(self.first_year, 7, 15)
        latest = self.now - datetime.timedelta(days=1)
        moments = sorted(
            self._between(forum_start, forum_end) if self.rng.random() < 0.3 else self._between(forum_end, latest)
            for _index in range(generated)
        )
        generated_makers = self.makers[len(SHOWCASE_MAKERS) :]
        # Every generated maker gets a commitment; after that, a few makers
        # make many (a long tail, as on the real platform).
        maker_order = list(generated_makers)
        self.rng.shuffle(maker_order)

        def plans():
            yield from specs
            for index, moment in enumerate(moments):
                if index < len(maker_order):
                    maker = maker_order[index]
                else:
                    maker = generated_makers[int(len(generated_makers) * self.rng.random() ** 2.2)]
                yield {"maker_obj": maker, "created_at": moment}

        plan_iter = iter(plans())
        while True:
            chunk = list(itertools.islice(plan_iter, self.chunk_size))
            if not chunk:
                break
            self._create_chunk(chunk)
            done(f"{self.counts['commitments']:,} commitments")

    def _create_chunk(self, plans):
        drafts = [self._draft_commitment(plan) for plan in plans]
        self._insert_commitments(drafts)
        self.counts["commitments"] += len(drafts)

        amendments = [self._amendment(draft) for draft in drafts if draft["amendment_status"]]
        self._insert_commitments(amendments)
        self.counts["open amendments"] += len(amendments)

        self._insert_relations(drafts + amendments)

        reports = []
        for draft in drafts:
            for report, _events in draft["reports"]:
                report["commitment_id"] = draft["row"]["id"]
                reports.append(report)
        self._insert_with_ids(ProgressReport, REPORT_FIELDS, reports)
        self.counts["progress reports"] += len(reports)

        events = []
        for draft in drafts + amendments:
            public_id = draft["public"]["id"]
            is_amendment = draft["is_amendment"]
            for moment, action, from_status, to_status, comment, actor in draft["events"]:
                events.append((public_id, None, is_amendment, actor, action, from_status, to_status, comment, moment))
            for report, report_events in draft["reports"]:
                for moment, action, from_status, to_status, comment, actor in report_events:
                    events.append(
                        (public_id, report["id"], False, actor, action, from_status, to_status, comment, moment)
                    )
        self.writer.insert(ReviewEvent, EVENT_FIELDS, events)
        self.counts["review events"] += len(events)

    def _insert_commitments(self, drafts):
        rows = [draft["row"] for draft in drafts]
        ids = self.writer.new_ids(Commitment, len(rows))
        if ids:
            for row, pk in zip(rows, ids, strict=True):
                if row["amends_id"] is None:
                    row["reference"] = commitment_reference(row["created_at"], pk)
        # Without ids up front (SQLite), build() assigns references in one
        # UPDATE at the end.
        self._insert_with_ids(Commitment, ["reference", *COMMITMENT_FIELDS] if ids else COMMITMENT_FIELDS, rows, ids)

    def _insert_objects(self, model, objects, fields):
        """Insert plain objects whose attributes are named like the model's
        fields (lighter than model instances) and set their `pk`."""
        ids = self.writer.new_ids(model, len(objects))
        if ids:
            for obj, pk in zip(objects, ids, strict=True):
                obj.pk = pk
            rows = [[obj.pk, *(getattr(obj, name) for name in fields)] for obj in objects]
            self.writer.insert(model, ["id", *fields], rows)
            return
        rows = [[getattr(obj, name) for name in fields] for obj in objects]
        for obj, pk in zip(objects, self.writer.insert(model, fields, rows), strict=True):
            obj.pk = pk

    def _insert_with_ids(self, model, fields, rows, ids=None):
        """Insert dict `rows` and set row["id"] on each, whichever way the
        writer learns the ids."""
        ids = ids or self.writer.new_ids(model, len(rows))
        if ids:
            for row, pk in zip(rows, ids, strict=True):
                row["id"] = pk
            fields = ["id", *fields]
        returned = self.writer.insert(model, fields, [[row.get(name) for name in fields] for row in rows])
        if not ids:
            for row, pk in zip(rows, returned, strict=True):
                row["id"] = pk

    def _insert_relations(self, drafts):
        through = {
            "coalitions": (Commitment.coalitions.through, "actioncoalition_id"),
            "action_areas": (Commitment.action_areas.through, "actionarea_id"),
            "themes": (Commitment.themes.through, "theme_id"),
            "countries": (Commitment.countries.through, "country_id"),
        }
        for name, (model, column) in through.items():
            rows = [(draft["row"]["id"], value) for draft in drafts for value in draft[name]]
            self.writer.insert(model, ["commitment_id", column], rows)
            self.counts[f"commitment {name.replace('_', ' ')} rows"] += len(rows)

    def _draft_commitment(self, plan):
        """One commitment as a row, with its many-to-many values, review trail
        and progress reports, not yet saved."""
        rng = self.rng
        maker = plan.get("maker_obj") or self.showcase_maker[plan["maker"]]
        constituency, home = maker.constituency, maker.country_id
        actors = self.actors[maker.pk]

        coalitions = plan.get("coalitions")
        if coalitions is None:
            coalitions = [self.chooser.pick("coalition", self.coalition_weights)]
            for _extra in range(self.weighted(EXTRA_COALITIONS)):
                other = self.weighted(self.coalition_weights)
                if other not in coalitions:
                    coalitions.append(other)
        primary = coalitions[0]
        pledge, pledge_area = rng.choice(PLEDGES[primary])

        scope = plan.get("scope") or self.chooser.pick("scope", SCOPE_WEIGHTS.get(constituency, DEFAULT_SCOPE_WEIGHTS))
        countries = plan.get("countries")
        if countries is None:
            countries = self._countries_for(scope, home)

        created = plan.get("created_at")
        if created is None and plan.get("created"):
            offset, month, day = plan["created"]
            created = self._moment(self.first_year + offset, month, day) + datetime.timedelta(hours=rng.uniform(0, 8))
        if created is None:
            created = self._between(self._moment(self.first_year, 5, 1), self.now - datetime.timedelta(days=400))
            if plan.get("status") in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED):
                created = self.now - datetime.timedelta(days=rng.uniform(5, 60))

        start_year = plan.get("start_year") or max(FIRST_YEAR, created.year + rng.choice([-1, 0, 0, 1]))
        end_year = plan.get("end_year") or min(
            LAST_YEAR, 2030 if rng.random() < 0.15 else start_year + rng.choice([1, 2, 3, 3, 4, 5, 5, 6])
        )
        end_year = max(end_year, start_year)

        types = plan.get("types")
        if types is None:
            types = {self.chooser.pick("type", TYPE_WEIGHTS)}
            if rng.random() < 0.45:
                types.add(self.weighted(TYPE_WEIGHTS))
            if rng.random() < FINANCIAL_SHARE.get(constituency, 0.1):
                types.add(CommitmentType.FINANCIAL)
        amount = plan.get("amount")
        if CommitmentType.FINANCIAL in types and amount is None:
            scale = AMOUNT_SCALE.get(constituency, 5.0)
            amount = _round_amount(10 ** rng.uniform(scale - 1.6, scale + 0.9))
        amount = Decimal(amount) if amount is not None else None

        areas = plan.get("areas")
        if areas is None:
            area_ids = set()
            if rng.random() < 0.85:
                area_ids.add(self.areas[(primary, pledge_area)])
            for slug in coalitions:
                if rng.random() < 0.35:
                    area_ids.add(rng.choice(self.areas_of[slug]))
        else:
            area_ids = {self.areas[area] for area in areas}
        themes = plan.get("themes")
        if themes is None:
            themes = rng.sample(self.theme_slugs, self.weighted(THEME_COUNTS))
        target_groups = plan.get("target_groups")
        if target_groups is None:
            target_groups = ", ".join(rng.sample(TARGET_GROUPS[primary], rng.choice([1, 2, 2, 3]))).capitalize()
        partners = plan.get("partners")
        if partners is None:
            partners = ", ".join(rng.sample(PARTNERS, rng.choice([0, 1, 2, 2, 3]))).capitalize()

        row = {
            "maker_id": maker.pk,
            "amends_id": None,
            "title": (plan.get("title") or self._title(pledge, scope, countries, home, end_year))[:255],
            "description": plan.get("description")
            or self._description(pledge, primary, maker.name, start_year, end_year),
            "is_policy": CommitmentType.POLICY in types,
            "is_programme": CommitmentType.PROGRAMME in types,
            "is_financial": CommitmentType.FINANCIAL in types,
            "is_advocacy": CommitmentType.ADVOCACY in types,
            "financial_amount_usd": amount,
            "scope": scope,
            "start_year": start_year,
            "end_year": end_year,
            "target_groups": target_groups,
            "partners": partners,
            "status": Status.DRAFT,
            "created_at": created,
            "submitted_at": None,
            "published_at": None,
            "updated_at": created,
        }
        status = plan.get("status") or self._status_for(created)
        draft = {
            "row": row,
            "public": row,
            "is_amendment": False,
            "coalitions": [self.coalitions[slug].pk for slug in coalitions],
            "action_areas": sorted(area_ids),
            "themes": [self.themes[slug] for slug in themes],
            "countries": countries,
            "events": self._review_trail(row, status, actors),
            "reports": [],
            "actors": actors,
            "amendment_status": None,
        }
        if status in (Status.APPROVED, Status.WITHDRAWN):
            draft["reports"] = self._reports(row, plan, actors)
        if status == Status.APPROVED:
            self._remember_leader_candidate(maker, coalitions, row)
            amendment = plan.get("amendment")
            if amendment is None and "maker_obj" in plan and rng.random() < 0.01:
                amendment = self.chooser.pick("amendment", AMENDMENT_WEIGHTS)
            draft["amendment_status"] = amendment
        return draft

    def _status_for(self, created):
        age = (self.now - created).days
        weights = STATUS_WEIGHTS_NEW if age < 30 else STATUS_WEIGHTS_RECENT if age < 365 else STATUS_WEIGHTS_OLD
        return self.chooser.pick("status", weights, allowed=weights)

    def _countries_for(self, scope, home):
        rng = self.rng
        if scope == Scope.LOCAL:
            return [home]
        if scope == Scope.NATIONAL:
            return [home] if rng.random() < 0.9 else [home, rng.choice(self._neighbours(home))]
        if scope == Scope.REGIONAL:
            neighbours = self._neighbours(home)
            picked = rng.sample(neighbours, min(len(neighbours), rng.randint(2, 6)))
            return sorted({home, *picked})
        if rng.random() < 0.4:
            return []
        regions = list(REGION_WEIGHTS)
        return sorted({rng.choice(self.region_countries[rng.choice(regions)]) for _i in range(rng.randint(3, 9))})

    def _neighbours(self, code):
        region = self.country_region[code]
        return [other for other in self.region_countries.get(region, []) if other != code] or [code]

    def _title(self, pledge, scope, countries, home, end_year):
        rng = self.rng
        country = self.country_names[countries[0] if countries else home]
        if scope == Scope.LOCAL:
            place = rng.choice(
                [
                    f"in rural districts of {country}",
                    f"in informal settlements of {country}",
                    f"in border communities of {country}",
                    f"in the capital of {country}",
                    f"in {rng.choice(LOCALITIES).lower()} municipalities of {country}",
                ]
            )
        elif scope == Scope.NATIONAL:
            place = rng.choice([f"in {country}", f"across {country}", f"in every province of {country}"])
        elif scope == Scope.REGIONAL:
            region = self.region_labels[self.country_region[home]]
            place = rng.choice([f"across {region}", f"in {len(countries)} countries of {region}"])
        else:
            place = rng.choice(["worldwide", "in partner countries", "across the Global South"])
        title = f"{pledge} {place}"
        if rng.random() < 0.3:
            title = f"{title} by {end_year}"
        return title

    def _description(self, pledge, coalition, maker_name, start_year, end_year):
        rng = self.rng
        partners = " and ".join(rng.sample(PARTNERS, 2))
        return " ".join(
            [
                f"{maker_name} commits to {pledge[0].lower()}{pledge[1:]}.",
                rng.choice(REASONS[coalition]),
                rng.choice(METHODS).format(start=start_year, end=end_year, partners=partners, maker=maker_name),
                rng.choice(MEASURES),
            ]
        )

    # Review trail ---------------------------------------------------------------------

    def _review_trail(self, row, status, actors):
        """Walk the commitment through the workflow to `status`, as the
        services would, and return its ReviewEvents as tuples. Sets the
        workflow timestamps on the row."""
        rng = self.rng
        maker_actor = rng.choice(actors)
        reviewer = rng.choice(self.reviewers)
        moment = row["created_at"]
        events = [(moment, Action.CREATED, "", Status.DRAFT, "", maker_actor)]
        current = Status.DRAFT
        if status == Status.DRAFT:
            if rng.random() < 0.4:
                moment = self._after(moment, 0.1, 20)
                events.append((moment, Action.EDITED, current, current, "", maker_actor))
        else:
            rounds = self.weighted(RETURN_ROUNDS)
            if status == Status.RETURNED:
                rounds = max(rounds - 1, 0)
            for round_number in range(rounds + 1):
                moment = self._after(moment, 1, 30)
                events.append((moment, Action.SUBMITTED, current, Status.SUBMITTED, "", maker_actor))
                row["submitted_at"] = moment
                current = Status.SUBMITTED
                if round_number == rounds:
                    break
                moment = self._after(moment, 3, 30)
                events.append(
                    (moment, Action.RETURNED, current, Status.RETURNED, rng.choice(RETURN_COMMENTS), reviewer)
                )
                moment = self._after(moment, 1, 20)
                events.append((moment, Action.EDITED, Status.RETURNED, Status.RETURNED, "", maker_actor))
                current = Status.RETURNED
            if status == Status.RETURNED:
                moment = self._after(moment, 3, 30)
                events.append(
                    (moment, Action.RETURNED, current, Status.RETURNED, rng.choice(RETURN_COMMENTS), reviewer)
                )
            elif status in (Status.APPROVED, Status.WITHDRAWN):
                moment = self._after(moment, 3, 45)
                comment = rng.choice(APPROVAL_COMMENTS)
                events.append((moment, Action.APPROVED, current, Status.APPROVED, comment, reviewer))
                row["published_at"] = moment
                if status == Status.WITHDRAWN:
                    moment = self._after(moment, 180, 1000)
                    withdrawer = maker_actor if rng.random() < 0.8 else reviewer
                    comment = rng.choice(WITHDRAWAL_COMMENTS)
                    events.append((moment, Action.WITHDRAWN, Status.APPROVED, Status.WITHDRAWN, comment, withdrawer))
        row["status"] = status
        row["updated_at"] = moment
        return events

    def _amendment(self, draft):
        """An open amendment of an approved commitment: a copy, slightly
        changed, in draft, submitted or returned."""
        rng = self.rng
        original = draft["row"]
        status = draft["amendment_status"]
        actor = rng.choice(draft["actors"])
        started = self._after(max(original["published_at"], self.now - datetime.timedelta(days=300)), 1, 200)
        amount = original["financial_amount_usd"]
        row = {
            **original,
            "id": None,
            "reference": None,
            "amends_id": original["id"],
            "description": f"{original['description']} The amendment extends the work by a year.",
            "financial_amount_usd": _round_amount(amount * Decimal("1.2")) if amount is not None else None,
            "end_year": min(original["end_year"] + 1, LAST_YEAR),
            "status": status,
            "created_at": started,
            "submitted_at": None,
            "published_at": None,
        }
        events = [(started, Action.AMENDMENT_STARTED, "", Status.DRAFT, "", actor)]
        moment = started
        if status in (Status.SUBMITTED, Status.RETURNED):
            moment = self._after(moment, 1, 20)
            events.append((moment, Action.SUBMITTED, Status.DRAFT, Status.SUBMITTED, "", actor))
            row["submitted_at"] = moment
        if status == Status.RETURNED:
            moment = self._after(moment, 2, 20)
            comment = rng.choice(RETURN_COMMENTS)
            events.append(
                (moment, Action.RETURNED, Status.SUBMITTED, Status.RETURNED, comment, rng.choice(self.reviewers))
            )
        row["updated_at"] = moment
        return {
            "row": row,
            "public": original,
            "is_amendment": True,
            "coalitions": draft["coalitions"],
            "action_areas": draft["action_areas"],
            "themes": draft["themes"],
            "countries": draft["countries"],
            "events": events,
            "reports": [],
        }

    # Progress reports --------------------------------------------------------------------

    def _reports(self, row, plan, actors):
        """Progress reports in the cycles that opened after the commitment was
        published (and closed before it was withdrawn), shaped so that its
        derived reporting status today is `reported`, `due` or `inactive`;
        every `due` one becomes `overdue` once the open cycle closes."""
        rng = self.rng
        published = row["published_at"].date()
        eligible = [cycle for cycle in self.cycles if cycle.opens_on > published]
        if row["status"] == Status.WITHDRAWN:
            withdrawn = row["updated_at"].date()
            eligible = [cycle for cycle in eligible if cycle.closes_on < withdrawn]
            behaviour = "history"
        else:
            allowed = BEHAVIOURS_OLD if published < self.last_closed.opens_on else BEHAVIOURS_NEW
            behaviour = plan.get("behaviour") or self.chooser.pick("behaviour", BEHAVIOUR_WEIGHTS, allowed=allowed)
        statuses = []
        for cycle in eligible:
            if cycle is self.open_cycle:
                if behaviour == "reported":
                    status = self.chooser.pick("open reported", OPEN_REPORTED_WEIGHTS)
                elif behaviour == "due":
                    status = self.chooser.pick("open due", OPEN_DUE_WEIGHTS)
                else:
                    status = ReportStatus.DRAFT if rng.random() < 0.1 else None
            elif cycle is self.last_closed and behaviour == "inactive":
                status = self.weighted(LAPSED_WEIGHTS)
            elif rng.random() < (0.25 if behaviour == "inactive" else 0.12):
                status = None
            else:
                status = self.chooser.pick("closed", CLOSED_WEIGHTS)
            if status is not None:
                statuses.append((cycle, status))
        if not statuses:
            return []
        path = self._implementation_path(len(statuses))
        reach = 10 ** rng.uniform(2, 5.3)
        return [
            self._report(row, plan, cycle, status, implementation, step, len(statuses), reach, actors)
            for step, ((cycle, status), implementation) in enumerate(zip(statuses, path, strict=True), start=1)
        ]

    def _implementation_path(self, length):
        """How implementation stood in each report, ending in a status drawn
        so that every status appears, and getting there plausibly."""
        final = self.chooser.pick("implementation", IMPLEMENTATION_WEIGHTS)
        before = IMPLEMENTATION_BEFORE[final]
        path = [self.rng.choice(before) for _step in range(length - 1)]
        path.sort(key=lambda status: status != Impl.NOT_STARTED)  # work that has not started comes first
        return [*path, final]

    def _report(self, row, plan, cycle, status, implementation, step, steps, reach, actors):
        rng = self.rng
        actor = rng.choice(actors)
        reviewer = rng.choice(self.reviewers)
        opens, window_end = self.cycle_windows[cycle.pk]
        created = opens + datetime.timedelta(seconds=int(rng.uniform(0, (window_end - opens).total_seconds() * 0.6)))
        people = None
        if row["is_programme"] or rng.random() < 0.5:
            people = int(reach * step / steps * rng.uniform(0.7, 1.1)) if implementation != Impl.NOT_STARTED else 0
        disbursed = None
        if implementation != Impl.NOT_STARTED:
            if row["is_financial"]:
                share = rng.uniform(0.9, 1.0) if implementation == Impl.COMPLETED else step / max(steps, 2)
                disbursed = _round_amount(float(row["financial_amount_usd"]) * min(1.0, share * rng.uniform(0.6, 1.1)))
            elif rng.random() < 0.15:
                disbursed = _round_amount(10 ** rng.uniform(3, 5.3))
        challenges = plan.get("challenges")
        if challenges is None:
            challenges = {self.weighted(CHALLENGE_WEIGHTS) for _draw in range(self.weighted(CHALLENGE_COUNTS))}
        challenges = [code for code in CHALLENGE_ORDER if code in challenges]
        counted, uncounted = NARRATIVES[implementation]
        narrative = rng.choice(counted if people and counted else uncounted).format(people=f"{people or 0:,}")
        evidence = f"https://results.example.org/{row['maker_id']}/{cycle.year}" if rng.random() < 0.5 else ""
        report = {
            "commitment_id": None,
            "cycle_id": cycle.pk,
            "implementation_status": implementation,
            "narrative": narrative,
            "amount_disbursed_usd": disbursed,
            "people_reached": people,
            "challenges": challenges,
            "next_steps": "" if implementation in (Impl.COMPLETED, Impl.DISCONTINUED) else rng.choice(NEXT_STEPS),
            "evidence_url": evidence,
            "status": status,
            "created_at": created,
            "submitted_at": None,
            "updated_at": created,
        }
        events = []
        moment = created
        if status != ReportStatus.DRAFT:
            moment = self._after(moment, 1, 20, limit=window_end)
            events.append((moment, Action.REPORT_SUBMITTED, ReportStatus.DRAFT, ReportStatus.SUBMITTED, "", actor))
            if status == ReportStatus.ACCEPTED and rng.random() < 0.1:
                # Returned once, corrected and submitted again in the window.
                moment = self._after(moment, 2, 15, limit=window_end)
                comment = rng.choice(REPORT_RETURN_COMMENTS)
                events.append(
                    (moment, Action.REPORT_RETURNED, ReportStatus.SUBMITTED, ReportStatus.RETURNED, comment, reviewer)
                )
                moment = self._after(moment, 1, 10, limit=window_end)
                events.append(
                    (moment, Action.REPORT_SUBMITTED, ReportStatus.RETURNED, ReportStatus.SUBMITTED, "", actor)
                )
            report["submitted_at"] = moment
            if status == ReportStatus.ACCEPTED:
                moment = self._after(moment, 2, 40)
                comment = rng.choice(REPORT_ACCEPT_COMMENTS)
                events.append(
                    (moment, Action.REPORT_ACCEPTED, ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, comment, reviewer)
                )
            elif status == ReportStatus.RETURNED:
                moment = self._after(moment, 2, 30)
                comment = rng.choice(REPORT_RETURN_COMMENTS)
                events.append(
                    (moment, Action.REPORT_RETURNED, ReportStatus.SUBMITTED, ReportStatus.RETURNED, comment, reviewer)
                )
        report["updated_at"] = moment
        return report, events

    # Leaders ------------------------------------------------------------------------------

    def _remember_leader_candidate(self, maker, coalitions, row):
        """The first few makers (other than the showcase ones) of a leading
        kind with an approved commitment in a coalition co-lead it."""
        if maker.pk in self.showcase_maker_ids or maker.constituency not in LEADING_CONSTITUENCIES:
            return
        for slug in coalitions:
            leaders = self.leaders.setdefault(slug, {})
            if len(leaders) < 3 and maker.pk not in leaders:
                leaders[maker.pk] = max(2021, row["published_at"].year)

    def _create_leaders(self):
        rows = [
            CoalitionLeader(coalition=self.coalitions[slug], maker_id=self.showcase_maker[key].pk, since=since)
            for key, slug, since in SHOWCASE_LEADERS
        ]
        for slug, leaders in self.leaders.items():
            rows += [
                CoalitionLeader(coalition=self.coalitions[slug], maker_id=maker_id, since=since)
                for maker_id, since in leaders.items()
            ]
        CoalitionLeader.objects.bulk_create(rows)
        self.counts["coalition leaders"] = len(rows)

    # Randomness and time --------------------------------------------------------------------

    def weighted(self, weights):
        """A value drawn from a {value: weight} mapping; the cumulative
        weights are worked out once per mapping."""
        table = self._tables.get(id(weights))
        if table is None:
            table = self._tables[id(weights)] = (list(weights), list(itertools.accumulate(weights.values())))
        values, cumulative = table
        return values[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]

    def _moment(self, year, month, day, hour=9):
        return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)

    def _between(self, start, end):
        if end <= start:
            return start
        return start + datetime.timedelta(seconds=int(self.rng.uniform(0, (end - start).total_seconds())))

    def _after(self, moment, low_days, high_days, limit=None):
        """A moment some days after `moment`, never past `limit` (now by
        default) and never before `moment`."""
        limit = min(limit or self.now, self.now)
        later = moment + datetime.timedelta(seconds=int(self.rng.uniform(low_days, high_days) * 86400))
        if later > limit:
            later = max(moment, limit - datetime.timedelta(seconds=int(self.rng.uniform(0, 3600))))
        return later


class RowWriter:
    """Inserts rows given as tuples in the order of `fields`.

    On PostgreSQL it uses COPY, several times faster than INSERT, with ids
    taken from the table's sequence beforehand (`new_ids`) so that
    references and links between rows are known before anything is sent.
    Elsewhere (SQLite) it builds model instances and uses bulk_create,
    which returns the ids."""

    def __init__(self):
        self.copy = connection.vendor == "postgresql"

    def new_ids(self, model, count):
        """`count` fresh primary keys on PostgreSQL; None elsewhere, where
        the insert itself gives them."""
        if not self.copy or not count:
            return None
        opts = model._meta
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [opts.db_table, opts.pk.column, count],
            )
            return [pk for (pk,) in cursor.fetchall()]

    def insert(self, model, fields, rows):
        """Insert `rows` and return their primary keys, in order, when the
        database hands them back (bulk_create); COPY returns none."""
        if not rows:
            return []
        if not self.copy:
            objects = [model(**dict(zip(fields, row, strict=True))) for row in rows]
            model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
            return [obj.pk for obj in objects]
        opts = model._meta
        quote = connection.ops.quote_name
        columns = ", ".join(quote(opts.get_field(name).column) for name in fields)
        jsons = [index for index, name in enumerate(fields) if isinstance(opts.get_field(name), models.JSONField)]
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                if jsons:
                    row = list(row)
                    for position in jsons:
                        row[position] = json.dumps(row[position])
                copy.write_row(row)
        return []


@contextmanager
def indexes_built_after_load(*models):
    """On PostgreSQL, drop the secondary indexes and the unique and foreign
    key constraints of the tables about to be filled, and build them again
    once the rows are in: building an index once is several times faster
    than updating sixteen of them row by row, and re-adding a foreign key
    checks every row in one join instead of one trigger per row. The
    definitions are read from the catalogue and restored under the same
    names, inside the caller's transaction, so a failure rolls everything
    back and the schema ends exactly as migrations left it. Elsewhere it
    does nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f')
            ORDER BY contype DESC, conname
            """,
            [tables],
        )
        constraints = cursor.fetchall()  # unique ones first, then foreign keys
        cursor.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = ANY(%s)
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))
            ORDER BY indexname
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        # Foreign keys are checked at commit; a table with checks still
        # pending cannot be altered, so run them now (as Django's own
        # check_constraints does) and defer again afterwards.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")


def commitment_reference(created_at, pk):
    """The reference `Commitment.objects.assign_missing_references()` gives,
    worked out in Python for rows whose id is known before the insert."""
    return f"GE-{timezone.localtime(created_at).year}-{pk:05d}"


def build_demo(*, size=400, seed=2021, log=None):
    """Build the demo and return (counts, demo users)."""
    builder = DemoBuilder(size=size, seed=seed, log=log)
    counts = builder.build()
    return counts, builder.demo_users
