"""With Redis gone, the site and the API keep serving from PostgreSQL, say so
in /healthz, log the outage once, and use Redis again when it is back.

A real gunicorn serves the test database, with its cache and its broker on a
redis-server the test starts on a port of its own; the test kills that Redis
and starts it again. The shared Redis is never touched.
"""

import os
import re
import signal
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from coalitions.models import ActionArea, ActionCoalition
from commitments.models import Commitment, JoinRequest
from commitments.tests.factories import ApprovedCommitmentFactory, MembershipFactory, UserFactory
from conftest import require_or_skip
from core.tests.redis_server import RedisServer, free_port

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # noqa: S105 — a test account's
RETRY_SECONDS = 1
OUTAGE_LOGGED = "is unreachable"
RECOVERY_LOGGED = "answers again"


def server_database_url():
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis.log").start()
    yield server
    server.stop()


class Site:
    """A gunicorn serving the test database, one worker and one thread so that
    its log reads as one process's story."""

    def __init__(self, redis_url, tmp_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_path / "gunicorn.log"
        env = {
            **os.environ,
            "DEBUG": "true",
            "DATABASE_URL": server_database_url(),
            "DB_CONN_MAX_AGE": "0",
            "REDIS_URL": redis_url,
            "CACHE_URL": redis_url,
            "CACHE_RETRY_SECONDS": str(RETRY_SECONDS),
            # After a refused publish the outbox leaves rows to the sweep for
            # this long: as short as the cache's retry, so the tests can see
            # the broker used again right after Redis is back.
            "OUTBOX_PUBLISH_PAUSE": str(RETRY_SECONDS),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            # The walk must never meet the throttle while Redis counts.
            "API_ANON_RATE": "10000/minute",
            "API_USER_RATE": "10000/minute",
            "LOG_LEVEL": "INFO",
        }
        self._log = open(self.log_path, "wb")  # noqa: SIM115 — closed when the server stops
        self.process = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "gentrack.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "1",
                "--timeout",
                "60",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_up()

    def _wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                requests.get(self.url + "/healthz", timeout=30)
                return
            except requests.RequestException:
                time.sleep(0.2)
        pytest.fail(f"gunicorn did not start:\n{self.log()[-3000:]}")

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()


@pytest.fixture
def postgresql():
    require_or_skip(connection.vendor == "postgresql", "a server process cannot see an SQLite test database")


@pytest.fixture
def site(postgresql, redis_server, tmp_path):
    started = Site(redis_server.url, tmp_path)
    yield started
    started.stop()


@pytest.fixture
def world(db):
    """Two public commitments of one maker in one coalition, so every public
    page and a second cursor page have something to show."""
    first = ApprovedCommitmentFactory(title="Shelters in every county")
    ApprovedCommitmentFactory(title="Hotlines for survivors", maker=first.maker)
    return {"commitment": first, "coalition": first.coalitions.first(), "maker": first.maker}


def walk(site, world, timeout=30):
    """Every public page and API list a visitor or a partner would ask for:
    {path: status}."""
    session = requests.Session()
    paths = [
        "/",
        "/commitments/",
        "/commitments/?q=shelters",
        f"/commitments/{world['commitment'].reference}/",
        f"/coalitions/{world['coalition'].slug}/",
        "/reports/",
        f"/makers/{world['maker'].pk}/",
        "/api/v1/commitments/",
        "/api/v1/commitments/?format=csv",
        "/api/v1/makers/",
        "/api/v1/coalitions/",
    ]
    statuses = {path: session.get(site.url + path, timeout=timeout).status_code for path in paths}
    first_cursor_page = session.get(site.url + "/api/v1/commitments/?mode=cursor&page_size=1", timeout=timeout)
    statuses["/api/v1/commitments/?mode=cursor"] = first_cursor_page.status_code
    next_link = first_cursor_page.json()["next"] if first_cursor_page.ok else None
    if next_link:
        statuses["(the next cursor page)"] = session.get(next_link, timeout=timeout).status_code
    else:
        statuses["(the next cursor page)"] = "no next link"
    return statuses


def everything_served(statuses):
    return {path: 200 for path in statuses}


def healthz(site):
    response = requests.get(site.url + "/healthz", timeout=30)
    return response.status_code, response.json()


def wait_for(condition, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def cache_keys(server, pattern):
    return server.client().keys(pattern)


def test_pages_and_the_api_keep_serving_while_redis_is_down_and_use_it_again_when_it_is_back(site, redis_server, world):
    # Up: everything served, and served through the cache.
    statuses = walk(site, world)
    assert statuses == everything_served(statuses)
    assert cache_keys(redis_server, "gentrack:*dashboard:world-map*")
    assert cache_keys(redis_server, "gentrack:*catalogue:count:*")
    assert cache_keys(redis_server, "gentrack:*api-count:*")
    assert cache_keys(redis_server, "gentrack:*throttle_*")
    code, body = healthz(site)
    assert (code, body["status"]) == (200, "ok")

    # Down: every page and list is still served, from the database.
    redis_server.stop()
    for _ in range(2):
        statuses = walk(site, world)
        assert statuses == everything_served(statuses), site.log()[-3000:]
    catalogue = requests.get(site.url + "/commitments/", timeout=30).text
    assert "Shelters in every county" in catalogue and "Hotlines for survivors" in catalogue
    code, body = healthz(site)
    assert code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is False and body["checks"]["cache"]["error"] == "ConnectionError"
    assert body["checks"]["broker"] == {"ok": False, "error": "ConnectionError"}
    # Some thirty requests met the outage; it is logged once.
    assert site.log().count(OUTAGE_LOGGED) == 1, site.log()[-3000:]

    # Back: a new, empty Redis on the same port is used again, by itself.
    redis_server.start()
    time.sleep(RETRY_SECONDS + 0.2)

    def dashboard_cached_again():
        requests.get(site.url + "/", timeout=30)
        return bool(cache_keys(redis_server, "gentrack:*dashboard:world-map*"))

    assert wait_for(dashboard_cached_again), site.log()[-3000:]
    statuses = walk(site, world)
    assert statuses == everything_served(statuses)
    assert cache_keys(redis_server, "gentrack:*catalogue:count:*")
    assert cache_keys(redis_server, "gentrack:*api-count:*")
    assert healthz(site)[1]["status"] == "ok"
    log = site.log()
    assert log.count(OUTAGE_LOGGED) == 1 and log.count(RECOVERY_LOGGED) == 1, log[-3000:]
    assert "Internal Server Error" not in log


def test_a_redis_that_hangs_costs_pages_a_short_timeout_not_a_hang(site, redis_server, world):
    walk(site, world)
    redis_server.pause()
    try:
        started = time.monotonic()
        # Without socket timeouts the first page would wait for Redis forever.
        statuses = walk(site, world, timeout=10)
        elapsed = time.monotonic() - started
        assert statuses == everything_served(statuses), site.log()[-3000:]
        assert healthz(site)[1]["checks"]["cache"]["error"] == "TimeoutError"
    finally:
        redis_server.resume()
    assert site.log().count(OUTAGE_LOGGED) == 1
    # Thirteen requests; at most one try per second of them waits for Redis.
    assert elapsed < 10

    time.sleep(RETRY_SECONDS + 0.2)
    redis_server.client().flushdb()
    assert wait_for(lambda: requests.get(site.url + "/", timeout=30).ok and cache_keys(redis_server, "gentrack:*"))
    assert healthz(site)[1]["status"] == "ok"


def logged_in(site, email):
    session = requests.Session()
    login = session.get(site.url + "/accounts/login/", timeout=30)
    response = session.post(
        site.url + "/accounts/login/",
        data={"username": email, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(login.text)},
        headers={"Referer": site.url + "/accounts/login/"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[-2000:]
    return session


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def submit_commitment(site, session, title):
    """Fill in the workspace's form and press "Save and submit"."""
    form = session.get(site.url + "/my/commitments/new/", timeout=30)
    assert form.status_code == 200
    gbv = ActionCoalition.objects.get(slug="gender-based-violence")
    return session.post(
        site.url + "/my/commitments/new/",
        data={
            "csrfmiddlewaretoken": csrf_token(form.text),
            "title": title,
            "description": "Forty hubs run by women's groups.",
            "coalitions": [gbv.pk],
            "action_areas": [ActionArea.objects.filter(coalition=gbv).first().pk],
            "commitment_types": ["programme"],
            "scope": "national",
            "countries": ["KE"],
            "start_year": "2024",
            "end_year": "2027",
            "target_groups": "Rural women",
            "partners": "County governments",
            "action": "submit",
        },
        headers={"Referer": site.url + "/my/commitments/new/"},
        allow_redirects=False,
        timeout=30,
    )


@pytest.fixture
def maker_email(db):
    """A member who signed up: the username is the email address, and the
    password is hashed with the server's own hasher, not the tests' fast one."""
    hasher = PBKDF2PasswordHasher()
    user = MembershipFactory(role="owner").user
    user.username = user.email
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["username", "password"])
    return user.email


def queued_messages(server):
    """Messages waiting on the broker's default queue (no worker runs here)."""
    return server.client().llen("celery")


def join_request_for(maker_email):
    owner = get_user_model().objects.get(email=maker_email)
    return JoinRequest.objects.create(user=UserFactory(), maker=owner.memberships.get().maker)


def accept(site, session, join_request):
    """The owner presses "Accept" on a request to join the organisation: the
    decision is saved and an email to the requester is queued after commit."""
    return session.post(
        f"{site.url}/my/organisations/{join_request.maker_id}/requests/{join_request.pk}/accept/",
        data={"role": "editor", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": site.url + "/my/"},
        allow_redirects=False,
        timeout=30,
    )


def test_a_maker_submits_commitments_before_during_and_after_an_outage(site, redis_server, maker_email):
    session = logged_in(site, maker_email)
    assert submit_commitment(site, session, "Before the outage").status_code == 302
    assert accept(site, session, join_request_for(maker_email)).status_code == 302
    # The email to the new member, and one refresh of the public figures
    # (however many changes), went to the broker.
    assert queued_messages(redis_server) == 2

    redis_server.stop()
    session = logged_in(site, maker_email)
    assert session.get(site.url + "/my/", timeout=30).status_code == 200
    submitted = submit_commitment(site, session, "During the outage")
    assert submitted.status_code == 302, site.log()[-3000:]
    assert session.get(site.url + submitted.headers["Location"], timeout=30).status_code == 200

    redis_server.start()
    time.sleep(RETRY_SECONDS + 0.2)
    assert submit_commitment(site, session, "After the outage").status_code == 302
    assert accept(site, session, join_request_for(maker_email)).status_code == 302

    titles = Commitment.objects.filter(status=Commitment.Status.SUBMITTED).values_list("title", flat=True)
    assert sorted(titles) == ["After the outage", "Before the outage", "During the outage"]
    assert queued_messages(redis_server) == 1  # the new Redis is the broker again
    assert "Internal Server Error" not in site.log()


def test_an_owner_accepts_a_join_request_while_redis_is_down(site, redis_server, maker_email):
    session = logged_in(site, maker_email)
    join_request = join_request_for(maker_email)
    redis_server.stop()

    accepted = accept(site, session, join_request)

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.ACCEPTED
    assert accepted.status_code == 302, site.log()[-3000:]
