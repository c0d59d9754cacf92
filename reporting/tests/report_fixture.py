"""A small, hand-built world for the accountability report tests, with every
expected figure worked out by hand below it (EXPECTED_* and the tests).

Cycle 2024, snapshot 2025-01-01. Makers: A (civil society, Kenya, Africa),
B (Member State, France, Europe and Central Asia), C (youth-led, India, Asia
and the Pacific).

    c1  A  GBV                 programme           national  KE     2022-2026  active
    c2  A  GBV + Economic      policy + financial  regional  KE UG  2023-2025  active   USD 1000.00
    c3  B  Economic            financial           global    -      2021-2023  ended    USD 2500.50
    c4  C  Technology          advocacy            national  IN     2024-2030  active
    --  C  Technology, published after the snapshot            (not counted)
    --  B  GBV, withdrawn; and a draft                           (not counted)

Reports in 2024: c1 accepted on_track [funding, capacity]; c2 submitted
off_track USD 400.25 [funding]; c3 accepted completed USD 1000.00 []; c4 draft
not_started [security] (not counted); the late commitment's submitted report
(not counted). A 2023 report on c4 belongs to another cycle.
"""

import datetime
from decimal import Decimal

from coalitions.models import ActionArea, ActionCoalition, Country
from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from reporting.models import AccountabilityReport, ProgressReport
from reporting.tests.factories import ProgressReportFactory, closed_cycle

UTC = datetime.UTC
SNAPSHOT = datetime.datetime(2025, 1, 1, tzinfo=UTC)
PUBLISHED = datetime.datetime(2023, 6, 1, tzinfo=UTC)

GBV = "gender-based-violence"
ECONOMIC = "economic-justice-and-rights"
TECH = "technology-and-innovation"


def build_world(measures=False):
    """Create the world above; return the 2024 cycle. With `measures`, also
    the indicators, results, deliverables, scores and assessments of
    reporting/tests/measure_fixture.py."""
    coalition = {c.slug: c for c in ActionCoalition.objects.all()}
    country = {c.code: c for c in Country.objects.filter(code__in=["KE", "FR", "IN", "UG"])}
    maker_a = MakerFactory(name="Maker A", constituency="civil_society", country=country["KE"])
    maker_b = MakerFactory(name="Maker B", constituency="member_state", country=country["FR"])
    maker_c = MakerFactory(name="Maker C", constituency="youth_led", country=country["IN"])
    cycle_2023 = closed_cycle(2023)
    cycle = closed_cycle(2024)

    def approved(maker, coalitions, countries, **fields):
        return ApprovedCommitmentFactory(
            maker=maker,
            coalitions=[coalition[slug] for slug in coalitions],
            countries=[country[code] for code in countries] or None,
            published_at=fields.pop("published_at", PUBLISHED),
            **fields,
        )

    c1 = approved(maker_a, [GBV], ["KE"], is_programme=True, scope="national", start_year=2022, end_year=2026)
    c2 = approved(
        maker_a,
        [GBV, ECONOMIC],
        ["KE", "UG"],
        is_programme=False,
        is_policy=True,
        is_financial=True,
        financial_amount_usd=Decimal("1000.00"),
        scope="regional",
        start_year=2023,
        end_year=2025,
    )
    c3 = approved(
        maker_b,
        [ECONOMIC],
        [],
        is_programme=False,
        is_financial=True,
        financial_amount_usd=Decimal("2500.50"),
        scope="global",
        start_year=2021,
        end_year=2023,
    )
    c3.countries.clear()
    c4 = approved(
        maker_c, [TECH], ["IN"], is_programme=False, is_advocacy=True, scope="national", start_year=2024, end_year=2030
    )
    late = approved(
        maker_c,
        [TECH],
        ["IN"],
        scope="local",
        start_year=2024,
        end_year=2026,
        published_at=datetime.datetime(2025, 6, 1, tzinfo=UTC),
    )
    CommitmentFactory(maker=maker_b, status=Commitment.Status.WITHDRAWN, published_at=PUBLISHED)
    draft = CommitmentFactory(maker=maker_b, status=Commitment.Status.DRAFT)

    gbv_1 = ActionArea.objects.get(coalition__slug=GBV, number=1)
    economic_2 = ActionArea.objects.get(coalition__slug=ECONOMIC, number=2)
    c1.action_areas.set([gbv_1])
    c2.action_areas.set([gbv_1, economic_2])

    submitted = datetime.datetime(2024, 3, 1, tzinfo=UTC)
    Status = ProgressReport.Status

    def report(commitment, status, implementation, challenges, amount=None, on=cycle):
        return ProgressReportFactory(
            commitment=commitment,
            cycle=on,
            status=status,
            implementation_status=implementation,
            challenges=challenges,
            amount_disbursed_usd=amount,
            submitted_at=None if status == Status.DRAFT else submitted,
        )

    report(c1, Status.ACCEPTED, "on_track", ["funding", "capacity"])
    report(c2, Status.SUBMITTED, "off_track", ["funding"], Decimal("400.25"))
    report(c3, Status.ACCEPTED, "completed", [], Decimal("1000.00"))
    report(c4, Status.DRAFT, "not_started", ["security"])
    report(late, Status.SUBMITTED, "on_track", ["data"], Decimal("99.00"))
    report(c4, Status.ACCEPTED, "on_track", ["coordination"], Decimal("5.00"), on=cycle_2023)
    if measures:
        from .measure_fixture import add_measures

        add_measures(cycle_2023, cycle, c1=c1, c2=c2, c3=c3, c4=c4, late=late, draft=draft)
    return cycle


def add_previous_report(cycle_year=2023):
    """A succeeded 2023 report whose headline figures the 2024 one is compared with."""
    from reporting.models import ReportingCycle

    return AccountabilityReport.objects.create(
        cycle=ReportingCycle.objects.get(year=cycle_year),
        version=1,
        status=AccountabilityReport.Status.SUCCEEDED,
        data={
            "totals": {
                "makers": 2,
                "commitments": 3,
                "usd_committed": "1000.00",
                "active_commitments": 2,
                "reported_commitments": 1,
                "reporting_rate": 0.5,
                "reports": 1,
                "usd_disbursed": "5.00",
            }
        },
    )


EXPECTED_TOTALS = {
    "makers": 3,
    "commitments": 4,
    "usd_committed": "3500.50",
    "active_commitments": 3,
    "reported_commitments": 2,
    "reporting_rate": 0.6667,
    "reports": 3,
    "usd_disbursed": "1400.25",
}


def make_compiler():
    """Secretariat staff allowed to compile accountability reports."""
    from django.contrib.auth.models import Permission

    from commitments.tests.factories import UserFactory

    user = UserFactory(username="compiler", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_accountabilityreport"))
    return user


def queue_report(cycle, actor, snapshot_at=SNAPSHOT):
    """A queued report row with its snapshot fixed in advance (the compile
    keeps a snapshot it finds), without running the compile yet."""
    from reporting.services import accountability_report_request

    report = accountability_report_request(cycle=cycle, actor=actor)
    AccountabilityReport.objects.filter(pk=report.pk).update(snapshot_at=snapshot_at)
    return report


def compiled_report(cycle, actor):
    """The world's 2024 report, compiled in-process as of SNAPSHOT."""
    from jobs.tasks import compile_accountability_report

    report = queue_report(cycle, actor)
    compile_accountability_report.delay(report.pk)
    report.refresh_from_db()
    return report


def pdf_page_count(pdf):
    """Pages in a PDF made by WeasyPrint, whose page objects sit inside
    compressed object streams: inflate every stream and count them."""
    import re
    import zlib

    text = pdf
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            text += zlib.decompressobj().decompress(stream)
        except zlib.error:
            continue
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", text))


def weasyprint_works():
    try:
        import weasyprint

        weasyprint.HTML(string="<p>x</p>").write_pdf()
    except Exception:  # noqa: BLE001 — any failure means no PDF here
        return False
    return True
