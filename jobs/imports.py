"""Importing commitments from a spreadsheet (CSV or XLSX).

The secretariat and national focal points collect commitments offline; the
admin's import page checks a file and lists every problem by line and
column, and imports nothing until the file is clean. Each row becomes a
submitted commitment of the maker it names (by id or by exact name), or,
when it carries the reference of an existing commitment, updates that one;
a row that changes nothing writes nothing, so importing the same file twice
changes nothing the second time. The writing itself is the
commitment_import service; this module reads, checks and reports.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.models import ActionArea, ActionCoalition, Country, Theme
from commitments import services
from commitments.models import TYPE_FLAGS, Commitment, CommitmentMaker, ImportJob, Scope
from core import spreadsheets

from .claims import ClaimLost

# The template's columns, in order. A file may leave out the optional ones.
COLUMNS = [
    "reference",
    "maker",
    "title",
    "description",
    "coalitions",
    "action_areas",
    "themes",
    "commitment_types",
    "financial_amount_usd",
    "scope",
    "countries",
    "start_year",
    "end_year",
    "target_groups",
    "partners",
]
REQUIRED_COLUMNS = [
    "maker",
    "title",
    "description",
    "coalitions",
    "commitment_types",
    "scope",
    "start_year",
    "end_year",
]
# Columns an export has that an import ignores, so that an export can be
# edited and imported back.
IGNORED_COLUMNS = {
    "amends",
    "maker_id",
    "constituency",
    "maker_country",
    "region",
    "status",
    "submitted_at",
    "published_at",
    "updated_at",
}
# Files with more rows than this are imported by a Celery worker.
IMPORT_SYNC_LIMIT = 200
MAX_ROWS = 50_000
SEPARATORS = (";", ",", "|")
# Model field errors, reported under the column the user typed them in.
FIELD_TO_COLUMN = {**{flag: "commitment_types" for flag in TYPE_FLAGS.values()}, "__all__": ""}

TEMPLATE_EXAMPLE = {
    "reference": "",
    "maker": "Kenya Women Parliamentary Association",
    "title": "Train 500 women candidates for county assemblies",
    "description": "Mentoring and campaign training before the next elections.",
    "coalitions": "feminist-movements-and-leadership",
    "action_areas": "",
    "themes": "",
    "commitment_types": "programme;financial",
    "financial_amount_usd": "250000",
    "scope": "national",
    "countries": "KE",
    "start_year": "2024",
    "end_year": "2026",
    "target_groups": "Women candidates",
    "partners": "",
}


class FileProblem(Exception):
    """The file as a whole cannot be read (not a spreadsheet, no header)."""


@dataclass
class ParsedRow:
    line: int
    maker: CommitmentMaker
    commitment: Commitment | None
    data: dict = field(default_factory=dict)


def _split(value):
    text = str(value or "").strip()
    if not text:
        return []
    for separator in SEPARATORS:
        if separator in text:
            return [part.strip() for part in text.split(separator) if part.strip()]
    return [text]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(handle, filename):
    """Yield (line number, {column: text}) for each non-empty row, after
    checking the header. Line 1 is the header, as a spreadsheet shows it."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(handle)
    elif name.endswith(".csv") or not name:
        rows = _csv_rows(handle)
    else:
        raise FileProblem(_("Upload a .csv or .xlsx file."))
    try:
        header = next(rows)
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None
    header = [_cell(title).lower() for title in header]
    unknown = [title for title in header if title and title not in COLUMNS and title not in IGNORED_COLUMNS]
    missing = [title for title in REQUIRED_COLUMNS if title not in header]
    if unknown or missing:
        problems = []
        if missing:
            problems.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            problems.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
        raise FileProblem(
            _("The header row does not match the template (%(problems)s).") % {"problems": "; ".join(problems)}
        )
    for line, values in enumerate(rows, start=2):
        cells = {title: _cell(value) for title, value in zip(header, values, strict=False) if title in COLUMNS}
        if any(cells.values()):
            yield line, cells


def _csv_rows(handle):
    raw = handle.read()
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise FileProblem(_("The CSV file must be saved as UTF-8.")) from None
    yield from csv.reader(io.StringIO(text))


def _xlsx_rows(handle):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise FileProblem(_("This is not a readable .xlsx file.")) from None
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


class Lookups:
    """Reference data and makers, read once per file rather than per row."""

    def __init__(self):
        self.coalitions = {}
        for coalition in ActionCoalition.objects.all():
            self.coalitions[coalition.slug.casefold()] = coalition
            self.coalitions.setdefault(coalition.short_name.casefold(), coalition)
        self.action_areas = {
            f"{area.coalition.slug}:{area.number}".casefold(): area
            for area in ActionArea.objects.select_related("coalition")
        }
        self.themes = {theme.slug.casefold(): theme for theme in Theme.objects.all()}
        self.countries = {code: code for code in Country.objects.values_list("code", flat=True)}
        self._makers = {}
        self._commitments = {}

    def maker(self, value):
        """The maker named by id or exact name, or an error message."""
        key = value.casefold()
        if key not in self._makers:
            if value.isdigit():
                found = list(CommitmentMaker.objects.filter(pk=int(value))[:2])
            else:
                found = list(CommitmentMaker.objects.filter(name__iexact=value)[:2])
            if not found:
                result = _("No commitment maker %(value)s: use its id or its exact name.") % {"value": value}
            elif len(found) > 1:
                result = _("Several commitment makers are named %(value)s: use the id.") % {"value": value}
            else:
                result = found[0]
            self._makers[key] = result
        return self._makers[key]

    def commitment(self, reference):
        if reference not in self._commitments:
            self._commitments[reference] = Commitment.objects.filter(reference=reference).first()
        return self._commitments[reference]


def _choose(values, table, column, errors, normalise=str.casefold):
    chosen, unknown = [], []
    for value in values:
        item = table.get(normalise(value))
        (chosen if item is not None else unknown).append(item if item is not None else value)
    if unknown:
        errors.append((column, _("Unknown: %(values)s") % {"values": ", ".join(unknown)}))
    return chosen


def parse_row(line, cells, lookups):
    """Turn one row into the maker, the commitment it updates (if any) and
    the data for the service, or a list of (column, message) problems."""
    errors = []
    maker = None
    if cells.get("maker"):
        found = lookups.maker(cells["maker"])
        if isinstance(found, CommitmentMaker):
            maker = found
        else:
            errors.append(("maker", found))
    else:
        errors.append(("maker", _("Name the commitment maker.")))

    data = {}
    for column in ("title", "description", "target_groups", "partners"):
        if column in cells:
            data[column] = cells[column]
    if "coalitions" in cells:
        data["coalitions"] = _choose(_split(cells["coalitions"]), lookups.coalitions, "coalitions", errors)
    if "action_areas" in cells:
        data["action_areas"] = _choose(_split(cells["action_areas"]), lookups.action_areas, "action_areas", errors)
    if "themes" in cells:
        data["themes"] = _choose(_split(cells["themes"]), lookups.themes, "themes", errors)
    if "countries" in cells:
        data["countries"] = _choose(
            _split(cells["countries"]), lookups.countries, "countries", errors, normalise=str.upper
        )
    if "commitment_types" in cells:
        types = [value.casefold() for value in _split(cells["commitment_types"])]
        unknown = [value for value in types if value not in TYPE_FLAGS]
        if unknown:
            errors.append(
                (
                    "commitment_types",
                    _("Unknown types: %(values)s (use policy, programme, financial, advocacy)")
                    % {"values": ", ".join(unknown)},
                )
            )
        data["commitment_types"] = [value for value in types if value in TYPE_FLAGS]
    if "scope" in cells:
        scope = cells["scope"].casefold()
        if scope not in Scope.values:
            errors.append(("scope", _("Use one of: %(values)s") % {"values": ", ".join(Scope.values)}))
        data["scope"] = scope
    for column in ("start_year", "end_year"):
        if column in cells:
            try:
                data[column] = int(cells[column])
            except ValueError:
                errors.append((column, _("Write the year as a number, e.g. 2025.")))
    if "financial_amount_usd" in cells:
        text = cells["financial_amount_usd"].replace(",", "").replace(" ", "")
        try:
            data["financial_amount_usd"] = Decimal(text).quantize(Decimal("0.01")) if text else None
        except InvalidOperation:
            errors.append(("financial_amount_usd", _("Write the amount as a number of US dollars.")))

    commitment = None
    reference = cells.get("reference", "")
    if reference:
        commitment = lookups.commitment(reference)
        if commitment is None:
            errors.append(("reference", _("No commitment has the reference %(value)s.") % {"value": reference}))
        elif maker is not None and commitment.maker_id != maker.pk:
            errors.append(("reference", _("%(value)s belongs to another maker.") % {"value": reference}))
    if errors:
        return None, errors
    if commitment is not None and commitment.status in (Commitment.Status.APPROVED, Commitment.Status.WITHDRAWN):
        if services.import_changes(commitment, data):
            return None, [
                (
                    "reference",
                    _("%(value)s is %(status)s: changes to it go through an amendment by its maker.")
                    % {"value": reference, "status": commitment.get_status_display()},
                )
            ]
        return ParsedRow(line, maker, commitment, data), []
    # The model's and the service's own rules, on a copy that is not saved.
    try:
        services.commitment_import_check(maker=maker, commitment=commitment, data=data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                errors.extend((FIELD_TO_COLUMN.get(name, name), message) for message in messages)
        else:
            errors.extend(("", message) for message in error.messages)
        return None, errors
    return ParsedRow(line, maker, commitment, data), []


def check_file(handle, filename, progress=None):
    """Read and check every row: (parsed rows, [(line, column, message)])."""
    lookups = Lookups()
    parsed, errors, seen = [], [], {}
    try:
        for count, (line, cells) in enumerate(read_table(handle, filename), start=1):
            if count > MAX_ROWS:
                errors.append((line, "", _("A file holds at most %(count)d rows.") % {"count": MAX_ROWS}))
                break
            reference = cells.get("reference", "")
            if reference and reference in seen:
                errors.append(
                    (
                        line,
                        "reference",
                        _("%(value)s is already on line %(line)d.") % {"value": reference, "line": seen[reference]},
                    )
                )
                continue
            if reference:
                seen[reference] = line
            row, row_errors = parse_row(line, cells, lookups)
            if row_errors:
                errors.extend((line, column, message) for column, message in row_errors)
            else:
                parsed.append(row)
            if progress and count % 100 == 0:
                progress(count)
    except FileProblem as problem:
        errors.append((1, "", str(problem)))
    return parsed, errors


def count_rows(handle, filename):
    """A quick count of the data rows, to decide whether to work in the
    request or in a worker."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        try:
            from openpyxl import load_workbook

            workbook = load_workbook(handle, read_only=True)
            rows = (workbook.worksheets[0].max_row or 1) - 1
            workbook.close()
            return rows
        except Exception:  # noqa: BLE001 - a bad file is reported by check_file
            return 0
    return max(0, handle.read().count(b"\n") - 1)


def error_report(errors):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["line", "column", "message"])
    # Messages quote what the file said ("Unknown country '=cmd|...'").
    writer.writerows(spreadsheets.csv_row(error) for error in errors)
    return buffer.getvalue()


class _Abort(Exception):
    pass


def run_import(job, owner):
    """Check the job's file and, unless it is a dry run or has errors, import
    it. Fills the job's counts, progress and error report. `owner` is the
    worker's claim on the job (jobs/claims.py); raises ClaimLost, having
    imported nothing, when another worker took the job over.

    Imported once, whoever runs it and however often it is taken over: the
    rows are applied in one transaction that also writes the job's final
    state, conditional on the claim. A killed worker's transaction is rolled
    back by the database (nothing imported); a worker that was taken over
    finds its claim gone at its last write and rolls back; only the worker
    holding the claim commits rows and result together. The check before it
    runs outside any transaction and its heartbeats commit as they go; during
    the apply the heartbeats go through a connection of their own
    (Claim.beating_apart), so the admin sees the progress move and the reaper
    sees the worker alive."""
    actor = job.requested_by

    def progress(done, share=50, offset=0):
        total = max(job.total_rows, 1)
        owner.heartbeat(progress=min(99, offset + done * share // total))

    with job.source.open("rb") as handle:
        job.total_rows = count_rows(handle, job.original_name)
    owner.heartbeat(progress=0, total_rows=job.total_rows)
    with job.source.open("rb") as handle:
        parsed, errors = check_file(handle, job.original_name, progress=progress)
    counts = {"created": 0, "updated": 0, "unchanged": 0}

    def result():
        job.created_count = counts["created"]
        job.updated_count = counts["updated"]
        job.unchanged_count = counts["unchanged"] if not job.dry_run else 0
        job.error_count = len(errors)
        job.total_rows = len(parsed) + len({line for line, _column, _message in errors if line > 1})
        job.status = ImportJob.Status.SUCCEEDED
        job.progress = 100
        job.finished_at = timezone.now()
        return {
            name: getattr(job, name)
            for name in ("created_count", "updated_count", "unchanged_count", "error_count", "total_rows")
        }

    if not errors and not job.dry_run:
        if not services.can_import_commitments(actor):
            errors.append((1, "", _("Only secretariat admins can import commitments.")))
        else:
            try:
                with owner.beating_apart(), transaction.atomic():
                    for done, row in enumerate(parsed, start=1):
                        try:
                            _commitment, outcome = services.commitment_import(
                                actor=actor, maker=row.maker, data=row.data, commitment=row.commitment
                            )
                        except (services.ServiceError, ValidationError) as error:
                            errors.append((row.line, "", services_message(error)))
                            raise _Abort from None
                        counts[outcome] += 1
                        if done % 100 == 0:
                            progress(done, share=50, offset=50)
                    # In the same transaction as the rows: both or neither.
                    owner.finish(**result())
                    return job
            except _Abort:
                counts = {"created": 0, "updated": 0, "unchanged": 0}
    fields = result()
    if errors:
        # A name per attempt, so that a report left by a killed attempt is
        # never confused with this one (the download is named by the view).
        name = f"import-{job.pk}-{owner.token[:8]}-errors.csv"
        job.error_report.save(name, ContentFile(error_report(errors).encode()), save=False)
        fields["error_report"] = job.error_report.name
    try:
        owner.finish(**fields)
    except ClaimLost:
        if errors:
            job.error_report.delete(save=False)
        raise
    return job


def services_message(error):
    if isinstance(error, services.ServiceError):
        return error.message
    return " ".join(error.messages)


def template_csv():
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow({column: spreadsheets.neutralise(value) for column, value in TEMPLATE_EXAMPLE.items()})
    return buffer.getvalue()


def template_xlsx():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "commitments"
    sheet.append(COLUMNS)
    sheet.append(spreadsheets.xlsx_row(sheet, [TEMPLATE_EXAMPLE[column] for column in COLUMNS]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_error_report(job, limit=500):
    """The first `limit` problems of a job, for its admin page."""
    if not job.error_report:
        return []
    with job.error_report.open("rb") as handle:
        reader = csv.reader(io.StringIO(handle.read().decode("utf-8")))
        next(reader, None)
        return [row for _index, row in zip(range(limit), reader, strict=False)]
