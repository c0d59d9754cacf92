"""axe-core finds no serious or critical violation on the makers' pages: the
sign-up and login forms, the workspace, the commitment form (empty and with
errors) and the progress report pages, in English and in Arabic."""

import pytest
from django.conf import settings
from django.test import Client

from commitments.tests.factories import ApprovedCommitmentFactory, MembershipFactory
from reporting.tests.factories import open_cycle
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signed_in(page, live_server):
    """A browser signed in as the owner of a maker with an approved commitment
    due in the open cycle."""
    membership = MembershipFactory(role="owner")
    ApprovedCommitmentFactory(maker=membership.maker)
    open_cycle()
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


def use_language(page, live_server, code):
    page.context.add_cookies([{"name": "django_language", "value": code, "url": live_server.url}])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_account_pages_have_no_serious_accessibility_violation(page, live_server, language):
    use_language(page, live_server, language)
    for path in ("/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page, label=f"{path} ({language})")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_workspace_pages_and_the_commitment_form_have_no_serious_violation(page, live_server, signed_in, language):
    use_language(page, live_server, language)
    for path in ("/my/", "/my/commitments/new/", "/my/reports/", "/my/organisations/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page, label=f"{path} ({language})")


def test_the_commitment_form_with_errors_stays_accessible(page, signed_in, screenshot):
    page.goto("/my/commitments/new/")
    page.locator("form[data-commitment-form] button[value=save]").click()
    page.wait_for_load_state()

    assert page.locator("[aria-invalid=true], .error-summary, .errorlist").count() > 0
    assert_accessible(page, label="commitment form with errors")
    screenshot("commitment-form-errors")
