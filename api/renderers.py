"""CSV that streams every matching row, with formulas neutralised."""

import csv
import json

from rest_framework.renderers import BaseRenderer

from core.spreadsheets import neutralise

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
        buffer = Echo()
        writer = csv.writer(buffer)
        header = list(rows[0].keys())
        lines = [writer.writerow(header)]
        lines += [writer.writerow([csv_cell(row.get(name)) for name in header]) for row in rows]
        return "".join(lines)


class Echo:
    def write(self, value):
        return value


def csv_cell(value):
    """One field of a serialised row as a CSV cell; text that a spreadsheet
    would run as a formula is neutralised (lists are checked once joined,
    as that is the cell a spreadsheet sees)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return neutralise(";".join(str(item) for item in value))
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value)
