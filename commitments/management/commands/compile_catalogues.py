"""Compile the translation catalogues (.po) into the binary form gettext
reads (.mo), in pure Python.

Django's own compilemessages needs GNU msgfmt on the machine; `make run`
must work on a fresh machine with nothing but Python, so we write the .mo
files ourselves. The layout is GNU gettext's, as in CPython's
Tools/i18n/msgfmt.py: a header, two tables of (length, offset) pairs for the
original and translated strings sorted by original, then the strings, each
NUL-terminated. Fuzzy entries and untranslated ones are left out, as msgfmt
does, so gettext falls back to the English text.
"""

import ast
import struct
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

MAGIC = 0x950412DE


class CatalogueError(ValueError):
    def __init__(self, path, line, message):
        super().__init__(f"{path}:{line}: {message}")


def _unquote(text, path, number):
    """The value of one "..." token, with C escapes resolved."""
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise CatalogueError(path, number, f"expected a quoted string, found {text!r}")
    try:
        # A .po string is a C string literal; Python's string syntax is a
        # superset of its escapes (\n \t \" \\ \ooo \xhh).
        return ast.literal_eval(text)
    except (SyntaxError, ValueError) as error:
        raise CatalogueError(path, number, f"bad string literal: {error}") from None


def parse_po(path):
    """The translations of a .po file as {msgid key: msgstr value}, with
    contexts and plurals encoded as gettext stores them (context + EOT +
    msgid; msgid + NUL + msgid_plural; plural forms joined by NUL)."""
    path = Path(path)
    messages = {}
    entry = {}
    fuzzy = False
    section = None

    def finish():
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            _store(messages, entry)
        entry = {}
        fuzzy = False

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            # A comment after a complete entry starts the next one.
            if "msgstr" in entry or "msgstr_plural" in entry:
                finish()
            if line.startswith("#,") and "fuzzy" in [flag.strip() for flag in line[2:].split(",")]:
                fuzzy = True
            continue
        if line.startswith("msgctxt"):
            if "msgstr" in entry or "msgstr_plural" in entry:
                finish()
            entry["msgctxt"] = _unquote(line[len("msgctxt") :], path, number)
            section = ("msgctxt",)
        elif line.startswith("msgid_plural"):
            entry["msgid_plural"] = _unquote(line[len("msgid_plural") :], path, number)
            section = ("msgid_plural",)
        elif line.startswith("msgid"):
            if "msgstr" in entry or "msgstr_plural" in entry:
                finish()
            entry["msgid"] = _unquote(line[len("msgid") :], path, number)
            section = ("msgid",)
        elif line.startswith("msgstr["):
            close = line.index("]")
            try:
                index = int(line[len("msgstr[") : close])
            except ValueError:
                raise CatalogueError(path, number, "bad plural index") from None
            entry.setdefault("msgstr_plural", {})[index] = _unquote(line[close + 1 :], path, number)
            section = ("msgstr_plural", index)
        elif line.startswith("msgstr"):
            entry["msgstr"] = _unquote(line[len("msgstr") :], path, number)
            section = ("msgstr",)
        elif line.startswith('"'):
            if section is None:
                raise CatalogueError(path, number, "string continuation outside an entry")
            text = _unquote(line, path, number)
            if section[0] == "msgstr_plural":
                entry["msgstr_plural"][section[1]] += text
            else:
                entry[section[0]] += text
        else:
            raise CatalogueError(path, number, f"cannot read {line!r}")
    finish()
    return messages


def _store(messages, entry):
    msgid = entry["msgid"]
    if "msgid_plural" in entry:
        forms = entry.get("msgstr_plural", {})
        values = [forms[index] for index in sorted(forms)]
        if not values or not all(values):
            return
        key = msgid + "\0" + entry["msgid_plural"]
        value = "\0".join(values)
    else:
        value = entry.get("msgstr", "")
        if not value:
            return
        key = msgid
    if "msgctxt" in entry:
        key = entry["msgctxt"] + "\x04" + key
    messages[key] = value


def write_mo(messages, path):
    """Write `messages` as a GNU .mo file (little-endian, no hash table)."""
    keys = sorted(messages, key=lambda key: key.encode("utf-8"))
    ids = b""
    strs = b""
    offsets = []
    for key in keys:
        key_bytes = key.encode("utf-8")
        value_bytes = messages[key].encode("utf-8")
        offsets.append((len(ids), len(key_bytes), len(strs), len(value_bytes)))
        ids += key_bytes + b"\0"
        strs += value_bytes + b"\0"
    count = len(keys)
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + count * 8
    ids_start = strs_table + count * 8
    strs_start = ids_start + len(ids)
    key_table = []
    value_table = []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_table += [id_length, ids_start + id_offset]
        value_table += [str_length, strs_start + str_offset]
    output = struct.pack("<7I", MAGIC, 0, count, ids_table, strs_table, 0, 0)
    output += struct.pack(f"<{len(key_table)}I", *key_table)
    output += struct.pack(f"<{len(value_table)}I", *value_table)
    output += ids + strs
    Path(path).write_bytes(output)


def compile_po(po_path):
    mo_path = Path(po_path).with_suffix(".mo")
    messages = parse_po(po_path)
    write_mo(messages, mo_path)
    return mo_path, len(messages)


class Command(BaseCommand):
    help = "Compile every locale/<lang>/LC_MESSAGES/*.po into .mo without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Directories to search (default: settings.LOCALE_PATHS).")

    def handle(self, *args, paths, **options):
        roots = [Path(p) for p in paths] or [Path(p) for p in settings.LOCALE_PATHS]
        found = 0
        for root in roots:
            for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
                try:
                    mo_path, count = compile_po(po_path)
                except CatalogueError as error:
                    raise CommandError(str(error)) from None
                found += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"{mo_path}: {count} messages")
        self.stdout.write(f"Compiled {found} catalogue{'s' if found != 1 else ''}.")
