"""Celery jobs of the commitments app. Tasks receive ids and re-fetch, so a
message delivered twice or late acts on the current state of the database."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from .models import ReviewEvent


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_review_notification(event_id):
    """Tell the members of the maker concerned about a review decision."""
    event = (
        ReviewEvent.objects.select_related("commitment__maker", "progress_report__cycle").filter(pk=event_id).first()
    )
    if event is None:  # rolled back or deleted since: nothing to tell
        return 0
    commitment = event.commitment
    recipients = list(
        commitment.maker.memberships.filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return 0
    subject = _("%(action)s: %(title)s") % {"action": event.get_action_display(), "title": commitment.title}
    lines = [
        _("%(action)s — %(reference)s %(title)s")
        % {"action": event.get_action_display(), "reference": commitment.reference, "title": commitment.title},
    ]
    if event.progress_report_id:
        lines.append(_("Progress report for the %(year)s cycle.") % {"year": event.progress_report.cycle.year})
    if event.comment:
        lines += ["", _("Comment from the secretariat:"), event.comment]
    lines += ["", f"{settings.SITE_URL}/my/"]
    body = "\n".join(str(line) for line in lines)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    return send_mass_mail(messages, fail_silently=False)
