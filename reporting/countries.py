"""What gentrack knows about a country (or a UN Women region): the public
commitments that cover it, their figures, and the breakdowns the country page
and the API show.

A country's commitments are exactly what the catalogue lists when filtered by
that country (`CommitmentFilterSet`, `country=<code>`): the public
(approved and withdrawn) commitments whose countries include it. A region's
are those covering any of its countries. Every figure is an aggregate in SQL;
the set of them is cached for a minute through the project's cache, which
turns a Redis outage into misses, so a page never fails for want of it. The
cache holds codes and numbers only; labels are looked up at render time.
"""

from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone

from coalitions.models import ActionCoalition, CoalitionLeader, Country, Subdivision
from commitments.models import Commitment, CommitmentMaker

from .filters import CommitmentFilterSet
from .models import ReportingStatus, annotate_reporting_status, reporting_rate_of

FIGURES_CACHE_SECONDS = 60
# The makers listed on a page, most commitments first; the rest are one
# catalogue filter away.
MAKERS_LISTED = 50


def commitments_in(codes, queryset=None):
    """The public commitments covering any of the countries `codes`, through
    the catalogue's own filter so that the two can never disagree. Another
    `queryset` (every status, for a focal point) is filtered the same way."""
    queryset = Commitment.objects.public() if queryset is None else queryset
    filterset = CommitmentFilterSet({"country": list(codes)}, queryset=queryset)
    filterset.is_valid()
    return filterset.qs


def _figures(commitments, codes, with_places):
    ids = commitments.values("pk")
    approved = Q(status=Commitment.Status.APPROVED)
    totals = commitments.aggregate(
        commitments=Count("id"),
        approved=Count("id", filter=approved),
        makers=Count("maker_id", distinct=True),
        usd=Sum("financial_amount_usd", filter=approved),
    )
    by_coalition = dict(
        Commitment.coalitions.through.objects.filter(commitment_id__in=ids)
        .values("actioncoalition_id")
        .annotate(n=Count("commitment_id"))
        .values_list("actioncoalition_id", "n")
    )
    coalitions = [
        {"code": slug, "commitments": by_coalition[pk]}
        for pk, slug in ActionCoalition.objects.values_list("pk", "slug")
        if by_coalition.get(pk)
    ]
    places = []
    if with_places:
        places = [
            {"code": row["subdivision_id"], "commitments": row["n"]}
            for row in Commitment.places.through.objects.filter(commitment_id__in=ids, subdivision__country__in=codes)
            .values("subdivision_id")
            .annotate(n=Count("commitment_id"))
            .order_by("-n", "subdivision_id")
        ]
    statuses = dict(
        annotate_reporting_status(commitments.filter(approved))
        .order_by()
        .values("reporting_status")
        .annotate(n=Count("id"))
        .values_list("reporting_status", "n")
    )
    return {
        "commitments": totals["commitments"],
        "approved": totals["approved"],
        "makers": totals["makers"],
        "makers_based": CommitmentMaker.objects.filter(
            country__in=codes, pk__in=Commitment.objects.public().values("maker_id")
        ).count(),
        "usd": totals["usd"] or Decimal(0),
        "rate": _with_percent(reporting_rate_of(statuses, timezone.localdate())),
        "reporting_statuses": [{"code": code, "commitments": statuses.get(code, 0)} for code in ReportingStatus.values],
        "by_coalition": coalitions,
        "by_place": places,
    }


def _with_percent(rate):
    if rate is not None:
        rate["percent"] = round(100 * rate["reported"] / rate["owing"]) if rate["owing"] else None
    return rate


def figures(key, codes, with_places=True):
    """The headline figures and breakdowns of the commitments covering
    `codes`, cached under `key` for a minute."""
    cache_key = f"countries:figures:v2:{key}"
    result = cache.get(cache_key)
    if result is None:
        result = _figures(commitments_in(codes), codes, with_places)
        cache.set(cache_key, result, FIGURES_CACHE_SECONDS)
    return result


def makers_based_in(codes):
    """Makers based in `codes` that have public commitments, with how many."""
    public = Q(commitments__status__in=[Commitment.Status.APPROVED, Commitment.Status.WITHDRAWN])
    return list(
        CommitmentMaker.objects.filter(country__in=codes)
        .annotate(public_commitments=Count("commitments", filter=public))
        .filter(public_commitments__gt=0)
        .select_related("country")
        .order_by("-public_commitments", "name", "id")[:MAKERS_LISTED]
    )


def makers_committed_in(commitments):
    """Makers (based anywhere) with public commitments covering the place,
    with how many of them."""
    counts = list(
        commitments.order_by()
        .values("maker_id")
        .annotate(n=Count("id"))
        .order_by("-n", "maker_id")
        .values_list("maker_id", "n")[:MAKERS_LISTED]
    )
    makers = CommitmentMaker.objects.select_related("country").in_bulk([pk for pk, _ in counts])
    rows = []
    for pk, n in counts:
        maker = makers[pk]
        maker.public_commitments = n
        rows.append(maker)
    return rows


def leaders_from(codes):
    """The coalition leaderships held by makers based in `codes` (Kenya
    co-leads Gender-Based Violence)."""
    return list(
        CoalitionLeader.objects.filter(maker__country__in=codes)
        .select_related("coalition", "maker")
        .order_by("coalition__order", "maker__name")
    )


def countries_with_commitments():
    """Every country that public commitments cover, with how many and the
    makers based there, as a list of dicts (code, name, region, commitments,
    makers), by name. One grouped query each, cached for a minute."""
    cache_key = "countries:index:v1"
    result = cache.get(cache_key)
    if result is None:
        counts = dict(
            Commitment.countries.through.objects.filter(
                commitment__status__in=[Commitment.Status.APPROVED, Commitment.Status.WITHDRAWN]
            )
            .values("country_id")
            .annotate(n=Count("commitment_id"))
            .values_list("country_id", "n")
        )
        makers = dict(
            CommitmentMaker.objects.filter(pk__in=Commitment.objects.public().values("maker_id"))
            .values("country_id")
            .annotate(n=Count("id"))
            .values_list("country_id", "n")
        )
        result = [
            {"code": code, "name": name, "region": region, "commitments": counts[code], "makers": makers.get(code, 0)}
            for code, name, region in Country.objects.filter(code__in=counts).values_list("code", "name", "region")
        ]
        cache.set(cache_key, result, FIGURES_CACHE_SECONDS)
    return result


def country_codes_of(region):
    return list(Country.objects.filter(region=region).values_list("code", flat=True))


def place_names(codes):
    return dict(Subdivision.objects.filter(pk__in=codes).values_list("pk", "name"))
