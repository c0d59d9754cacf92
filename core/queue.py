"""Queue background work by the task's name once the current transaction
commits.

The domain's services decide that work must follow a change (an email after a
review decision, a compile after a request) but must not import the `jobs`
package that does it: the arrows point from the jobs to the domain, never
back. So a service names the task, and Celery's registry finds it. The
`jobs` app imports its tasks when Django starts (`JobsConfig.ready`), in the
web processes as in the workers, so every name is registered before a request
can be served; an unknown name fails loudly in the tests.
"""

from celery import current_app
from django.db import transaction


def enqueue_on_commit(task_name, *args):
    """Send `task_name(*args)` to the workers after the surrounding
    transaction commits (at once outside one); nothing is sent if it rolls
    back. With CELERY_TASK_ALWAYS_EAGER the task runs in-process instead."""
    task = current_app.tasks[task_name]
    transaction.on_commit(lambda: task.delay(*args))
