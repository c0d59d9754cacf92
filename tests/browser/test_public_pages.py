"""The public pages in a real browser: filtering the catalogue, the CSV
download, the language switcher, and screenshots of every public page."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.public_data import make_public_data

# The live server runs in another thread, so the data must be committed; the
# reference data of the migrations is restored after each test.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data():
    return make_public_data()


def visible_titles(page):
    return sorted(page.locator(".commitment-card__title").all_inner_texts())


def test_filtering_by_coalition_shows_its_commitments_and_their_count(page, data, screenshot):
    page.goto("/commitments/")
    assert page.locator(".results__count").inner_text().startswith("5 public commitments")

    page.get_by_text("Action Coalition", exact=True).first.click()
    page.get_by_label("Technology and Innovation for Gender Equality").check()

    page.wait_for_url("**/commitments/?*coalition=technology-and-innovation*")
    expect(page.locator(".results__count")).to_contain_text("2 public commitments")
    assert visible_titles(page) == sorted(c.title for c in data.tech)
    assert "Unpublished draft about robots" not in page.content()
    screenshot("catalogue-filtered")


def test_the_catalogue_filters_without_javascript(browser, live_server, data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/commitments/")

    page.get_by_text("Action Coalition", exact=True).first.click()
    page.get_by_label("Technology and Innovation for Gender Equality").check()
    page.get_by_role("button", name="Apply filters").click()

    page.wait_for_url("**coalition=technology-and-innovation**")
    assert page.locator(".results__count").inner_text().startswith("2 public commitments")
    assert visible_titles(page) == sorted(c.title for c in data.tech)
    context.close()


def test_the_csv_download_holds_exactly_the_filtered_commitments(page, data):
    page.goto("/commitments/?coalition=technology-and-innovation")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value

    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert sorted(row["reference"] for row in rows) == sorted(c.reference for c in data.tech)
    assert download.suggested_filename.endswith(".csv")


def test_the_language_switcher_turns_the_page_into_arabic_right_to_left(page, data, screenshot):
    page.goto("/commitments/")
    english_heading = page.locator("h1").inner_text()

    page.locator(".language-nav summary").click()
    page.get_by_role("link", name="العربيّة").click()

    page.wait_for_selector("html[dir=rtl]")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() != english_heading
    assert page.url.endswith("/ar/commitments/")
    screenshot("catalogue-arabic")


def test_screenshots_of_the_public_pages(page, data, screenshot):
    for name, url in (
        ("dashboard", "/"),
        ("catalogue", "/commitments/"),
        ("commitment", f"/commitments/{data.commitment.reference}/"),
        ("maker", f"/makers/{data.maker.pk}/"),
        ("coalition", f"/coalitions/{data.coalition.slug}/"),
    ):
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("h1").first.is_visible()
        screenshot(name)
