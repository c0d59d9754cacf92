"""The outbox: follow-up work that a change of data has promised, kept in
the database beside the change until the broker has taken it.

A review decision must be followed by its email, a report request by its
compile. Sending the Celery message straight after commit loses the work when
the broker is down at that moment; writing a row in the same transaction
means the work exists exactly when the change does, and a periodic sweep
sends it once the broker answers again (core.queue)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One Celery task promised by a committed change: its name and its
    arguments, and how sending it has gone. Pending until the broker (or, in
    eager mode, the in-process run) has taken it; failed after too many
    attempts, for staff to look at and retry from the admin."""

    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(
        _("given up"), null=True, blank=True, help_text=_("Set after the last allowed attempt failed.")
    )
    done_at = models.DateTimeField(
        _("done"),
        null=True,
        blank=True,
        help_text=_("When a task that must act only once (an email) recorded that it has acted."),
    )
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The sweep's query: what is still to send and due.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
                name="outbox_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)!r} #{self.pk}"

    @property
    def state(self):
        if self.sent_at:
            return "sent"
        if self.failed_at:
            return "failed"
        return "pending"


class AccountPreference(models.Model):
    """What a person chose for themselves: the language their emails are
    written in. Set at sign-up from the language they were reading the site
    in, changed on their account page; someone without a row gets the site's
    default language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="preference"
    )
    # Not `choices`: a language added to LANGUAGES would need a migration.
    language = models.CharField(_("language of emails"), max_length=10)

    class Meta:
        verbose_name = _("account preference")
        verbose_name_plural = _("account preferences")

    def __str__(self):
        return f"{self.user}: {self.language}"
