"""`make serve` starts a production site that works first time: from a fresh
checkout, with DEBUG off, pages, static files, the health check and the API
answer 200 (before it, every page answered 500 until someone had run
collectstatic by hand), and Ctrl-C stops everything it started."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from io import BytesIO
from pathlib import Path

import pytest

from conftest import require_or_skip

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 180

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "serve-test-secret-" + "k" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "HOST": "127.0.0.1",
    # Plain HTTP on loopback, as the README's try-out does.
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECURE_HSTS_SECONDS": "0",
    "WEB_CONCURRENCY": "2",
}
# What the developer's or CI's shell may hold that a production start must
# not inherit: the test's own database and broker, make's jobserver.
DROPPED = {
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "MAKEFLAGS",
    "MFLAGS",
    "MAKELEVEL",
    "CELERY_TASK_ALWAYS_EAGER",
}


def production_env(**overrides):
    env = {key: value for key, value in os.environ.items() if key not in DROPPED}
    env.update(PRODUCTION)
    env.update(overrides)
    return env


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def fresh_checkout(tmp_path):
    """The committed tree, as `git clone` would give it: no staticfiles/,
    no compiled catalogues, no database. The shared virtualenv is linked in
    rather than installed again."""
    require_or_skip(shutil.which("git") and shutil.which("make"), "git and make are needed")
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, timeout=60)
    require_or_skip(archive.returncode == 0, "not a git checkout: " + archive.stderr.decode(errors="replace"))
    checkout = tmp_path / "checkout"
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        # Our own archive; the "data" filter (Python 3.11.4+) only where it exists.
        tar.extractall(checkout, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))  # noqa: S202
    (checkout / ".venv").symlink_to(Path(sys.prefix))
    return checkout


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def wait_until_up(server, base, output):
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"make serve exited with {server.returncode}:\n{output.read_text()[-4000:]}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).close()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    pytest.fail(f"make serve did not answer within {START_SECONDS} s:\n{output.read_text()[-4000:]}")


def start_serve(checkout, env):
    output = checkout / "serve.log"
    # -o: the linked virtualenv is installed already; make must not reinstall
    # it because the fresh requirements files look newer than its stamp.
    server = subprocess.Popen(
        ["make", "-o", ".venv/.installed", "serve"],
        cwd=checkout,
        env=env,
        stdout=output.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a process group of its own, to send it Ctrl-C
    )
    return server, output


def press_ctrl_c(server):
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        pytest.fail("make serve did not stop within 60 s of Ctrl-C")


def port_is_closed(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_fresh_checkout_serves_pages_static_files_and_the_api_with_debug_off(fresh_checkout):
    port = free_port()
    env = production_env(SQLITE_PATH=str(fresh_checkout / "db.sqlite3"), PORT=str(port))
    server, output = start_serve(fresh_checkout, env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(server, base, output)
        home_status, home = get(base + "/")
        statuses = {path: get(base + path)[0] for path in ["/commitments/", "/healthz", "/api/v1/commitments/"]}
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home)
        css_status, css = get(base + stylesheet.group(1)) if stylesheet else (None, "")
    finally:
        press_ctrl_c(server)

    log = output.read_text()
    assert home_status == 200, log[-4000:]
    assert statuses == {"/commitments/": 200, "/healthz": 200, "/api/v1/commitments/": 200}, log[-4000:]
    assert stylesheet, "the home page names no fingerprinted stylesheet"
    assert css_status == 200 and "{" in css
    assert port_is_closed(port), "gunicorn still listens after Ctrl-C"


def test_serve_names_the_missing_secret_key_without_a_traceback(fresh_checkout):
    env = production_env(SECRET_KEY="", SQLITE_PATH=str(fresh_checkout / "db.sqlite3"))
    result = subprocess.run(
        ["make", "-o", ".venv/.installed", "serve"],
        cwd=fresh_checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert "SECURE_SSL_REDIRECT=false" in result.stderr  # how to try it out over plain HTTP
    assert "Traceback" not in result.stderr + result.stdout
    assert not (fresh_checkout / "db.sqlite3").exists(), "it went on to migrate"


def test_a_server_started_without_collected_static_files_refuses_to_boot(fresh_checkout):
    """Started by hand, skipping collectstatic: gunicorn stops with the
    command to run instead of serving 500s."""
    env = production_env(SQLITE_PATH=str(fresh_checkout / "db.sqlite3"), PORT=str(free_port()))
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gentrack/gunicorn.conf.py", "gentrack.wsgi"],
        cwd=fresh_checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "collectstatic --noinput" in result.stdout + result.stderr


def test_when_one_of_the_processes_dies_the_others_are_stopped_and_serve_fails(monkeypatch):
    """A site whose worker has died must not go on looking healthy: the set
    stops, so that the process manager restarts it whole."""
    from gentrack import serve

    programs = {
        "web": [sys.executable, "-c", "import time; time.sleep(120)"],
        "worker": [sys.executable, "-c", "import sys, time; time.sleep(1); sys.exit(3)"],
    }
    monkeypatch.setattr(serve, "commands", lambda environ: programs)
    started = time.monotonic()
    launched = []
    real_popen = subprocess.Popen

    def recording_popen(*args, **kwargs):
        child = real_popen(*args, **kwargs)
        launched.append(child)
        return child

    monkeypatch.setattr(serve.subprocess, "Popen", recording_popen)

    exit_code = serve.run(environ={}, grace=10)

    assert exit_code == 1
    assert time.monotonic() - started < 30, "the web process was left running until it ended by itself"
    assert all(child.poll() is not None for child in launched)


def start_redis(port):
    return subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def pid_is_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too: only its parent has not collected it yet.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


@pytest.mark.services
def test_with_redis_a_worker_and_beat_run_beside_gunicorn_and_ctrl_c_stops_all_three(fresh_checkout):
    require_or_skip(shutil.which("redis-server"), "redis-server is not installed")
    redis_port, web_port = free_port(), free_port()
    # A Redis of its own: a worker on the suite's broker would take the other tests' jobs.
    redis = start_redis(redis_port)
    env = production_env(
        SQLITE_PATH=str(fresh_checkout / "db.sqlite3"),
        PORT=str(web_port),
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        CELERY_CONCURRENCY="1",
    )
    try:
        server, output = start_serve(fresh_checkout, env)
        try:
            wait_until_up(server, f"http://127.0.0.1:{web_port}", output)
            started = re.search(
                r"started web \(pid (\d+)\), worker \(pid (\d+)\), beat \(pid (\d+)\)", output.read_text()
            )
            assert started, output.read_text()[-4000:]
            pids = [int(pid) for pid in started.groups()]
            assert all(pid_is_alive(pid) for pid in pids)
        finally:
            press_ctrl_c(server)
    finally:
        redis.terminate()
        redis.wait(timeout=10)

    assert not [pid for pid in pids if pid_is_alive(pid)], "a process outlived Ctrl-C"
    assert port_is_closed(web_port)
