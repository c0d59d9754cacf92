"""Throttles whose rates are read at each request, so settings can change
them in tests and at run time.

They count requests in the cache, and fail open: while Redis is down the
cache (core/cache.py) answers every throttle with an empty history and stores
nothing, so every request is let through. Partners served without a rate
limit for the length of an outage are better than partners refused; the
outage is logged and shown by /healthz.
"""

from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

# Throttles -------------------------------------------------------------------


class LiveRatesMixin:
    """Read the rate from the current settings on every request rather than
    once at import, so that an operator's (or a test's) change applies."""

    def get_rate(self):
        rates = api_settings.DEFAULT_THROTTLE_RATES or {}
        if self.scope not in rates:
            raise exceptions.APIException(f"No throttle rate set for {self.scope!r}.")
        return rates[self.scope]


class AnonThrottle(LiveRatesMixin, AnonRateThrottle):
    """Anonymous callers, per IP address (rate `anon`)."""


class UserThrottle(LiveRatesMixin, UserRateThrottle):
    """Callers with a token, per user (rate `user`, higher)."""
