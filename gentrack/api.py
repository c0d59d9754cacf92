"""The plumbing every /api/v1/ endpoint shares: pagination that holds at a
million rows, CSV that streams, throttles, and errors that are always JSON
with a message per field. (The OpenAPI additions live in api_schema.py:
DRF imports this module while it defines its views, so this one must not
import them.)

Partners write scripts against this, so the shapes here are a contract:
every error body is `{"detail": ..., "code": ..., "errors": {field: [...]}}`,
every list is `{"count", "next", "previous", "results"}` (count is null in
cursor mode), and `?format=csv` streams every matching row.
"""

import csv
import hashlib
import itertools
import json
import logging
import re

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.utils.urls import remove_query_param, replace_query_param

from commitments.models import TYPE_FLAGS
from commitments.services import InvalidTransition, NotPermitted, ServiceError

logger = logging.getLogger("django.request")

API_PREFIX = "/api/"


# Errors ----------------------------------------------------------------------


class Conflict(exceptions.APIException):
    """The object is not in a state that allows the request (a submitted
    commitment cannot be edited, a cycle is closed)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The request conflicts with the current state of the object.")
    default_code = "conflict"


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer under /api/."""

    detail = serializers.CharField(help_text=gettext_lazy("What went wrong, in words for people."))
    code = serializers.CharField(
        help_text=gettext_lazy("A stable code: invalid, not_found, not_authenticated, throttled, conflict...")
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=gettext_lazy(
            "Messages per field or filter name (`non_field_errors` for the object as a whole); empty when the "
            "error is not about the input."
        ),
    )


# The commitment type flags are one field, `commitment_types`, in the API.
_FIELD_ALIASES = {flag: "commitment_types" for flag in TYPE_FLAGS.values()}
_FIELD_ALIASES["__all__"] = api_settings.NON_FIELD_ERRORS_KEY


def _flatten(detail, prefix=""):
    """{field: [messages]} from DRF's nested error structure; nested fields
    get dotted names (`countries.0`)."""
    flat = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = _FIELD_ALIASES.get(str(key), str(key))
            for field, messages in _flatten(value, f"{prefix}{name}.").items():
                flat.setdefault(field, []).extend(messages)
        return flat
    field = prefix.rstrip(".") or api_settings.NON_FIELD_ERRORS_KEY
    if isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, (dict, list)):
                for sub, messages in _flatten(item, f"{prefix}{index}.").items():
                    flat.setdefault(sub, []).extend(messages)
            else:
                flat.setdefault(field, []).append(str(item))
        return flat
    flat.setdefault(field, []).append(str(detail))
    return flat


def _code_of(exc):
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    return codes if isinstance(codes, str) else getattr(exc, "default_code", "error")


def error_body(detail, code, errors=None):
    return {"detail": str(detail), "code": code, "errors": errors or {}}


def exception_handler(exc, context):
    """DRF's handler, plus: service refusals and model validation errors
    become 403/409/400, every body gets the one error shape, and anything
    unexpected is logged and answered with a JSON 500 rather than a page."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, NotPermitted):
        exc = exceptions.PermissionDenied(exc.message)
    elif isinstance(exc, (InvalidTransition, ServiceError)):
        exc = Conflict(exc.message)

    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", "?"),
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"status_code": 500, "request": getattr(request, "_request", None)},
        )
        return Response(error_body(_("Server error."), "server_error"), status=500)

    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        only = errors.get(api_settings.NON_FIELD_ERRORS_KEY, [])
        detail = only[0] if len(errors) == 1 and len(only) == 1 else _("Invalid input.")
        response.data = error_body(detail, "invalid", errors)
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = error_body(detail, _code_of(exc))
    return response


def _wants_json(request):
    return request.path.startswith(API_PREFIX)


def page_not_found(request, exception=None):
    """handler404: JSON under /api/, the site's page elsewhere."""
    if _wants_json(request):
        return JsonResponse(error_body(_("Not found."), "not_found"), status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: JSON under /api/, the site's page elsewhere."""
    if _wants_json(request):
        return JsonResponse(error_body(_("Server error."), "server_error"), status=500)
    return defaults.server_error(request)


def bad_request(request, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body(_("Bad request."), "bad_request"), status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body(_("You do not have permission to do this."), "permission_denied"), status=403)
    return defaults.permission_denied(request, exception)


# Throttles -------------------------------------------------------------------


class LiveRatesMixin:
    """Read the rate from the current settings on every request rather than
    once at import, so that an operator's (or a test's) change applies."""

    def get_rate(self):
        rates = api_settings.DEFAULT_THROTTLE_RATES or {}
        if self.scope not in rates:
            raise exceptions.APIException(f"No throttle rate set for {self.scope!r}.")
        return rates[self.scope]


class AnonThrottle(LiveRatesMixin, AnonRateThrottle):
    """Anonymous callers, per IP address (rate `anon`)."""


class UserThrottle(LiveRatesMixin, UserRateThrottle):
    """Callers with a token, per user (rate `user`, higher)."""


# Pagination ------------------------------------------------------------------

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
# Deeper than this, OFFSET gets slow on big tables: bulk pulls use the cursor.
MAX_PAGE_OFFSET = 10_000
COUNT_CACHE_SECONDS = 60
_DIGITS = re.compile(r"^[0-9]{1,9}$")


def _positive(request, name, default, maximum=None):
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not _DIGITS.match(raw) or int(raw) < 1:
        raise exceptions.ValidationError({name: [_("Must be a whole number of at least 1.")]})
    value = int(raw)
    if maximum is not None and value > maximum:
        raise exceptions.ValidationError({name: [_("Must be at most %(max)s.") % {"max": maximum}]})
    return value


def stably_ordered(queryset):
    """The queryset ordered so that no two rows tie: whatever order it has,
    finished by the primary key. An unordered queryset would make pages
    overlap or skip rows, so it gets the model's ordering first."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if not any(str(term).lstrip("-") in ("pk", "id", queryset.model._meta.pk.name) for term in ordering):
        ordering.append("pk")
    return queryset.order_by(*ordering)


class KeysetPagination(CursorPagination):
    """Bulk pulls: walks the primary key with `WHERE id > last ORDER BY id`,
    so every page costs the same however deep it is."""

    ordering = "pk"
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return _positive(request, "page_size", PAGE_SIZE, MAX_PAGE_SIZE)

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        # A hand-made cursor must not reach the database as a non-number.
        if cursor and cursor.position is not None and not re.match(r"^[0-9]{1,18}$", str(cursor.position)):
            raise exceptions.NotFound(self.invalid_cursor_message)
        return cursor


class ApiPagination(BasePagination):
    """Page numbers for browsing (`?page=3&page_size=100`, at most 500 a
    page and 10,000 rows deep, with the count cached for a minute per filter
    set), or a keyset cursor for bulk pulls (`?mode=cursor`, then follow
    `next`; the `cursor` parameter selects it too)."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        mode = request.query_params.get("mode") or ("cursor" if "cursor" in request.query_params else "page")
        if mode not in ("page", "cursor"):
            raise exceptions.ValidationError({"mode": [_("Must be page or cursor.")]})
        self.mode = mode
        if mode == "cursor":
            self.keyset = KeysetPagination()
            return self.keyset.paginate_queryset(queryset, request, view)

        page_size = _positive(request, "page_size", PAGE_SIZE, MAX_PAGE_SIZE)
        self.page_number = _positive(request, "page", 1)
        offset = (self.page_number - 1) * page_size
        if offset >= MAX_PAGE_OFFSET:
            raise exceptions.ValidationError(
                {"page": [_("Pages go %(rows)s rows deep; use ?mode=cursor to pull more.") % {"rows": MAX_PAGE_OFFSET}]}
            )
        queryset = stably_ordered(queryset)
        self.count = self.cached_count(queryset)
        if offset and offset >= self.count:
            raise exceptions.NotFound(_("Invalid page."))
        self.has_next = offset + page_size < self.count
        return list(queryset[offset : offset + page_size])

    def cached_count(self, queryset):
        """Exact counts of big filtered sets cost hundreds of milliseconds on
        PostgreSQL; the same filter set asked again within a minute reuses
        the figure."""
        counted = queryset.order_by()
        try:
            sql, params = counted.query.sql_with_params()
        except EmptyResultSet:
            return 0
        key = "api-count:" + hashlib.sha256(f"{counted.db}|{sql}|{params!r}".encode()).hexdigest()
        count = cache.get(key)
        if count is None:
            count = counted.count()
            cache.set(key, count, COUNT_CACHE_SECONDS)
        return count

    def get_paginated_response(self, data):
        if self.mode == "cursor":
            return Response(
                {
                    "count": None,
                    "next": self.keyset.get_next_link(),
                    "previous": self.keyset.get_previous_link(),
                    "results": data,
                }
            )
        url = self.request.build_absolute_uri()
        next_link = replace_query_param(url, "page", self.page_number + 1) if self.has_next else None
        if self.page_number <= 1:
            previous_link = None
        elif self.page_number == 2:
            previous_link = remove_query_param(url, "page")
        else:
            previous_link = replace_query_param(url, "page", self.page_number - 1)
        return Response({"count": self.count, "next": next_link, "previous": previous_link, "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "nullable": True,
                    "description": "Rows matching the filters (may be up to a minute old); null in cursor mode.",
                },
                "next": {"type": "string", "nullable": True, "format": "uri", "description": "The next page."},
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The previous page.",
                },
                "results": {**schema, "description": "The rows of this page."},
            },
        }

    def get_schema_operation_parameters(self, view):
        def query(name, description, schema):
            return {"name": name, "required": False, "in": "query", "description": description, "schema": schema}

        return [
            query(
                "page",
                f"Page number, from 1 (page mode; at most {MAX_PAGE_OFFSET} rows deep).",
                {"type": "integer", "minimum": 1},
            ),
            query(
                "page_size",
                f"Rows per page, default {PAGE_SIZE}, at most {MAX_PAGE_SIZE}.",
                {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            ),
            query(
                "mode",
                "`page` (default) for numbered pages with a count; `cursor` for bulk pulls in id order: "
                "follow `next` until it is null. `ordering` does not apply in cursor mode.",
                {"type": "string", "enum": ["page", "cursor"]},
            ),
            query("cursor", "Opaque position from a cursor-mode `next` or `previous` link.", {"type": "string"}),
        ]


# Many-to-many fields as lists of codes -----------------------------------------


class AttachedCodes(list):
    """The codes `attach_related_codes` found for one row and relation."""


class RelatedCodesField(ManyRelatedField):
    """A many-to-many field that reads the codes attached to each row by
    `attach_related_codes` (one query per relation for a whole page) rather
    than a prefetched model instance per code, which cost more than the
    rest of the row together. Without them it reads the relation as usual;
    writing is unchanged."""

    def get_attribute(self, instance):
        attached = getattr(instance, "related_codes", None)
        if attached is not None and self.source in attached:
            return attached[self.source]
        return super().get_attribute(instance)

    def to_representation(self, iterable):
        if isinstance(iterable, AttachedCodes):
            return list(iterable)
        return super().to_representation(iterable)


class CodesManyMixin:
    """With many=True, build a RelatedCodesField (see DRF's many_init)."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update((key, value) for key, value in kwargs.items() if key in MANY_RELATION_KWARGS)
        return RelatedCodesField(**list_kwargs)


class SlugCodesField(CodesManyMixin, serializers.SlugRelatedField):
    """Related rows by slug (or code); with many=True, see RelatedCodesField."""


class PrimaryKeyCodesField(CodesManyMixin, serializers.PrimaryKeyRelatedField):
    """Related rows by id; with many=True, see RelatedCodesField."""


def attach_related_codes(rows, fields):
    """Give every row `related_codes`: for each RelatedCodesField among the
    serializer `fields`, the related rows' slugs or ids in the order the
    related model sorts in, read with one query per relation from the
    many-to-many table."""
    code_fields = [field for field in fields.values() if isinstance(field, RelatedCodesField)]
    if not rows or not code_fields:
        return
    ids = [row.pk for row in rows]
    attached = {pk: {} for pk in ids}
    model = type(rows[0])
    for field in code_fields:
        relation = model._meta.get_field(field.source)
        owner, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        attribute = getattr(field.child_relation, "slug_field", "pk")
        ordering = [
            f"-{target}__{term[1:]}" if term.startswith("-") else f"{target}__{term}"
            for term in relation.related_model._meta.ordering
        ]
        for codes in attached.values():
            codes[field.source] = AttachedCodes()
        links = (
            relation.remote_field.through.objects.filter(**{f"{owner}__in": ids})
            .order_by(*ordering, f"{target}__pk")
            .values_list(f"{owner}_id", f"{target}__{attribute}")
        )
        for pk, code in links:
            attached[pk][field.source].append(code)
    for row in rows:
        row.related_codes = attached[row.pk]


# CSV -------------------------------------------------------------------------

CSV_CHUNK_SIZE = 2000


class CSVRenderer(BaseRenderer):
    """`?format=csv`. Lists stream through `CsvListMixin` and never reach
    this renderer; a single object renders as a one-row table."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = [data] if isinstance(data, dict) else list(data or [])
        if not rows:
            return ""
        buffer = _Echo()
        writer = csv.writer(buffer)
        header = list(rows[0].keys())
        lines = [writer.writerow(header)]
        lines += [writer.writerow([csv_cell(row.get(name)) for name in header]) for row in rows]
        return "".join(lines)


class _Echo:
    def write(self, value):
        return value


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


_HUGE_NUMBER = re.compile(r"^[-+]?[0-9]{19,}$")


def _has_null_character(data):
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(_has_null_character(key) or _has_null_character(value) for key, value in data.items())
    if isinstance(data, (list, tuple)):
        return any(_has_null_character(item) for item in data)
    return False


class ApiViewMixin:
    """What every /api/v1/ view shares: JSON or CSV, errors always in JSON,
    CSV lists streamed in full, and no NUL characters let through to the
    database."""

    renderer_classes = [JSONRenderer, CSVRenderer]
    csv_filename = "export"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # PostgreSQL refuses NUL in text and SQLite integers past 64 bits:
        # such input is the caller's mistake (400), not a server error.
        for name, values in request.query_params.lists():
            for value in values:
                if "\x00" in name or "\x00" in value:
                    raise exceptions.ValidationError(
                        {name.replace("\x00", ""): [_("Null characters are not allowed.")]}
                    )
                if _HUGE_NUMBER.match(value):
                    raise exceptions.ValidationError({name: [_("This number is too large.")]})
        if any("\x00" in str(value) for value in kwargs.values()):
            raise exceptions.NotFound()
        if request.method in ("POST", "PUT", "PATCH") and _has_null_character(request.data):
            raise exceptions.ValidationError(_("Null characters are not allowed."))

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors and non-list answers in CSV mode still speak JSON.
        is_csv = getattr(getattr(request, "accepted_renderer", None), "format", None) == "csv"
        if is_csv and isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    # A view whose rows are costly to build (values computed per row by
    # subqueries, lists of related codes) sets this and declares the joins
    # and annotations in `with_row_data`: the paginator then cuts the page
    # from ids alone and only the page's rows are built. In one query
    # PostgreSQL would plan the per-row subqueries for every matching row
    # (hashing whole tables to do so) before cutting 50 of them.
    rows_by_id = False

    def with_row_data(self, queryset):
        """What a full row needs on top of `get_queryset()`: joins and
        annotations (see `rows_by_id`)."""
        return queryset

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            return self.stream_csv(queryset)
        serializer = self.get_serializer(self.page_rows(queryset), many=True)
        return self.get_paginated_response(serializer.data)

    def page_rows(self, queryset):
        """The rows of the requested page of the filtered `queryset`, ready to
        serialise: a constant number of queries whatever the page size."""
        if not self.rows_by_id:
            rows = self.paginate_queryset(queryset)
        else:
            ids = [key["pk"] for key in self.paginate_queryset(queryset.values("pk"))]
            built = self.with_row_data(self.get_queryset().filter(pk__in=ids).order_by())
            by_id = {row.pk: row for row in built}
            rows = [by_id[pk] for pk in ids if pk in by_id]
        attach_related_codes(rows, self.get_serializer().fields)
        return rows

    def stream_csv(self, queryset):
        """Every matching row, in the list's order, written as rows come from
        the database in chunks (each chunk gets its related codes in one
        query per relation), so memory stays flat however many rows there
        are."""
        serializer = self.get_serializer()
        header = list(serializer.fields.keys())
        writer = csv.writer(_Echo())
        queryset = stably_ordered(queryset)
        if self.rows_by_id:
            queryset = self.with_row_data(queryset)
        rows = queryset.iterator(chunk_size=CSV_CHUNK_SIZE)

        def lines():
            yield writer.writerow(header)
            while chunk := list(itertools.islice(rows, CSV_CHUNK_SIZE)):
                attach_related_codes(chunk, serializer.fields)
                for instance in chunk:
                    data = serializer.to_representation(instance)
                    yield writer.writerow([csv_cell(data.get(name)) for name in header])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}.csv"'
        return response
