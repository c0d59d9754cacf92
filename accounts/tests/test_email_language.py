"""Emails speak their reader's language: the one they signed up in, or the
one they chose on their account page, whatever language the sender (a
reviewer, the worker) was using."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from commitments import services
from commitments.models import Commitment
from commitments.tests.factories import (
    ApprovedCommitmentFactory,
    CommitmentFactory,
    MakerFactory,
    MembershipFactory,
    ReviewerFactory,
    UserFactory,
)
from commitments.tests.test_translations_complete import compiled_locale, translated  # noqa: F401 (fixtures)
from core.languages import languages_of, remember_language
from core.models import AccountPreference
from reporting.models import ReportingCycle
from reporting.reminders import send_report_reminders

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("translated")]

SIGNUP = {
    "first_name": "Awa Ndiaye",
    "email": "awa@example.org",
    "password1": "Shelters-and-hotlines-2026",
    "password2": "Shelters-and-hotlines-2026",
}


def test_signing_up_in_french_makes_french_the_language_of_ones_emails(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/accounts/signup/", SIGNUP)

    preference = AccountPreference.objects.get(user__email="awa@example.org")
    assert preference.language == "fr"
    assert mail.outbox[-1].subject == "Confirmez votre adresse e-mail pour gentrack"


def test_a_person_without_a_preference_gets_the_default_language(db):
    user = UserFactory()

    assert languages_of([user.pk]) == {user.pk: "en"}


def test_the_account_page_changes_the_language_of_emails(client):
    user = UserFactory()
    client.force_login(user)

    page = client.get(reverse("email-language"))
    assert page.status_code == 200
    assert 'value="ar"' in page.content.decode() and "العربيّة" in page.content.decode()

    response = client.post(reverse("email-language"), {"language": "zh-hans"})

    assert response.status_code == 302
    assert AccountPreference.objects.get(user=user).language == "zh-hans"


def test_an_unknown_language_is_refused_and_changes_nothing(client):
    user = UserFactory()
    remember_language(user, "es")
    client.force_login(user)

    response = client.post(reverse("email-language"), {"language": "klingon"})

    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert AccountPreference.objects.get(user=user).language == "es"


def test_the_account_page_needs_a_login(client):
    response = client.get(reverse("email-language"))

    assert response.status_code == 302 and reverse("login") in response.url


def test_a_review_decision_reaches_each_member_in_their_own_language(django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://gentrack.example.org"
    commitment = CommitmentFactory(status=Commitment.Status.SUBMITTED, title="Refuges pour survivantes")
    french = MembershipFactory(maker=commitment.maker, user__email="fr@example.org").user
    arabic = MembershipFactory(maker=commitment.maker, user__email="ar@example.org").user
    english = MembershipFactory(maker=commitment.maker, user__email="en@example.org").user
    remember_language(french, "fr")
    remember_language(arabic, "ar")
    remember_language(english, "en")

    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_return(actor=ReviewerFactory(), commitment=commitment, comment="Add the years.")

    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["en@example.org"].subject.startswith("Returned with comments")
    assert by_address["fr@example.org"].subject.startswith("Renvoyé")
    assert "الأمانة" in by_address["ar@example.org"].body  # "Comment from the secretariat:"
    # Each link opens the workspace in the reader's language.
    assert "https://gentrack.example.org/my/" in by_address["en@example.org"].body
    assert "https://gentrack.example.org/fr/my/" in by_address["fr@example.org"].body
    assert "https://gentrack.example.org/ar/my/" in by_address["ar@example.org"].body


def test_reminders_are_written_in_each_members_language(db):
    cycle = ReportingCycle.objects.create(
        year=2026, opens_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2026, 3, 31)
    )
    maker = MakerFactory()
    russian = MembershipFactory(maker=maker, user__email="ru@example.org").user
    MembershipFactory(maker=maker, user__email="en@example.org")
    remember_language(russian, "ru")
    ApprovedCommitmentFactory(maker=maker)

    sent = send_report_reminders((cycle.closes_on - datetime.timedelta(days=7)).isoformat())

    assert sent == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "7 days left" in by_address["en@example.org"].subject
    assert "7 days left" not in by_address["ru@example.org"].subject
    assert "марта" in by_address["ru@example.org"].body  # the closing date, in Russian
    assert "March" in by_address["en@example.org"].body
