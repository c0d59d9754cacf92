"""The public pages: the dashboard, the catalogue of commitments (with its CSV
export), a commitment and a commitment maker. Nothing here needs an account
and nothing here changes data."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coalitions.models import ActionArea, ActionCoalition, Region
from coalitions.translation import in_language
from commitments import texts
from commitments.history import commitment_versions
from commitments.models import Commitment, CommitmentMaker, Constituency, MakerMerge, ReviewEvent
from core import formatting
from public import catalogue, chips, dashboard, measures, world_map
from reporting.models import HAVE_REPORTED, OWING_A_REPORT, ProgressReport, annotate_reporting_status

# A maker page lists its commitments a page at a time, like the catalogue.
MAKER_PAGE_SIZE = 20
RECENT_ON_DASHBOARD = 5
LATEST_REPORTS_ON_MAKER = 5


def is_htmx_partial(request):
    """An htmx request that wants only the swapped region. A history restore
    (back button after the cache expired) wants the whole page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


# Dashboard -------------------------------------------------------------------


def _usd(amount):
    return formatting.money(amount or 0)


def _usd_short(amount):
    """Large amounts in words ("US$419.8 million") so a headline fits."""
    return formatting.money_in_words(amount or 0)


@require_GET
def home(request):
    figures = dashboard.figures()
    rtl = translation.get_language_bidi()
    catalogue_url = reverse("commitment-list")
    constituency_labels = dict(Constituency.choices)
    region_labels = dict(Region.choices)

    def rows(figure_rows, label_for, url_for):
        """(label, count, count shown, link, USD shown) per bar and table row."""
        return [
            (label_for(row), row["commitments"], formatting.number(row["commitments"]), url_for(row), _usd(row["usd"]))
            for row in figure_rows
        ]

    # Named here, in the reader's language: the stored figures hold codes.
    coalition_names = dict(ActionCoalition.objects.values_list("slug", "name"))
    by_coalition = rows(
        figures["by_coalition"],
        lambda row: coalition_names.get(row["code"], row["code"]),
        lambda row: reverse("coalition-detail", kwargs={"slug": row["code"]}),
    )
    by_constituency = rows(
        figures["by_constituency"],
        lambda row: str(constituency_labels[row["code"]]),
        lambda row: f"{catalogue_url}?constituency={row['code']}&status=approved",
    )
    by_region = rows(
        figures["by_region"],
        lambda row: str(region_labels[row["code"]]),
        lambda row: f"{catalogue_url}?region={row['code']}&status=approved",
    )
    charts = [
        (
            dashboard.bar_chart(
                "chart-coalition", _("Approved commitments by Action Coalition"), [r[:4] for r in by_coalition], rtl
            ),
            by_coalition,
            _("Action Coalition"),
        ),
        (
            dashboard.bar_chart(
                "chart-constituency",
                _("Approved commitments by constituency of the maker"),
                [r[:4] for r in by_constituency],
                rtl,
            ),
            by_constituency,
            _("Constituency"),
        ),
        (
            dashboard.bar_chart(
                "chart-region", _("Approved commitments by region of the maker"), [r[:4] for r in by_region], rtl
            ),
            by_region,
            _("Region"),
        ),
    ]
    rate = figures["rate"]
    if rate and rate["owing"]:
        rate["percent"] = round(100 * rate["reported"] / rate["owing"])
    recent = catalogue.load_rows(Commitment.objects.filter(status=Commitment.Status.APPROVED), 0, RECENT_ON_DASHBOARD)
    return render(
        request,
        "home.html",
        {
            "figures": figures,
            "usd_total": _usd_short(figures["usd"]),
            "usd_exact": _usd(figures["usd"]),
            "rate": rate,
            # Each headline links to the catalogue query that lists exactly
            # the commitments it counts.
            "approved_url": f"{catalogue_url}?status=approved",
            "owing_url": catalogue_url + "?" + urlencode([("reporting_status", code) for code in OWING_A_REPORT]),
            "reported_url": catalogue_url + "?" + urlencode([("reporting_status", code) for code in HAVE_REPORTED]),
            "charts": charts,
            "world_map": world_map.world_map(world_map.figures()),
            "recent": recent,
        },
    )


# Catalogue -------------------------------------------------------------------


@require_GET
def commitment_list(request):
    if request.GET.get("format") == "csv":
        return commitment_export(request)
    params, dropped = chips.without_empty(request.GET)
    htmx = is_htmx_partial(request)
    clean_url = f"{request.path}?{params.urlencode()}" if params else request.path
    if dropped and not htmx:
        # A form submitted with empty fields: the same page at its clean URL.
        return redirect(clean_url)
    filterset = catalogue.catalogue_filterset(params)
    valid = filterset.is_valid()
    # An invalid filter value is reported next to its field and left out; the
    # other filters still apply, so the page is never an error page.
    queryset = filterset.qs
    count, approximate = catalogue.cached_count(queryset, params)
    page = catalogue.paginate(
        queryset,
        params,
        count,
        catalogue.page_url_maker(request.path, params),
        approximate=approximate,
    )
    download_query = params.copy()
    for name in ("page", "format", "per_page"):
        download_query.pop(name, None)
    download_query = download_query.urlencode()
    search = params.get("search", "")
    sort_choices = catalogue.SORT_CHOICES
    if search:
        # Searching sorts by relevance unless another order is chosen.
        sort_choices = (("", _("Most relevant")), ("-published_at", _("Newest first")), *sort_choices[1:])
    context = {
        "filterset": filterset,
        "filters_valid": valid,
        "filter_errors": [] if valid else _filter_error_list(filterset),
        "page": page,
        "search": search,
        "sort_choices": [(value, label, params.get("ordering", "") == value) for value, label in sort_choices],
        "page_sizes": [(size, size == page.size) for size in catalogue.PAGE_SIZES],
        "csv_url": f"{reverse('commitment-export')}?{download_query}",
        "xlsx_url": f"{reverse('commitment-export-xlsx')}?{download_query}",
        "xlsx_fits": not approximate and count <= catalogue.XLSX_MAX_ROWS,
        "xlsx_max_rows": catalogue.XLSX_MAX_ROWS,
        "chips": chips.active_filter_chips(filterset, params, request.path),
        "maker_filter": params.get("maker", ""),
        "any_filter": any(name not in catalogue.NOT_FILTERS for name in params),
    }
    if htmx:
        response = render(request, "commitments/_catalogue_results.html", context)
        if dropped:
            response["HX-Push-Url"] = clean_url
        return response
    context["groups"] = catalogue.filter_groups(filterset)
    # Shown on the filter drawer's summary, so that a phone user sees that filters apply while it is closed.
    context["active_filters"] = sum(group.selected_count for group in context["groups"])
    return render(request, "commitments/commitment_list.html", context)


def _filter_error_list(filterset):
    errors = []
    for name, messages in filterset.form.errors.items():
        label = filterset.filters[name].label if name in filterset.filters else name
        for message in messages:
            errors.append(f"{label}: {message}")
    return errors


@require_GET
def commitment_export(request):
    """The filtered catalogue as CSV, streamed so that any size fits in
    memory. Invalid filters get a 400 with the reason: exporting a different
    set than the one asked for would mislead."""
    filterset = catalogue.catalogue_filterset(request.GET)
    if not filterset.is_valid():
        message = "\n".join(_filter_error_list(filterset))
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(
        catalogue.csv_lines(filterset.qs, settings.SITE_URL.rstrip("/")), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="gentrack-commitments.csv"'
    return response


@require_GET
def commitment_export_xlsx(request):
    """The filtered catalogue as an XLSX workbook, up to XLSX_MAX_ROWS
    commitments: it is written in the request. Larger sets are refused with
    the way to get them (the CSV, or the API) rather than cut short."""
    filterset = catalogue.catalogue_filterset(request.GET)
    if not filterset.is_valid():
        message = "\n".join(_filter_error_list(filterset))
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    return catalogue.xlsx_download(filterset.qs, "gentrack-commitments.xlsx")


# Detail pages ------------------------------------------------------------------


@require_GET
def commitment_detail(request, reference):
    queryset = (
        annotate_reporting_status(Commitment.objects.public())
        .select_related("maker__country")
        .prefetch_related(
            "coalitions",
            Prefetch("action_areas", queryset=ActionArea.objects.select_related("coalition")),
            "themes",
            "countries",
            "places",
            "deliverables",
        )
    )
    commitment = get_object_or_404(queryset, reference=reference)
    reports = list(
        commitment.progress_reports.filter(status__in=ProgressReport.COUNTED)
        .select_related("cycle")
        .order_by("-cycle__year")
    )
    # Only the public steps of the review: when it was published, amended and
    # withdrawn. Review comments stay between the maker and the secretariat.
    public_actions = [ReviewEvent.Action.APPROVED, ReviewEvent.Action.AMENDMENT_APPROVED, ReviewEvent.Action.WITHDRAWN]
    timeline = list(commitment.review_events.filter(action__in=public_actions).order_by("created_at", "id"))
    if not timeline and commitment.published_at:
        timeline = [ReviewEvent(action=ReviewEvent.Action.APPROVED, created_at=commitment.published_at)]
    areas_by_coalition = {}
    for area in commitment.action_areas.all():
        areas_by_coalition.setdefault(area.coalition_id, []).append(area)
    coalitions = [(coalition, areas_by_coalition.get(coalition.pk, [])) for coalition in commitment.coalitions.all()]
    # What changed since publication, in words: fields and links, never who
    # changed them nor the draft stages before anyone could see it.
    versions = commitment_versions(commitment, public=True)
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "text": texts.text_in(commitment),
            "coalitions": coalitions,
            "themes": list(commitment.themes.all()),
            "countries": list(commitment.countries.all()),
            "places": list(commitment.places.all()),
            "reports": reports,
            "timeline": timeline,
            "versions": versions,
            "change_count": sum(1 for version in versions if not version.first),
            **measures.context(commitment, reports),
        },
    )


@require_GET
def maker_detail(request, pk):
    maker = CommitmentMaker.objects.select_related("country").filter(pk=pk).first()
    if maker is None:
        # A maker merged into another: its old address leads to the one kept.
        survivor = MakerMerge.survivor_id(pk)
        if survivor is None:
            raise Http404
        return redirect("maker-detail", pk=survivor, permanent=True)
    public = Commitment.objects.public().filter(maker=maker)
    approved = Q(status=Commitment.Status.APPROVED)
    totals = public.aggregate(
        commitments=Count("id"),
        approved=Count("id", filter=approved),
        usd=Sum("financial_amount_usd", filter=approved),
    )
    # A maker with nothing published yet is not shown to the public.
    if not totals["commitments"]:
        raise Http404
    page = catalogue.paginate(
        public,
        request.GET,
        totals["commitments"],
        catalogue.page_url_maker(request.path, request.GET),
    )
    latest_reports = list(
        ProgressReport.objects.filter(commitment__in=public.values("pk"), status__in=ProgressReport.COUNTED)
        .select_related("cycle", "commitment")
        .order_by("-cycle__year", "-submitted_at", "-id")[:LATEST_REPORTS_ON_MAKER]
    )
    coalitions = list(
        Commitment.coalitions.through.objects.filter(commitment__in=public.filter(approved).values("pk"))
        .values("actioncoalition__slug", "actioncoalition__order", coalition_name=in_language("actioncoalition__name"))
        .annotate(commitments=Count("commitment_id"))
        .order_by("actioncoalition__order")
    )
    leaderships = list(maker.leaderships.select_related("coalition"))
    return render(
        request,
        "makers/maker_detail.html",
        {
            "maker": maker,
            "totals": totals,
            "usd_total": _usd(totals["usd"] or 0),
            "page": page,
            "latest_reports": latest_reports,
            "coalitions": coalitions,
            "leaderships": leaderships,
        },
    )
