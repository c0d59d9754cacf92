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
from reporting import summaries

LATEST_ON_COALITION = 10
FIGURES = "coalitions"


def _usd(amount):
    return formatting.money(amount or 0)


def compute_figures():
    """The figures of every coalition page, by slug: its totals, its areas'
    counts and amounts, and its commitments by constituency of the maker.
    Computed by a worker (reporting.summaries), never per request."""
    in_approved = Q(commitments__status=Commitment.Status.APPROVED)
    result = {}
    for coalition in ActionCoalition.objects.order_by("pk"):
        approved = Commitment.objects.filter(status=Commitment.Status.APPROVED, coalitions=coalition)
        totals = approved.aggregate(
            commitments=Count("id"), makers=Count("maker_id", distinct=True), usd=Sum("financial_amount_usd")
        )
        areas = coalition.action_areas.annotate(
            approved_commitments=Count("commitments", filter=in_approved),
            usd=Sum("commitments__financial_amount_usd", filter=in_approved),
        ).values("pk", "approved_commitments", "usd")
        by_constituency = (
            approved.values("maker__constituency")
            .annotate(commitments=Count("id"), usd=Sum("financial_amount_usd"))
            .order_by("-commitments", "maker__constituency")
        )
        result[coalition.slug] = {
            "totals": totals,
            "areas": {str(area["pk"]): [area["approved_commitments"], area["usd"]] for area in areas},
            "by_constituency": [
                [row["maker__constituency"], row["commitments"], row["usd"]] for row in by_constituency
            ],
        }
    return result


summaries.register(FIGURES, compute_figures)


@require_GET
def coalition_detail(request, slug):
    coalition = get_object_or_404(ActionCoalition, slug=slug)
    every, refreshed_at = summaries.read(FIGURES)
    figures = every.get(slug) or {
        "totals": {"commitments": 0, "makers": 0, "usd": None},
        "areas": {},
        "by_constituency": [],
    }
    totals = figures["totals"]
    areas = list(coalition.action_areas.order_by("number"))
    for area in areas:
        area.approved_commitments, area.usd = figures["areas"].get(str(area.pk), [0, None])
        area.usd_display = _usd(area.usd)
    constituency_labels = dict(Constituency.choices)
    by_constituency = [
        {"label": constituency_labels.get(code, code), "code": code, "commitments": commitments, "usd": _usd(usd)}
        for code, commitments, usd in figures["by_constituency"]
    ]
    leaders = list(coalition.leaders.select_related("maker__country").order_by("maker__name"))
    approved = Commitment.objects.filter(status=Commitment.Status.APPROVED, coalitions=coalition)
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
            "figures_refreshed_at": refreshed_at,
        },
    )
