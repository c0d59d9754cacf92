"""Fixtures shared by every app's tests, and the rule that in CI nothing
skips for a missing service or browser."""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_or_skip(available, reason):
    """Skip a test whose service or browser is missing on a developer's
    machine; in CI, fail it instead, loudly."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI needs this and it is missing: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Unit tests run Celery tasks in-process; the tests that exercise a real
    worker opt out explicitly."""
    from gentrack.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture
def reviewer(db):
    from commitments.tests.factories import ReviewerFactory

    return ReviewerFactory()


@pytest.fixture
def member(db):
    """A user who owns one commitment maker: `member.maker` is it."""
    from commitments.tests.factories import MembershipFactory

    membership = MembershipFactory(role="owner")
    user = membership.user
    user.maker = membership.maker
    return user


@pytest.fixture
def open_cycle(db):
    from reporting.tests.factories import open_cycle

    return open_cycle()


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Throttle counters and cached figures must not leak between tests. Each
    test process keeps them in its own memory: with parallel test processes
    one shared Redis would let one test's clear() wipe another's counters,
    and the Celery messages queued beside them."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _english_pdf_only(settings):
    """Each language's PDF is two seconds of layout: compiles lay out the
    English one only, and the tests of the translated PDFs ask for theirs."""
    settings.REPORT_PDF_LANGUAGES = [settings.LANGUAGE_CODE]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Factories hash a password for every user; the default hasher's
    deliberate slowness would make the suite take minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# What the data migrations load (coalitions, action areas, themes, countries
# and their places, standard indicators, every name in every language), in
# the order it is written back.
MIGRATION_DATA = (
    "coalitions.Country",
    "coalitions.Subdivision",
    "coalitions.ActionCoalition",
    "coalitions.ActionArea",
    "coalitions.Theme",
    "coalitions.StandardIndicator",
    "coalitions.StandardIndicator_action_areas",
)
_migration_rows = {}


def _migration_models():
    from django.apps import apps

    return [apps.get_model(label) for label in MIGRATION_DATA]


def remember_migration_data():
    """Keep this process's copy of the migrations' rows, read while the
    database is as the migrations left it."""
    from django.utils import translation

    if _migration_rows:
        return
    with translation.override("en"):
        for model in _migration_models():
            # Every column by name: a bare values() would leave out the
            # other languages' columns (django-modeltranslation).
            columns = [field.attname for field in model._meta.concrete_fields]
            _migration_rows[model] = list(model.objects.values(*columns))


def restore_migration_data():
    """Load again what data migrations put in every database: a transactional
    test ends by flushing every table, and Django's post_migrate signal then
    recreates content types and permissions but not the reference data (with
    its translations) or the secretariat's groups. Written back from the copy
    `remember_migration_data` kept (running the migrations' own loaders and
    translations again would cost seconds per test)."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import translation

    from coalitions.models import Country

    if not Country.objects.exists():
        if not _migration_rows:
            for module, function in (
                ("0003_load_reference_data", "load"),
                ("0004_subdivisions", "load"),
                ("0005_standard_indicators", "load"),
                ("0007_fill_translated_names", "fill"),
                ("0009_fill_standard_indicator_names", "fill"),
            ):
                getattr(import_module(f"coalitions.migrations.{module}"), function)(apps, None)
        else:
            models = _migration_models()
            with transaction.atomic(), translation.override("en"):
                for model in models:
                    model.objects.bulk_create([model(**row) for row in _migration_rows[model]], batch_size=2000)
                with connection.cursor() as cursor:
                    for statement in connection.ops.sequence_reset_sql(no_style(), models):
                        cursor.execute(statement)
    if not Group.objects.exists():
        import_module("commitments.migrations.0004_roles").create_roles(apps, None)


@pytest.fixture(autouse=True)
def _migration_data_survives_flushes(request):
    """Transactional tests (live server, real workers) start from the data the
    migrations load, whatever ran before them. serialized_rollback is not
    used: mixed with plain transactional tests it restores content types that
    post_migrate has already recreated (pytest-dev/pytest-django#1117)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        from coalitions.models import Country

        request.getfixturevalue("transactional_db")
        if Country.objects.exists():
            remember_migration_data()
        restore_migration_data()
    yield


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Each test starts in the default language. A request or a test that
    activates another leaves it active in the thread, and with the language
    in the address even `reverse()` would then give that language's URLs
    (/fr/admin/…) to the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
