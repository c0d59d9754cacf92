"""The countries of the commitment form can be found by typing: the search box
keeps only the matching countries, opens their regions, says how many match,
and what is ticked is what the form sends."""

import pytest
from django.conf import settings
from django.test import Client

from commitments.models import Commitment
from commitments.tests.factories import MembershipFactory
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signed_in(page, live_server):
    membership = MembershipFactory(role="owner")
    client = Client()
    client.force_login(membership.user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return membership


def visible_countries(page):
    return page.locator("[data-country-regions] label.choice:visible").all_inner_texts()


def test_typing_part_of_a_name_keeps_only_the_matching_countries(page, signed_in, screenshot):
    page.goto("/my/commitments/new/")
    finder = page.get_by_label("Find a country")
    assert visible_countries(page) == []  # every region is closed

    finder.fill("ken")

    assert [name.strip() for name in visible_countries(page)] == ["Kenya"]
    assert page.locator("#country-finder-count").inner_text() == "Countries found: 1"
    assert page.locator("#country-finder-count").get_attribute("aria-live") == "polite"
    screenshot("country-finder-ken")
    assert_accessible(page, label="commitment form with the country finder in use")


def test_accents_and_case_do_not_matter(page, signed_in):
    page.goto("/my/commitments/new/")

    page.get_by_label("Find a country").fill("COTE")

    assert any("Côte" in name for name in visible_countries(page))


def test_a_name_that_matches_nothing_says_so_and_hides_every_region(page, signed_in):
    page.goto("/my/commitments/new/")

    page.get_by_label("Find a country").fill("atlantis")

    assert visible_countries(page) == []
    assert page.locator("#country-finder-count").inner_text() == "Countries found: 0"
    assert page.locator("[data-country-regions] details.region:visible").count() == 0


def test_countries_ticked_after_filtering_are_saved_and_enter_does_not_send_the_form(page, signed_in):
    page.goto("/my/commitments/new/")
    page.get_by_label("Title", exact=True).fill("Shelters in two countries")
    finder = page.get_by_label("Find a country")

    finder.fill("ken")
    page.get_by_label("Kenya").check()
    finder.fill("uga")
    finder.press("Enter")
    page.get_by_label("Uganda").check()
    assert page.url.endswith("/my/commitments/new/")
    finder.fill("")
    page.get_by_role("button", name="Save draft").click()

    page.wait_for_url("**/my/commitments/*/")
    commitment = Commitment.objects.get()
    assert sorted(commitment.countries.values_list("code", flat=True)) == ["KE", "UG"]


def test_without_javascript_the_finder_is_hidden_and_the_regions_still_work(browser, live_server, signed_in):
    client = Client()
    client.force_login(signed_in.user)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    page = context.new_page()
    page.goto("/my/commitments/new/")

    assert not page.locator("[data-country-finder]").is_visible()
    page.locator("details.region summary").first.click()
    assert page.locator("[data-country-regions] label.choice:visible").count() > 0
    context.close()
