"""
Settings for gentrack, read from the environment.

With nothing set, the project runs for development: DEBUG on, SQLite next to
manage.py, Celery tasks executed eagerly in-process and an in-memory cache.
`DATABASE_URL` switches to PostgreSQL, `REDIS_URL` to Redis as the Celery
broker and the cache. With DEBUG off, start-up refuses to go on without
`SECRET_KEY` and `ALLOWED_HOSTS`, naming the variable.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "api.errors.csrf_failure"  # the site's error page, in the request's language

SITE_URL = env("SITE_URL", "http://localhost:8000")

INSTALLED_APPS = [
    # The rooms whose templates override Django's own (registration/, admin/)
    # come before django.contrib.admin.
    "accounts",
    "backoffice",
    # Before django.contrib.admin, so that its admin integration and its
    # patched managers are in place when the admin and the models load.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    # No models: listed so that its CLDR catalogues of country names are
    # loaded for every language (coalitions/migrations/0007 reads them).
    "django_countries",
    "core",
    "coalitions",
    "commitments",
    "reporting",
    "jobs",
    "public",
    "workspace",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the rest, so that every answer gets the policy, the error
    # pages of the middleware below included.
    "csp.middleware.CSPMiddleware",
    # Before anything looks the path up (WhiteNoise's finders, the URL
    # resolver, views querying PostgreSQL, which refuses NUL in text).
    "gentrack.middleware.refuse_null_characters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is in the page's address (/fr/…); see the class.
    "gentrack.middleware.LanguageMiddleware",
    # After it: the API's ?lang= wins over Accept-Language.
    "gentrack.middleware.api_language_parameter",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gentrack.urls"
WSGI_APPLICATION = "gentrack.wsgi.application"
ASGI_APPLICATION = "gentrack.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Text boxes carry dir="auto" (core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.UserTextRenderer"

# Database: SQLite beside manage.py unless DATABASE_URL names another.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
    if not DATABASES["default"].get("ENGINE"):
        raise ImproperlyConfigured("DATABASE_URL names a database engine gentrack does not know.")
    if "postgresql" in DATABASES["default"]["ENGINE"] and not env_bool("DB_JIT", default=False):
        # PostgreSQL's JIT compiler costs hundreds of milliseconds on the
        # short, many-joined queries of list pages and pays off on none of them.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery broker and cache. Without it, tasks run eagerly in-process.
REDIS_URL = env("REDIS_URL")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://")

# The cache may live in another Redis database than the broker (CACHE_URL),
# so that clearing the cache can never drop queued jobs.
CACHE_URL = env("CACHE_URL", REDIS_URL)
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("CACHE_URL must start with redis://, rediss:// or unix://")

# The cache is a helper, not a foundation: while Redis is down or slower than
# CACHE_SOCKET_TIMEOUT_MS, every read is a miss and the site computes from
# PostgreSQL (core/cache.py). It asks Redis again every CACHE_RETRY_SECONDS
# and uses it as soon as it answers.
CACHE_SOCKET_TIMEOUT = env_int("CACHE_SOCKET_TIMEOUT_MS", 250) / 1000
CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 5)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "gentrack"),
            "OPTIONS": {
                "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
                "socket_timeout": CACHE_SOCKET_TIMEOUT,
                "retry_after": CACHE_RETRY_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 15 * 60)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 20 * 60)
# A message not acknowledged within this time is delivered again; it must be
# longer than the longest task, or a slow task would run twice at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 60 * 60)}
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # Daily: remind makers to report 30, 7 and 1 days before the open cycle
    # closes; safe to run twice (see reporting/reminders.py).
    "send-report-reminders": {
        "task": "reporting.send_report_reminders",
        "schedule": crontab(hour=6, minute=0),
    },
    # Just after midnight: the reporting statuses move with the date (a cycle
    # opens or closes by its dates), so the stored ones are worked out again
    # (reporting/stored_statuses.py); only the rows that changed are written.
    "refresh-reporting-statuses": {
        "task": "reporting.refresh_reporting_statuses",
        "schedule": crontab(hour=0, minute=5),
    },
    # The stored link codes the CSV and cursor pages read, written again from
    # the link tables (commitments/stored_codes.py).
    "refresh-link-codes": {
        "task": "commitments.refresh_stored_codes",
        "schedule": crontab(hour=0, minute=20),
    },
    # The day after a reporting cycle closes, compile its accountability report.
    "compile-closed-cycle-reports": {
        "task": "reporting.tasks.compile_closed_cycle_reports",
        "schedule": crontab(hour=2, minute=30),
    },
    # Every minute: queue again the long jobs (exports, imports, report
    # compiles) whose worker stopped beating, so another worker takes them
    # over (jobs/claims.py); safe to run twice.
    "requeue-stale-jobs": {
        "task": "jobs.tasks.requeue_stale_jobs",
        "schedule": 60.0,
    },
    # The public figures (reporting.summaries): those a change asked for,
    # and all of them once they are SUMMARY_MAX_AGE_SECONDS old.
    "refresh-summaries": {
        "task": "reporting.refresh_summaries_if_due",
        "schedule": env_int("SUMMARY_MIN_SECONDS", 30),
        "options": {"expires": env_int("SUMMARY_MIN_SECONDS", 30)},
    },
    # Send the outbox rows whose broker hand-off failed (core.queue). A sweep
    # not started within its own period is dropped: the next one does its work.
    "sweep-outbox": {
        "task": "core.outbox.sweep",
        "schedule": env_int("OUTBOX_SWEEP_SECONDS", 30),
        "options": {"expires": env_int("OUTBOX_SWEEP_SECONDS", 30)},
    },
}
# The stored public figures are refreshed at most once every
# SUMMARY_MIN_SECONDS after changes, and at least every SUMMARY_MAX_AGE_SECONDS.
SUMMARY_MIN_SECONDS = env_int("SUMMARY_MIN_SECONDS", 30)
SUMMARY_MAX_AGE_SECONDS = env_int("SUMMARY_MAX_AGE_SECONDS", 3600)
# The modules that register a family of stored figures (reporting.summaries).
SUMMARY_FAMILIES = ["public.dashboard", "public.coalitions", "reporting.countries"]
# Seconds without a heartbeat after which a running job's worker is taken for
# dead and another may take the job over: JOB_STALE_AFTER for every long job,
# REPORT_STALE_AFTER (if set) for the report compile.
JOB_STALE_AFTER = env_int("JOB_STALE_AFTER", 120)
# A job whose worker died this many times is failed rather than tried again.
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 3)
REPORT_STALE_AFTER = env_int("REPORT_STALE_AFTER", JOB_STALE_AFTER)
# The outbox (core.queue): work promised by a commit waits in the database
# until the broker takes it. After commit, one try of at most
# OUTBOX_PUBLISH_TIMEOUT seconds; once it fails, the process stops trying at
# once for OUTBOX_PUBLISH_PAUSE seconds and leaves rows to the sweep, which
# retries each after OUTBOX_RETRY_SECONDS, doubling up to
# OUTBOX_RETRY_MAX_SECONDS, and gives up (failed, in the admin) after
# OUTBOX_MAX_ATTEMPTS tries. Sent rows are kept OUTBOX_KEEP_DAYS days.
OUTBOX_PUBLISH_TIMEOUT = env_int("OUTBOX_PUBLISH_TIMEOUT", 1)
OUTBOX_PUBLISH_PAUSE = env_int("OUTBOX_PUBLISH_PAUSE", 10)
OUTBOX_CLAIM_SECONDS = env_int("OUTBOX_CLAIM_SECONDS", 60)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 30)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 60 * 60)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 12)
OUTBOX_SWEEP_BUDGET_SECONDS = env_int("OUTBOX_SWEEP_BUDGET_SECONDS", 20)
OUTBOX_KEEP_DAYS = env_int("OUTBOX_KEEP_DAYS", 14)

# Uploaded spreadsheets (the commitment import) are hostile until read; see
# jobs/reading.py. The web request only looks at the name, the size, the first
# bytes and an .xlsx's zip directory; the worker reads the rows within these caps.
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("IMPORT_MAX_UNCOMPRESSED_BYTES", 100 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)
IMPORT_MAX_SECONDS = env_int("IMPORT_MAX_SECONDS", 120)
# The import is the only file users upload: every uploaded file stops being
# stored one byte past IMPORT_MAX_UPLOAD_BYTES (the form then refuses it by
# its size), so a huge body cannot fill the disk; files over 2.5 MB (Django's
# default FILE_UPLOAD_MAX_MEMORY_SIZE) are spooled to disk, not memory.
FILE_UPLOAD_HANDLERS = [
    "core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 5

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"  # a friendly page, not a bare 429

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my-home"  # a name, so that it keeps the language of the page
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    # The sixth UN language. Django's code for Simplified Chinese; its
    # catalogue lives in locale/zh_Hans/.
    ("zh-hans", _("Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Set by the language switch (gentrack/switch.py): it sends a visitor from an
# English (unprefixed) address to the one in their language, for a year.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
# Reference data (coalitions, action areas, themes, countries, sub-national
# places) is stored in every UN language, one column per language beside the
# English one (coalitions/translation.py). Chinese is listed here even before
# the interface speaks it, so the database holds it already; a language
# missing for a row falls back to English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The languages the report compile lays the PDF out in, each from the same
# figures (about 2 s of layout apiece); the others download the English one.
REPORT_PDF_LANGUAGES = env_list("REPORT_PDF_LANGUAGES") or [code for code, _name in LANGUAGES]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# collectstatic (run by `make serve`) fingerprints and compresses every file
# at each start: only the fingerprinted copies are kept, and source maps,
# fetched only by a browser's developer tools, are not compressed. Together
# they cut its time from about a minute to seconds.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "gentrack <noreply@localhost>")

# Content-Security-Policy on every page (django-csp). Everything the pages
# run or style comes from our own static files: no inline script, no inline
# style, no htmx hx-on attributes; a script injected into user text would not
# run. SVG charts are drawn inline, icons in the admin and Swagger UI are
# data: images. Responses that set their own policy (the report's
# standalone HTML document) keep it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "api.renderers.CSVRenderer"],
    # DRF's JSON parser with a bound on nesting (a deep body is a 400, not a RecursionError).
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.AnonThrottle", "api.throttles.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", "60/minute"),
        "user": env("API_USER_RATE", "1200/minute"),
    },
    # How many proxies of our own stand in front of gunicorn. Throttles count
    # requests per client address: with 0 it is the connection's address and
    # X-Forwarded-For is ignored (a caller could write any address there);
    # behind N proxies it is the address the outermost of ours saw.
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "gentrack API",
    "DESCRIPTION": "Commitments to the Generation Equality Action Coalitions, their progress reports and accountability reports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A fourth "status" (deliverables') leaves drf-spectacular no good name.
    "ENUM_NAME_OVERRIDES": {
        "DeliverableStatusEnum": "commitments.measure_models.DeliverableStatus",
        "CommitmentStatusEnum": "commitments.models.Commitment.Status",
        "ProgressReportStatusEnum": "reporting.models.ProgressReport.Status",
        "AccountabilityReportStatusEnum": "reporting.models.AccountabilityReport.Status",
    },
}

# Security headers. HTTPS-only settings follow DEBUG so that development over
# plain HTTP works and production is strict by default.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint tells every step of every page of every PDF at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
