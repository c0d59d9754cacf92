"""The review queues fit a 1366-by-768 laptop screen: no horizontal scroll
on the progress report queue, long titles wrap in a wide column of their own
and the short columns do not wrap at all."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.tests.admin_fixtures import staff_in, submitted_commitment
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from reporting.models import ProgressReport
from reporting.tests.factories import ProgressReportFactory, open_cycle

from .conftest import ARTIFACTS
from .test_content_security_policy import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}
LONG_TITLE = (
    "Scale up survivor-centred shelters, hotlines and legal aid for women and girls "
    "in rural districts, with community-led prevention programmes"
)
LONG_MAKER = "International Federation of Women Lawyers and Feminist Organisations of the Great Lakes Region"
# The admin puts the list in a box that scrolls sideways of its own: the page
# may not scroll while the table is cut off inside it.
RESULTS_OVERFLOW = "(() => { const box = document.querySelector('#changelist-form .results');"
RESULTS_OVERFLOW += " return box.scrollWidth - box.clientWidth; })()"


def fill_report_queue():
    cycle = open_cycle()
    for days in (1, 3, 12, 40):
        commitment = ApprovedCommitmentFactory(
            title=f"{LONG_TITLE} ({days})", maker=MakerFactory(name=LONG_MAKER, constituency="feminist_org")
        )
        ProgressReportFactory(
            commitment=commitment,
            cycle=cycle,
            status=ProgressReport.Status.SUBMITTED,
            submitted_at=timezone.now() - datetime.timedelta(days=days),
            amount_disbursed_usd=123456789,
        )


def test_the_progress_report_queue_fits_a_1366_pixel_screen(page, live_server):
    fill_report_queue()
    sign_in(page, live_server, staff_in("Reviewers", username="rita-reviewer"))
    page.set_viewport_size(LAPTOP)

    page.goto(reverse("admin:commitments_progressreportawaitingreview_changelist"))
    page.locator("#result_list").wait_for()
    page.screenshot(path="/tmp/ended-queue.png")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-queue-progress-reports-1366.png"), full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    assert page.evaluate(RESULTS_OVERFLOW) <= 0
    waiting = page.locator("#result_list td.field-waiting").all_inner_texts()
    assert waiting == ["waiting 40 days", "waiting 12 days", "waiting 3 days", "waiting 1 day"]
    # The waiting text stays on one line; the commitment column is the widest.
    one_line = page.locator("#result_list td.field-waiting time").first.bounding_box()["height"]
    reference_line = page.locator("#result_list td.field-cycle_year").first.bounding_box()
    commitment = page.locator("#result_list th.field-commitment, #result_list td.field-commitment").first
    assert one_line < 24
    assert commitment.bounding_box()["width"] > 3 * reference_line["width"]


def test_the_commitment_queue_fits_a_1366_pixel_screen_and_titles_keep_their_width(page, live_server):
    for days in (2, 5):
        submitted_commitment(days_ago=days, title=LONG_TITLE, maker=MakerFactory(name=LONG_MAKER))
    sign_in(page, live_server, staff_in("Reviewers", username="rita-reviewer"))
    page.set_viewport_size(LAPTOP)

    page.goto(reverse("admin:commitments_commitmentawaitingreview_changelist"))
    page.locator("#result_list").wait_for()
    page.screenshot(path="/tmp/ended-commitment-queue.png")

    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    assert page.evaluate(RESULTS_OVERFLOW) <= 0
    title = page.locator("#result_list .field-title").first.bounding_box()
    assert title["width"] >= 15 * 14  # min-width: 15rem


def test_a_reviewer_approves_through_the_are_you_sure_page(page, live_server):
    commitment = submitted_commitment(title=LONG_TITLE)
    sign_in(page, live_server, staff_in("Reviewers", username="rita-reviewer"))
    page.set_viewport_size(LAPTOP)

    page.goto(reverse("admin:commitments_commitment_change", args=[commitment.pk]))
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Are you sure?").first.wait_for()
    page.screenshot(path="/tmp/ended-confirm.png")
    page.get_by_role("button", name="Yes, approve").click()

    page.get_by_text("was approved").wait_for()
    commitment.refresh_from_db()
    assert commitment.status == "approved"
