"""The files of an accountability report, rendered from its figures.

Everything here is a function of the compiled figures (the dict from
reporting.compile): the web page, the standalone HTML document, the PDF made
from it, the XLSX workbook and the ZIP of CSVs all show the same tables, so a
figure cannot differ between two formats. Charts are SVG drawn on the server,
each followed by a table with its numbers for screen readers and for copying.
"""

import csv
import io
import zipfile
from decimal import Decimal

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from core import formatting, spreadsheets

TABLE_TITLES = {
    "summary": _("Summary"),
    "by_coalition": _("Commitments by Action Coalition"),
    "by_action_area": _("Commitments by action area"),
    "by_constituency": _("Commitments by constituency"),
    "by_region": _("Commitments by region of the maker"),
    "by_country": _("Commitments by country"),
    "by_type": _("Commitments by type"),
    "by_scope": _("Commitments by scope"),
    "reporting_rate_by_coalition": _("Reporting rate by Action Coalition"),
    "reporting_rate_by_constituency": _("Reporting rate by constituency"),
    "implementation_status": _("Implementation status"),
    "implementation_status_by_coalition": _("Implementation status by Action Coalition"),
    "challenges": _("Challenges reported"),
    "results_by_standard_indicator": _("Results against the standard indicators"),
    "results_by_coalition": _("Results by Action Coalition"),
    "results_by_region": _("Results by region of the maker"),
    "results_breakdown": _("Who the results reached: by sex, age group and disability"),
    "deliverables_by_coalition": _("Deliverables due, and delivered on time"),
    "disbursed_by_coalition": _("Money disbursed against money committed"),
    "smart_scores": _("SMART scores of the approved commitments"),
    "assessments_by_status": _("The secretariat's assessments beside the makers' own status"),
    "change": _("Change since the previous cycle"),
}

# Sheet and file names: short, ASCII, at most 31 characters (Excel's limit).
SHEET_NAMES = {
    "summary": "Summary",
    "by_coalition": "By coalition",
    "by_action_area": "By action area",
    "by_constituency": "By constituency",
    "by_region": "By region",
    "by_country": "By country",
    "by_type": "By type",
    "by_scope": "By scope",
    "reporting_rate_by_coalition": "Reporting rate by coalition",
    "reporting_rate_by_constituency": "Reporting rate by constituency",
    "implementation_status": "Implementation status",
    "implementation_status_by_coalition": "Status by coalition",
    "challenges": "Challenges",
    "results_by_standard_indicator": "Results",
    "results_by_coalition": "Results by coalition",
    "results_by_region": "Results by region",
    "results_breakdown": "Results breakdown",
    "deliverables_by_coalition": "Deliverables",
    "disbursed_by_coalition": "Disbursed vs committed",
    "smart_scores": "SMART scores",
    "assessments_by_status": "Assessments",
    "change": "Change",
}

COLUMN_LABELS = {
    "key": _("Code"),
    "label": _("Name"),
    "coalition": _("Action Coalition"),
    "makers": _("Makers"),
    "commitments": _("Commitments"),
    "usd_committed": _("USD committed"),
    "usd_disbursed": _("USD reported disbursed"),
    "active_commitments": _("Active commitments"),
    "reported_commitments": _("Commitments reported on"),
    "reporting_rate": _("Reporting rate"),
    "reports": _("Progress reports"),
    "share": _("Share"),
    "previous": _("Previous cycle"),
    "current": _("This cycle"),
    "change": _("Change"),
    "value": _("Value"),
    "not_started": _("Not started"),
    "on_track": _("On track"),
    "off_track": _("Off track"),
    "completed": _("Completed"),
    "discontinued": _("Discontinued"),
    "region": _("Region"),
    "unit": _("Unit"),
    "result": _("Result"),
    "dimension": _("Dimension"),
    "category": _("Category"),
    "due": _("Due by this year"),
    "delivered_on_time": _("Delivered on time"),
    "delivered_late": _("Delivered late"),
    "open": _("Not yet delivered"),
    "dropped": _("Dropped"),
    "on_time_rate": _("Share delivered on time"),
    "usd_disbursed_to_date": _("USD disbursed to date"),
    "disbursed_share": _("Disbursed to date, share of committed"),
    "over_committed": _("Commitments with more disbursed than committed"),
    "verified": _("Verified"),
    "partly_verified": _("Partly verified"),
    "not_verifiable": _("Not verifiable"),
    "not_assessed": _("Not assessed"),
}

TOTAL_LABELS = {
    "makers": _("Commitment makers"),
    "commitments": _("Approved commitments"),
    "usd_committed": _("USD committed"),
    "active_commitments": _("Commitments active this year"),
    "reported_commitments": _("Active commitments reported on"),
    "reporting_rate": _("Reporting rate"),
    "reports": _("Progress reports submitted or accepted"),
    "usd_disbursed": _("USD reported disbursed"),
}

# Which column each chart draws, and whether it is a rate.
CHARTS = {
    "by_coalition": "commitments",
    "by_constituency": "commitments",
    "by_region": "commitments",
    "by_country": "commitments",
    "by_type": "commitments",
    "by_scope": "commitments",
    "reporting_rate_by_coalition": "reporting_rate",
    "reporting_rate_by_constituency": "reporting_rate",
    "implementation_status": "reports",
    "challenges": "reports",
    "deliverables_by_coalition": "on_time_rate",
    "disbursed_by_coalition": "disbursed_share",
    "smart_scores": "commitments",
}
CHART_ROW_LIMIT = 15  # the country chart shows the 15 countries with most commitments


def kind_of(column, row_key=None):
    """How a column's values are written: text, count, money or rate. In the
    change table the kind follows the figure in the row."""
    if column in ("previous", "current", "change") and row_key:
        return kind_of(row_key)
    if column.startswith("usd_"):
        return "money"
    if column in ("reporting_rate", "share", "on_time_rate", "disbursed_share"):
        return "rate"
    if column == "result":
        return "amount"
    if column in ("key", "label", "coalition", "region", "unit", "dimension", "category"):
        return "text"
    return "count"


def display(value, kind):
    """A value as a reader sees it on the page."""
    if value is None:
        return "—"
    if kind == "money":
        return formatting.money(value, 2)
    if kind == "rate":
        return formatting.percent(value, 1)
    if kind in ("count", "amount"):
        return formatting.number(value)
    return str(value)


def raw(value, kind):
    """A value as a spreadsheet stores it: numbers as numbers."""
    if value is None:
        return None
    if kind in ("money", "amount"):
        return Decimal(value)
    return value


def all_tables(data):
    """The summary, the figure tables and the change table, in report order."""
    summary_rows = [{"key": key, "label": key, "value": value} for key, value in ordered_totals(data.get("totals", {}))]
    tables = [{"key": "summary", "columns": ["label", "value"], "rows": summary_rows}]
    tables += data.get("tables", [])
    if data.get("change"):
        tables.append(data["change"]["table"])
    return tables


def _row_kind(table, column, row):
    if table["key"] == "summary" and column == "value":
        return kind_of(row["key"])
    return kind_of(column, row["key"] if table["key"] == "change" else None)


def _row_label(table, row):
    if table["key"] in ("summary", "change"):
        return str(TOTAL_LABELS.get(row["key"], row["label"]))
    return row["label"]


def _cell(table, column, row):
    if column == "label":
        return _row_label(table, row)
    return row.get(column)


# Charts -----------------------------------------------------------------------


CHART_FONT_SIZE = 12


def _advance(character):
    """A character's width in ems, near enough to DejaVu Sans's (Latin,
    Cyrillic and Arabic letters average 0.6 em, digits 0.64) and to the
    square CJK characters' whole em; on the generous side."""
    return 1.0 if "\u2e80" <= character <= "\ufaff" or "\uff00" <= character <= "\uffef" else 0.62


def wrap_label(text, width):
    """`text` in lines no wider than `width` px at CHART_FONT_SIZE: broken at
    spaces, and between any two CJK characters (which have no spaces); a
    single word wider than the line keeps a line of its own rather than lose
    letters."""
    limit = width / CHART_FONT_SIZE
    pieces = []
    for word in text.split():
        if any(_advance(character) == 1.0 for character in word):
            pieces.extend((character, index > 0) for index, character in enumerate(word))
        else:
            pieces.append((word, False))
    lines, line, used = [], "", 0.0
    for piece, glued in pieces:
        size = sum(_advance(character) for character in piece)
        gap = 0 if glued or not line else _advance(" ")
        if line and used + gap + size > limit:
            lines.append(line)
            line, used = piece, size
            continue
        line += ("" if glued or not line else " ") + piece
        used += gap + size
    return [*lines, line] if line or not lines else lines


def bar_chart_svg(chart_id, title, bars, is_rate=False):
    """A horizontal bar chart as inline SVG. `bars` is [(label, value)]; the
    numbers are also in the table that follows each chart. In a right-to-left
    language (Arabic) the chart is mirrored: labels on the right, bars growing
    leftwards. Labels are never cut: a long one wraps onto more lines that
    fit the label's 292 px (wrap_label) and its row grows. The font is set on
    the SVG itself: WeasyPrint does not carry the page's CSS into it."""
    line_height, label_width, bar_width, value_width = 14, 300, 300, 80
    rtl = translation.get_language_bidi()
    width = label_width + bar_width + value_width
    top = max([value for _label, value in bars if value] or [0])
    scale = 1.0 if is_rate else (top or 1)

    def across(x, length=0):
        # x measured from the label's side; mirrored in right to left.
        return round(width - x - length, 1) if rtl else x

    parts = []
    y = 4
    for label, value in bars:
        lines = wrap_label(str(label), label_width - 8)
        row_height = 24 + line_height * (len(lines) - 1)
        # A share above the whole (more disbursed than committed) fills the bar.
        length = round(bar_width * min((value or 0) / scale, 1), 1)
        shown = display(value, "rate" if is_rate else "count")
        middle = y + row_height / 2
        label_x = across(label_width - 8)
        first_y = middle + 4 - line_height * (len(lines) - 1) / 2
        spans = format_html_join(
            "",
            '<tspan x="{}" y="{}">{}</tspan>',
            ((label_x, round(first_y + line_height * index, 1), line) for index, line in enumerate(lines)),
        )
        parts.append(
            format_html(
                '<text text-anchor="end" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar" fill="#5b2a86"><title>{}: {}</title></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                spans,
                across(label_width, length),
                round(middle - 9, 1),
                length,
                18,
                label,
                shown,
                across(label_width + length + 6),
                round(middle + 4, 1),
                shown,
            )
        )
        y += row_height
    height = y + 4
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{}-title" '
        f'font-family="DejaVu Sans, sans-serif" font-size="{CHART_FONT_SIZE}" '
        'direction="{}" viewBox="0 0 {} {}" width="{}" height="{}"><title id="{}-title">{}</title>{}</svg>',
        chart_id,
        "rtl" if rtl else "ltr",
        width,
        height,
        width,
        height,
        chart_id,
        title,
        mark_safe("".join(parts)),  # noqa: S308 — each part was built with format_html
    )


def sections(data):
    """What the HTML report shows: per table its title, column headers, rows of
    displayed cells and, where it has one, its chart."""
    result = []
    for table in all_tables(data):
        columns = list(table["columns"])
        rows = [
            [display(_cell(table, column, row), _row_kind(table, column, row)) for column in columns]
            for row in table["rows"]
        ]
        section = {
            "key": table["key"],
            "title": TABLE_TITLES.get(table["key"], table["key"]),
            "headers": [COLUMN_LABELS.get(column, column) for column in columns],
            "rows": rows,
            "chart": None,
        }
        value_column = CHARTS.get(table["key"])
        if value_column and table["rows"]:
            chart_rows = table["rows"][:CHART_ROW_LIMIT] if table["key"] == "by_country" else table["rows"]
            section["chart"] = bar_chart_svg(
                f"chart-{table['key'].replace('_', '-')}",
                section["title"],
                [(row["label"], row.get(value_column)) for row in chart_rows],
                is_rate=kind_of(value_column) == "rate",
            )
        result.append(section)
    return result


def ordered_totals(totals):
    """(key, value) of the totals in the labels' order: stored as JSON, the
    figures come back with their keys in PostgreSQL's order, not the
    compile's."""
    known = [key for key in TOTAL_LABELS if key in totals]
    return [(key, totals[key]) for key in [*known, *(key for key in totals if key not in TOTAL_LABELS)]]


def headline(data):
    """The summary figures for the top of the page, as (label, shown value).
    Millions and more read as words ("US$2.2 billion") so that a figure fits
    its tile; the tables below keep every digit."""
    rows = []
    for key, value in ordered_totals(data["totals"]):
        kind = kind_of(key)
        if kind == "money" and value is not None and Decimal(value) >= 1_000_000:
            shown = formatting.money_in_words(value)
        else:
            shown = display(value, kind)
        rows.append((TOTAL_LABELS.get(key, key), shown))
    return rows


# Files -----------------------------------------------------------------------


def _headers(table):
    return ["key"] + [str(COLUMN_LABELS.get(column, column)) for column in table["columns"]]


def _raw_row(table, row):
    return [row["key"]] + [raw(_cell(table, column, row), _row_kind(table, column, row)) for column in table["columns"]]


def render_xlsx(data):
    """A workbook with one sheet per table; numbers stay numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in all_tables(data):
        sheet = workbook.create_sheet(SHEET_NAMES.get(table["key"], table["key"][:31]))
        sheet.append(spreadsheets.xlsx_row(sheet, _headers(table)))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            sheet.append(spreadsheets.xlsx_row(sheet, _raw_row(table, row)))
            for column, cell in zip(["key", *table["columns"]], sheet[sheet.max_row], strict=True):
                kind = _row_kind(table, column, row)
                if kind in ("money", "amount"):
                    cell.number_format = "#,##0.00"
                elif kind == "rate":
                    cell.number_format = "0.0%"
        sheet.column_dimensions["B"].width = 48
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_csv_zip(data):
    """A ZIP holding one CSV per table, named after the table's key."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in all_tables(data):
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(spreadsheets.csv_row(_headers(table)))
            for row in table["rows"]:
                writer.writerow(
                    spreadsheets.csv_row(["" if value is None else value for value in _raw_row(table, row)])
                )
            archive.writestr(f"{table['key']}.csv", text.getvalue())
    return buffer.getvalue()


def report_css():
    path = finders.find("css/reports.css")
    if not path:
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def render_html_document(report, data):
    """The report as one standalone HTML file (styles inline), which is also
    what the PDF is printed from."""
    return render_to_string(
        "reporting/report_document.html",
        {
            "report": report,
            "data": data,
            "headline": headline(data),
            "sections": sections(data),
            "css": mark_safe(report_css()),  # noqa: S308 — our own stylesheet
        },
    )


def render_pdf(html):
    """(PDF bytes, None), or (None, why) when WeasyPrint cannot run here —
    typically because the Pango system libraries are not installed."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        return None, f"WeasyPrint cannot run on this server ({error}); install Pango to get PDF reports."
    return weasyprint.HTML(string=html).write_pdf(), None


# What a report's files are called where people download them.
FORMATS = {
    # format: (label, content type, download as attachment)
    "pdf": (gettext_lazy("PDF"), "application/pdf", True),
    "xlsx": (
        gettext_lazy("Excel workbook (XLSX)"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        True,
    ),
    "zip": (gettext_lazy("CSV tables (ZIP)"), "application/zip", True),
    "html": (gettext_lazy("HTML"), "text/html; charset=utf-8", False),
}


def pdf_language(report):
    """The language of the PDF a reader of the active language gets: theirs
    where the compile laid one out in it, else the compile's own."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in (report.translated_pdfs or {}) else settings.LANGUAGE_CODE


def downloads_of(report, cycle):
    """The download links of a succeeded report; a missing PDF says why, and
    a PDF in another language than the reader's says which."""
    report.cycle = cycle
    links = []
    for file_format, (label, _content_type, _attachment) in FORMATS.items():
        stored = getattr(report, report.FILE_FIELDS[file_format])
        if stored:
            link = {"label": label, "url": report.download_url(file_format)}
            language = pdf_language(report) if file_format == "pdf" else None
            if language and language != translation.get_language():
                link["note"] = translation.get_language_info(language)["name_translated"]
            links.append(link)
        elif file_format == "pdf":
            links.append({"label": label, "url": None, "reason": report.pdf_unavailable_reason or _("not available")})
    return links
