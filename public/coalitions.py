"""The public page of an Action Coalition: what it works on, who leads it and
what has been committed to it."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from coalitions.models import ActionCoalition
from commitments.models import Commitment, Constituency
from core import formatting
from public.catalogue import load_rows

LATEST_ON_COALITION = 10


def _usd(amount):
    return formatting.money(amount or 0)


@require_GET
def coalition_detail(request, slug):
    coalition = get_object_or_404(ActionCoalition, slug=slug)
    approved = Commitment.objects.filter(status=Commitment.Status.APPROVED, coalitions=coalition)
    totals = approved.aggregate(
        commitments=Count("id"), makers=Count("maker_id", distinct=True), usd=Sum("financial_amount_usd")
    )
    in_approved = Q(commitments__status=Commitment.Status.APPROVED)
    areas = list(
        coalition.action_areas.annotate(
            approved_commitments=Count("commitments", filter=in_approved),
            usd=Sum("commitments__financial_amount_usd", filter=in_approved),
        ).order_by("number")
    )
    for area in areas:
        area.usd_display = _usd(area.usd)
    constituency_labels = dict(Constituency.choices)
    by_constituency = [
        {
            "label": constituency_labels.get(row["maker__constituency"], row["maker__constituency"]),
            "code": row["maker__constituency"],
            "commitments": row["commitments"],
            "usd": _usd(row["usd"]),
        }
        for row in approved.values("maker__constituency")
        .annotate(commitments=Count("id"), usd=Sum("financial_amount_usd"))
        .order_by("-commitments", "maker__constituency")
    ]
    leaders = list(coalition.leaders.select_related("maker__country").order_by("maker__name"))
    latest = load_rows(approved, 0, LATEST_ON_COALITION)
    return render(
        request,
        "coalitions/coalition_detail.html",
        {
            "coalition": coalition,
            "totals": totals,
            "usd_total": _usd(totals["usd"] or Decimal(0)),
            "areas": areas,
            "by_constituency": by_constituency,
            "leaders": leaders,
            "latest": latest,
        },
    )
