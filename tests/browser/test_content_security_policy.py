"""The Content-Security-Policy breaks nothing: every kind of page loads in a
real browser without a single violation (an inline script, an inline style,
an eval, a resource from elsewhere), Swagger UI included."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from commitments.models import CommitmentAwaitingReview
from commitments.tests.admin_fixtures import staff_in, submitted_commitment
from commitments.tests.factories import ApprovedCommitmentFactory, MembershipFactory
from reporting.tests.factories import open_cycle

pytestmark = pytest.mark.django_db(transaction=True)

# Recorded from the document's first script on, before the page's own: the
# browser fires securitypolicyviolation for each thing it refused.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def watched(page):
    """The page, with every CSP violation and console error kept."""
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.console_errors = console
    return page


def assert_no_violation(page, path, ready, settle="networkidle"):
    """`settle` is the load state to wait for: "networkidle" (half a second
    without requests) catches what a page fetches after loading; the admin's
    pages fetch nothing after their load event, so "load" is enough there."""
    response = page.goto(path)
    assert response.status == 200, path
    assert "default-src 'self'" in response.headers["content-security-policy"], path
    page.locator(ready).first.wait_for()
    page.wait_for_load_state(settle)
    violations = page.evaluate("window.__csp")
    refused = [text for text in page.console_errors if "Content Security Policy" in text]
    assert (violations, refused) == ([], []), path


def test_public_pages_and_the_workspace_form_run_with_no_violation(watched, live_server):
    commitment = ApprovedCommitmentFactory()
    membership = MembershipFactory(role="owner")
    open_cycle()

    assert_no_violation(watched, "/", "h1")
    assert_no_violation(watched, "/commitments/", "#results")
    # A filter through htmx: the swap and its indicator work under the policy.
    watched.get_by_role("searchbox").first.fill("shelters")
    watched.wait_for_load_state("networkidle")
    assert watched.evaluate("window.__csp") == []
    assert_no_violation(watched, f"/commitments/{commitment.reference}/", "h1")
    sign_in(watched, live_server, membership.user)
    assert_no_violation(watched, "/my/commitments/new/", "form[data-commitment-form]")


def test_the_admin_review_page_and_the_api_docs_run_with_no_violation(watched, live_server):
    waiting = submitted_commitment()
    reviewer = staff_in("Reviewers", username="csp-reviewer")
    assert Group.objects.filter(name="Reviewers").exists()
    sign_in(watched, live_server, reviewer)

    queue = reverse("admin:commitments_commitmentawaitingreview_changelist")
    assert_no_violation(watched, queue, "#result_list")
    opts = CommitmentAwaitingReview._meta
    assert_no_violation(
        watched, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[waiting.pk]), "#content"
    )
    assert_no_violation(watched, "/api/docs/", ".swagger-ui .info")


def test_every_other_public_and_workspace_page_runs_with_no_violation(watched, live_server, monkeypatch):
    """The report pages (SVG charts, htmx progress), maker and coalition
    pages, the account forms and the rest of the workspace."""
    from reporting import outputs
    from reporting.tests.report_fixture import build_world, compiled_report, make_compiler

    monkeypatch.setattr(outputs, "render_pdf", lambda html: (b"%PDF-1.7 stand-in", None))
    report = compiled_report(build_world(), make_compiler())
    commitment = ApprovedCommitmentFactory()
    membership = MembershipFactory(role="owner", maker=commitment.maker)

    for path, ready in [
        ("/reports/", "h1"),
        (f"/reports/{report.cycle.year}/", "svg"),
        (f"/makers/{commitment.maker_id}/", "h1"),
        ("/coalitions/technology-and-innovation/", "h1"),
        ("/accounts/login/", "form"),
        ("/accounts/signup/", "form"),
        ("/accounts/password/reset/", "form"),
    ]:
        assert_no_violation(watched, path, ready)
    sign_in(watched, live_server, membership.user)
    for path in ["/my/", "/my/organisations/", "/my/reports/", f"/my/commitments/{commitment.pk}/"]:
        assert_no_violation(watched, path, "h1")


def test_every_admin_list_and_add_form_runs_with_no_violation(watched, live_server):
    """Every list and add form linked from the admin's index, and the first
    object of each list, as a superuser sees them: Django's own admin pages
    and widgets included."""
    from commitments.tests.factories import ReviewerFactory
    from reporting.tests.factories import ProgressReportFactory

    submitted_commitment()
    ProgressReportFactory(status="submitted")
    sign_in(watched, live_server, ReviewerFactory(is_superuser=True))
    assert_no_violation(watched, "/admin/", "#content")
    links = watched.eval_on_selector_all(
        "#content-main a[href^='/admin/']", "links => [...new Set(links.map(link => link.getAttribute('href')))]"
    )
    assert len(links) > 10
    objects = []
    for link in links:
        assert_no_violation(watched, link, "#content", settle="load")
        first = watched.locator("#result_list tbody th a").first
        if first.count():
            objects.append(first.get_attribute("href"))
    assert len(objects) > 5
    for link in objects:
        assert_no_violation(watched, link, "#content", settle="load")
