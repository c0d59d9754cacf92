"""Spreadsheets (CSV and XLSX) of any filtered admin list of commitments,
commitment makers or progress reports.

Up to EXPORT_STREAM_LIMIT rows are produced during the request: CSV streams
row by row, XLSX is written by openpyxl's write-only workbook to a temporary
file. Larger lists become an Export job row that a Celery worker builds
(jobs.tasks.build_export). Either way rows are read in chunks with
their related rows prefetched per chunk, never all at once.

The commitment columns named like the import template's are the same, so an
export can be edited and imported back.
"""

import csv
import tempfile

from django.contrib import admin
from django.http import QueryDict
from django.test import RequestFactory

from core import spreadsheets

from .measure_cells import indicators_cell

EXPORT_STREAM_LIMIT = 10_000
CHUNK_SIZE = 2_000
# How often a background export reports progress, which is also its worker's
# heartbeat (jobs/claims.py): often enough that a slow chunk never makes a
# live worker look dead, and that the admin sees a few thousand rows move.
PROGRESS_EVERY = 500
# Parameters of the export view that are not changelist filters.
NON_FILTER_PARAMS = ("_format", "p", "all", "_changelist_filters")


def _names(items):
    return ";".join(sorted(str(item) for item in items))


def _join(values):
    return ";".join(values)


def commitment_columns():
    return [
        ("reference", lambda c: c.reference or ""),
        ("amends", lambda c: c.amends.reference if c.amends_id else ""),
        ("maker_id", lambda c: c.maker_id),
        ("maker", lambda c: c.maker.name),
        ("constituency", lambda c: c.maker.constituency),
        ("maker_country", lambda c: c.maker.country_id),
        ("region", lambda c: c.maker.country.region),
        ("status", lambda c: c.status),
        ("title", lambda c: c.title),
        ("description", lambda c: c.description),
        ("coalitions", lambda c: _join(sorted(item.slug for item in c.coalitions.all()))),
        (
            "action_areas",
            lambda c: _join(sorted(f"{item.coalition.slug}:{item.number}" for item in c.action_areas.all())),
        ),
        ("themes", lambda c: _join(sorted(item.slug for item in c.themes.all()))),
        ("commitment_types", lambda c: _join(c.commitment_types)),
        ("financial_amount_usd", lambda c: c.financial_amount_usd),
        ("scope", lambda c: c.scope),
        ("countries", lambda c: _join(sorted(item.code for item in c.countries.all()))),
        ("places", lambda c: _join(sorted(item.code for item in c.places.all()))),
        ("start_year", lambda c: c.start_year),
        ("end_year", lambda c: c.end_year),
        ("target_groups", lambda c: c.target_groups),
        ("partners", lambda c: c.partners),
        ("indicators", lambda c: indicators_cell(c.indicators.all())),
        ("submitted_at", lambda c: c.submitted_at),
        ("published_at", lambda c: c.published_at),
        ("updated_at", lambda c: c.updated_at),
    ]


def commitment_queryset(queryset):
    return queryset.select_related("maker__country", "amends").prefetch_related(
        "coalitions", "action_areas__coalition", "themes", "countries", "places", "indicators__standard"
    )


def maker_columns():
    return [
        ("id", lambda m: m.pk),
        ("name", lambda m: m.name),
        ("acronym", lambda m: m.acronym),
        ("constituency", lambda m: m.constituency),
        ("country", lambda m: m.country_id),
        ("region", lambda m: m.country.region),
        ("website", lambda m: m.website),
        ("verified", lambda m: "yes" if m.verified else "no"),
        ("created_at", lambda m: m.created_at),
        ("updated_at", lambda m: m.updated_at),
    ]


def maker_queryset(queryset):
    return queryset.select_related("country")


def report_columns():
    return [
        ("id", lambda r: r.pk),
        ("commitment", lambda r: r.commitment.reference),
        ("maker_id", lambda r: r.commitment.maker_id),
        ("maker", lambda r: r.commitment.maker.name),
        ("cycle", lambda r: r.cycle.year),
        ("status", lambda r: r.status),
        ("implementation_status", lambda r: r.implementation_status),
        ("amount_disbursed_usd", lambda r: r.amount_disbursed_usd),
        ("people_reached", lambda r: r.people_reached),
        ("challenges", lambda r: _join(r.challenges or [])),
        ("narrative", lambda r: r.narrative),
        ("next_steps", lambda r: r.next_steps),
        ("evidence_url", lambda r: r.evidence_url),
        ("submitted_at", lambda r: r.submitted_at),
        ("updated_at", lambda r: r.updated_at),
    ]


def report_queryset(queryset):
    return queryset.select_related("commitment__maker", "cycle")


KINDS = {
    "commitments": (commitment_columns, commitment_queryset),
    "makers": (maker_columns, maker_queryset),
    "progress_reports": (report_columns, report_queryset),
}


def kind_of(model):
    concrete = model._meta.concrete_model._meta.label_lower
    return {
        "commitments.commitment": "commitments",
        "commitments.commitmentmaker": "makers",
        "reporting.progressreport": "progress_reports",
    }[concrete]


def safe(value):
    """A cell value both writers accept. Formulas are neutralised by the
    writers (core.spreadsheets), each the way its format allows."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def rows(kind, queryset, progress=None):
    """The header, then one list of cell values per object. Reads in chunks
    with the related rows prefetched per chunk; `progress(done)` is called
    every PROGRESS_EVERY rows."""
    columns_for, prepare = KINDS[kind]
    columns = columns_for()
    yield [name for name, _getter in columns]
    done = 0
    for obj in prepare(queryset).iterator(chunk_size=CHUNK_SIZE):
        yield [safe(getter(obj)) for _name, getter in columns]
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV."""

    def write(self, value):
        return value


def csv_lines(row_iter):
    writer = csv.writer(_Echo())
    for row in row_iter:
        yield writer.writerow(spreadsheets.csv_row(row))


def write_csv(row_iter, fileobj):
    """Write rows to a text file object."""
    writer = csv.writer(fileobj)
    for row in row_iter:
        writer.writerow(spreadsheets.csv_row(row))


def write_xlsx(row_iter, fileobj, title):
    """Write rows to a binary file object with openpyxl's write-only
    workbook, which keeps memory flat whatever the number of rows."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in row_iter:
        sheet.append(spreadsheets.xlsx_row(sheet, row))
    workbook.save(fileobj)


def xlsx_tempfile(row_iter, title):
    handle = tempfile.TemporaryFile()
    write_xlsx(row_iter, handle, title)
    handle.seek(0)
    return handle


def filter_params(query):
    """The changelist filters of a query string, without the export's own."""
    params = query.copy() if isinstance(query, QueryDict) else QueryDict(query, mutable=True)
    if not params._mutable:
        params = params.copy()
    for name in NON_FILTER_PARAMS:
        params.pop(name, None)
    return params


def changelist_queryset(model_admin, request, params):
    """What the admin list shows with these filters, search and ordering,
    for this user: the ModelAdmin's own ChangeList decides, so the export
    can never differ from the list the user saw."""
    original_get = request.GET
    request.GET = params
    try:
        changelist = model_admin.get_changelist_instance(request)
        return changelist.get_queryset(request)
    finally:
        request.GET = original_get


def rebuild_queryset(export):
    """The queryset of an Export job, rebuilt in a worker from the admin list
    it was requested from, as its requester sees it."""
    from django.apps import apps

    model = apps.get_model(export.list_model)
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/export/", data=QueryDict(export.query_string))
    request.user = export.requested_by
    return changelist_queryset(model_admin, request, filter_params(request.GET))
