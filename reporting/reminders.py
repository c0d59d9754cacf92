"""Reminders to report progress before a reporting cycle closes.

A daily Celery beat job (CELERY_BEAT_SCHEDULE in settings) emails the members
of makers whose approved commitments have no submitted or accepted progress
report for the open cycle, 30, 7 and 1 days before it closes; commitments
that have ended or are completed are not chased. Each commitment
gets each step at most once: a ReminderSent row is claimed first under its
unique constraint and the email goes out only for rows this run created, so a
scheduler firing twice, or two workers at once, send nothing twice.

The beat runs it through the task `reporting.send_report_reminders` in
jobs/tasks.py.
"""

import datetime
from collections import defaultdict

from django.core.mail import send_mass_mail
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments.models import Commitment, Membership
from core import formatting
from core.languages import in_their_languages, site_link

from .models import (
    FINAL_IMPLEMENTATION_STATUSES,
    ProgressReport,
    ReminderSent,
    last_accepted_implementation_status,
)
from .services import current_open_cycle

# Days before the cycle closes on which makers are reminded.
REMINDER_STEPS = (30, 7, 1)


def due_step(cycle, day):
    """The reminder due on `day`: the nearest step not yet passed. A day the
    scheduler missed is caught up the next day, never sent twice."""
    days_left = (cycle.closes_on - day).days
    steps = [step for step in sorted(REMINDER_STEPS) if days_left <= step]
    return steps[0] if steps and days_left >= 0 else None


def commitments_lacking_a_report(cycle):
    """Approved commitments with no submitted or accepted report for `cycle`,
    less those that owe none: ended before the cycle's year, or completed or
    discontinued by their latest accepted report (the reporting states
    `ended` and `completed` of annotate_reporting_status)."""
    reported = ProgressReport.objects.filter(commitment=OuterRef("pk"), cycle=cycle, status__in=ProgressReport.COUNTED)
    return (
        Commitment.objects.filter(status=Commitment.Status.APPROVED, end_year__gte=cycle.year)
        .alias(last_accepted_implementation_status=last_accepted_implementation_status())
        .exclude(Exists(reported))
        # Spelled out for NULL (no accepted report yet), which NOT IN drops.
        .filter(
            Q(last_accepted_implementation_status__isnull=True)
            | ~Q(last_accepted_implementation_status__in=FINAL_IMPLEMENTATION_STATUSES)
        )
    )


def claim_reminders(cycle, step):
    """Create the ReminderSent rows of this step and return the ids of the
    commitments whose row this call created."""
    already = ReminderSent.objects.filter(cycle=cycle, days_before=step, commitment=OuterRef("pk"))
    candidates = commitments_lacking_a_report(cycle).exclude(Exists(already)).values_list("pk", flat=True)
    claimed = []
    for commitment_id in candidates.iterator(chunk_size=1000):
        # get_or_create survives a concurrent insert of the same row and says
        # whether this call made it; bulk_create(ignore_conflicts) cannot.
        _row, created = ReminderSent.objects.get_or_create(commitment_id=commitment_id, cycle=cycle, days_before=step)
        if created:
            claimed.append(commitment_id)
    return claimed


def reminder_messages(cycle, step, commitment_ids):
    """One email per member address per maker, listing that maker's
    commitments still to report on, in each member's language."""
    by_maker = defaultdict(list)
    commitments = (
        Commitment.objects.filter(pk__in=commitment_ids)
        .order_by("reference")
        .only("pk", "reference", "title", "maker_id")
    )
    for commitment in commitments:
        by_maker[commitment.maker_id].append(commitment)
    recipients = defaultdict(list)
    members = (
        Membership.objects.filter(maker_id__in=by_maker, user__is_active=True)
        .exclude(user__email="")
        .values_list("maker_id", "user_id", "user__email")
    )
    for maker_id, user_id, email in members:
        recipients[maker_id].append((user_id, email))
    messages = []
    for maker_id, items in by_maker.items():

        def compose(items=items):
            subject = ngettext(
                "%(days)d day left to report progress for the %(year)s cycle",
                "%(days)d days left to report progress for the %(year)s cycle",
                step,
            ) % {"days": step, "year": cycle.year}
            lines = [
                _("The %(year)s reporting cycle closes on %(closes)s. These commitments have no progress report yet:")
                % {"year": cycle.year, "closes": formatting.date(cycle.closes_on)},
                "",
                *[f"- {commitment.reference} {commitment.title}" for commitment in items],
                "",
                site_link("/my/"),
            ]
            return subject, "\n".join(str(line) for line in lines)

        messages.extend(in_their_languages(recipients[maker_id], compose))
    return messages


def send_report_reminders(day=None):
    """Send today's reminders, if any are due; returns how many emails went
    out. `day` (ISO date) is for tests and catching up by hand."""
    day = datetime.date.fromisoformat(day) if day else timezone.localdate()
    cycle = current_open_cycle(day)
    if cycle is None:
        return 0
    step = due_step(cycle, day)
    if step is None:
        return 0
    claimed = claim_reminders(cycle, step)
    if not claimed:
        return 0
    messages = reminder_messages(cycle, step, claimed)
    return send_mass_mail(messages, fail_silently=False) if messages else 0
