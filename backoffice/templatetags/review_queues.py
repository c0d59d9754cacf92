"""The admin index's "waiting for review" box: how many commitments and
progress reports wait in each queue, for the queues the user may see. One
count query per queue, whatever the size of the tables."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("admin/review/queue_counts.html", takes_context=True)
def review_queue_counts(context):
    from commitments.models import Commitment, CommitmentAwaitingReview
    from reporting.models import ProgressReport, ProgressReportAwaitingReview

    user = context["request"].user
    queues = []
    if user.has_perm("commitments.view_commitment") or user.has_perm("commitments.review_commitment"):
        queues.append(
            {
                "label": CommitmentAwaitingReview._meta.verbose_name_plural,
                "count": Commitment.objects.filter(status=Commitment.Status.SUBMITTED).count(),
                "url": reverse("admin:commitments_commitmentawaitingreview_changelist"),
            }
        )
    if user.has_perm("reporting.view_progressreport") or user.has_perm("reporting.review_progressreport"):
        queues.append(
            {
                "label": ProgressReportAwaitingReview._meta.verbose_name_plural,
                "count": ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED).count(),
                "url": reverse("admin:commitments_progressreportawaitingreview_changelist"),
            }
        )
    return {"queues": queues, "title": _("Waiting for review")}
