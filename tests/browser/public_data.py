"""A small, varied set of public data for the browser tests of the public
pages: commitments in several coalitions, a leader, progress reports, a
withdrawn commitment and a draft that must never show."""

from dataclasses import dataclass
from decimal import Decimal

from coalitions.models import ActionCoalition, CoalitionLeader, Country
from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from reporting.tests.factories import ProgressReportFactory, closed_cycle, open_cycle


@dataclass
class PublicData:
    tech: list
    others: list
    maker: object
    commitment: object
    coalition: object


def make_public_data():
    tech = ActionCoalition.objects.get(slug="technology-and-innovation")
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    climate = ActionCoalition.objects.get(slug="feminist-action-for-climate-justice")
    maker = MakerFactory(name="Digital Sisters Network", acronym="DSN", constituency="feminist_org", verified=True)
    ministry = MakerFactory(
        name="Ministry of Women's Affairs",
        acronym="",
        constituency="member_state",
        country=Country.objects.get(code="JO"),
    )
    youth = MakerFactory(
        name="Youth for Climate Equity", acronym="YCE", constituency="youth_led", country=Country.objects.get(code="BR")
    )
    cycle = open_cycle()
    last_year = closed_cycle(cycle.year - 1)
    commitment = ApprovedCommitmentFactory(
        maker=maker,
        title="Coding clubs for 10,000 girls in rural Kenya",
        description="Weekly coding clubs in 120 secondary schools, run with local women engineers as mentors.",
        coalitions=[tech],
        is_financial=True,
        financial_amount_usd=Decimal("1250000"),
        target_groups="Adolescent girls in rural secondary schools",
        partners="Ministry of Education; two telecom operators",
    )
    commitment.action_areas.set([tech.action_areas.order_by("number").first()])
    ProgressReportFactory(
        commitment=commitment,
        cycle=last_year,
        status="accepted",
        implementation_status="on_track",
        narrative="Clubs opened in 64 schools; 4,100 girls attended at least ten sessions.",
        people_reached=4100,
    )
    second = ApprovedCommitmentFactory(
        maker=ministry,
        title="Free broadband for women-led cooperatives",
        description="Connect 500 cooperatives led by women to affordable broadband.",
        coalitions=[tech, gbv],
        is_policy=True,
    )
    ProgressReportFactory(commitment=second, cycle=cycle, status="submitted", implementation_status="off_track")
    others = [
        ApprovedCommitmentFactory(
            maker=ministry,
            title="Survivor-centred shelters in every governorate",
            coalitions=[gbv],
            is_financial=True,
            financial_amount_usd=Decimal("4000000"),
        ),
        ApprovedCommitmentFactory(maker=youth, title="Youth climate adaptation grants", coalitions=[climate]),
        ApprovedCommitmentFactory(
            maker=youth,
            title="Retired plan for climate radio",
            coalitions=[climate],
            status=Commitment.Status.WITHDRAWN,
        ),
    ]
    CommitmentFactory(maker=maker, title="Unpublished draft about robots", coalitions=[tech])
    CoalitionLeader.objects.create(coalition=tech, maker=maker, since=2021)
    return PublicData(tech=[commitment, second], others=others, maker=maker, commitment=commitment, coalition=tech)
