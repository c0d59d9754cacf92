"""Hostile spreadsheets uploaded to the import: each is refused with a message
that says why, nothing is imported, and neither the web request nor the
worker spends more than a bounded amount of memory or time on it.

The bombs are built here, in the test, rather than committed as binaries."""

import io
import time
import tracemalloc
import zipfile
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from commitments.models import Commitment, ImportJob
from commitments.tests import admin_fixtures
from commitments.tests.factories import MakerFactory
from jobs import imports as importing
from jobs import reading

pytestmark = pytest.mark.django_db
secretariat_admin = admin_fixtures.secretariat_admin

ADD = reverse("admin:commitments_importjob_add")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@pytest.fixture
def maker():
    return MakerFactory(name="Kenya Women Parliamentary Association")


def header_row():
    cells = "".join(
        f'<c r="{column_letter(index)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for index, name in enumerate(importing.COLUMNS, start=1)
    )
    return f'<row r="1">{cells}</row>'


def column_letter(number):
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def xlsx_bytes(write_sheet_data, compresslevel=6, before_sheet_data=""):
    """A minimal .xlsx whose only sheet has no <dimension>; `write_sheet_data`
    writes the inside of <sheetData> to a binary stream, in pieces, so that a
    sheet of any size is built without holding it in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            '<sheet name="commitments" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'{before_sheet_data}<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            write_sheet_data(sheet)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def many_rows(count):
    def write(sheet):
        sheet.write(header_row().encode())
        for start in range(2, count + 2, 10_000):
            sheet.write(
                "".join(
                    f'<row r="{number}"><c r="A{number}"><v>{number}</v></c></row>'
                    for number in range(start, min(start + 10_000, count + 2))
                ).encode()
            )

    return write


def upload(client, name, content, dry_run=True):
    """Post the file to the admin's import page; return the response, the
    job it created (or None) and the callbacks it queued, not yet run. The
    request may only do the bounded check: reading rows there fails the test."""
    data = {"source": SimpleUploadedFile(name, content)}
    if dry_run:
        data["dry_run"] = "on"

    def never(*_args, **_kwargs):
        raise AssertionError("the web request read the rows of the upload")

    with (
        mock.patch.object(reading, "_xlsx_rows", never),
        mock.patch.object(reading, "_csv_rows", never),
        mock.patch("openpyxl.load_workbook", never),
        TestCase.captureOnCommitCallbacks(execute=False) as queued,
    ):
        response = client.post(ADD, data)
    return response, ImportJob.objects.order_by("-pk").first(), queued


def run_queued(queued):
    for callback in queued:
        callback()


def refused_in_the_request(response, message):
    assert response.status_code == 200  # the form again, with its error
    assert message in response.context["adminform"].form.errors["source"][0]
    assert not ImportJob.objects.exists()


def refused_by_the_worker(job, message):
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
    ((line, column, problem),) = importing.read_error_report(job)
    assert (line, column) == ("1", "")
    assert message in problem
    assert not Commitment.objects.exists()


def test_an_xlsx_without_dimension_and_with_a_million_rows_is_refused_at_the_row_cap_in_bounded_memory(
    client, secretariat_admin, maker, settings
):
    # A lower cap than the default (50,000) only to keep the test quick under
    # tracemalloc: the reader stops at the cap, whatever lies beyond it.
    settings.IMPORT_MAX_ROWS = 10_000
    content = xlsx_bytes(many_rows(1_000_000), compresslevel=1)
    assert len(content) < 15 * 1024 * 1024  # a few megabytes on the wire
    client.force_login(secretariat_admin)

    started = time.monotonic()
    response, job, queued = upload(client, "bomb.xlsx", content)
    request_seconds = time.monotonic() - started

    assert response.status_code == 302
    assert job.status == ImportJob.Status.QUEUED and job.total_rows == 0
    assert request_seconds < 3, "the request must not read the rows"
    tracemalloc.start()
    try:
        run_queued(queued)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    refused_by_the_worker(job, "at most 10000 rows")
    assert peak < 100 * 1024 * 1024, f"reading the bomb peaked at {peak / 2**20:.0f} MB"


def test_a_lone_cell_at_xfd1048576_is_refused_at_once(client, secretariat_admin, maker):
    def write(sheet):
        sheet.write(header_row().encode())
        sheet.write(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')

    client.force_login(secretariat_admin)
    _response, job, queued = upload(client, "far.xlsx", xlsx_bytes(write))

    started = time.monotonic()
    run_queued(queued)

    assert time.monotonic() - started < 2
    refused_by_the_worker(job, "at most 50000 rows")


def test_a_value_beyond_the_column_cap_is_refused(client, secretariat_admin, maker):
    def write(sheet):
        sheet.write(header_row().encode())
        sheet.write(b'<row r="2"><c r="XFD2"><v>1</v></c></row>')

    client.force_login(secretariat_admin)
    _response, job, queued = upload(client, "wide.xlsx", xlsx_bytes(write))
    run_queued(queued)

    refused_by_the_worker(job, f"at most {reading.MAX_COLUMNS} columns")


def test_a_zip_bomb_is_refused_in_the_request_from_its_directory(client, secretariat_admin, maker):
    def write(sheet):
        sheet.write(header_row().encode())
        blank = b" " * (1024 * 1024)
        for _megabyte in range(30):  # 30 MB of whitespace: valid XML, squeezes to a few kilobytes
            sheet.write(blank)

    content = xlsx_bytes(write, compresslevel=9)
    assert len(content) < 200 * 1024
    client.force_login(secretariat_admin)

    response, _job, _queued = upload(client, "bomb.xlsx", content)

    refused_in_the_request(response, "compressed far more than a spreadsheet can be")


def test_an_xlsx_that_unpacks_past_the_cap_is_refused_in_the_request(client, secretariat_admin, maker, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 200 * 1024
    client.force_login(secretariat_admin)

    response, _job, _queued = upload(client, "big.xlsx", xlsx_bytes(many_rows(10_000)))

    refused_in_the_request(response, "unpacks to")


def test_an_xlsx_with_an_entity_declaration_is_refused(client, secretariat_admin, maker):
    def write(sheet):
        sheet.write(header_row().encode())
        sheet.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>&lol;</t></is></c></row>')

    doctype = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol">]>'
    client.force_login(secretariat_admin)
    _response, job, queued = upload(client, "entity.xlsx", xlsx_bytes(write, before_sheet_data=doctype))
    run_queued(queued)

    refused_by_the_worker(job, "This is not a readable .xlsx file.")


def test_an_archive_inside_the_xlsx_is_refused_in_the_request(client, secretariat_admin, maker):
    buffer = io.BytesIO(xlsx_bytes(many_rows(1)))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/embeddings/inner.zip", b"PK\x05\x06" + b"\0" * 18)
    client.force_login(secretariat_admin)

    response, _job, _queued = upload(client, "nested.xlsx", buffer.getvalue())

    refused_in_the_request(response, "unexpected part (xl/embeddings/inner.zip)")


def test_an_xlsx_with_thousands_of_parts_is_refused_before_its_directory_is_read(client, secretariat_admin, maker):
    buffer = io.BytesIO(xlsx_bytes(many_rows(1)))
    with zipfile.ZipFile(buffer, "a") as archive:
        for number in range(reading.MAX_PARTS + 1):
            archive.writestr(f"xl/media/image{number}.png", b"")
    client.force_login(secretariat_admin)

    with mock.patch.object(zipfile, "ZipFile", side_effect=AssertionError("the directory was read")):
        response, _job, _queued = upload(client, "parts.xlsx", buffer.getvalue())

    refused_in_the_request(response, "This is not a readable .xlsx file.")


def test_a_file_named_xlsx_that_is_not_a_zip_is_refused_in_the_request(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)

    response, _job, _queued = upload(client, "commitments.xlsx", b"maker,title\nKEWOPA,Something\n")

    refused_in_the_request(response, "This is not a readable .xlsx file.")


@pytest.mark.parametrize(
    ("limit", "shown"),
    [
        (100 * 1024, "100.0\xa0KB"),  # a body Django keeps in memory
        (3 * 1024 * 1024, "3.0\xa0MB"),  # one it spools to a temporary file
    ],
)
def test_a_csv_over_the_size_limit_is_refused_and_never_stored_whole(
    client, secretariat_admin, maker, settings, limit, shown
):
    settings.IMPORT_MAX_UPLOAD_BYTES = limit
    content = b"maker,title\n" + b"KEWOPA,A title that repeats\n" * (limit // 10)  # about 3 times the limit
    client.force_login(secretariat_admin)

    response, _job, _queued = upload(client, "big.csv", content)

    refused_in_the_request(response, f"files of at most {shown} are accepted")
    # The upload handler passed on one byte more than the limit, not the whole body.
    assert response.context["adminform"].form.files["source"].size == limit + 1


def test_a_csv_with_one_gigantic_line_is_refused_by_the_worker(client, secretariat_admin, maker):
    content = ",".join(importing.COLUMNS).encode() + b"\n" + b"x" * (reading.MAX_LINE_CHARS + 10) + b"\n"
    client.force_login(secretariat_admin)
    _response, job, queued = upload(client, "long.csv", content)

    tracemalloc.start()
    try:
        run_queued(queued)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    refused_by_the_worker(job, "Line 2 holds more than 1000000 characters.")
    assert peak < 50 * 1024 * 1024


def test_a_csv_quote_left_open_is_refused(client, secretariat_admin, maker):
    content = ",".join(importing.COLUMNS).encode() + b'\n"' + b"an open quote\n" * 20_000
    client.force_login(secretariat_admin)
    _response, job, queued = upload(client, "quote.csv", content)
    run_queued(queued)

    refused_by_the_worker(job, "cannot be read as CSV")


def test_a_csv_with_a_nul_byte_early_is_refused_in_the_request(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)

    response, _job, _queued = upload(client, "nul.csv", b"maker,title\nKEWOPA,Some\x00thing\n")

    refused_in_the_request(response, "Line 2 holds a NUL character")


def test_a_csv_with_a_nul_byte_late_is_refused_by_the_worker(client, secretariat_admin, maker):
    content = ",".join(importing.COLUMNS).encode() + b"\n" + b"#padding#\n" * 10_000 + b"x\x00y\n"
    client.force_login(secretariat_admin)
    _response, job, queued = upload(client, "nul.csv", content)
    run_queued(queued)

    refused_by_the_worker(job, "Line 10002 holds a NUL character")


def test_a_csv_that_is_not_utf8_is_refused_in_the_request(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)

    response, _job, _queued = upload(client, "latin1.csv", "maker,title\nKEWOPA,Égalité\n".encode("latin-1"))

    refused_in_the_request(response, "Line 2 is not UTF-8 text")


def test_a_csv_with_too_many_rows_is_refused(client, secretariat_admin, maker, settings):
    settings.IMPORT_MAX_ROWS = 10
    content = (",".join(importing.COLUMNS) + "\n" + "x\n" * 11).encode()
    client.force_login(secretariat_admin)
    _response, job, queued = upload(client, "rows.csv", content)
    run_queued(queued)

    refused_by_the_worker(job, "A file holds at most 10 rows.")


def test_reading_stops_at_the_time_cap(client, secretariat_admin, maker, settings):
    settings.IMPORT_MAX_SECONDS = 0
    client.force_login(secretariat_admin)
    _response, job, queued = upload(client, "slow.xlsx", xlsx_bytes(many_rows(1000)))
    run_queued(queued)

    refused_by_the_worker(job, "Reading the file took more than 0 seconds")


def test_the_upload_page_states_the_limits(client, secretariat_admin):
    client.force_login(secretariat_admin)

    page = client.get(ADD)

    assert "A file may be up to 20.0\xa0MB and hold up to 50000 rows." in page.content.decode()
