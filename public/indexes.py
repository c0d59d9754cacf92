"""The indexes of the public site: every commitment maker with something
published (searchable, filtered by constituency and country, a page at a
time) and every Action Coalition with its figures."""

import math

from django.db.models import Count, Exists, OuterRef
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from coalitions.models import ActionCoalition, Country
from coalitions.translation import by_name
from commitments.filters import MakerFilterSet
from commitments.models import Commitment, CommitmentMaker, Constituency
from core import formatting
from public import catalogue, chips, dashboard

MAKERS_PER_PAGE = 50
# The maker index filters by these only; the API's MakerFilterSet has more.
MAKER_INDEX_FILTERS = ("search", "constituency", "country")


def public_makers():
    """Makers with at least one public commitment: the others have no page."""
    return CommitmentMaker.objects.filter(Exists(Commitment.objects.public().filter(maker=OuterRef("pk"))))


def _page_of(queryset, params, count, url_for_page, size):
    num_pages = max(1, math.ceil(count / size))
    reachable = max(1, min(num_pages, catalogue.MAX_OFFSET // size))
    try:
        number = min(max(int(params.get("page", 1)), 1), reachable)
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * size
    rows = list(queryset[offset : offset + size]) if count else []
    page = catalogue.Page(number, size, count, rows, False, reachable, num_pages)
    window = range(max(1, number - 2), min(reachable, number + 2) + 1)
    page.links = [catalogue.PageLink(n, url_for_page(n), n == number) for n in window]
    page.previous_url = url_for_page(number - 1) if number > 1 else ""
    page.next_url = url_for_page(number + 1) if number < reachable else ""
    page.first_url = url_for_page(1) if window[0] > 1 else ""
    page.last_url = url_for_page(reachable) if window[-1] < reachable else ""
    return page


@require_GET
def maker_list(request):
    params, dropped = chips.without_empty(request.GET)
    if dropped:
        return redirect(f"{request.path}?{params.urlencode()}" if params else request.path)
    data = params.copy()
    for name in list(data):
        if name not in MAKER_INDEX_FILTERS:
            data.pop(name)
    filterset = MakerFilterSet(data, queryset=public_makers())
    valid = filterset.is_valid()
    queryset = filterset.qs.select_related("country").order_by("name", "id")
    count = queryset.count()
    page = _page_of(queryset, params, count, catalogue.page_url_maker(request.path, params), MAKERS_PER_PAGE)
    # The counts of the page's makers only, in one query.
    counts = dict(
        Commitment.objects.public()
        .filter(maker_id__in=[maker.pk for maker in page.rows])
        .values("maker_id")
        .annotate(commitments=Count("id"))
        .values_list("maker_id", "commitments")
    )
    for maker in page.rows:
        maker.public_commitments = counts.get(maker.pk, 0)
    chosen_constituencies = set(params.getlist("constituency"))
    chosen_countries = set(params.getlist("country"))
    return render(
        request,
        "makers/maker_list.html",
        {
            "page": page,
            "search": params.get("search", ""),
            "filter_errors": [] if valid else [m for messages in filterset.form.errors.values() for m in messages],
            "constituencies": [(code, label, code in chosen_constituencies) for code, label in Constituency.choices],
            "countries": [
                (code, name, code in chosen_countries)
                for code, name in Country.objects.order_by(by_name()).values_list("code", "name")
            ],
            "chips": chips.active_filter_chips(filterset, data, request.path),
        },
    )


@require_GET
def coalition_list(request):
    figures = {row["code"]: row for row in dashboard.figures()["by_coalition"]}
    coalitions = list(ActionCoalition.objects.all())
    for coalition in coalitions:
        row = figures.get(coalition.slug, {})
        coalition.approved_commitments = row.get("commitments", 0)
        coalition.usd_display = dashboard_usd(row.get("usd", 0))
    return render(request, "coalitions/coalition_list.html", {"coalitions": coalitions})


def dashboard_usd(amount):
    return formatting.money(amount or 0)
