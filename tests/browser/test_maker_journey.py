"""A commitment maker's whole journey in a real browser: sign up, confirm the
email, log in, register the organisation, register a financial commitment in
two coalitions and submit it; once the secretariat approves it, it is public;
then the maker files the progress report for the open cycle."""

import re
from decimal import Decimal

import pytest
from django.core import mail

from commitments.models import Commitment
from commitments.services import commitment_approve, maker_verify
from commitments.tests.factories import ReviewerFactory
from reporting.models import ProgressReport
from reporting.tests.factories import open_cycle

pytestmark = pytest.mark.django_db(transaction=True)


EMAIL = "amina.diallo@example.org"
PASSWORD = "Shelters-and-hotlines-2026"
TITLE = "Fund women-led digital skills hubs in rural Kenya"


def sign_up_and_log_in(page, screenshot=None):
    page.goto("/accounts/signup/")
    page.get_by_label("Your name").fill("Amina Diallo")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    if screenshot:
        screenshot("maker-signup")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    confirmation = mail.outbox[-1]
    assert confirmation.to == [EMAIL]
    link = re.search(r"https?://\S+/accounts/confirm/\S+/", confirmation.body).group(0)
    page.goto(link)
    page.get_by_text("your email address is confirmed").wait_for()

    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    if screenshot:
        screenshot("maker-login")
    page.get_by_role("button", name="Log in").click()


def register_organisation(page, screenshot=None):
    # A new user belongs to no organisation yet: the workspace says so.
    page.get_by_role("heading", name="Organisations", exact=True).wait_for()
    if screenshot:
        screenshot("maker-organisations-empty")
    page.get_by_role("link", name="Register an organisation").click()
    page.get_by_label("Name of the organisation").fill("Rural Women Digital Network")
    page.get_by_label("Acronym").fill("RWDN")
    page.get_by_label("Constituency").select_option("feminist_org")
    page.get_by_label("Country").select_option("KE")
    page.get_by_label("Website").fill("https://rwdn.example.org")
    if screenshot:
        screenshot("maker-organisation-form")
    page.get_by_role("button", name="Register the organisation").click()
    page.get_by_text("is registered and you are its owner").wait_for()


def fill_financial_commitment(page):
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Description", exact=True).fill(
        "Open forty digital skills hubs run by women's groups, with devices, connectivity and trainers."
    )
    page.get_by_label("Technology and Innovation for Gender Equality").check()
    page.get_by_label("Economic Justice and Rights").check()
    page.get_by_label("Bridge the Gender Gap in Digital Access and Competencies").check()
    page.get_by_label("Education", exact=True).check()
    page.get_by_role("checkbox", name="Financial").check()
    page.get_by_label("Programme").check()
    page.get_by_label(re.compile(r"^Amount committed")).fill("2500000")
    page.get_by_label("National").check()
    page.locator("summary", has_text="Africa").click()
    page.get_by_label("Kenya").check()
    page.get_by_label("Start year").fill("2024")
    page.get_by_label("End year").fill("2027")
    page.get_by_label(re.compile(r"^Target groups")).fill("Rural women and adolescent girls")
    page.get_by_label(re.compile(r"^Partners")).fill("County governments; Kenya ICT Authority")


def test_maker_signs_up_registers_submits_and_reports(page, live_server, screenshot):
    cycle = open_cycle()
    sign_up_and_log_in(page, screenshot)
    register_organisation(page, screenshot)
    screenshot("maker-home-empty")

    page.get_by_role("link", name="New commitment").click()
    # Without a coalition chosen, the action areas stay hidden (JavaScript on).
    area = page.get_by_label("Bridge the Gender Gap in Digital Access and Competencies")
    assert not area.is_visible()
    fill_financial_commitment(page)
    assert area.is_visible()
    # Only the action areas of the two chosen coalitions are shown.
    assert page.locator("[data-area-group]:visible").count() == 2
    screenshot("maker-commitment-form")

    page.get_by_role("button", name="Save and submit for review").click()
    page.get_by_text("Submitted for review.").wait_for()
    assert page.locator(".badge").first.inner_text() == "Submitted"
    screenshot("maker-commitment-submitted")

    commitment = Commitment.objects.get(title=TITLE)
    assert commitment.status == Commitment.Status.SUBMITTED
    assert commitment.is_financial and commitment.financial_amount_usd == Decimal("2500000")
    assert sorted(commitment.coalitions.values_list("slug", flat=True)) == [
        "economic-justice-and-rights",
        "technology-and-innovation",
    ]
    assert list(commitment.countries.values_list("code", flat=True)) == ["KE"]

    # A maker registered in the workspace is verified by the secretariat
    # before its first commitment can be approved.
    reviewer = ReviewerFactory()
    maker_verify(actor=reviewer, maker=commitment.maker)
    commitment_approve(actor=reviewer, commitment=commitment, comment="Clear and measurable.")
    commitment.refresh_from_db()

    # The public detail page shows it (the catalogue test below checks the list).
    page.goto(f"/commitments/{commitment.reference}/")
    page.get_by_role("heading", name=TITLE).wait_for()
    assert "Technology and Innovation for Gender Equality" in page.content()

    page.goto("/my/")
    page.get_by_role("link", name=TITLE).wait_for()
    screenshot("maker-home")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_text("Clear and measurable.").wait_for()
    screenshot("maker-commitment-approved")

    page.get_by_role("link", name="Progress reports").click()
    screenshot("maker-reports")
    page.get_by_role("link", name="File the report").click()
    page.get_by_label("On track").check()
    page.get_by_label("What was done this year").fill(
        "Twelve hubs opened; 3,400 women trained in basic digital skills."
    )
    page.get_by_label("Money disbursed in this year, not a running total (US dollars)").fill("640000")
    page.get_by_label("People reached").fill("3400")
    page.get_by_label("Funding").check()
    page.get_by_label("Coordination").check()
    page.get_by_label("Next steps").fill("Open the next twenty hubs with the county governments.")
    page.get_by_label("Link to evidence").fill("https://rwdn.example.org/annual-report-2025")
    screenshot("maker-report-form")
    page.get_by_role("button", name="Save and submit").click()
    page.get_by_text("Your progress report is submitted.").wait_for()
    screenshot("maker-report-submitted")

    report = ProgressReport.objects.get(commitment=commitment, cycle=cycle)
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.challenges == ["funding", "coordination"]
    assert report.people_reached == 3400


def test_commitment_form_keeps_what_was_typed_and_points_at_the_missing_amount(page, live_server, screenshot):
    sign_up_and_log_in(page)
    register_organisation(page)
    page.get_by_role("link", name="New commitment").click()
    fill_financial_commitment(page)
    page.get_by_label(re.compile(r"^Amount committed")).fill("")
    # A draft may wait for its amount; a submission may not.
    page.get_by_role("button", name="Save and submit for review").click()

    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "A financial commitment needs the amount committed" in summary.inner_text()
    assert page.get_by_label("Title", exact=True).input_value() == TITLE
    assert page.get_by_label("Economic Justice and Rights").is_checked()
    assert page.get_by_label("Kenya").is_checked()
    amount = page.get_by_label(re.compile(r"^Amount committed"))
    assert amount.is_visible()
    assert "financial_amount_usd_error" in amount.get_attribute("aria-describedby")
    screenshot("maker-commitment-form-error")
    assert not Commitment.objects.exists()


def approved_financial_commitment():
    """A financial commitment in two coalitions, registered and approved
    through the services as the journey above does through the pages."""
    from coalitions.models import ActionCoalition
    from commitments import services
    from commitments.tests.factories import MembershipFactory

    member = MembershipFactory(role="owner").user
    maker = member.memberships.get().maker
    commitment = services.commitment_create(
        actor=member,
        maker=maker,
        data={
            "title": TITLE,
            "description": "Forty hubs run by women's groups.",
            "coalitions": list(
                ActionCoalition.objects.filter(slug__in=["technology-and-innovation", "economic-justice-and-rights"])
            ),
            "commitment_types": ["financial"],
            "financial_amount_usd": Decimal("2500000"),
            "scope": "national",
            "countries": ["KE"],
            "start_year": 2024,
            "end_year": 2027,
        },
    )
    services.commitment_submit(actor=member, commitment=commitment)
    return services.commitment_approve(actor=ReviewerFactory(), commitment=commitment)


def test_an_approved_commitment_is_public_on_its_detail_page(page, live_server):
    commitment = approved_financial_commitment()

    response = page.goto(f"/commitments/{commitment.reference}/")

    assert response.status == 200
    page.get_by_role("heading", name=TITLE).wait_for()
    assert "Economic Justice and Rights" in page.content()


def test_an_approved_commitment_is_listed_under_its_coalitions_and_in_the_csv(page, live_server):
    commitment = approved_financial_commitment()

    page.goto("/commitments/?coalition=technology-and-innovation")
    assert page.get_by_role("link", name=TITLE).is_visible()
    page.goto("/commitments/?coalition=economic-justice-and-rights")
    assert page.get_by_role("link", name=TITLE).is_visible()
    page.goto("/commitments/?coalition=gender-based-violence")
    assert page.get_by_role("link", name=TITLE).count() == 0

    csv = page.request.get("/commitments/?coalition=technology-and-innovation&format=csv")
    assert csv.ok and "text/csv" in csv.headers["content-type"]
    assert commitment.reference in csv.text() and TITLE in csv.text()
    other = page.request.get("/commitments/?coalition=gender-based-violence&format=csv")
    assert commitment.reference not in other.text()
