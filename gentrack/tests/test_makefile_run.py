"""`make run` serves with the SITE_URL that emails and CSV links use: the
address it serves on, or the one given."""

import os
import shutil
import subprocess
from pathlib import Path

from conftest import require_or_skip

ROOT = Path(__file__).resolve().parents[2]


def dry_run(*args, env=None):
    """The runserver line `make -n run` prints (nothing is run)."""
    if env is None:
        env = {name: value for name, value in os.environ.items() if name != "SITE_URL"}
    require_or_skip(shutil.which("make"), "needs make")
    result = subprocess.run(
        ["make", "-n", "run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return [line for line in result.stdout.splitlines() if "manage.py runserver" in line]


def test_the_server_of_make_run_links_to_the_address_it_serves_on():
    assert dry_run("PORT=9001") == [
        "SITE_URL=http://127.0.0.1:9001 .venv/bin/python manage.py runserver 127.0.0.1:9001"
    ]


def test_a_site_url_given_to_make_run_reaches_the_server():
    env = {**os.environ, "SITE_URL": "https://gentrack.example.org"}

    (line,) = dry_run(env=env)

    assert line.startswith("SITE_URL=https://gentrack.example.org ")
