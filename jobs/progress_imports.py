"""Importing progress reports from a spreadsheet (CSV or XLSX), by a focal
point, on behalf of the makers of their country who collect them offline.

Each row is the report of one commitment (by reference) for one cycle (by
year, which must be open). It becomes a draft marked "entered by" the focal
point, for the maker's members to check and submit
(`reporting.focal_points.focal_report_enter`, which checks that the
commitment is in the focal point's country and places). The file is read by
jobs.reading within its caps; every row goes through the service inside one
transaction, each in a savepoint so that every refused row is reported, and
the whole transaction is rolled back when any row is refused: nothing is
half-imported. The error report is a CSV, one line per problem.

The columns are a table (`COLUMNS`): each names the report field it fills and
how its cell is read, so that a new column (an indicator's value, say) is one
more entry.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalitions.models import Subdivision
from commitments.models import Commitment, Deliverable, Indicator
from commitments.services import ServiceError
from core import spreadsheets
from reporting import focal_points
from reporting.models import Challenge, ImplementationStatus, ProgressImportJob, ReportingCycle

# The row count and the error report are the commitments import's own.
from . import imports, measure_cells
from .claims import ClaimLost
from .imports import count_rows, error_report, parse_amount, read_error_report  # noqa: F401 (re-exported)
from .reading import FileProblem, read_rows

COUNT = re.compile(r"[0-9]{1,10}")
YEAR = re.compile(r"[0-9]{4}")
SEPARATORS = (";", ",", "|")


class CellProblem(Exception):
    """One cell cannot be read; the message says what to write instead."""


def _text(value, context):
    return value


def _choice(choices, hint):
    def parse(value, context):
        key = value.strip().casefold().replace(" ", "_")
        for code, label in choices:
            if key in (code, str(label).casefold().replace(" ", "_")):
                return code
        raise CellProblem(hint())

    return parse


def _split(value):
    for separator in SEPARATORS:
        if separator in value:
            return [part.strip() for part in value.split(separator) if part.strip()]
    return [value.strip()] if value.strip() else []


def _amount(value, context):
    amount, problem = parse_amount(value)
    if problem:
        raise CellProblem(problem)
    return amount


def _count(value, context):
    text = value.replace(",", "").replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if not COUNT.fullmatch(text):
        raise CellProblem(_("Write the number of people as digits 0-9, e.g. 1200."))
    return int(text)


def _places(value, context):
    codes = [code.upper() for code in _split(value)]
    known = context.places(codes)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise CellProblem(
            _("Unknown place codes: %(codes)s (use ISO 3166-2 codes, e.g. KE-30).") % {"codes": ", ".join(unknown)}
        )
    return codes


def _challenges(value, context):
    codes = [code.casefold() for code in _split(value)]
    unknown = [code for code in codes if code not in Challenge.values]
    if unknown:
        raise CellProblem(
            _("Unknown challenges: %(values)s (use %(codes)s).")
            % {"values": ", ".join(unknown), "codes": ", ".join(Challenge.values)}
        )
    return codes


def _cell_of(read):
    """A parse of a cell that `read` turns into (items, [message])."""

    def parse(value, context):
        items, errors = read(value)
        if errors:
            raise CellProblem(" ".join(errors))
        return items

    return parse


def _matched(match, rows_of):
    """A resolve that pairs a cell's items with the commitment's own rows."""

    def resolve(items, commitment, context):
        shape, errors = match(items, rows_of(context, commitment))
        if errors:
            raise CellProblem(" ".join(errors))
        return shape

    return resolve


@dataclass(frozen=True)
class Column:
    """One column of the template: its header, the report field it fills
    (None for the row's key), how a cell is read, and an example. A cell
    that names the commitment's own rows (its indicators, its deliverables)
    also has a `resolve`, run once the row's commitment is known."""

    name: str
    field: str | None
    parse: Callable
    example: str
    required: bool = False
    help: str = ""
    resolve: Callable | None = None


COLUMNS = [
    Column("reference", None, _text, "GE-2021-00042", True, gettext_lazy("The commitment's reference.")),
    Column("cycle_year", None, _text, "2025", True, gettext_lazy("The reporting cycle's year; it must be open.")),
    Column(
        "implementation_status",
        "implementation_status",
        _choice(
            ImplementationStatus.choices,
            lambda: _("Use one of: %(values)s") % {"values": ", ".join(ImplementationStatus.values)},
        ),
        "on_track",
        True,
        gettext_lazy("not_started, on_track, off_track, completed or discontinued."),
    ),
    Column(
        "narrative", "narrative", _text, "Trained 120 county health workers.", False, gettext_lazy("What was done.")
    ),
    Column("amount_disbursed_usd", "amount_disbursed_usd", _amount, "25000", False, gettext_lazy("In US dollars.")),
    Column("people_reached", "people_reached", _count, "1200", False, gettext_lazy("A whole number.")),
    Column("places", "places", _places, "", False, gettext_lazy("ISO 3166-2 codes, separated by ;")),
    Column("challenges", "challenges", _challenges, "", False, gettext_lazy("Codes separated by ;")),
    Column("next_steps", "next_steps", _text, "", False, gettext_lazy("What comes next.")),
    Column(
        "results",
        "results",
        _cell_of(measure_cells.parse_results),
        "",
        False,
        gettext_lazy(
            "The year's value of each indicator, by its name, separated by ;, e.g. People trained = 120, "
            "and a breakdown after |, e.g. People trained = 120 | sex: female=70, male=50."
        ),
        resolve=_matched(measure_cells.match_results, lambda context, commitment: context.indicators(commitment)),
    ),
    Column(
        "deliverables",
        "deliverable_updates",
        _cell_of(measure_cells.parse_deliverables),
        "",
        False,
        gettext_lazy(
            "Each deliverable's status, by its title, separated by ;, e.g. Training manual = delivered "
            "(not_started, in_progress, delivered or dropped)."
        ),
        resolve=_matched(
            measure_cells.match_deliverables, lambda context, commitment: context.deliverables(commitment)
        ),
    ),
]
BY_NAME = {column.name: column for column in COLUMNS}
BY_FIELD = {column.field: column.name for column in COLUMNS if column.field}
REQUIRED = [column.name for column in COLUMNS if column.required]


class Lookups:
    """What the rows refer to, read once per file: the cycles, and the places,
    commitments and their indicators and deliverables as they are met."""

    def __init__(self, focal_point):
        self.focal_point = focal_point
        self.cycles = {cycle.year: cycle for cycle in ReportingCycle.objects.all()}
        self._places = {}
        self._commitments = {}
        self._indicators = {}
        self._deliverables = {}

    def places(self, codes):
        missing = [code for code in codes if code not in self._places]
        if missing:
            found = set(Subdivision.objects.filter(pk__in=missing).values_list("pk", flat=True))
            self._places.update({code: code in found for code in missing})
        return {code for code in codes if self._places[code]}

    def indicators(self, commitment):
        if commitment.pk not in self._indicators:
            self._indicators[commitment.pk] = list(Indicator.objects.filter(commitment_id=commitment.pk))
        return self._indicators[commitment.pk]

    def deliverables(self, commitment):
        if commitment.pk not in self._deliverables:
            self._deliverables[commitment.pk] = list(Deliverable.objects.filter(commitment_id=commitment.pk))
        return self._deliverables[commitment.pk]

    def commitment(self, reference):
        if reference not in self._commitments:
            self._commitments[reference] = Commitment.objects.filter(reference=reference, amends__isnull=True).first()
        return self._commitments[reference]


@dataclass
class Row:
    line: int
    commitment: Commitment
    cycle: ReportingCycle
    data: dict


def read_table(handle, filename):
    """Yield (line, {column: text}) for each non-empty row after checking the
    header; FileProblem for a file refused as a whole. The commitments
    import's reader, with this import's columns."""
    return imports.read_table(handle, filename, columns=BY_NAME, required=REQUIRED, ignored=())


def parse_row(line, cells, lookups):
    """(Row, []) or (None, [(column, message)])."""
    errors = []
    focal_point = lookups.focal_point
    commitment = None
    reference = cells.get("reference", "")
    if not reference:
        errors.append(("reference", _("Give the commitment's reference.")))
    else:
        commitment = lookups.commitment(reference)
        if commitment is None:
            errors.append(("reference", _("No commitment has the reference %(value)s.") % {"value": reference}))
    cycle = None
    year = cells.get("cycle_year", "")
    if not YEAR.fullmatch(year):
        errors.append(("cycle_year", _("Write the year as four digits 0-9, e.g. 2025.")))
    else:
        cycle = lookups.cycles.get(int(year))
        if cycle is None:
            errors.append(("cycle_year", _("There is no %(year)s reporting cycle.") % {"year": year}))
        elif not cycle.is_open():
            errors.append(("cycle_year", _("The %(year)s reporting cycle is not open.") % {"year": year}))
    data = {}
    for name, value in cells.items():
        column = BY_NAME[name]
        if column.field is None:
            continue
        if not value and not column.required:
            continue
        if not value:
            errors.append((name, _("This column is required.")))
            continue
        try:
            data[column.field] = column.parse(value, lookups)
        except CellProblem as problem:
            errors.append((name, str(problem)))
    for name in cells:
        column = BY_NAME[name]
        if column.resolve is None or column.field not in data or commitment is None:
            continue
        try:
            data[column.field] = column.resolve(data[column.field], commitment, lookups)
        except CellProblem as problem:
            errors.append((name, str(problem)))
    if commitment is not None and not errors:
        try:
            focal_points.require_in_scope(focal_point, commitment)
        except ServiceError as error:
            errors.append(("reference", error.message))
    if errors:
        return None, errors
    return Row(line, commitment, cycle, data), []


def _messages(error):
    """(column, message) pairs of a service's refusal."""
    if isinstance(error, ServiceError):
        return [("", error.message)]
    if hasattr(error, "error_dict"):
        return [
            (BY_FIELD.get(name, name if name in BY_NAME else ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [("", message) for message in error.messages]


def check_file(handle, filename, focal_point, progress=None):
    """Read and check every row: (rows, [(line, column, message)])."""
    try:
        for _row in read_rows(handle, filename):
            pass
    except FileProblem as problem:
        return [], [(1, "", str(problem))]
    handle.seek(0)
    lookups = Lookups(focal_point)
    parsed, errors, seen = [], [], {}
    try:
        for count, (line, cells) in enumerate(read_table(handle, filename), start=1):
            key = (cells.get("reference", ""), cells.get("cycle_year", ""))
            if key[0] and key in seen:
                errors.append(
                    (line, "reference", _("The same report as line %(line)d: a duplicate.") % {"line": seen[key]})
                )
                continue
            seen[key] = line
            row, row_errors = parse_row(line, cells, lookups)
            if row_errors:
                errors.extend((line, column, message) for column, message in row_errors)
            else:
                parsed.append(row)
            if progress and count % 100 == 0:
                progress(count)
    except FileProblem as problem:
        return [], [(1, "", str(problem))]
    return parsed, errors


class _RollBack(Exception):
    pass


def already_imported(job):
    """The earlier import by the same focal point of the same bytes."""
    if not job.content_hash or job.dry_run:
        return None
    return (
        ProgressImportJob.objects.filter(
            focal_point_id=job.focal_point_id,
            content_hash=job.content_hash,
            dry_run=False,
            status=ProgressImportJob.Status.SUCCEEDED,
            error_count=0,
            error="",
            created_count__gt=0,
        )
        .exclude(pk=job.pk)
        .order_by("pk")
        .first()
    )


def run_progress_import(job, owner):
    """Check the job's file and, unless it is a check only or a row is
    refused, import every row, in one transaction that also writes the job's
    final state through the worker's claim (jobs/claims.py): all or nothing,
    and once, however often the job is taken over."""
    actor = job.requested_by
    earlier = already_imported(job)
    if earlier is not None:
        owner.finish(
            error=_("This file was already imported as import %(job)d. Nothing was done.") % {"job": earlier.pk},
            total_rows=0,
        )
        return job

    def progress(done, share=50, offset=0):
        owner.heartbeat(progress=min(99, offset + done * share // max(job.total_rows, 1)))

    with job.source.open("rb") as handle:
        job.total_rows = count_rows(handle, job.original_name)
    owner.heartbeat(progress=0, total_rows=job.total_rows)
    with job.source.open("rb") as handle:
        rows, errors = check_file(handle, job.original_name, job.focal_point, progress=progress)
    counts = {"created": 0, "updated": 0}

    def result():
        return {
            "created_count": counts["created"],
            "updated_count": counts["updated"],
            "error_count": len(errors),
            "total_rows": len(rows) + len({line for line, _column, _message in errors if line > 1}),
        }

    if not errors and rows:
        try:
            with owner.beating_apart(), transaction.atomic():
                for done, row in enumerate(rows, start=1):
                    try:
                        with transaction.atomic():
                            _report, outcome = focal_points.focal_report_enter(
                                actor=actor,
                                focal_point=job.focal_point,
                                commitment=row.commitment,
                                cycle=row.cycle,
                                data=row.data,
                            )
                    except (ServiceError, ValidationError) as error:
                        errors.extend((row.line, column, message) for column, message in _messages(error))
                        continue
                    counts[outcome] += 1
                    if done % 100 == 0:
                        progress(done, offset=50)
                if errors or job.dry_run:
                    raise _RollBack
                owner.finish(**result())
                return job
        except _RollBack:
            if job.dry_run and not errors:
                # A check only: what would have been done, rolled back.
                fields = result()
                owner.finish(**fields)
                return job
            counts = {"created": 0, "updated": 0}
    fields = result()
    if errors:
        name = f"progress-import-{job.pk}-{owner.token[:8]}-errors.csv"
        job.error_report.save(name, ContentFile(error_report(errors).encode()), save=False)
        fields["error_report"] = job.error_report.name
    try:
        owner.finish(**fields)
    except ClaimLost:
        if errors:
            job.error_report.delete(save=False)
        raise
    for name, value in fields.items():
        setattr(job, name, value)
    job.finished_at = timezone.now()
    return job


def template_csv():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.name for column in COLUMNS])
    writer.writerow(spreadsheets.csv_row([column.example for column in COLUMNS]))
    return buffer.getvalue()


def template_xlsx():
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("progress reports")
    sheet.append([column.name for column in COLUMNS])
    sheet.append(spreadsheets.xlsx_row(sheet, [column.example for column in COLUMNS]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
