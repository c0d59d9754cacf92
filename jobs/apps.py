from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"

    def ready(self):
        # Register every task with Celery in every process (web and worker),
        # so that core.queue.enqueue_on_commit finds them by name.
        from . import account_mail, tasks  # noqa: F401
