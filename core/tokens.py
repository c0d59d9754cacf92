"""The signed token of an email-confirmation link. It lives here, below the
rooms, because two of them use it: `accounts` checks it when the link is
opened, and the worker (`jobs`) makes it when it sends the email."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """A signed, expiring token for the confirmation link. It covers the
    account's active flag, so the link works once: after confirming, the
    account is active and the old token no longer matches."""

    key_salt = "gentrack.accounts.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.is_active}{timestamp}"


email_confirmation_token = EmailConfirmationTokenGenerator()
