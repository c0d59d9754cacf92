"""One-time form tokens: a form that creates something carries a token, and
the same token posted twice (a double click on "Save and submit", a resent
form after a slow answer) creates one thing, not two.

The token is claimed in the cache with `add`, which is atomic in Redis and in
the local-memory cache, so of two requests in flight at once only one goes
on to create; the other waits (a bounded few seconds) for the first to say
what it created and lands the user on it. The cache is a helper here, not a
foundation: if it cannot be reached the form still works, without the
guard, as it did before tokens existed.
"""

import logging
import secrets
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

FIELD_NAME = "form_token"
# Long enough for a user who leaves a form open for a day and then saves it.
TOKEN_SECONDS = 24 * 3600
PENDING = "pending"
# How long a second request waits for the first to finish creating.
WAIT_SECONDS = 10
POLL_SECONDS = 0.2


def new_token():
    return secrets.token_urlsafe(24)


def _key(scope, user, token):
    return f"once:{scope}:{user.pk}:{token}"


class Claim:
    """What `claim` found: `first` when this request is the one to create
    (then call `done(pk)` or `release()`); else `created_pk`, the pk of what
    the first request created, or None if it is still not finished."""

    def __init__(self, key, first, created_pk=None):
        self.key = key
        self.first = first
        self.created_pk = created_pk

    def done(self, pk):
        if self.key:
            _safely(cache.set, self.key, pk, TOKEN_SECONDS)

    def release(self):
        """Nothing was created (the form had errors): the same token may be
        posted again once the user has corrected it."""
        if self.key:
            _safely(cache.delete, self.key)


def _safely(operation, *args):
    try:
        return operation(*args)
    except Exception:  # noqa: BLE001 - any cache failure means "no guard", never an error page
        logger.warning("Form tokens are unguarded: the cache cannot be reached.", exc_info=True)
        return None


def claim(scope, user, token):
    """Claim `token` for this request. A missing or malformed token (a form
    cached from before tokens) is not guarded."""
    if not token or len(token) > 64:
        return Claim(None, first=True)
    key = _key(scope, user, token)
    added = _safely(cache.add, key, PENDING, TOKEN_SECONDS)
    if added or added is None:
        return Claim(key if added else None, first=True)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        value = _safely(cache.get, key)
        if value is None:
            # The first request failed and released the token: this one may try.
            if _safely(cache.add, key, PENDING, TOKEN_SECONDS):
                return Claim(key, first=True)
            if _safely(cache.get, key) is None:
                # Neither stored nor found: the cache is down and answers as
                # an empty one (core.cache). Go on unguarded, never block.
                return Claim(None, first=True)
        elif value != PENDING:
            return Claim(key, first=False, created_pk=value)
        if time.monotonic() >= deadline:
            return Claim(key, first=False)
        time.sleep(POLL_SECONDS)
