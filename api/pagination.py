"""Pagination that holds at a million rows: numbered pages with a cached
count near the top, a keyset cursor for bulk pulls."""

import hashlib
import re

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

# Pagination ------------------------------------------------------------------

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
# Cursor pages are bulk pulls: bigger pages, fewer round trips.
MAX_CURSOR_PAGE_SIZE = 1000
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
    max_page_size = MAX_CURSOR_PAGE_SIZE

    def get_page_size(self, request):
        return _positive(request, "page_size", PAGE_SIZE, MAX_CURSOR_PAGE_SIZE)

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
    `next`; the `cursor` parameter selects it too; up to 1,000 a page)."""

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
                f"Rows per page, default {PAGE_SIZE}, at most {MAX_PAGE_SIZE} in page mode and "
                f"{MAX_CURSOR_PAGE_SIZE} in cursor mode.",
                {"type": "integer", "minimum": 1, "maximum": MAX_CURSOR_PAGE_SIZE},
            ),
            query(
                "mode",
                "`page` (default) for numbered pages with a count; `cursor` for bulk pulls in id order: "
                "follow `next` until it is null. `ordering` does not apply in cursor mode.",
                {"type": "string", "enum": ["page", "cursor"]},
            ),
            query("cursor", "Opaque position from a cursor-mode `next` or `previous` link.", {"type": "string"}),
        ]
