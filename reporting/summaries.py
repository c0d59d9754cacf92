"""The figures of the public pages, computed by a worker, never per request.

At a million commitments the dashboard's aggregates took 4.3 s and a
coalition page's 2.4 s. So each family of figures (the dashboard, the
coalition pages) is computed by a function its page registers here
(`register`), stored as one small JSON row (`FiguresSummary`) in
PostgreSQL, and read by every request: one indexed row, whatever the data,
and still there while Redis is down (it is never kept only in the cache).

When the figures are refreshed:

- after a change that may move them: the services call
  `core.queue.figures_changed()` (every review event, every cycle opened or
  closed), which queues `reporting.refresh_summaries` through the outbox,
  at most one waiting at a time;
- that task refreshes at once unless the last refresh is less than
  `SUMMARY_MIN_SECONDS` old; then it only marks the rows requested, and
- Celery beat's `reporting.refresh_summaries_if_due`, every
  `SUMMARY_MIN_SECONDS`, refreshes what was requested, and everything at
  least every `SUMMARY_MAX_AGE_SECONDS` (the reporting rate moves with the
  calendar as cycles open and close).

So figures are at most `SUMMARY_MIN_SECONDS` (plus the task's run) behind a
change, and the database computes them at most once in that time whatever
the traffic. The page says when its figures were last refreshed.

The first render after a deploy, before any worker ran, computes its family
once and stores it (a few seconds at a million commitments, once), rather than
show an empty page; after that only the worker computes.
"""

import datetime
import importlib
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reporting.summary_models import FiguresSummary

_computers = {}


def register(name, compute):
    """`compute()` returns the figures of the family `name`: a dict of
    numbers, strings, Decimals, dates, lists and dicts."""
    _computers[name] = compute


def _discover():
    """Import the modules that register families (settings.SUMMARY_FAMILIES),
    so that a worker or a management command, which never loads the URLs,
    knows every family the pages read."""
    for module in getattr(settings, "SUMMARY_FAMILIES", ()):
        importlib.import_module(module)


def min_seconds():
    return getattr(settings, "SUMMARY_MIN_SECONDS", 30)


def max_age_seconds():
    return getattr(settings, "SUMMARY_MAX_AGE_SECONDS", 3600)


def read(name):
    """(figures, refreshed_at) of the family `name`; computed and stored
    here only when no worker has stored it yet."""
    row = FiguresSummary.objects.filter(name=name, refreshed_at__isnull=False).first()
    if row is None:
        row = _store(name, now=timezone.now())
    return _decoded(row.data), row.refreshed_at


def request_refresh():
    """After a change: refresh at once, unless the last refresh is more
    recent than SUMMARY_MIN_SECONDS (then the next beat does it)."""
    _discover()
    now = timezone.now()
    recent = now - datetime.timedelta(seconds=min_seconds())
    FiguresSummary.objects.filter(name__in=list(_computers)).update(requested_at=now)
    return refresh_due(now=now, due_before=recent)


def refresh_due(*, now=None, due_before=None):
    """Refresh every family that was requested (and not refreshed since,
    nor within SUMMARY_MIN_SECONDS), or is older than
    SUMMARY_MAX_AGE_SECONDS, or was never computed. Two workers never
    compute the same family at once (the row is locked, the other skips it).
    Returns the names refreshed."""
    _discover()
    now = now or timezone.now()
    due_before = due_before or now - datetime.timedelta(seconds=min_seconds())
    stale = now - datetime.timedelta(seconds=max_age_seconds())
    refreshed = []
    for name in _computers:
        with transaction.atomic():
            FiguresSummary.objects.get_or_create(name=name)
            row = FiguresSummary.objects.select_for_update(skip_locked=True).filter(name=name).first()
            if row is None:  # another worker is on it
                continue
            never = row.refreshed_at is None
            requested = row.requested_at is not None and (never or row.requested_at >= row.refreshed_at)
            if never or row.refreshed_at < stale or (requested and row.refreshed_at < due_before):
                _store(name, now=now)
                refreshed.append(name)
    return refreshed


def refresh_all():
    """Compute every family now (after a bulk load, in tests)."""
    _discover()
    now = timezone.now()
    for name in _computers:
        _store(name, now=now)
    return list(_computers)


def _store(name, *, now):
    data = _encoded(_computers[name]())
    row, _ = FiguresSummary.objects.update_or_create(
        name=name, defaults={"data": data, "refreshed_at": now, "requested_at": None}
    )
    return row


# JSON keeps numbers and strings; Decimals and dates come back as they went in.


def _encoded(value):
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {str(key): _encoded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encoded(item) for item in value]
    return value


def _decoded(value):
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, item),) = value.items()
            if key == "$decimal":
                return Decimal(item)
            if key == "$datetime":
                return datetime.datetime.fromisoformat(item)
            if key == "$date":
                return datetime.date.fromisoformat(item)
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value
