"""Send the due outbox messages now, in this process.

For operators: Celery beat runs the same sweep every OUTBOX_SWEEP_SECONDS, but
a site run without beat (`make run`, eager tasks) has nothing else to retry
a follow-up whose task failed; and after an outage, `--all` sends every
unsent message at once instead of waiting for each one's backoff.
"""

from django.core.management.base import BaseCommand

from core import queue
from core.models import OutboxMessage


class Command(BaseCommand):
    help = "Send the outbox messages that are due (with --all: every unsent one, given-up ones included)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Do not wait for backoffs; retry given-up messages too.")

    def handle(self, *args, all=False, **options):
        if all:
            pks = list(OutboxMessage.objects.filter(sent_at__isnull=True).values_list("pk", flat=True))
            counts = queue.retry_now(pks)
        else:
            counts = queue.sweep()
        waiting = OutboxMessage.objects.filter(sent_at__isnull=True, failed_at__isnull=True).count()
        given_up = OutboxMessage.objects.filter(sent_at__isnull=True, failed_at__isnull=False).count()
        self.stdout.write(
            f"{counts['sent']} sent, {counts['not_sent']} not sent; {waiting} waiting, {given_up} given up."
        )
