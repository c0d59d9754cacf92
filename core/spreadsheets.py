"""Cells that a spreadsheet program will not run as formulas.

Every CSV and XLSX the project writes (admin exports, the API's
`?format=csv`, the catalogue download, the accountability report's files, the
import template and error report) passes its cells through this module, so a
commitment titled `=HYPERLINK("http://evil", "click")` or `@SUM(A1)` is shown
as text, never evaluated, in Excel, LibreOffice or Google Sheets.

The rule (`is_formula_like`) is the OWASP one, made a little wider on purpose:

- a text whose first character is `=`, `+`, `-`, `@`, TAB, CR or LF; LF is
  added because some importers split or trim on it the way they do on CR;
- the same characters after leading whitespace, because LibreOffice's "trim
  spaces" import option and some online converters strip it before looking;
- the full-width forms `＝ ＋ － ＠`, which Excel in East Asian locales turns
  into their ASCII forms as they are typed or imported;
- but never a plain number: `-5`, `+3.25`, `-1.5e3` cannot run anything, and
  the API writes decimals as text (`"-5.00"`), which must stay numbers.

Numbers, dates and booleans are not text and pass through unchanged, so a
negative amount stays numeric in both formats.

CSV has no "this is text" marker, so a formula-like text gets a leading
apostrophe, which every spreadsheet program shows as the start of a text
cell; the importer takes it off again (`restore`). XLSX does have one: the cell is written as a string cell with Excel's
own quote-prefix flag (what typing `'=1` in Excel stores), so the value
stays exactly what the user wrote and imports back unchanged.
"""

import re

FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
# ASCII digits only, like the SQL of core.sqlcsv: "-٣" is text, not a number.
_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def is_formula_like(value):
    """Whether a spreadsheet could run this cell as a formula."""
    if not isinstance(value, str) or not value:
        return False
    if value[0] in FORMULA_STARTS:
        return not _PLAIN_NUMBER.fullmatch(value)
    stripped = value.lstrip()
    return bool(stripped) and stripped[0] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(stripped)


def neutralise(value):
    """A CSV cell: formula-like text gets a leading apostrophe; anything else,
    numbers included, is returned unchanged."""
    if is_formula_like(value):
        return "'" + value
    return value


def restore(value):
    """The text a CSV cell held before `neutralise`: the apostrophe it put
    before a formula-like text is taken off again, so an exported file
    imported back (the admin's re-import) stores what the user wrote. A text
    whose apostrophe is not followed by formula-like text keeps it."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


def xlsx_cell(sheet, value):
    """A cell for `sheet.append()` (write-only sheets included): formula-like
    text becomes a string cell with the quote-prefix flag, never a formula."""
    if not is_formula_like(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def xlsx_row(sheet, values):
    """`values` as cells for `sheet.append()`."""
    return [xlsx_cell(sheet, value) for value in values]


def csv_row(values):
    """`values` as CSV cells."""
    return [neutralise(value) for value in values]
