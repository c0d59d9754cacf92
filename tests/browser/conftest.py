"""Browser tests: Playwright driving Debian's Chromium against a live server.

Screenshots land in test-artifacts/screenshots/ so that a person can look at
what the site shows. Without Chromium these tests skip on a developer's
machine and fail in CI.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from commitments.management.commands.compile_catalogues import compile_po
from conftest import require_or_skip

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Playwright drives the browser from a thread with its own event loop; Django
# refuses synchronous ORM calls from such a context unless told otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    available = Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None
    require_or_skip(available, f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/screenshots/NAME.png."""

    def take(name, target=None):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="module")
def compiled_locale(tmp_path_factory):
    """The committed catalogues compiled into the test's own folder, so the
    pages are translated even where `make messages` has not run."""
    root = tmp_path_factory.mktemp("locale")
    for po_path in Path(django_settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"):
        target = root / po_path.relative_to(Path(django_settings.BASE_DIR, "locale"))
        target.parent.mkdir(parents=True)
        shutil.copy(po_path, target)
        compile_po(target)
    return root


@pytest.fixture
def speak(page, live_server, settings, compiled_locale):
    """Choose the interface language the way the language switcher does:
    with Django's language cookie."""
    settings.LOCALE_PATHS = [compiled_locale]

    def choose(language):
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])

    return choose
