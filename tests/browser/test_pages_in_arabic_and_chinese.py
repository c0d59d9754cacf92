"""The public pages, the commitment form and the accountability report in
Arabic and Chinese in a real browser, with screenshots to look at: the page
speaks the language with its direction, nothing runs off the side of the
page, and the report's chart labels lie whole inside their chart."""

import pytest
from django.utils import translation

from coalitions.models import ActionCoalition
from commitments.tests.factories import ApprovedCommitmentFactory
from reporting.tests.report_fixture import build_world, compiled_report, make_compiler

from .test_languages import assert_direction, log_in, member_user  # noqa: F401 — member_user is a fixture

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["ar", "zh-hans"]
# A word of each page's heading, in each language (from the catalogues).
HEADINGS = {
    "catalogue": "Commitments",
    "form": "Register a commitment",
    "report": "Accountability report",
}


def translated(msgid, language):
    with translation.override(language):
        return translation.gettext(msgid)


def assert_nothing_runs_off_the_page(page):
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the window"


@pytest.fixture
def report(settings):
    settings.REPORT_PDF_LANGUAGES = ["en"]
    from reporting import outputs

    original = outputs.render_pdf
    outputs.render_pdf = lambda html: (None, "not laid out in this test")
    try:
        yield compiled_report(build_world(), make_compiler())
    finally:
        outputs.render_pdf = original


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_catalogue_and_a_commitment_page(page, speak, screenshot, language):
    commitment = ApprovedCommitmentFactory(title="Shelters in every county", description="Forty shelters.")
    speak(language)

    page.goto(f"/{language}/")
    assert_direction(page, language)
    assert_nothing_runs_off_the_page(page)
    screenshot(f"pages-{language}-home")

    page.goto(f"/{language}/commitments/")
    assert_direction(page, language)
    page.get_by_role("heading", name=translated(HEADINGS["catalogue"], language), exact=True).first.wait_for()
    assert page.get_by_role("link", name="Shelters in every county").is_visible()
    assert_nothing_runs_off_the_page(page)
    screenshot(f"pages-{language}-catalogue")

    page.goto(f"/{language}/commitments/{commitment.reference}/")
    assert_direction(page, language)
    # The maker wrote it in English: the title keeps its own language and direction.
    title = page.locator("h1")
    assert title.get_attribute("lang") == "en"
    assert title.evaluate("node => getComputedStyle(node).direction") == "ltr"
    assert_nothing_runs_off_the_page(page)
    screenshot(f"pages-{language}-commitment")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_commitment_form(page, live_server, speak, screenshot, member_user, language):  # noqa: F811
    log_in(page, live_server, member_user)
    speak(language)

    page.goto(f"/{language}/my/commitments/new/")
    assert_direction(page, language)
    page.get_by_role("heading", name=translated(HEADINGS["form"], language)).wait_for()
    assert page.locator("#id_language").input_value() == language
    assert_nothing_runs_off_the_page(page)
    screenshot(f"pages-{language}-commitment-form")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_accountability_report_with_its_charts_whole(page, speak, screenshot, report, language):
    speak(language)

    page.goto(f"/{language}/reports/{report.cycle.year}/")
    assert_direction(page, language)
    page.get_by_role("heading", name=translated(HEADINGS["report"], language)).first.wait_for()
    assert_nothing_runs_off_the_page(page)
    # Every chart label lies inside its chart: none is cut at either side.
    outside = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('.chart-label tspan')].map(label => [label.textContent, label.getBoundingClientRect()])
                .filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5).map(([text]) => text);
        })"""
    )
    assert page.locator("svg.chart").count() >= 3
    assert outside == []
    # The rows name the coalitions in the reader's language, not the compile's.
    with translation.override(language):
        gbv = ActionCoalition.objects.get(slug="gender-based-violence").name
    assert gbv != "Gender-Based Violence"
    assert page.locator("svg.chart .chart-label").first.text_content().replace(" ", "") == gbv.replace(" ", "")
    screenshot(f"pages-{language}-report")
