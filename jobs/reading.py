"""Bounded reading of uploaded spreadsheets (CSV and XLSX): the one helper
every upload goes through, in the web request (`check_upload`, a quick look)
and in the worker (`read_rows`, the whole file).

An uploaded file is hostile until read. A 879 KB .xlsx with no <dimension>
header made openpyxl parse its million rows just to size the sheet, keeping
every row element alive, and grew a web process to 8 GB; a 200 MB CSV was
read whole into memory. So nothing here trusts what a file says about
itself, and every resource it can make us spend has a cap:

- the upload's size (IMPORT_MAX_UPLOAD_BYTES), checked before anything else;
- for XLSX, the zip directory is inspected first: the sum of the uncompressed
  sizes (IMPORT_MAX_UNCOMPRESSED_BYTES), each part's compression ratio, the
  number of parts, and their names (no absolute or parent paths, no archive
  inside the archive, no encryption). zipfile stops every part at the size
  its directory entry declares, so the declared sizes are the real ones;
- the XML is read with expat as a stream of events, never as a tree, and a
  DOCTYPE (hence any entity) is refused: memory holds one row at a time plus
  the shared strings, whatever the sheet's shape; the dimension header is
  never read;
- rows (IMPORT_MAX_ROWS, counted both as rows and as the row numbers the
  sheet claims, so a lone cell at XFD1048576 is refused at once), columns
  (MAX_COLUMNS), characters per cell or CSV line, and the time spent reading
  (IMPORT_MAX_SECONDS, the reader's own time, not the checks done on each row);
- CSV is decoded as UTF-8 in chunks; a NUL byte, undecodable text, an
  over-long line or record, or a malformed quote is refused with its line.

Every refusal is a FileProblem carrying a message for the user. What a read
may hold in memory at worst is one row (MAX_COLUMNS cells of MAX_CELL_CHARS)
plus the shared strings, themselves within IMPORT_MAX_UNCOMPRESSED_BYTES; a
dimension-less sheet of a million rows peaks at about 12 MB.
"""

import codecs
import csv
import posixpath
import re
import struct
import time
import zipfile
from xml.parsers import expat

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.spreadsheets import restore

CHUNK = 64 * 1024
# More columns than any import needs (the template has 15, an export 24).
MAX_COLUMNS = 200
# Excel's own limit for a cell; a CSV line may hold a few of them.
MAX_CELL_CHARS = 32_767
MAX_LINE_CHARS = 1_000_000
# Parts that unpack to more than 1 MB may be at most this many times larger
# than their compressed size: real sheets compress 5-20 times, bombs 1000.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_ABOVE = 1024 * 1024
MAX_PARTS = 1000
# The workbook's index parts are a few kilobytes.
MAX_INDEX_PART_BYTES = 2 * 1024 * 1024
ARCHIVE_SUFFIXES = (".zip", ".xlsx", ".xlsm", ".xlsb", ".docx", ".pptx", ".jar", ".gz", ".7z", ".rar")
_ROW_NUMBER = re.compile(r"[0-9]{1,9}")
_CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]{1,9})")
_INTEGER = re.compile(r"-?[0-9]{1,15}")


class FileProblem(Exception):
    """The file as a whole cannot be read or is refused; the message says why."""


def _not_readable():
    return FileProblem(_("This is not a readable .xlsx file."))


def _too_many_rows():
    return FileProblem(_("A file holds at most %(count)d rows.") % {"count": settings.IMPORT_MAX_ROWS})


def _too_many_columns():
    return FileProblem(_("A file holds at most %(count)d columns.") % {"count": MAX_COLUMNS})


def _too_long(line, count):
    return FileProblem(_("Line %(line)d holds more than %(count)d characters.") % {"line": line, "count": count})


def _size(handle):
    size = getattr(handle, "size", None)
    if size is None:
        position = handle.tell()
        size = handle.seek(0, 2)
        handle.seek(position)
    return size


class _Clock:
    """The time the reader itself has spent, checked against IMPORT_MAX_SECONDS.
    Time spent by the caller between two rows does not count."""

    def __init__(self):
        self.spent = 0.0
        self.limit = settings.IMPORT_MAX_SECONDS

    def add(self, started):
        self.spent += time.monotonic() - started
        if self.spent > self.limit:
            raise FileProblem(
                _("Reading the file took more than %(seconds)d seconds: split it into smaller files.")
                % {"seconds": self.limit}
            )


def kind_of(filename):
    """The kind of file, "csv" or "xlsx", from its name; a FileProblem for any other."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(".csv") or not name:
        return "csv"
    raise FileProblem(_("Upload a .csv or .xlsx file."))


def check_size(handle):
    size = _size(handle)
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if size > limit:
        raise FileProblem(
            _("The file is %(size)s; files of at most %(limit)s are accepted.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def check_upload(handle, filename):
    """The bounded check done in the web request: name, size, the first bytes
    and, for XLSX, the zip directory. Reads at most a few kilobytes plus the
    directory; the rows are read later, by the worker."""
    kind = kind_of(filename)
    check_size(handle)
    handle.seek(0)
    start = handle.read(CHUNK)
    handle.seek(0)
    if kind == "xlsx":
        if not start.startswith(b"PK\x03\x04"):
            raise _not_readable()
        open_archive(handle).close()
    else:
        _check_text(start, final=False)
    handle.seek(0)


def _check_text(data, final, decoder=None, first_line=1):
    """Decode a chunk of CSV bytes, refusing NUL bytes and what is not UTF-8."""
    decoder = decoder or codecs.getincrementaldecoder("utf-8-sig")("strict")
    try:
        text = decoder.decode(data, final)
    except UnicodeDecodeError as error:
        line = first_line + data[: error.start].count(b"\n")
        raise FileProblem(_("Line %(line)d is not UTF-8 text: save the file as CSV UTF-8.") % {"line": line}) from None
    if "\x00" in text:
        line = first_line + text[: text.index("\x00")].count("\n")
        raise FileProblem(_("Line %(line)d holds a NUL character: save the file as CSV UTF-8.") % {"line": line})
    return text


# XLSX -------------------------------------------------------------------------


def _check_end_of_directory(handle):
    """Refuse a zip whose central directory is too large before zipfile
    reads it whole: its end record says how many entries and bytes it has."""
    size = handle.seek(0, 2)
    tail_size = min(size, 22 + 65_535)  # the end record and the longest comment
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    handle.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise _not_readable()
    entries, directory_bytes = struct.unpack("<HI", tail[at + 10 : at + 16])
    if entries > MAX_PARTS or directory_bytes > MAX_PARTS * 1024:
        raise _not_readable()


def open_archive(handle):
    """Open an .xlsx as a zip after checking its directory against the caps."""
    _check_end_of_directory(handle)
    try:
        archive = zipfile.ZipFile(handle)
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise _not_readable() from None
    try:
        _check_directory(parts)
    except FileProblem:
        archive.close()
        raise
    return archive


def _check_directory(parts):
    if len(parts) > MAX_PARTS:
        raise _not_readable()
    total = 0
    for part in parts:
        name = part.filename
        if (
            name.startswith(("/", "\\"))
            or "\\" in name
            or ".." in name.split("/")
            or ":" in name
            or part.flag_bits & 0x1
            or part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
            or name.lower().endswith(ARCHIVE_SUFFIXES)
        ):
            raise FileProblem(_("This .xlsx file holds an unexpected part (%(name)s).") % {"name": name[:100]})
        total += part.file_size
        if part.file_size > RATIO_CHECKED_ABOVE and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1):
            raise FileProblem(
                _("This .xlsx file is compressed far more than a spreadsheet can be (%(name)s): it is refused.")
                % {"name": name[:100]}
            )
    limit = settings.IMPORT_MAX_UNCOMPRESSED_BYTES
    if total > limit:
        raise FileProblem(
            _("This .xlsx file unpacks to %(size)s; at most %(limit)s is accepted.")
            % {"size": filesizeformat(total), "limit": filesizeformat(limit)}
        )


_LOCAL_NAMES = {}


def _local(name):
    """A tag's or attribute's name without its namespace or prefix."""
    local = _LOCAL_NAMES.get(name)
    if local is None:
        local = name.rpartition("}")[2].rpartition(":")[2]
        if len(_LOCAL_NAMES) < 10_000:  # a file cannot make the cache grow without end
            _LOCAL_NAMES[name] = local
    return local


def _parse_part(archive, name, clock, start=None, end=None, text=None, limit=None):
    """Feed one part of the archive to expat in chunks, with the handlers
    given (they receive local names). Yields after each chunk so that a
    caller can hand on what the handlers collected."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise _not_readable() from None
    if limit is not None and info.file_size > limit:
        raise _not_readable()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def refuse_doctype(*_args):
        # OOXML parts never declare a DOCTYPE; one is there to define entities.
        raise _not_readable()

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    if start:
        parser.StartElementHandler = lambda tag, attributes: start(_local(tag), attributes)
    if end:
        parser.EndElementHandler = lambda tag: end(_local(tag))
    if text:
        parser.CharacterDataHandler = text
    try:
        with archive.open(info) as stream:
            while True:
                started = time.monotonic()
                chunk = stream.read(CHUNK)
                parser.Parse(chunk, not chunk)
                clock.add(started)
                yield
                if not chunk:
                    break
    except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        # RuntimeError: an encrypted part; the others: broken XML or zip data.
        raise _not_readable() from None


def _attribute(attributes, local):
    for key, value in attributes.items():
        if _local(key) == local:
            return value
    return None


def _relationships(archive, name, clock):
    """{id: (type, target)} of a .rels part; {} when the part is missing."""
    if name not in archive.namelist():
        return {}
    found = {}

    def start(tag, attributes):
        if tag == "Relationship":
            found[attributes.get("Id", "")] = (attributes.get("Type", ""), attributes.get("Target", ""))

    for _chunk in _parse_part(archive, name, clock, start=start, limit=MAX_INDEX_PART_BYTES):
        pass
    return found


def _resolve(base_part, target):
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _first_sheet(archive, clock):
    """(path of the first worksheet, path of the shared strings or None)."""
    workbook = "xl/workbook.xml"
    for kind, target in _relationships(archive, "_rels/.rels", clock).values():
        if kind.endswith("/officeDocument"):
            workbook = _resolve("", target)
    sheets = []

    def start(tag, attributes):
        if tag == "sheet" and not sheets:
            sheets.append(_attribute(attributes, "id"))

    for _chunk in _parse_part(archive, workbook, clock, start=start, limit=MAX_INDEX_PART_BYTES):
        pass
    rels_name = posixpath.join(posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels")
    relationships = _relationships(archive, rels_name, clock)
    if not sheets or sheets[0] not in relationships:
        raise _not_readable()
    sheet = _resolve(workbook, relationships[sheets[0]][1])
    strings = next(
        (_resolve(workbook, target) for kind, target in relationships.values() if kind.endswith("/sharedStrings")),
        None,
    )
    return sheet, strings


def _shared_strings(archive, name, clock):
    strings = []
    if name is None or name not in archive.namelist():
        return strings
    state = {"in_si": False, "in_t": False, "phonetic": 0, "parts": [], "length": 0}
    # Each shared string costs some 60 bytes of memory however short it is;
    # a legitimate file has at most one per cell of its 15 columns (and far
    # fewer, as scopes, countries and coalitions repeat).
    most = settings.IMPORT_MAX_ROWS * 16 + 1000

    def start(tag, attributes):
        if tag == "si":
            state.update(in_si=True, parts=[], length=0)
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "t" and state["in_si"] and not state["phonetic"]:
            state["in_t"] = True

    def end(tag):
        if tag == "si":
            strings.append("".join(state["parts"]))
            state.update(in_si=False, parts=[], length=0)
            if len(strings) > most:
                raise _not_readable()
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "t":
            state["in_t"] = False

    def text(data):
        if state["in_t"]:
            state["length"] += len(data)
            if state["length"] > MAX_CELL_CHARS:
                raise _not_readable()
            state["parts"].append(data)

    for _chunk in _parse_part(archive, name, clock, start=start, end=end, text=text):
        pass
    return strings


def _column_number(letters):
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _number_text(text):
    """A number cell as the user typed it: 2025, not 2025.0."""
    text = text.strip()
    if _INTEGER.fullmatch(text):
        return str(int(text))
    try:
        number = float(text)
    except ValueError:
        return text
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return text


def _xlsx_rows(handle, clock):
    started = time.monotonic()
    archive = open_archive(handle)
    clock.add(started)
    try:
        sheet, strings_part = _first_sheet(archive, clock)
        strings = _shared_strings(archive, strings_part, clock)
        most_rows = settings.IMPORT_MAX_ROWS + 1
        ready = []
        row = {"line": 0, "cells": {}, "count": 0, "rows": 0, "column": 0}
        cell = {"active": False, "column": 0, "type": "n", "collect": False, "parts": [], "length": 0, "inline": 0}

        def start(tag, attributes):
            if tag == "row":
                number = attributes.get("r")
                if number is None:
                    line = row["line"] + 1
                elif _ROW_NUMBER.fullmatch(number):
                    line = int(number)
                else:
                    raise _not_readable()
                row.update(line=line, cells={}, count=0, column=0)
                row["rows"] += 1
                if line > most_rows or row["rows"] > most_rows:
                    raise _too_many_rows()
            elif tag == "c":
                row["count"] += 1
                if row["count"] > 16_384:  # Excel's own last column, XFD
                    raise _too_many_columns()
                reference = attributes.get("r")
                if reference is None:
                    column = row["column"] + 1
                else:
                    match = _CELL_REFERENCE.fullmatch(reference)
                    if not match:
                        raise _not_readable()
                    column = _column_number(match.group(1))
                row["column"] = column
                cell.update(active=True, column=column, type=attributes.get("t", "n"), parts=[], length=0)
            elif tag == "v" and cell["active"]:
                cell["collect"] = True
            elif tag == "is" and cell["active"]:
                cell["inline"] = 1
            elif tag == "rPh" and cell["inline"]:
                cell["inline"] += 1  # phonetic guide inside rich text: not the cell's text
            elif tag == "t" and cell["inline"] == 1:
                cell["collect"] = True

        def end(tag):
            if tag in ("v", "t"):
                cell["collect"] = False
            elif tag == "rPh" and cell["inline"] > 1:
                cell["inline"] -= 1
            elif tag == "is":
                cell["inline"] = 0
            elif tag == "c" and cell["active"]:
                value = _cell_value(cell, strings)
                cell.update(active=False, parts=[], length=0)
                if value:
                    if cell["column"] > MAX_COLUMNS:
                        raise _too_many_columns()
                    row["cells"][cell["column"]] = value
            elif tag == "row":
                cells = row["cells"]
                width = max(cells, default=0)
                ready.append((row["line"], [cells.get(column, "") for column in range(1, width + 1)]))

        def text(data):
            if cell["collect"]:
                cell["length"] += len(data)
                if cell["length"] > MAX_CELL_CHARS:
                    raise _too_long(row["line"], MAX_CELL_CHARS)
                cell["parts"].append(data)

        for _chunk in _parse_part(archive, sheet, clock, start=start, end=end, text=text):
            yield from ready
            ready.clear()
    finally:
        archive.close()


def _cell_value(cell, strings):
    raw = "".join(cell["parts"])
    kind = cell["type"]
    if kind == "s":
        if not _ROW_NUMBER.fullmatch(raw.strip()) or int(raw) >= len(strings):
            raise _not_readable()
        return strings[int(raw)].strip()
    if kind == "b":
        return {"1": "TRUE", "0": "FALSE"}.get(raw.strip(), raw.strip())
    if kind == "n":
        return _number_text(raw)
    return raw.strip()  # inlineStr, str (a formula's text), e (an error such as #DIV/0!), d (an ISO date)


# CSV --------------------------------------------------------------------------


def _csv_lines(handle, clock, state):
    """The decoded lines of a CSV, with their line ends, checked as they come."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    pending = ""
    line = 1
    while True:
        started = time.monotonic()
        data = handle.read(CHUNK)
        text = pending + _check_text(data, final=not data, decoder=decoder, first_line=line)
        pieces = re.split(r"(?<=\n)|(?<=\r)(?!\n)", text)
        # The last piece has no line end yet; a piece ending in \r waits too,
        # for the \n that the next chunk may start with.
        pending = "" if not data else pieces.pop()
        if data and not pending and pieces and pieces[-1].endswith("\r"):
            pending = pieces.pop()
        if len(pending) > MAX_LINE_CHARS:
            raise _too_long(line + len(pieces), MAX_LINE_CHARS)
        clock.add(started)
        for piece in pieces:
            if not piece:
                continue
            state["chars"] += len(piece)
            if state["chars"] > MAX_LINE_CHARS:
                raise _too_long(line, MAX_LINE_CHARS)
            line += 1
            yield piece
        if not data:
            return


def _csv_rows(handle, clock):
    most_rows = settings.IMPORT_MAX_ROWS + 1
    # Characters read since the last complete record: bounds a record that a
    # quote left open, whatever its number of lines.
    state = {"chars": 0}
    reader = csv.reader(_csv_lines(handle, clock, state))
    line = 0
    while True:
        started = time.monotonic()
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise FileProblem(
                _("Line %(line)d cannot be read as CSV (a field is too long or a quote is not closed).")
                % {"line": reader.line_num}
            ) from None
        clock.add(started)
        state["chars"] = 0
        line += 1
        if line > most_rows:
            raise _too_many_rows()
        if len(record) > MAX_COLUMNS:
            raise _too_many_columns()
        yield line, [restore(value.strip()) for value in record]


def read_rows(handle, filename):
    """Yield (line number, [cell text]) for each row of the file's first
    sheet, as a spreadsheet numbers them, within every cap; raise FileProblem
    at the first cap hit or unreadable part."""
    kind = kind_of(filename)
    check_size(handle)
    handle.seek(0)
    clock = _Clock()
    if kind == "xlsx":
        yield from _xlsx_rows(handle, clock)
    else:
        yield from _csv_rows(handle, clock)
