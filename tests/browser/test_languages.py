"""The makers' pages in Arabic (right to left) and Russian in a real browser,
with screenshots to look at: the sign-up page, the commitment form with and
without validation errors, and a returned commitment with its timeline."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from commitments.models import Commitment
from commitments.services import commitment_return
from commitments.tests.factories import CommitmentFactory, MembershipFactory, ReviewerFactory

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["ar", "ru"]


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def member_user(db):
    membership = MembershipFactory(role="owner", maker__name="Réseau des femmes rurales")
    return membership.user


def assert_direction(page, language):
    expected = "rtl" if language == "ar" else "ltr"
    assert page.locator("html").get_attribute("dir") == expected
    assert page.locator("html").get_attribute("lang") == language


HEADINGS = {
    "signup": {"ar": "إنشاء حساب", "ru": "Создание учётной записи"},
    "form": {"ar": "تسجيل التزام", "ru": "Зарегистрировать обязательство"},
    "errors": {"ar": "يُرجى تصحيح ما يلي", "ru": "Исправьте следующее"},
    "submit": {"ar": "الحفظ والتقديم للمراجعة", "ru": "Сохранить и отправить на рассмотрение"},
    "returned": {"ar": "مُعاد: تطلب الأمانة إجراء تغييرات", "ru": "Возвращено: секретариат просит внести изменения"},
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sign_up_page_is_translated_and_laid_out_for_the_language(page, speak, screenshot, language):
    speak(language)
    page.goto("/accounts/signup/")

    page.get_by_role("heading", name=HEADINGS["signup"][language]).wait_for()
    assert_direction(page, language)
    assert "Create an account" not in page.content()
    screenshot(f"lang-{language}-signup")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_commitment_form_and_its_errors_are_translated(page, live_server, speak, screenshot, member_user, language):
    speak(language)
    log_in(page, live_server, member_user)
    page.goto("/my/commitments/new/")

    page.get_by_role("heading", name=HEADINGS["form"][language]).wait_for()
    assert_direction(page, language)
    screenshot(f"lang-{language}-commitment-form")

    page.get_by_role("button", name=HEADINGS["submit"][language]).click()
    page.get_by_role("heading", name=HEADINGS["errors"][language]).wait_for()
    screenshot(f"lang-{language}-commitment-form-errors")
    # The red bar of a field in error sits on the side the text starts from.
    bar = page.locator(".field--error").first
    side = "right" if language == "ar" else "left"
    assert bar.evaluate(f"node => getComputedStyle(node).border{side.title()}Width") == "4px"


def test_a_returned_commitment_reads_right_to_left_in_arabic(page, live_server, speak, screenshot, member_user):
    maker = member_user.memberships.get().maker
    commitment = CommitmentFactory(maker=maker, status=Commitment.Status.SUBMITTED)
    commitment_return(
        actor=ReviewerFactory(), commitment=commitment, comment="Please name the three counties and the budget."
    )
    speak("ar")
    log_in(page, live_server, member_user)
    page.goto(f"/my/commitments/{commitment.pk}/")

    page.get_by_role("heading", name=HEADINGS["returned"]["ar"]).wait_for()
    assert_direction(page, "ar")
    screenshot("lang-ar-commitment-returned")
    # The timeline's line and dots run down the right-hand side, with no
    # stray padding left over on the other side.
    item = page.locator(".timeline__item").first
    style = item.evaluate("node => { const s = getComputedStyle(node); return [s.borderRightWidth, s.paddingLeft]; }")
    assert style == ["2px", "0px"]
