"""What every /api/v1/ view shares."""

import csv
import itertools
import re

from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api import fields, pagination, renderers
from core import sqlcsv

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

    renderer_classes = [JSONRenderer, renderers.CSVRenderer]
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

    # A view whose list is pulled in bulk sets these (see
    # api/commitments/bulk.py): `csv_columns(field_names)` gives the SQL
    # columns of a CSV written by PostgreSQL's COPY, `fast_rows(queryset,
    # serializer)` a cursor page as dicts without a serializer per row.
    csv_columns = None
    fast_rows = None

    def with_bulk_row_data(self, queryset):
        """`with_row_data` for bulk pulls (the COPY CSV, cursor pages): joins
        and stored values instead of lookups per row where a view has them."""
        return self.with_row_data(queryset)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            return self.stream_csv(queryset)
        if self.fast_rows is not None and self.rows_by_id and self._cursor_mode(request):
            return self.get_paginated_response(self.fast_page(queryset))
        serializer = self.get_serializer(self.page_rows(queryset), many=True)
        return self.get_paginated_response(serializer.data)

    @staticmethod
    def _cursor_mode(request):
        mode = request.query_params.get("mode")
        return mode == "cursor" or (mode is None and "cursor" in request.query_params)

    def fast_page(self, queryset):
        """A cursor page as plain dicts: ids cut by the paginator, then one
        values() query and one query per many-to-many relation."""
        ids = [key["pk"] for key in self.paginate_queryset(queryset.values("pk"))]
        built = self.with_bulk_row_data(self.get_queryset().filter(pk__in=fields.among(ids)).order_by())
        by_id = {row["id"]: row for row in self.fast_rows(built, self.get_serializer())}
        return [by_id[pk] for pk in ids if pk in by_id]

    def page_rows(self, queryset):
        """The rows of the requested page of the filtered `queryset`, ready to
        serialise: a constant number of queries whatever the page size."""
        if not self.rows_by_id:
            rows = self.paginate_queryset(queryset)
        else:
            ids = [key["pk"] for key in self.paginate_queryset(queryset.values("pk"))]
            built = self.with_row_data(self.get_queryset().filter(pk__in=fields.among(ids)).order_by())
            by_id = {row.pk: row for row in built}
            rows = [by_id[pk] for pk in ids if pk in by_id]
        fields.attach_related_codes(rows, self.get_serializer().fields)
        return rows

    def stream_csv(self, queryset):
        """Every matching row, in the list's order, written as rows come from
        the database in chunks (each chunk gets its related codes in one
        query per relation), so memory stays flat however many rows there
        are."""
        serializer = self.get_serializer()
        header = list(serializer.fields.keys())
        writer = csv.writer(renderers.Echo())
        queryset = pagination.stably_ordered(queryset)
        if self.csv_columns is not None and sqlcsv.available(queryset.db):
            rows = self.with_bulk_row_data(queryset) if self.rows_by_id else queryset
            return self.csv_response(sqlcsv.copy_csv(rows, self.csv_columns(header)))
        if self.rows_by_id:
            queryset = self.with_row_data(queryset)
        rows = queryset.iterator(chunk_size=renderers.CSV_CHUNK_SIZE)

        def lines():
            yield writer.writerow(header)
            while chunk := list(itertools.islice(rows, renderers.CSV_CHUNK_SIZE)):
                fields.attach_related_codes(chunk, serializer.fields)
                for instance in chunk:
                    data = serializer.to_representation(instance)
                    yield writer.writerow([renderers.csv_cell(data.get(name)) for name in header])

        return self.csv_response(line.encode() for line in lines())

    def csv_response(self, chunks):
        response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}.csv"'
        return response
