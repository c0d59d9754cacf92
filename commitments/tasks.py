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


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_join_decision(join_request_id):
    """Tell a user whether the owners of a maker accepted their request."""
    from django.core.mail import send_mail

    from .models import JoinRequest

    join_request = JoinRequest.objects.select_related("user", "maker").filter(pk=join_request_id).first()
    if join_request is None or not join_request.user.email or join_request.status == JoinRequest.Status.PENDING:
        return 0
    if join_request.status == JoinRequest.Status.ACCEPTED:
        subject = _("You can now act for %(maker)s") % {"maker": join_request.maker}
        body = _("Your request to join %(maker)s was accepted.") % {"maker": join_request.maker}
    else:
        subject = _("Your request to join %(maker)s") % {"maker": join_request.maker}
        body = _("Your request to join %(maker)s was declined.") % {"maker": join_request.maker}
    body = f"{body}\n\n{settings.SITE_URL}/my/organisations/"
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [join_request.user.email])
