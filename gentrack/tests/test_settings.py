"""Start-up refuses unsafe or malformed configuration and names the variable."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start(**overrides):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "gentrack.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = start(DEBUG="false", ALLOWED_HOSTS="example.org", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_mode_refuses_to_start_without_allowed_hosts():
    result = start(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="")

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_a_malformed_redis_url_is_named():
    result = start(REDIS_URL="localhost:6379")

    assert result.returncode != 0
    assert "REDIS_URL must start with" in result.stderr


def test_a_malformed_debug_flag_is_named():
    result = start(DEBUG="perhaps")

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_development_mode_starts_with_nothing_set():
    result = start()

    assert result.returncode == 0, result.stderr


def test_deploy_checks_pass_under_production_settings():
    # The browser tests allow async-unsafe ORM calls in this process; a real
    # deployment must not inherit that.
    dropped = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(DEBUG="false", SECRET_KEY="a-long-random-production-secret-" + "k" * 40, ALLOWED_HOSTS="example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
