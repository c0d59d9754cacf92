"""make soak: gentrack under steady load for ten minutes, through faults.

It starts everything it needs on loopback and stops it all at the end:

- PostgreSQL database SOAK_DATABASE_URL (default gentrack_soak on the server
  of BENCH_PG, created if missing), seeded once with `seed_demo --size
  SOAK_SIZE` (default 20,000) and reused by later runs. It never reads
  DATABASE_URL, so a developer's own database is never filled with demo data;
- a redis-server of its own on a free port (so that it may stop it: the
  Redis on 6379 is never touched), a Celery worker, and gunicorn with 2
  workers and DEBUG=false, configured by gentrack/gunicorn.conf.py;
- SOAK_THREADS client threads (default 8) that together send SOAK_RATE
  requests a second (default 20) for SOAK_SECONDS (default 600): catalogue
  pages with filters, API list pages, cursor pages followed from `next`,
  small CSV downloads, and a demo maker's writes through the API with a
  token (create a draft, save a change to it, submit it);
- at a third of the run one gunicorn worker is killed with SIGKILL (the
  master starts another); at two thirds Redis is stopped and started again
  SOAK_REDIS_DOWN seconds later (default 5).

Every request is recorded (start, kind, status, latency). The report gives,
per kind, the requests, the failures within SOAK_FAULT_GRACE seconds
(default 10) of a fault and those outside, p50 and p99 latency; and the
resident memory (VmRSS) of each gunicorn worker at the start, the middle and
the end. It exits non-zero if a request failed outside the fault windows or
a worker's memory grew more than 20% after warm-up. SOAK_REPORT=path also
writes the report there as Markdown.
"""

import itertools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from soak_report import Run, report, server_times

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def setting(name, default, kind=int):
    raw = os.environ.get(name, "")
    if raw.strip() == "":
        return default
    try:
        return kind(raw)
    except ValueError:
        sys.exit(f"soak: {name} must be a number, not {raw!r}")


SECONDS = setting("SOAK_SECONDS", 600)
RATE = setting("SOAK_RATE", 20.0, float)
THREADS = setting("SOAK_THREADS", 8)
SIZE = setting("SOAK_SIZE", 20_000)
REDIS_DOWN = setting("SOAK_REDIS_DOWN", 5.0, float)
FAULT_GRACE = setting("SOAK_FAULT_GRACE", 10.0, float)
SAMPLE_EVERY = setting("SOAK_SAMPLE_EVERY", 5.0, float)
REQUEST_TIMEOUT = 30
MEMORY_GROWTH_ALLOWED = 0.20
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE_URL = os.environ.get("SOAK_DATABASE_URL") or f"{PG}/gentrack_soak"
MAKER = "maker-kenya"  # a showcase maker's demo login (demo/showcase.py)

# How often each kind of request comes in the mix, out of 100.
MIX = {"catalogue": 35, "api_list": 25, "cursor": 15, "csv": 5, "write": 20}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def log(message):
    print(f"soak {time.strftime('%H:%M:%S')} {message}", flush=True)


# Services ---------------------------------------------------------------------


class Redis:
    """A redis-server of the soak's own, that it may stop and start again on
    the same port."""

    def __init__(self, port):
        self.port = port
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, 20, "redis-server")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


def wait_for_port(port, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    sys.exit(f"soak: {what} did not listen on port {port} within {seconds} s")


def manage(env, *args, capture=False):
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=capture, text=True, timeout=900
    )
    if result.returncode != 0:
        sys.exit(f"soak: manage.py {' '.join(args)} failed:\n{result.stdout if capture else ''}{result.stderr or ''}")
    return result.stdout if capture else ""


def create_database_if_missing():
    import psycopg

    server, name = DATABASE_URL.rsplit("/", 1)
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
                log(f"created database {name}")
    except psycopg.OperationalError as error:
        sys.exit(f"soak: PostgreSQL at {server} cannot be reached (set BENCH_PG or SOAK_DATABASE_URL): {error}")


def prepare(env):
    create_database_if_missing()
    manage(env, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    out = manage(env, "seed_demo", "--size", str(SIZE), "--if-empty", capture=True)
    log(out.strip().splitlines()[0] + f" ({time.monotonic() - started:.0f} s)")
    if "Building" in out:
        # Fresh rows: without statistics the planner guesses, and list
        # pages take seconds instead of milliseconds (bench/run.sh does the same).
        import psycopg

        with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    manage(env, "collectstatic", "--noinput", "-v0")
    script = (
        "from django.contrib.auth import get_user_model;"
        "from rest_framework.authtoken.models import Token;"
        f"user = get_user_model().objects.get(username={MAKER!r});"
        "token, _ = Token.objects.get_or_create(user=user);"
        "print(token.key, user.memberships.values_list('maker_id', flat=True).first())"
    )
    token, maker_id = manage(env, "shell", "-c", script, capture=True).split()[-2:]
    return token, int(maker_id)


# Load -------------------------------------------------------------------------


@dataclass
class Sample:
    at: float  # seconds since the start of the load
    kind: str
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    ms: float
    error: str = ""
    path: str = ""


COALITIONS = [
    "gender-based-violence",
    "economic-justice-and-rights",
    "bodily-autonomy-and-srhr",
    "feminist-action-for-climate-justice",
    "technology-and-innovation",
    "feminist-movements-and-leadership",
]
REGIONS = ["africa", "americas_caribbean", "arab_states", "asia_pacific", "europe_central_asia"]
COUNTRIES = ["KE", "FR", "MX", "IN", "BR", "NG", "DE"]
DRAFT = {
    "description": "Coding clubs in forty secondary schools.",
    "coalitions": ["technology-and-innovation"],
    "commitment_types": ["programme"],
    "scope": "national",
    "countries": ["KE"],
    "start_year": 2025,
    "end_year": 2027,
}


class Client:
    """One client thread's requests. Each request opens its own connection,
    as gunicorn's sync workers close every connection after one answer."""

    def __init__(self, base, token, maker_id, rng):
        self.base, self.token, self.maker_id, self.rng = base, token, maker_id, rng
        self.next_cursor = None
        self.cursor_pages = 0
        self.drafts = []  # ids created and not submitted yet
        self.last_path = ""

    def request(self, method, path, body=None, token=False):
        url = path if path.startswith("http") else self.base + path
        self.last_path = f"{method} {url.removeprefix(self.base)}"
        headers = {"Accept": "text/html"}
        if "/api/" in path:
            headers["Accept"] = "text/csv" if "format=csv" in path else "application/json"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Token {self.token}"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def catalogue(self):
        params = self.rng.choice(
            [
                {"coalition": self.rng.choice(COALITIONS)},
                {"region": self.rng.choice(REGIONS), "page": self.rng.randint(1, 5)},
                {"reporting_status": self.rng.choice(["reported", "due", "overdue", "inactive"])},
                {"search": self.rng.choice(["girls", "climate", "violence", "rural"])},
                {"ordering": "-financial_amount_usd", "commitment_type": "financial"},
                {},
            ]
        )
        return self.request("GET", "/commitments/?" + urllib.parse.urlencode(params)), 200

    def api_list(self):
        params = self.rng.choice(
            [
                {"coalition": self.rng.choice(COALITIONS), "page_size": 50},
                {"country": self.rng.choice(COUNTRIES), "page": self.rng.randint(1, 3)},
                {"region": self.rng.choice(REGIONS), "reporting_status": "reported"},
                {"page_size": 100, "page": self.rng.randint(1, 20)},
            ]
        )
        return self.request("GET", "/api/v1/commitments/?" + urllib.parse.urlencode(params)), 200

    def cursor(self):
        if self.next_cursor is None or self.cursor_pages >= 20:
            self.next_cursor, self.cursor_pages = "/api/v1/commitments/?mode=cursor&page_size=200", 0
        status, body = self.request("GET", self.next_cursor)
        if status == 200:
            self.next_cursor = json.loads(body).get("next")
            self.cursor_pages += 1
        return (status, body), 200

    def csv(self):
        # One country and one coalition: some dozens of rows, a bounded download.
        params = {"format": "csv", "country": self.rng.choice(COUNTRIES), "coalition": self.rng.choice(COALITIONS)}
        return self.request("GET", "/api/v1/commitments/?" + urllib.parse.urlencode(params)), 200

    def write(self):
        """Create a draft; save a change to one; submit one, in turn."""
        step = self.rng.random()
        if self.drafts and step < 0.3:
            draft = self.drafts.pop()
            return self.request("POST", f"/api/v1/commitments/{draft}/submit/", token=True), 200
        if self.drafts and step < 0.6:
            draft = self.drafts[-1]
            return self.request("PATCH", f"/api/v1/commitments/{draft}/", {"title": self._title()}, token=True), 200
        body = {**DRAFT, "maker": self.maker_id, "title": self._title()}
        (status, answer) = self.request("POST", "/api/v1/commitments/", body, token=True)
        if status == 201:
            self.drafts.append(json.loads(answer)["id"])
        return (status, answer), 201

    def _title(self):
        return f"Soak draft {self.rng.randint(1, 10**6)}"


def run_client(client, kinds, interval, offset, started, ends_at, samples):
    """Paced: one request every `interval` seconds. A slow answer delays the
    next request rather than letting requests pile up."""
    next_at = started + offset
    for kind in kinds:
        now = time.monotonic()
        if now >= ends_at:
            return
        if next_at > now:
            time.sleep(next_at - now)
        next_at = max(next_at + interval, time.monotonic())
        begun = time.monotonic()
        error = ""
        client.last_path = ""
        try:
            (status, _body), expected = getattr(client, kind)()
            if status != expected:
                error = f"HTTP {status}"
        except (OSError, urllib.error.URLError, ValueError) as failure:  # no answer: reset, refused, timeout
            status, error = 0, type(getattr(failure, "reason", failure)).__name__
        elapsed = (time.monotonic() - begun) * 1000
        samples.append(Sample(begun - started, kind, status, elapsed, error, client.last_path if error else ""))


# Processes and memory ---------------------------------------------------------


def children_of(pid):
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def sample_memory(master, celery, started, ends_at, memory, stop):
    while not stop.is_set() and time.monotonic() < ends_at + 1:
        at = time.monotonic() - started
        for pid in children_of(master.pid):
            rss = rss_kib(pid)
            if rss is not None:
                memory.setdefault(pid, []).append((at, rss))
        rss = rss_kib(celery.pid)
        if rss is not None:
            memory.setdefault("celery", []).append((at, rss))
        stop.wait(SAMPLE_EVERY)


# After the load ---------------------------------------------------------------


def queue_left(port, seconds=20):
    """Messages still queued for the worker after the load has stopped: it
    drains the queue if it reconnected to Redis after the restart."""
    import redis

    client = redis.Redis(port=port, socket_timeout=5)
    deadline = time.monotonic() + seconds
    while True:
        left = client.llen("celery")
        if left == 0 or time.monotonic() > deadline:
            return left
        time.sleep(0.5)


# Main -------------------------------------------------------------------------


def main():
    if not shutil.which("redis-server"):
        sys.exit("soak: redis-server is needed (apt-get install redis-server)")
    redis = Redis(free_port())
    web_port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL"}}
    env.update(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
        DEBUG="false",
        SECRET_KEY="soak-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        # The load is the point: the throttles must not answer it with 429s.
        API_ANON_RATE="1000000/minute",
        API_USER_RATE="1000000/minute",
        HOST="127.0.0.1",
        PORT=str(web_port),
        WEB_CONCURRENCY="2",
        # Workers are never recycled here, so that a leak shows in their memory
        # instead of being reset by gunicorn's max_requests safety net.
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="WARNING",
    )
    log(f"database {DATABASE_URL.rsplit('/', 1)[1]}, redis on {redis.port}, gunicorn on {web_port}")
    logs = Path(tempfile.mkdtemp(prefix="gentrack-soak-"))
    log(f"server logs in {logs}")
    processes = []
    try:
        # Inside the try: whatever stops the soak, its Redis stops with it.
        redis.start()
        token, maker_id = prepare(env)
        celery = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "celery", "-A", "gentrack", "worker", "--concurrency", "1", "--loglevel", "WARNING"],
            cwd=ROOT,
            env=env,
            stdout=(logs / "celery.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        processes.append(celery)
        master = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "gunicorn", "-c", "gentrack/gunicorn.conf.py", "--access-logfile", str(logs / "access.log")]
            + ["gentrack.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=(logs / "gunicorn.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        processes.append(master)
        wait_for_port(web_port, 120, "gunicorn")
        while len(children_of(master.pid)) < 2:
            time.sleep(0.2)
        ok = soak(f"http://127.0.0.1:{web_port}", token, maker_id, master, celery, redis, logs / "access.log")
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
        redis.stop()
    sys.exit(0 if ok else 1)


def soak(base, token, maker_id, master, celery, redis, access_log):
    # Warm each worker up before the clock starts (first requests import and
    # compile templates), so that the first memory sample is the working size.
    warm = Client(base, token, maker_id, random.Random(0))
    for _ in range(6):
        warm.catalogue()
        warm.api_list()
    samples, memory, stop = [], {}, threading.Event()
    started = time.monotonic()
    ends_at = started + SECONDS
    # Daemon threads: on Ctrl-C the main thread stops the servers and the
    # clients do not outlive it.
    sampler = threading.Thread(target=sample_memory, args=(master, celery, started, ends_at, memory, stop), daemon=True)
    sampler.start()
    deck = [kind for kind, weight in MIX.items() for _ in range(weight)]
    interval = THREADS / RATE
    threads = []
    for index in range(THREADS):
        rng = random.Random(index)
        kinds = (rng.choice(deck) for _ in itertools.count())
        client = Client(base, token, maker_id, rng)
        thread = threading.Thread(
            target=run_client,
            args=(client, kinds, interval, index * interval / THREADS, started, ends_at, samples),
            daemon=True,
        )
        thread.start()
        threads.append(thread)
    log(f"load started: {SECONDS} s")

    faults = []
    time.sleep(max(0.0, started + SECONDS / 3 - time.monotonic()))
    first_worker = children_of(master.pid)
    killed = first_worker[0]
    os.kill(killed, signal.SIGKILL)
    at = time.monotonic() - started
    while set(children_of(master.pid)) - {killed} == set(first_worker) - {killed}:
        if time.monotonic() - started > at + 60:
            break
        time.sleep(0.1)
    faults.append(("gunicorn worker SIGKILL", at, time.monotonic() - started))
    log(f"killed worker {killed} at {at:.0f} s; replaced after {faults[-1][2] - at:.1f} s")

    time.sleep(max(0.0, started + 2 * SECONDS / 3 - time.monotonic()))
    at = time.monotonic() - started
    redis.stop()
    time.sleep(REDIS_DOWN)
    redis.start()
    faults.append(("Redis stopped and started", at, time.monotonic() - started))
    log(f"Redis down from {at:.0f} s to {faults[-1][2]:.0f} s")

    for thread in threads:
        thread.join(timeout=SECONDS + REQUEST_TIMEOUT + 30)
    stop.set()
    sampler.join()
    celery_alive = celery.poll() is None
    left = queue_left(redis.port)
    run = Run(SECONDS, RATE, THREADS, SIZE, FAULT_GRACE, list(MIX), MEMORY_GROWTH_ALLOWED)
    text, ok = report(run, samples, faults, memory, killed, celery_alive, left, server_times(access_log))
    print("\n" + text, flush=True)
    if os.environ.get("SOAK_REPORT"):
        Path(os.environ["SOAK_REPORT"]).write_text(text + "\n")
    return ok


if __name__ == "__main__":
    main()
