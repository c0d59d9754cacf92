"""The Celery application. Settings come from Django's, under CELERY_."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gentrack.settings")

app = Celery("gentrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
