"""Importing commitments from a spreadsheet (CSV or XLSX).

The secretariat and national focal points collect commitments offline; the
admin's import page checks a file and lists every problem by line and
column, and imports nothing until the file is clean. Each row becomes a
submitted commitment of the maker it names (by id or by exact name), or
updates an existing one: the one whose reference it carries or, without a
reference, the maker's one with the same title and start year (its natural
key); a key that fits several commitments, or a commitment met twice in the
file, is refused in the dry run. A row that changes nothing writes nothing,
and a file whose bytes were already imported (by SHA-256) is not imported
again, so importing twice changes nothing the second time. The file is read
by jobs.reading, within its caps; the writing itself is the
commitment_import service; this module checks and reports.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coalitions.models import ActionArea, ActionCoalition, Country, Subdivision, Theme
from commitments import services
from commitments.models import TYPE_FLAGS, Commitment, CommitmentMaker, ImportJob, Scope
from core import spreadsheets
from jobs.import_history import earlier_import, finish_as_already_imported
from jobs.reading import FileProblem, read_rows

from .claims import ClaimLost
from .measure_cells import parse_indicators, standards_by_code

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
    "places",
    "start_year",
    "end_year",
    "target_groups",
    "partners",
    "indicators",
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
SEPARATORS = (";", ",", "|")
# Numbers are read with the ASCII digits 0-9 only. Python's int() and
# Decimal() also take other scripts' digits (Arabic-Indic ١٢٣, fullwidth ２０２５)
# and underscores, and "1e309", "NaN" or "Infinity"; none of them is what a
# spreadsheet of commitments should hold, so each is a row error that says
# what to write instead, never a crash. Thousands separators (comma, space,
# no-break space, apostrophe) are dropped from amounts.
YEAR = re.compile(r"[0-9]{4}")
MAKER_ID = re.compile(r"[0-9]{1,18}")
AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
AMOUNT_SEPARATORS = (",", " ", "\u00a0", "\u202f", "'")
AMOUNT_MAX_DIGITS = 13  # the model keeps 15 digits, 2 of them after the point
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
    "places": "",
    "start_year": "2024",
    "end_year": "2026",
    "target_groups": "Women candidates",
    "partners": "",
    "indicators": "Women candidates trained | people | 0 | 2023 | 500 | 2026",
}


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


def read_table(handle, filename, *, columns=COLUMNS, required=REQUIRED_COLUMNS, ignored=IGNORED_COLUMNS):
    """Yield (line number, {column: text}) for each non-empty row, after
    checking the header against `columns` (those `required` must be there,
    those `ignored` may be). Line 1 is the header, as a spreadsheet shows it.
    The file is read within the caps of jobs.reading, which raises
    FileProblem when one is hit. The focal points' progress import reads
    its files through it too, with its own columns."""
    rows = read_rows(handle, filename)
    try:
        _line, header = next(rows)
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None
    header = [_cell(title).lower() for title in header]
    unknown = [title for title in header if title and title not in columns and title not in ignored]
    missing = [title for title in required if title not in header]
    if unknown or missing:
        problems = []
        if missing:
            problems.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            problems.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
        raise FileProblem(
            _("The header row does not match the template (%(problems)s).") % {"problems": "; ".join(problems)}
        )
    for line, values in rows:
        cells = {title: _cell(value) for title, value in zip(header, values, strict=False) if title in columns}
        if any(cells.values()):
            yield line, cells


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
        self.places = {code: code for code in Subdivision.objects.values_list("code", flat=True)}
        self.standards = standards_by_code()
        self._makers = {}
        self._commitments = {}
        self._by_maker_and_year = {}

    def maker(self, value):
        """The maker named by id or exact name, or an error message."""
        key = value.casefold()
        if key not in self._makers:
            if MAKER_ID.fullmatch(value):
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

    def same_natural_key(self, maker, title, start_year):
        """The commitments (not amendments) of `maker` with this title and
        start year: what a row without a reference stands for."""
        key = (maker.pk, start_year)
        if key not in self._by_maker_and_year:
            self._by_maker_and_year[key] = list(
                Commitment.objects.filter(maker=maker, start_year=start_year, amends__isnull=True).order_by("pk")
            )
        title = normalise_title(title)
        return [item for item in self._by_maker_and_year[key] if normalise_title(item.title) == title]

    def natural_key(self, cells):
        """(maker id, title, start year) of a row, or None when one is missing
        or unreadable (the row's own check reports that)."""
        maker = self.maker(cells["maker"]) if cells.get("maker") else None
        title = normalise_title(cells.get("title", ""))
        year = cells.get("start_year", "")
        if not isinstance(maker, CommitmentMaker) or not title or not YEAR.fullmatch(year):
            return None
        return (maker.pk, title, int(year))


def normalise_title(title):
    """A title as the natural key compares it: trimmed, inner spaces
    collapsed, case folded."""
    return " ".join(str(title).split()).casefold()


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
    if "places" in cells:
        data["places"] = _choose(_split(cells["places"]), lookups.places, "places", errors, normalise=str.upper)
    if cells.get("indicators"):
        data["indicators"], problems = parse_indicators(cells["indicators"], lookups.standards)
        errors.extend(("indicators", problem) for problem in problems)
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
            if YEAR.fullmatch(cells[column]):
                data[column] = int(cells[column])
            else:
                errors.append((column, _("Write the year as four digits 0-9, e.g. 2025.")))
    if "financial_amount_usd" in cells:
        amount, problem = parse_amount(cells["financial_amount_usd"])
        if problem:
            errors.append(("financial_amount_usd", problem))
        else:
            data["financial_amount_usd"] = amount

    commitment = None
    reference = cells.get("reference", "")
    if reference:
        commitment = lookups.commitment(reference)
        if commitment is None:
            errors.append(("reference", _("No commitment has the reference %(value)s.") % {"value": reference}))
        elif maker is not None and commitment.maker_id != maker.pk:
            errors.append(("reference", _("%(value)s belongs to another maker.") % {"value": reference}))
    elif not errors and data.get("title") and data.get("start_year"):
        # No reference: the maker, title and start year say which commitment
        # the row stands for, so that importing it again updates that one
        # rather than creating a twin.
        matches = lookups.same_natural_key(maker, data["title"], data["start_year"])
        if len(matches) > 1:
            errors.append(
                (
                    "reference",
                    _(
                        "Several commitments of this maker have this title and start year (%(references)s): give the reference."
                    )
                    % {"references": ", ".join(item.reference for item in matches)},
                )
            )
        elif matches:
            commitment = matches[0]
            reference = commitment.reference
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


def parse_amount(text):
    """(Decimal or None, problem message or None) for an amount cell."""
    for separator in AMOUNT_SEPARATORS:
        text = text.replace(separator, "")
    if not text:
        return None, None
    if not AMOUNT.fullmatch(text):
        return None, _("Write the amount as a number of US dollars.")
    if len(text.lstrip("-").split(".")[0].lstrip("0")) > AMOUNT_MAX_DIGITS:
        return None, _("The amount is too large: at most %(limit)s US dollars.") % {
            "limit": formats.number_format(Decimal("9999999999999.99"), 2, use_l10n=True, force_grouping=True)
        }
    try:
        return Decimal(text).quantize(Decimal("0.01")), None
    except InvalidOperation:  # cannot happen after the checks above; kept as the last guard
        return None, _("Write the amount as a number of US dollars.")


def check_file(handle, filename, progress=None):
    """Read and check every row: (parsed rows, [(line, column, message)])."""
    # A first pass reads the file alone, within the caps: a file refused as a
    # whole (a cap hit, a broken part) is refused before any row is checked,
    # and its report holds that one reason rather than a line per row.
    try:
        for _row in read_rows(handle, filename):
            pass
    except FileProblem as problem:
        return [], [(1, "", str(problem))]
    handle.seek(0)
    lookups = Lookups()
    parsed, errors, seen = [], [], {}
    # Natural keys and target commitments already met in the file, by line:
    # a second row for the same commitment is a duplicate, refused here.
    seen_keys, targeted = {}, {}
    try:
        for count, (line, cells) in enumerate(read_table(handle, filename), start=1):
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
            key = lookups.natural_key(cells)
            if key is not None and key in seen_keys:
                errors.append((line, "title", duplicate_message(seen_keys[key])))
                continue
            if key is not None:
                seen_keys[key] = line
            row, row_errors = parse_row(line, cells, lookups)
            if row_errors:
                errors.extend((line, column, message) for column, message in row_errors)
            elif row.commitment is not None and row.commitment.pk in targeted:
                errors.append((line, "reference", duplicate_message(targeted[row.commitment.pk])))
            else:
                if row.commitment is not None:
                    targeted[row.commitment.pk] = line
                parsed.append(row)
            if progress and count % 100 == 0:
                progress(count)
    except FileProblem as problem:
        # The header, or a part the first pass could not reach (the file changed?).
        return [], [(1, "", str(problem))]
    return parsed, errors


def duplicate_message(line):
    return _("The same commitment (maker, title and start year, or reference) as line %(line)d: a duplicate.") % {
        "line": line
    }


def count_rows(handle, filename):
    """The number of data rows, for the progress bar: a first pass through
    the file within the same caps as the check (0 when a cap is hit, which
    the check then reports)."""
    try:
        return max(0, sum(1 for _row in read_rows(handle, filename)) - 1)
    except FileProblem:
        return 0


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
    earlier = None if job.dry_run else earlier_import(job, pending_before=True)
    if earlier is not None:
        return finish_as_already_imported(job, earlier, owner)

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
