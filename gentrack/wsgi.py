"""The WSGI application that gunicorn serves (see gentrack/gunicorn.conf.py)."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gentrack.settings")
application = get_wsgi_application()


def refuse_uncollected_static_files():
    """With DEBUG off every page names its CSS through the manifest that
    `collectstatic` writes; without it each page would answer 500 while
    /healthz said all was well. Refuse to start instead, saying what to run."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and not staticfiles_storage.exists(manifest):
        raise ImproperlyConfigured(
            f"The static files have not been collected ({staticfiles_storage.path(manifest)} is missing): "
            "run `python manage.py collectstatic --noinput` before starting the server (`make serve` does)."
        )


refuse_uncollected_static_files()
