"""The public pages of one commitment, one commitment maker and one coalition."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from coalitions.models import ActionArea, ActionCoalition, CoalitionLeader, Theme
from commitments import services
from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from reporting import summaries
from reporting.models import ReportingCycle
from reporting.tests.factories import ProgressReportFactory, closed_cycle

pytestmark = pytest.mark.django_db

GBV = "gender-based-violence"
TECH = "technology-and-innovation"


def coalition(slug):
    return ActionCoalition.objects.get(slug=slug)


def published(reviewer, **fields):
    """A commitment approved through the service, so its timeline is real."""
    commitment = CommitmentFactory(status=Commitment.Status.SUBMITTED, **fields)
    return services.commitment_approve(actor=reviewer, commitment=commitment)


# Commitment ---------------------------------------------------------------------


def test_commitment_page_shows_everything_the_maker_committed_to(client, reviewer):
    area = ActionArea.objects.filter(coalition__slug=TECH).order_by("number").first()
    commitment = published(
        reviewer,
        title="Coding clubs for girls",
        is_financial=True,
        financial_amount_usd=Decimal("1250000"),
        coalitions=[coalition(TECH)],
        target_groups="Adolescent girls in secondary school",
        partners="Ministry of Education",
    )
    commitment.action_areas.set([area])
    commitment.themes.set([Theme.objects.get(slug="education")])

    response = client.get(f"/commitments/{commitment.reference}/")

    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Coding clubs for girls",
        escape(commitment.maker.name),
        "Technology and Innovation for Gender Equality",
        area.title,
        "Education",
        "US$1,250,000",
        "Adolescent girls in secondary school",
        "Ministry of Education",
        "2022–2026",
        "Kenya",
        "Published",
    ):
        assert text in page, text


def test_a_draft_or_submitted_commitment_is_not_found(client):
    draft = CommitmentFactory()
    submitted = CommitmentFactory(status=Commitment.Status.SUBMITTED)

    assert client.get(f"/commitments/{draft.reference}/").status_code == 404
    assert client.get(f"/commitments/{submitted.reference}/").status_code == 404


def test_a_withdrawn_commitment_shows_a_banner_and_the_date_it_was_withdrawn(client, reviewer):
    commitment = published(reviewer)
    services.commitment_withdraw(actor=reviewer, commitment=commitment, comment="Funding fell through")

    page = client.get(f"/commitments/{commitment.reference}/").content.decode()

    assert "This commitment has been withdrawn." in page
    assert page.count("Withdrawn") >= 2
    # Review comments stay between the maker and the secretariat.
    assert "Funding fell through" not in page


def test_only_submitted_and_accepted_progress_reports_are_public(client):
    commitment = ApprovedCommitmentFactory()
    ProgressReportFactory(
        commitment=commitment, cycle=closed_cycle(2023), status="accepted", narrative="Accepted story"
    )
    ProgressReportFactory(
        commitment=commitment, cycle=closed_cycle(2024), status="submitted", narrative="Submitted story"
    )
    ProgressReportFactory(commitment=commitment, cycle=closed_cycle(2025), status="draft", narrative="Draft story")

    page = client.get(f"/commitments/{commitment.reference}/").content.decode()

    assert "Accepted story" in page
    assert "Submitted story" in page
    assert "Draft story" not in page
    assert page.index("Reporting cycle 2024") < page.index("Reporting cycle 2023")


def test_review_comments_of_the_approval_are_not_shown(client, reviewer):
    commitment = CommitmentFactory(status=Commitment.Status.SUBMITTED)
    services.commitment_approve(actor=reviewer, commitment=commitment, comment="Internal note for the maker")

    page = client.get(f"/commitments/{commitment.reference}/").content.decode()

    assert "Internal note for the maker" not in page


# Maker ----------------------------------------------------------------------------


def test_maker_page_lists_its_public_commitments_and_latest_progress(client):
    maker = MakerFactory(name="Girls Code Kenya")
    shown = ApprovedCommitmentFactory(maker=maker, title="Coding clubs")
    ApprovedCommitmentFactory(maker=maker, status=Commitment.Status.WITHDRAWN, title="Old plan")
    CommitmentFactory(maker=maker, title="Secret draft")
    ApprovedCommitmentFactory(title="Someone else's")
    ProgressReportFactory(
        commitment=shown, cycle=closed_cycle(2024), status="accepted", implementation_status="on_track"
    )

    response = client.get(f"/makers/{maker.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Girls Code Kenya" in page
    assert "Coding clubs" in page and "Old plan" in page
    assert "Secret draft" not in page
    assert escape("Someone else's") not in page
    assert "On track" in page
    assert response.context["totals"]["approved"] == 1


def test_the_maker_page_in_another_language_names_its_coalitions_in_it(client):
    """The coalitions of a maker are read through their link table, where
    translated names need an explicit expression (this page once failed in
    every language but English)."""
    coalition = ActionCoalition.objects.get(slug="gender-based-violence")
    maker = MakerFactory()
    ApprovedCommitmentFactory(maker=maker, coalitions=[coalition])

    response = client.get(f"/ar/makers/{maker.pk}/")

    assert response.status_code == 200
    assert coalition.name_ar and coalition.name_ar in response.content.decode()


def test_a_maker_with_nothing_public_is_not_found(client):
    maker = MakerFactory()
    CommitmentFactory(maker=maker)

    assert client.get(f"/makers/{maker.pk}/").status_code == 404


def _maker_queries(client, how_many):
    cycle = ReportingCycle.objects.filter(year=2024).first() or closed_cycle(2024)
    maker = MakerFactory()
    for _ in range(how_many):
        commitment = ApprovedCommitmentFactory(maker=maker, coalitions=[coalition(GBV), coalition(TECH)])
        ProgressReportFactory(commitment=commitment, cycle=cycle, status="accepted")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/makers/{maker.pk}/", {"per_page": 50})
    assert len(response.context["page"].rows) == how_many
    return len(queries)


def test_maker_page_runs_the_same_number_of_queries_for_5_and_40_commitments(client):
    assert _maker_queries(client, 5) == _maker_queries(client, 40)


# Coalition ---------------------------------------------------------------------------


def test_coalition_page_shows_its_areas_leaders_and_figures(client):
    tech = coalition(TECH)
    area = tech.action_areas.order_by("number").first()
    leader_maker = MakerFactory(name="Digital Sisters")
    first = ApprovedCommitmentFactory(
        maker=leader_maker, coalitions=[tech], is_financial=True, financial_amount_usd=Decimal("1000000")
    )
    first.action_areas.set([area])
    ApprovedCommitmentFactory(coalitions=[tech], is_financial=True, financial_amount_usd=Decimal("500000"))
    ApprovedCommitmentFactory(coalitions=[coalition(GBV)], is_financial=True, financial_amount_usd=Decimal("9"))
    CommitmentFactory(coalitions=[tech], is_financial=True, financial_amount_usd=Decimal("7777777"))
    CoalitionLeader.objects.create(coalition=tech, maker=leader_maker, since=2021)

    response = client.get(f"/coalitions/{TECH}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["totals"] == {"commitments": 2, "makers": 2, "usd": Decimal("1500000")}
    assert "US$1,500,000" in page
    assert "Digital Sisters" in page
    assert area.title in page
    assert next(a for a in response.context["areas"] if a.pk == area.pk).approved_commitments == 1


def test_unknown_coalition_is_not_found(client):
    assert client.get("/coalitions/no-such-coalition/").status_code == 404


def _coalition_queries(client, how_many):
    Commitment.objects.all().delete()
    tech = coalition(TECH)
    for _ in range(how_many):
        ApprovedCommitmentFactory(coalitions=[tech, coalition(GBV)], maker=MakerFactory())
    summaries.refresh_all()  # the worker's part (reporting.summaries)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/coalitions/{TECH}/")
    assert response.context["totals"]["commitments"] == how_many
    return len(queries)


def test_coalition_page_runs_the_same_number_of_queries_for_5_and_40_commitments(client):
    assert _coalition_queries(client, 5) == _coalition_queries(client, 40)


def test_a_merged_makers_page_redirects_permanently_to_the_kept_maker(client):
    from commitments.tests.admin_fixtures import staff_in

    keep = ApprovedCommitmentFactory().maker
    duplicate = ApprovedCommitmentFactory().maker
    services.maker_merge(keep=keep, duplicate=duplicate, actor=staff_in("Secretariat admins"))

    response = client.get(f"/makers/{duplicate.pk}/")

    assert response.status_code == 301
    assert response["Location"] == f"/makers/{keep.pk}/"
