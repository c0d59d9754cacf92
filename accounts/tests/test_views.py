import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from commitments.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGNUP = {
    "first_name": "Amina Diallo",
    "email": "Amina@Example.org",
    "password1": "Shelters-and-hotlines-2026",
    "password2": "Shelters-and-hotlines-2026",
}


def sign_up(client, django_capture_on_commit_callbacks, data=SIGNUP):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("signup"), data)


def confirmation_link(message):
    return re.search(r"https?://testserver(/accounts/confirm/\S+/)", message.body).group(1)


def test_signing_up_creates_an_inactive_account_and_emails_a_confirmation_link(
    client, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response.url == reverse("signup-sent")
    user = User.objects.get(email="amina@example.org")
    assert not user.is_active
    assert user.username == "amina@example.org"
    assert mail.outbox[-1].to == ["amina@example.org"]
    assert "/accounts/confirm/" in mail.outbox[-1].body


def test_the_confirmation_link_activates_the_account_once(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    link = confirmation_link(mail.outbox[-1])

    response = client.get(link)

    assert response.status_code == 302 and response.url == reverse("login")
    assert User.objects.get(email="amina@example.org").is_active
    client.post(reverse("login"), {"username": "amina@example.org", "password": SIGNUP["password1"]})
    client.post(reverse("logout"))
    assert client.get(link).status_code == 400


def test_a_forged_confirmation_link_activates_nothing(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    link = confirmation_link(mail.outbox[-1])

    response = client.get(link[:-3] + "xx/")

    assert response.status_code == 400
    assert "does not work" in response.content.decode()
    assert not User.objects.get(email="amina@example.org").is_active


def test_an_unconfirmed_account_cannot_log_in(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    response = client.post(reverse("login"), {"username": "amina@example.org", "password": SIGNUP["password1"]})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signing_up_again_before_confirming_replaces_the_first_attempt(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    sign_up(client, django_capture_on_commit_callbacks)
    assert User.objects.filter(email="amina@example.org").count() == 1
    assert len(mail.outbox) == 2


def test_signing_up_with_a_taken_address_says_so_and_keeps_the_name(client, django_capture_on_commit_callbacks):
    UserFactory(username="amina@example.org", email="amina@example.org")

    response = sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    page = response.content.decode()
    assert "An account with this email address already exists" in page
    assert 'value="Amina Diallo"' in page
    assert not mail.outbox


def test_a_weak_password_is_refused_next_to_the_password_field(client, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, SIGNUP | {"password1": "123", "password2": "123"})
    page = response.content.decode()
    assert 'id="id_password1_error"' in page
    assert 'href="#id_password1"' in page
    assert 'id="id_password2_error"' not in page
    assert response.context["form"].non_field_errors() == []
    assert not User.objects.exists()


def test_a_password_like_the_email_address_is_refused_in_words_about_the_email_address(
    client, django_capture_on_commit_callbacks
):
    email = "amina.diallo.shelters@example.org"
    response = sign_up(
        client, django_capture_on_commit_callbacks, SIGNUP | {"email": email, "password1": email, "password2": email}
    )

    errors = response.context["form"].errors
    assert list(errors) == ["password1"]
    assert "email address" in errors["password1"][0] and "username" not in errors["password1"][0]


def test_passwords_that_differ_are_refused_at_the_confirmation(client, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, SIGNUP | {"password2": "Something-else-2026"})

    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


def test_the_login_form_asks_for_the_email_address_and_its_errors_say_so(client):
    page = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">Email address' in page

    empty = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert "Enter the email address you signed up with." in empty

    wrong = client.post(reverse("login"), {"username": "nobody@example.org", "password": "wrong-one"}).content.decode()
    assert "This email address and password do not match an account." in wrong
    assert "username" not in wrong.split('class="error-summary"')[1].split("</div>")[0]
    assert 'value="nobody@example.org"' in wrong


def test_logging_in_with_the_email_address_opens_the_workspace(client):
    UserFactory(username="amina@example.org", email="amina@example.org")
    response = client.post(reverse("login"), {"username": "Amina@example.org ", "password": "correct-horse-battery"})
    assert response.status_code == 302 and response.url == "/my/"


def test_logging_out_takes_a_post(client, member):
    client.force_login(member)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(username="amina@example.org", email="amina@example.org")
    client.post(reverse("password_reset"), {"email": "amina@example.org"})
    link = re.search(r"https?://testserver(/accounts/password/reset/\S+/)", mail.outbox[-1].body).group(1)

    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "A-brand-new-passphrase-9", "new_password2": "A-brand-new-passphrase-9"},
    )

    user.refresh_from_db()
    assert user.check_password("A-brand-new-passphrase-9")


def test_password_change_needs_the_old_password(client, member):
    client.force_login(member)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "A-brand-new-passphrase-9",
            "new_password2": "A-brand-new-passphrase-9",
        },
    )
    assert 'id="id_old_password_error"' in response.content.decode()
    member.refresh_from_db()
    assert member.check_password("correct-horse-battery")


def test_five_wrong_passwords_lock_the_login_with_a_friendly_page(client):
    UserFactory(username="amina@example.org", email="amina@example.org")
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "amina@example.org", "password": "wrong"})

    response = client.post(reverse("login"), {"username": "amina@example.org", "password": "correct-horse-battery"})

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts" in page
    assert "15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_username_so_other_people_can_still_log_in(client):
    UserFactory(username="amina@example.org", email="amina@example.org")
    UserFactory(username="li.wei@example.org", email="li.wei@example.org")
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "amina@example.org", "password": "wrong"})

    response = client.post(reverse("login"), {"username": "li.wei@example.org", "password": "correct-horse-battery"})

    assert response.status_code == 302


def test_the_confirmation_email_waits_in_the_outbox_without_its_token(client, django_capture_on_commit_callbacks):
    from core.models import OutboxMessage

    sign_up(client, django_capture_on_commit_callbacks)

    message = OutboxMessage.objects.get(task_name="accounts.send_signup_confirmation")
    user = User.objects.get(email="amina@example.org")
    assert message.args == [user.pk, "http://testserver/", "en"]
    assert message.done_at is not None
    token = confirmation_link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[-1]
    assert token not in str(message.args)


def test_the_confirmation_email_speaks_the_language_the_visitor_signed_up_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/accounts/signup/", SIGNUP)

    # The link opens the confirmation page in French too.
    assert "http://testserver/fr/accounts/confirm/" in mail.outbox[-1].body
    assert mail.outbox[-1].subject == "Confirmez votre adresse e-mail pour gentrack"


def test_a_mail_server_that_is_down_neither_breaks_the_sign_up_nor_loses_the_email(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    from core.models import OutboxMessage
    from jobs import account_mail

    def refused(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(account_mail, "send_mail", refused)
    response = sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response.url == reverse("signup-sent")
    assert User.objects.filter(email="amina@example.org", is_active=False).exists()
    message = OutboxMessage.objects.get(task_name="accounts.send_signup_confirmation")
    assert message.done_at is None  # still owed: the sweep sends it again
    assert not mail.outbox


def test_the_worker_sends_nothing_to_an_account_confirmed_meanwhile(db):
    from jobs.account_mail import send_signup_confirmation

    user = UserFactory(is_active=True)
    assert send_signup_confirmation.apply(args=[user.pk, "http://testserver/", "en"]).get() == 0
    assert not mail.outbox
