"""The site on a phone (390 x 844, and 360 px wide): the catalogue shows its
results first with the filters folded in a drawer, the commitment page shows
its key facts before the long texts, the workspace list is a stack of cards,
and no page scrolls sideways. Wide screens keep the filters beside the
results."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from coalitions.models import Country
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MembershipFactory
from tests.browser.axe import assert_accessible
from tests.browser.public_data import make_public_data

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def data():
    return make_public_data()


@pytest.fixture
def member():
    """The owner of a maker with a draft and an approved financial commitment
    in three countries."""
    membership = MembershipFactory(role="owner")
    ApprovedCommitmentFactory(
        maker=membership.maker,
        title="Scholarships for young women in engineering",
        is_financial=True,
        financial_amount_usd=Decimal("750000"),
        countries=list(Country.objects.filter(code__in=["KE", "UG", "TZ"])),
    )
    CommitmentFactory(maker=membership.maker, title="A draft with a rather long title about broadband for women")
    return membership


@pytest.fixture
def open_page(browser, live_server):
    """open_page(viewport, signed_in_as=None, javascript=True) gives a page of a
    fresh browser context of that size."""
    contexts = []

    def open_(viewport, signed_in_as=None, javascript=True):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, java_script_enabled=javascript)
        contexts.append(context)
        if signed_in_as is not None:
            client = Client()
            client.force_login(signed_in_as.user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_
    for context in contexts:
        context.close()


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def top(locator):
    return locator.bounding_box()["y"]


def test_on_a_phone_the_first_result_is_above_the_fold_and_the_filters_are_folded(open_page, data):
    page = open_page(PHONE)
    page.goto("/commitments/")

    assert not page.locator("details.filters").evaluate("drawer => drawer.open")
    assert not page.get_by_text("Action Coalition", exact=True).first.is_visible()
    first_result = page.locator(".commitment-card__title").first
    assert first_result.is_visible()
    assert top(first_result) + 20 < PHONE["height"]
    assert page_width(page) <= PHONE["width"]


def test_on_a_phone_the_filter_drawer_counts_what_is_chosen_and_closes_on_apply(open_page, data):
    page = open_page(PHONE)
    page.goto("/commitments/")

    page.get_by_text("Filters", exact=True).click()
    page.get_by_text("Action Coalition", exact=True).first.click()
    page.get_by_label("Technology and Innovation for Gender Equality").check()
    assert page.locator(".filters__summary .count-pill").inner_text().strip().endswith("1")

    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".results__count")).to_contain_text("2 public commitments")
    assert not page.locator("details.filters").evaluate("drawer => drawer.open")
    assert page.locator(".commitment-card__title").first.is_visible()
    assert page_width(page) <= PHONE["width"]


def test_a_filtered_catalogue_shows_the_number_of_filters_in_use_on_the_closed_drawer(open_page, data):
    page = open_page(PHONE, javascript=False)
    page.goto("/commitments/?coalition=technology-and-innovation&scope=national&start_year=2020")

    assert not page.locator("details.filters").evaluate("drawer => drawer.open")
    assert page.locator(".filters__summary .count-pill").inner_text().strip().endswith("3")


def test_on_a_wide_screen_the_filters_stay_open_beside_the_results(open_page, data):
    page = open_page(DESKTOP)
    page.goto("/commitments/")

    assert page.locator("details.filters").evaluate("drawer => drawer.open")
    filters = page.locator("details.filters").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    assert abs(filters["y"] - results["y"]) < 5
    assert page.get_by_text("Action Coalition", exact=True).first.is_visible()


def test_without_javascript_the_filters_show_on_a_wide_screen_and_fold_on_a_phone(open_page, data):
    wide = open_page(DESKTOP, javascript=False)
    wide.goto("/commitments/")
    assert wide.get_by_text("Action Coalition", exact=True).first.is_visible()

    phone = open_page(PHONE, javascript=False)
    phone.goto("/commitments/")
    assert not phone.get_by_text("Action Coalition", exact=True).first.is_visible()
    phone.get_by_text("Filters", exact=True).click()
    assert phone.get_by_text("Action Coalition", exact=True).first.is_visible()


def test_on_a_phone_the_commitment_page_shows_its_key_facts_before_the_description(open_page, data):
    page = open_page(PHONE)
    page.goto(f"/commitments/{data.commitment.reference}/")

    facts = page.locator(".detail-facts")
    assert top(facts) < top(page.locator("#about-title"))
    amount = facts.get_by_text("US$1,250,000")
    assert top(amount) + 20 < PHONE["height"]
    assert page_width(page) <= PHONE["width"]


def test_on_a_wide_screen_the_key_facts_sit_beside_the_description_above_the_history(open_page, data):
    page = open_page(DESKTOP)
    page.goto(f"/commitments/{data.commitment.reference}/")

    facts = page.locator(".detail-facts").bounding_box()
    history = page.locator(".detail-history").bounding_box()
    description = page.locator(".detail-main").bounding_box()
    assert facts["x"] > description["x"] + description["width"]
    assert abs(facts["y"] - description["y"]) < 5
    assert history["y"] > facts["y"] + facts["height"]
    assert history["y"] < description["y"] + description["height"]


def test_on_a_phone_the_workspace_list_is_a_stack_of_cards_with_the_status_first(open_page, member):
    page = open_page(PHONE, signed_in_as=member)
    page.goto("/my/")

    card = page.locator(".table--cards tbody tr").filter(has_text="Scholarships for young women in engineering")
    status = card.locator(".table__status")
    assert status.get_attribute("data-label") == "Status"
    assert status.evaluate("cell => getComputedStyle(cell, '::before').content") != "none"
    assert top(status) < top(card.locator("[data-label='Action Coalitions']"))
    assert "US$750,000" in card.inner_text()
    assert "Kenya" in card.inner_text()
    table_wrap = page.locator(".table-wrap")
    assert table_wrap.evaluate("wrap => wrap.scrollWidth <= wrap.clientWidth")
    assert page_width(page) <= PHONE["width"]


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["390px", "360px"])
def test_no_page_scrolls_sideways_on_a_phone(open_page, data, member, viewport):
    page = open_page(viewport, signed_in_as=member)
    paths = ["/", "/commitments/", f"/commitments/{data.commitment.reference}/", "/reports/", "/my/", "/my/reports/"]
    for path in paths:
        page.goto(path)
        assert page_width(page) <= viewport["width"], path
        header = page.locator(".site-header__inner").bounding_box()
        assert header["x"] + header["width"] <= viewport["width"], path


def test_the_site_header_keeps_two_rows_at_360_px(open_page, member):
    page = open_page(SMALL_PHONE, signed_in_as=member)
    page.goto("/commitments/")

    brand = page.locator(".brand").bounding_box()
    account = page.locator(".account-nav").bounding_box()
    main_nav = page.locator(".main-nav").bounding_box()
    assert abs(account["y"] - brand["y"]) < 5
    assert main_nav["y"] >= brand["y"] + brand["height"]


def test_the_phone_layouts_stay_accessible(open_page, data, member):
    page = open_page(PHONE, signed_in_as=member)
    page.goto("/commitments/")
    page.get_by_text("Filters", exact=True).click()
    assert_accessible(page, label="catalogue on a phone, filters open")
    for path in (f"/commitments/{data.commitment.reference}/", "/my/"):
        page.goto(path)
        assert_accessible(page, label=f"{path} on a phone")


def test_screenshots_on_a_phone_and_on_a_wide_screen(open_page, data, member, screenshot):
    phone = open_page(PHONE, signed_in_as=member)
    phone.goto("/commitments/")
    screenshot("phone-catalogue", target=phone)
    phone.get_by_text("Filters", exact=True).click()
    screenshot("phone-catalogue-filters-open", target=phone)
    phone.goto(f"/commitments/{data.commitment.reference}/")
    screenshot("phone-commitment", target=phone)
    phone.goto("/my/")
    screenshot("phone-workspace", target=phone)

    wide = open_page(DESKTOP, signed_in_as=member)
    for name, path in (("catalogue", "/commitments/"), ("commitment", f"/commitments/{data.commitment.reference}/")):
        wide.goto(path)
        screenshot(f"desktop-{name}", target=wide)
