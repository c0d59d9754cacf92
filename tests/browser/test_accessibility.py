"""axe-core finds no serious or critical violation on the public pages, in
English and in Arabic (right to left), and the catalogue fits a phone."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.public_data import make_public_data

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "dashboard": lambda data: "/",
    "catalogue": lambda data: "/commitments/",
    "commitment": lambda data: f"/commitments/{data.commitment.reference}/",
    "maker": lambda data: f"/makers/{data.maker.pk}/",
    "coalition": lambda data: f"/coalitions/{data.coalition.slug}/",
}


@pytest.fixture
def data():
    return make_public_data()


def use_language(page, live_server, code):
    page.context.add_cookies([{"name": "django_language", "value": code, "url": live_server.url}])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_pages_have_no_serious_accessibility_violation(page, live_server, data, language):
    use_language(page, live_server, language)
    for name, url_for in PAGES.items():
        page.goto(url_for(data))
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page, label=f"{name} ({language})")


def test_filter_panels_opened_and_tables_shown_stay_accessible(page, data):
    page.goto("/commitments/?coalition=technology-and-innovation&start_year=abc")
    for summary in page.locator(".filter summary").all():
        summary.click()
    assert_accessible(page, label="catalogue with every filter open and an error")

    page.goto("/")
    for summary in page.locator(".table-toggle summary").all():
        summary.click()
    assert_accessible(page, label="dashboard with its tables open")


def test_keyboard_users_reach_the_content_through_the_skip_link(page, data):
    page.goto("/commitments/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_catalogue_fits_a_phone_screen(browser, live_server, data, screenshot, language):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    for url in ("/commitments/", f"/commitments/{data.commitment.reference}/", "/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
    page.goto("/commitments/")
    screenshot(f"catalogue-phone-{language}", target=page)
    context.close()
