"""What gentrack knows about a country (or a UN Women region): the public
commitments that cover it, their figures, and the breakdowns the country page
and the API show.

A country's commitments are exactly what the catalogue lists when filtered by
that country (`CommitmentFilterSet`, `country=<code>`): the public
(approved and withdrawn) commitments whose countries include it. A region's
are those covering any of its countries.

The figures of every country and region, and the index of countries, are one
family of `reporting.summaries` (`FIGURES`): computed by a worker after
changes and on a schedule, stored as one row, and read by every request, so a
country page costs the same at any size and the page says when its figures
were refreshed. The countries are computed together, one grouped query per
figure whatever their number; each region with the same aggregates as a
single country, over its countries (a commitment covering two countries of a
region counts once). The stored figures hold codes and numbers only; labels
are looked up at render time, in the reader's language.
"""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from coalitions.models import ActionCoalition, CoalitionLeader, Country, Region, Subdivision
from coalitions.translation import by_name
from commitments.models import Commitment, CommitmentMaker

from . import summaries
from .filters import CommitmentFilterSet
from .models import ReportingStatus, reporting_rate_of

FIGURES = "countries"
PUBLIC = [Commitment.Status.APPROVED, Commitment.Status.WITHDRAWN]
APPROVED = Q(commitment__status=Commitment.Status.APPROVED)
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
        commitments.filter(approved)
        .order_by()
        .values("stored_status__reporting_status")
        .annotate(n=Count("id"))
        .values_list("stored_status__reporting_status", "n")
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


def figures(key):
    """The stored figures and breakdowns of the country `key` (an ISO code)
    or the region `region:<code>`, with `refreshed_at`: when they were
    computed. A country no public commitment covers has zeros."""
    stored, refreshed_at = summaries.read(FIGURES)
    if key.startswith("region:"):
        data = stored["regions"].get(key.removeprefix("region:"))
    else:
        data = stored["countries"].get(key)
    return {**(data or _nothing()), "refreshed_at": refreshed_at}


def _nothing():
    return {
        "commitments": 0,
        "approved": 0,
        "makers": 0,
        "makers_based": 0,
        "usd": Decimal(0),
        "rate": None,
        "reporting_statuses": [{"code": code, "commitments": 0} for code in ReportingStatus.values],
        "by_coalition": [],
        "by_place": [],
    }


def compute_figures():
    """Every country's figures, every region's, and the index: the family
    `FIGURES` of reporting.summaries."""
    day = timezone.localdate()
    countries = _every_country(day)
    regions = {}
    for region in Region.values:
        codes = country_codes_of(region)
        commitments = commitments_in(codes)
        regions[region] = _figures(commitments, codes, with_places=False)
        # A region's maker lists run over all of its countries' commitments
        # (half a second at 100,000): stored too, as (id, count) pairs.
        regions[region]["makers_based_list"] = [[m.pk, m.public_commitments] for m in makers_based_in(codes)]
        regions[region]["makers_committed_list"] = [
            [m.pk, m.public_commitments] for m in makers_committed_in(commitments)
        ]
    index = [
        {"code": code, "commitments": data["commitments"], "makers": data["makers_based"]}
        for code, data in countries.items()
    ]
    return {"countries": countries, "regions": regions, "index": index}


def _every_country(day):
    """The figures of `_figures`, for every country at once: one grouped
    query per figure. A (commitment, country) pair is one row of the
    countries link, so sums over it count each commitment once per country."""
    through = Commitment.countries.through.objects.filter(commitment__status__in=PUBLIC)
    result = {}
    for row in through.values("country_id").annotate(
        commitments=Count("commitment_id"),
        approved=Count("commitment_id", filter=APPROVED),
        makers=Count("commitment__maker_id", distinct=True),
        usd=Sum("commitment__financial_amount_usd", filter=APPROVED),
    ):
        code = row.pop("country_id")
        result[code] = {**_nothing(), **row, "usd": row["usd"] or Decimal(0)}
        result[code]["rate"] = _with_percent(reporting_rate_of({}, day))
    slugs = dict(ActionCoalition.objects.values_list("pk", "slug"))
    order = {slug: position for position, slug in enumerate(slugs.values())}
    for row in (
        Commitment.coalitions.through.objects.filter(commitment__status__in=PUBLIC, commitment__countries__isnull=False)
        .values("commitment__countries", "actioncoalition_id")
        .annotate(n=Count("commitment_id"))
    ):
        result[row["commitment__countries"]]["by_coalition"].append(
            {"code": slugs[row["actioncoalition_id"]], "commitments": row["n"]}
        )
    for data in result.values():
        data["by_coalition"].sort(key=lambda row: order[row["code"]])
    for row in (
        Commitment.places.through.objects.filter(
            commitment__status__in=PUBLIC, commitment__countries=F("subdivision__country")
        )
        .values("subdivision__country", "subdivision_id")
        .annotate(n=Count("commitment_id"))
        .order_by("-n", "subdivision_id")
    ):
        result[row["subdivision__country"]]["by_place"].append({"code": row["subdivision_id"], "commitments": row["n"]})
    statuses = {}
    # The stored reporting statuses (reporting.stored_statuses), which the
    # services and the nightly job keep equal to the rule: 0.1 s here at
    # 100,000 commitments where the rule itself took 5 s.
    for code, status, n in (
        Commitment.objects.filter(status=Commitment.Status.APPROVED, countries__isnull=False)
        .order_by()
        .values("countries", "stored_status__reporting_status")
        .annotate(n=Count("id"))
        .values_list("countries", "stored_status__reporting_status", "n")
    ):
        statuses.setdefault(code, {})[status] = n
    for code, by_status in statuses.items():
        result[code]["rate"] = _with_percent(reporting_rate_of(by_status, day))
        result[code]["reporting_statuses"] = [
            {"code": status, "commitments": by_status.get(status, 0)} for status in ReportingStatus.values
        ]
    based = (
        CommitmentMaker.objects.filter(pk__in=Commitment.objects.public().values("maker_id"))
        .values("country_id")
        .annotate(n=Count("id"))
        .values_list("country_id", "n")
    )
    for code, n in based:
        if code in result:
            result[code]["makers_based"] = n
    return result


summaries.register(FIGURES, compute_figures)


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


def stored_makers(pairs):
    """The makers of stored (id, count) pairs, in their order, each with its
    count as `public_commitments`; a maker deleted since is left out."""
    makers = CommitmentMaker.objects.select_related("country").in_bulk([pk for pk, _n in pairs])
    rows = []
    for pk, n in pairs:
        if pk in makers:
            makers[pk].public_commitments = n
            rows.append(makers[pk])
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
    makers), by name: the stored index, named in the reader's language."""
    stored, _refreshed_at = summaries.read(FIGURES)
    counts = {row["code"]: row for row in stored["index"]}
    return [
        {
            "code": code,
            "name": name,
            "region": region,
            "commitments": counts[code]["commitments"],
            "makers": counts[code]["makers"],
        }
        for code, name, region in Country.objects.filter(code__in=counts)
        .order_by(by_name())
        .values_list("code", "name", "region")
    ]


def country_codes_of(region):
    return list(Country.objects.filter(region=region).values_list("code", flat=True))


def place_names(codes):
    return dict(Subdivision.objects.filter(pk__in=codes).values_list("pk", "name"))
