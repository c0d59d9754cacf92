"""The public catalogue of commitments: the filter form laid out for people,
page-number pagination that stays cheap at any size, and the CSV export of
exactly the filtered result.

Filtering itself is `commitments.filters.CommitmentFilterSet`, the same one
the API uses; this module only decides how a page of it is shown.
"""

import csv
import hashlib
import json
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coalitions.models import ActionArea, ActionCoalition, Country, Region, Theme
from coalitions.translation import by_name
from commitments.models import Commitment, CommitmentType, Constituency, Scope
from core.spreadsheets import csv_row
from jobs import exports
from reporting.filters import CommitmentFilterSet
from reporting.models import ReportingStatus, annotate_reporting_status

PAGE_SIZES = (20, 50, 100)
DEFAULT_PAGE_SIZE = 20
# OFFSET pagination reads and throws away every row before the page, so deep
# pages get slower the deeper they go. Nobody reads past a few hundred pages
# of a catalogue; beyond this depth we ask for narrower filters or the CSV.
MAX_OFFSET = 10_000
# Counting a large filtered set costs far more than fetching a page of it, and
# the answer hardly moves within a minute.
COUNT_CACHE_SECONDS = 60
# Beyond this an exact count gives way to the planner's estimate.
COUNT_TIME_LIMIT_MS = 120

# Query parameters that do not change which commitments match.
NOT_FILTERS = {"page", "per_page", "ordering", "format"}

SORT_CHOICES = (
    ("", _("Newest first")),
    ("published_at", _("Oldest first")),
    ("title", _("Title (A to Z)")),
    ("-financial_amount_usd", _("Largest amount first")),
    ("start_year", _("Start year, earliest first")),
    ("-end_year", _("End year, latest first")),
    ("-progress", _("Most progress first")),
    ("progress", _("Least progress first")),
    ("-smart_score", _("Highest SMART score first")),
)


def catalogue_filterset(params):
    return CommitmentFilterSet(params, queryset=Commitment.objects.public())


def filter_key(params):
    """A cache key for the set of commitments these parameters select,
    whatever their order in the query string."""
    items = sorted(
        (name, value) for name in params if name not in NOT_FILTERS for value in params.getlist(name) if value != ""
    )
    digest = hashlib.sha256(repr(items).encode()).hexdigest()[:32]
    return f"catalogue:count:{digest}"


def cached_count(queryset, params):
    """How many commitments match, as (count, approximate). Cached per filter
    combination for a minute."""
    key = filter_key(params)
    result = cache.get(key)
    if result is None:
        result = time_boxed_count(queryset)
        cache.set(key, result, COUNT_CACHE_SECONDS)
    return result


def time_boxed_count(queryset):
    """The exact count when the database can give it quickly, else the
    planner's estimate. On PostgreSQL an exact count over a huge filtered set
    (a common word searched in 100,000 descriptions) reads every row; the
    page itself does not need to, so the count must not hold it up."""
    if connection.vendor != "postgresql":
        return queryset.count(), False
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true)",
                    [str(COUNT_TIME_LIMIT_MS)],
                )
                previous = cursor.fetchone()[0]
            count = queryset.count()
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
            return count, False
    except OperationalError:
        # Cancelled by the time limit; rolling back restored the setting.
        return planner_estimate(queryset), True


def planner_estimate(queryset):
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def rows_queryset(queryset):
    """The joins a list of commitment cards needs, declared once."""
    if "reporting_status" not in queryset.query.annotations:
        queryset = annotate_reporting_status(queryset)
    return queryset.select_related("maker__country").prefetch_related(
        Prefetch("coalitions", queryset=ActionCoalition.objects.only("slug", "name", "short_name", "order"))
    )


def load_rows(queryset, start, stop):
    """Commitment cards for rows start..stop of `queryset`, in its order.

    Two steps: first the ids of the slice, from the filtered and ordered
    queryset alone, then the cards for those ids. The reporting status is a
    pair of subqueries per row; in one step PostgreSQL would compute them
    for every matching row before sorting and cutting the page, which at
    100,000 commitments took most of a second."""
    ids = list(queryset.values_list("pk", flat=True)[start:stop])
    if not ids:
        return []
    cards = {card.pk: card for card in rows_queryset(Commitment.objects.filter(pk__in=ids))}
    return [cards[pk] for pk in ids if pk in cards]


@dataclass
class PageLink:
    number: int
    url: str
    current: bool = False


@dataclass
class Page:
    """One page of a list, with what the template needs to draw the pager."""

    number: int
    size: int
    count: int
    rows: list
    approximate: bool
    reachable_pages: int
    num_pages: int
    links: list = field(default_factory=list)
    previous_url: str = ""
    next_url: str = ""
    first_url: str = ""
    last_url: str = ""

    @property
    def start_index(self):
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def end_index(self):
        return (self.number - 1) * self.size + len(self.rows)

    @property
    def truncated(self):
        return self.reachable_pages < self.num_pages


def page_size_from(params):
    try:
        size = int(params.get("per_page", DEFAULT_PAGE_SIZE))
    except (TypeError, ValueError):
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def paginate(queryset, params, count, url_for_page, approximate=False):
    """Slice one page of commitment cards out of the filtered, ordered
    `queryset`. `count` is given so callers can cache it; the page number is
    clamped to what exists and to MAX_OFFSET."""
    size = page_size_from(params)
    num_pages = max(1, math.ceil(count / size))
    reachable = max(1, min(num_pages, MAX_OFFSET // size))
    try:
        number = int(params.get("page", 1))
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), reachable)
    offset = (number - 1) * size
    rows = load_rows(queryset, offset, offset + size) if count else []
    page = Page(
        number=number,
        size=size,
        count=count,
        rows=rows,
        approximate=approximate,
        reachable_pages=reachable,
        num_pages=num_pages,
    )
    window = range(max(1, number - 2), min(reachable, number + 2) + 1)
    page.links = [PageLink(n, url_for_page(n), n == number) for n in window]
    if number > 1:
        page.previous_url = url_for_page(number - 1)
    if number < reachable:
        page.next_url = url_for_page(number + 1)
    if window and window[0] > 1:
        page.first_url = url_for_page(1)
    if window and window[-1] < reachable:
        page.last_url = url_for_page(reachable)
    return page


def page_url_maker(path, params):
    def url_for_page(number):
        query = params.copy()
        query["page"] = str(number)
        return f"{path}?{query.urlencode()}"

    return url_for_page


# The filter form, laid out -----------------------------------------------------


@dataclass
class Option:
    value: str
    label: str
    checked: bool = False


@dataclass
class FilterGroup:
    """One filter as the template draws it: a group of checkboxes, a select,
    or a pair of number inputs."""

    name: str
    label: str
    kind: str  # "checkboxes", "select" or "range"
    options: list = field(default_factory=list)
    groups: list = field(default_factory=list)  # (heading, [Option]) for grouped checkboxes
    errors: list = field(default_factory=list)
    selected_count: int = 0
    fields: list = field(default_factory=list)  # for ranges: (name, label, value, errors)


def _options(choices, selected):
    return [Option(str(value), str(label), str(value) in selected) for value, label in choices]


def filter_groups(filterset):
    """The filters of the catalogue form, with their options evaluated here so
    that the template runs no query."""
    data = filterset.data
    errors = filterset.form.errors if filterset.is_bound else {}

    def selected(name):
        return set(data.getlist(name)) if hasattr(data, "getlist") else set()

    coalitions = list(ActionCoalition.objects.only("slug", "name", "order"))
    areas = list(
        ActionArea.objects.select_related("coalition").only(
            "id", "number", "title", "coalition__short_name", "coalition__name", "coalition__order"
        )
    )
    themes = list(Theme.objects.only("slug", "name"))
    countries = list(Country.objects.only("code", "name").order_by(by_name()))

    groups = []

    def checkboxes(name, label, choices, **extra):
        chosen = selected(name)
        group = FilterGroup(name, label, "checkboxes", _options(choices, chosen), errors=errors.get(name, []), **extra)
        group.selected_count = len(chosen)
        return group

    groups.append(checkboxes("coalition", _("Action Coalition"), [(c.slug, c.name) for c in coalitions]))
    area_group = FilterGroup("action_area", _("Action area"), "checkboxes", errors=errors.get("action_area", []))
    chosen_areas = selected("action_area")
    by_coalition = {}
    for area in areas:
        by_coalition.setdefault(area.coalition.name, []).append(
            Option(str(area.pk), f"{area.number}. {area.title}", str(area.pk) in chosen_areas)
        )
    area_group.groups = list(by_coalition.items())
    area_group.selected_count = len(chosen_areas)
    groups.append(area_group)
    groups.append(checkboxes("theme", _("Cross-cutting theme"), [(t.slug, t.name) for t in themes]))
    groups.append(checkboxes("constituency", _("Constituency"), Constituency.choices))
    groups.append(checkboxes("region", _("Region"), Region.choices))
    chosen_countries = selected("country")
    groups.append(
        FilterGroup(
            "country",
            _("Country"),
            "select",
            [Option(c.code, c.name, c.code in chosen_countries) for c in countries],
            errors=errors.get("country", []),
            selected_count=len(chosen_countries),
        )
    )
    groups.append(checkboxes("commitment_type", _("Type of commitment"), CommitmentType.choices))
    groups.append(checkboxes("scope", _("Scope"), Scope.choices))
    groups.append(checkboxes("reporting_status", _("Reporting status"), ReportingStatus.choices))

    def range_group(name, label, low, low_label, high, high_label):
        fields = [
            (low, low_label, data.get(low, ""), errors.get(low, [])),
            (high, high_label, data.get(high, ""), errors.get(high, [])),
        ]
        group = FilterGroup(name, label, "range", fields=fields, errors=errors.get(low, []) + errors.get(high, []))
        group.selected_count = sum(1 for f in fields if f[2])
        return group

    groups.append(range_group("years", _("Years"), "start_year", _("From"), "end_year", _("To")))
    groups.append(
        range_group("amount", _("Amount committed (USD)"), "min_amount", _("Minimum"), "max_amount", _("Maximum"))
    )
    groups.append(
        range_group("progress", _("Progress (%)"), "progress_min", _("At least"), "progress_max", _("At most"))
    )
    smart = FilterGroup(
        "smart_score_min",
        _("SMART score at least"),
        "minimum",
        [Option(str(score), f"{score}/5", data.get("smart_score_min", "") == str(score)) for score in range(1, 6)],
        errors=errors.get("smart_score_min", []),
    )
    smart.selected_count = int(bool(data.get("smart_score_min")))
    groups.append(smart)
    return groups


# CSV ---------------------------------------------------------------------------------

CSV_COLUMNS = (
    "reference",
    "title",
    "maker",
    "maker_id",
    "constituency",
    "maker_country",
    "region",
    "coalitions",
    "action_areas",
    "themes",
    "commitment_types",
    "financial_amount_usd",
    "scope",
    "countries",
    "start_year",
    "end_year",
    "status",
    "reporting_status",
    "implementation_status",
    "published_at",
    "url",
)
CSV_CHUNK_SIZE = 2000


class _Echo:
    def write(self, value):
        return value


def csv_queryset(queryset):
    return rows_queryset(queryset).prefetch_related(
        Prefetch("action_areas", queryset=ActionArea.objects.select_related("coalition")),
        Prefetch("themes", queryset=Theme.objects.only("slug", "name")),
        Prefetch("countries", queryset=Country.objects.only("code")),
    )


def spreadsheet_rows(queryset, site_url):
    """The header, then one row of plain values per commitment, for the CSV
    and the XLSX alike (each writer makes its cells formula-proof).
    `.iterator(chunk_size=...)` keeps memory flat however many rows match;
    Django runs the prefetches per chunk."""
    yield list(CSV_COLUMNS)
    for commitment in csv_queryset(queryset).iterator(chunk_size=CSV_CHUNK_SIZE):
        maker = commitment.maker
        yield [
            commitment.reference,
            commitment.title,
            maker.name,
            maker.pk,
            maker.constituency,
            maker.country_id,
            maker.country.region,
            ";".join(c.slug for c in commitment.coalitions.all()),
            ";".join(f"{a.coalition.slug}:{a.number}" for a in commitment.action_areas.all()),
            ";".join(t.slug for t in commitment.themes.all()),
            ";".join(commitment.commitment_types),
            "" if commitment.financial_amount_usd is None else commitment.financial_amount_usd,
            commitment.scope,
            ";".join(c.code for c in commitment.countries.all()),
            commitment.start_year,
            commitment.end_year,
            commitment.status,
            commitment.reporting_status or "",
            commitment.implementation_status or "",
            commitment.published_at.isoformat() if commitment.published_at else "",
            f"{site_url}{commitment.get_absolute_url()}",
        ]


def csv_lines(queryset, site_url):
    """The CSV text, a row at a time. Every cell is neutralised, not only the
    free-text ones: a maker's acronym or a code could also start like a
    formula."""
    writer = csv.writer(_Echo())
    for row in spreadsheet_rows(queryset, site_url):
        yield writer.writerow(csv_row(row))


# XLSX ----------------------------------------------------------------------------------

# The spreadsheet is written in the request, so it is bounded: beyond this
# many rows the catalogue offers the CSV (streamed, any size) instead.
XLSX_MAX_ROWS = 5_000


def xlsx_file(queryset, site_url):
    """The filtered commitments as an XLSX workbook, in a temporary file."""
    return exports.xlsx_tempfile(spreadsheet_rows(queryset, site_url), "Commitments")


def xlsx_download(queryset, filename):
    """The XLSX download of `queryset` (the catalogue's, a country's or a
    region's), up to XLSX_MAX_ROWS commitments: it is written in the
    request. Larger sets are refused with the way to get them (the CSV, or
    the API) rather than cut short."""
    if queryset.count() > XLSX_MAX_ROWS:
        message = gettext(
            "A spreadsheet holds at most %(max)s commitments. Narrow the filters, download the CSV, "
            "or pull them all from the API at /api/v1/commitments/?format=csv."
        ) % {"max": intcomma(XLSX_MAX_ROWS)}
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    return FileResponse(
        xlsx_file(queryset, settings.SITE_URL.rstrip("/")),
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
