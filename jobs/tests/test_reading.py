"""The bounded reader gives the cells a spreadsheet shows, whatever way the
file was written: shared or inline strings, rich text, numbers written as
floats, rows and cells without coordinates, any line ending."""

import io
import zipfile

import openpyxl
import pytest

from jobs import reading
from jobs.tests.test_import_hostile import xlsx_bytes

pytestmark = pytest.mark.django_db


def rows_of(content, name):
    return list(reading.read_rows(io.BytesIO(content), name))


def test_cells_written_by_openpyxl_read_as_typed():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["title", 2025, 2025.0, 1.5, True, None, "  spaced  "])
    sheet["C4"] = "far below"
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert rows_of(buffer.getvalue(), "book.xlsx") == [
        (1, ["title", "2025", "2025", "1.5", "TRUE", "", "spaced"]),
        (4, ["", "", "far below"]),
    ]


def test_rich_text_shared_strings_join_their_runs_and_skip_phonetic_guides():
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><r><t>Hello </t></r><r><rPr><b/></rPr><t>world</t></r><rPh><t>ignored</t></rPh></si>"
        "<si><t>second</t></si></sst>"
    )
    content = xlsx_bytes(
        lambda sheet: sheet.write(b'<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row><c><v>7</v></c></row>')
    )
    buffer = io.BytesIO(content)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", strings)
        # Point the workbook at its shared strings, as Excel does.
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/_rels/workbook.xml.rels":
                target.writestr(info.filename, source.read(info))
        target.writestr("xl/_rels/workbook.xml.rels", rels)

    assert rows_of(rebuilt.getvalue(), "rich.xlsx") == [(1, ["Hello world", "second"]), (2, ["7"])]


def test_a_shared_string_index_out_of_range_is_refused():
    content = xlsx_bytes(lambda sheet: sheet.write(b'<row r="1"><c r="A1" t="s"><v>5</v></c></row>'))

    with pytest.raises(reading.FileProblem, match="not a readable .xlsx"):
        rows_of(content, "broken.xlsx")


def test_csv_line_endings_of_every_kind_and_quoted_newlines():
    content = '\ufeffa,b\r\n1,"two\nlines"\r\n3,4\r5,6\n7,8'.encode()

    assert rows_of(content, "ends.csv") == [
        (1, ["a", "b"]),
        (2, ["1", "two\nlines"]),
        (3, ["3", "4"]),
        (4, ["5", "6"]),
        (5, ["7", "8"]),
    ]


def test_a_crlf_split_across_two_chunks_is_one_line_end(monkeypatch):
    monkeypatch.setattr(reading, "CHUNK", 5)
    content = b"ab,c\r\nde,f\r\n"  # the first chunk ends on the \r

    assert rows_of(content, "split.csv") == [(1, ["ab", "c"]), (2, ["de", "f"])]


def test_a_multibyte_character_split_across_chunks_is_read(monkeypatch):
    monkeypatch.setattr(reading, "CHUNK", 3)

    assert rows_of("égalité,ü\n".encode(), "accents.csv") == [(1, ["égalité", "ü"])]


def test_a_csv_the_project_wrote_reads_back_as_the_user_wrote_it():
    import csv

    from core.spreadsheets import csv_row

    typed = ['=HYPERLINK("http://x")', "@SUM(A1)", "-5", "'quoted", "+ plus sign", "plain"]
    written = io.StringIO()
    csv.writer(written).writerow(csv_row(typed))
    assert "'@SUM(A1)" in written.getvalue()  # neutralised on the way out

    assert rows_of(written.getvalue().encode(), "export.csv") == [(1, typed)]
