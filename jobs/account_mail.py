"""The email that confirms a new account's address, sent through the outbox
like every other email, so that a mail server or broker that is down when
someone signs up neither loses the email nor turns the sign-up into an error.

The outbox row holds the account's id, the site's address as the visitor
used it and their language; the token is made here, when the email is sent,
so no secret waits in the database."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core import queue
from core.tokens import email_confirmation_token


@shared_task(
    name="accounts.send_signup_confirmation",
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_signup_confirmation(self, user_id, site_root, language):
    """Email the confirmation link to an account not yet confirmed, once
    however often the message is delivered."""
    with queue.acting_once(self.request) as first:
        return _send_signup_confirmation(user_id, site_root, language) if first else 0


def _send_signup_confirmation(user_id, site_root, language):
    user = get_user_model().objects.filter(pk=user_id, is_active=False).first()
    if user is None or not user.email:
        # Confirmed meanwhile, or replaced by a later sign-up: nothing to say.
        return 0
    with translation.override(language):
        # Reversed in the language, so that the link opens the page in it (/fr/accounts/confirm/…).
        path = reverse(
            "signup-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": email_confirmation_token.make_token(user),
            },
        )
        context = {
            "user": user,
            "link": site_root.rstrip("/") + path,
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        }
        subject = _("Confirm your email address for gentrack")
        body = render_to_string("accounts/confirmation_email.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
