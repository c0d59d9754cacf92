"""A maker's measures in a real browser: adding an indicator to a draft
raises the SMART score live (htmx, before saving), and once the commitment
is approved and a cycle is open, reporting a result against it moves the
progress bar on the public page."""

import pytest
from django.conf import settings
from django.test import Client

from commitments import services
from commitments.tests.factories import CommitmentFactory, MembershipFactory, ReviewerFactory
from reporting.tests.factories import open_cycle

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_an_indicator_raises_the_smart_score_live_and_a_result_moves_the_progress_bar(page, live_server, screenshot):
    member = MembershipFactory(role="owner").user
    draft = CommitmentFactory(maker=member.memberships.get().maker, start_year=2022, end_year=2026)
    log_in(page, live_server, member)

    page.goto(f"/my/commitments/{draft.pk}/indicators/new/")
    page.locator('#smart-live [data-smart-score="0"]').wait_for()
    page.locator("#id_name").fill("Survivors sheltered")
    page.locator("#id_unit").select_option("people")
    page.locator("#id_baseline_value").fill("0")
    page.locator("#id_baseline_year").fill("2022")
    page.locator("#id_target_value").fill("100")
    page.locator("#id_target_year").fill("2026")
    # The score rises while the maker types, before anything is saved.
    page.locator('#smart-live [data-smart-score="1"]').wait_for()
    screenshot("measures-smart-live")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved. The SMART score is updated.").wait_for()

    services.commitment_submit(actor=member, commitment=draft)
    services.commitment_approve(actor=ReviewerFactory(), commitment=draft)
    open_cycle()
    draft.refresh_from_db()
    page.goto(draft.get_absolute_url())
    assert page.locator("#commitment-progress").get_attribute("value") == "0"

    page.goto(f"/my/reports/new/{draft.pk}/")
    page.get_by_label("On track").check()
    page.get_by_label("What was done this year").fill("Two shelters opened.")
    indicator = draft.indicators.get()
    page.locator(f'input[name="result_{indicator.pk}"]').fill("40")
    page.get_by_role("button", name="Save and submit").click()
    page.get_by_text("Your progress report is submitted").wait_for()

    page.goto(draft.get_absolute_url())
    assert page.locator("#commitment-progress").get_attribute("value") == "40"
    screenshot("measures-public-progress")
