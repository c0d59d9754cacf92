"""The project's settings plus the plain-DRF peer's routes (bench/urls.py),
for `make bench` only."""

from gentrack.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
