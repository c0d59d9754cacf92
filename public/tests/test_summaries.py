"""The dashboard's, coalition pages' and country pages' figures come from stored summaries
(reporting.summaries), refreshed by a worker after changes, at most once per
SUMMARY_MIN_SECONDS, never computed per request."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments import services
from commitments.tests.factories import CommitmentFactory, ReviewerFactory
from core.models import OutboxMessage
from core.queue import FIGURES_TASK
from jobs import tasks
from reporting import summaries
from reporting.models import FiguresSummary

pytestmark = pytest.mark.django_db

GBV = "gender-based-violence"


def shown(client):
    return client.get("/").context["figures"]["commitments"], client.get(f"/coalitions/{GBV}/").context["totals"][
        "commitments"
    ]


def test_approvals_queue_one_refresh_and_the_figures_follow_within_the_interval(client, settings):
    settings.SUMMARY_MIN_SECONDS = 30
    reviewer = ReviewerFactory()
    first, second = CommitmentFactory.create_batch(2, status="submitted")
    summaries.refresh_all()
    assert shown(client) == (0, 0)

    services.commitment_approve(actor=reviewer, commitment=first)
    services.commitment_approve(actor=reviewer, commitment=second)

    # Two changes, one refresh waiting in the outbox.
    assert OutboxMessage.objects.filter(task_name=FIGURES_TASK).count() == 1
    # The task runs at once: the last refresh is seconds old, so it only asks.
    assert tasks.refresh_summaries() == []
    assert shown(client) == (0, 0)
    # The next beat after the interval refreshes what was asked for...
    later = timezone.now() + datetime.timedelta(seconds=31)
    assert set(summaries.refresh_due(now=later)) == {"dashboard", "coalitions", "countries"}
    assert shown(client) == (2, 2)
    # ...and only that: nothing asked since, nothing computed.
    assert summaries.refresh_due(now=later + datetime.timedelta(seconds=31)) == []


def test_a_change_after_a_quiet_spell_refreshes_at_once(client, settings):
    settings.SUMMARY_MIN_SECONDS = 30
    reviewer = ReviewerFactory()
    commitment = CommitmentFactory(status="submitted")
    summaries.refresh_all()
    FiguresSummary.objects.update(refreshed_at=timezone.now() - datetime.timedelta(minutes=5))

    services.commitment_approve(actor=reviewer, commitment=commitment)
    assert set(tasks.refresh_summaries()) == {"dashboard", "coalitions", "countries"}

    assert shown(client) == (1, 1)


def test_pages_say_when_their_figures_were_refreshed(client):
    summaries.refresh_all()
    when = datetime.datetime(2026, 3, 4, 5, 6, tzinfo=datetime.UTC)
    FiguresSummary.objects.update(refreshed_at=when)

    for url in ("/", f"/coalitions/{GBV}/"):
        page = client.get(url).content.decode()
        assert "Figures as of March 4, 2026, 5:06 a.m." in page, url


def test_a_request_reads_the_stored_figures_and_computes_nothing(client):
    summaries.refresh_all()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    aggregates = [q["sql"] for q in queries if "SUM(" in q["sql"].upper() or "COUNT(DISTINCT" in q["sql"].upper()]
    assert aggregates == []


def test_the_first_render_with_no_summary_computes_and_stores_it(client):
    assert not FiguresSummary.objects.exists()

    assert client.get("/").status_code == 200

    assert FiguresSummary.objects.filter(name="dashboard", refreshed_at__isnull=False).exists()


def test_pages_render_their_figures_while_redis_is_down(client, settings):
    summaries.refresh_all()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05, "retry_after": 5},
        }
    }

    for url in ("/", f"/coalitions/{GBV}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Figures as of" in response.content.decode()
