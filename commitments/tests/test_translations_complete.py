"""Every interface string is translated into French, Spanish, Arabic,
Russian and Chinese (Simplified), and the translations reach the pages.

A change that adds a string to a template or to Python code without running
makemessages and translating it fails here, naming the strings, instead of
showing English in the middle of an Arabic page."""

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from commitments.management.commands.compile_catalogues import _unquote, compile_po
from conftest import require_or_skip

LANGUAGES = ["fr", "es", "ar", "ru", "zh_Hans"]
# Directories makemessages must not read: the virtualenv, generated files.
IGNORED = [".venv", "node_modules", "test-artifacts", "staticfiles", "media"]


def catalogue(root, language):
    return Path(root) / "locale" / language / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list = field(default_factory=list)
    fuzzy: bool = False
    line: int = 0

    def __str__(self):
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"line {self.line}: {context}{self.msgid!r}"


def entries(path):
    """Every entry of a .po file, translated or not (compile_catalogues'
    parse_po keeps only the translated ones, as msgfmt does); obsolete `#~`
    entries are not part of the catalogue and are skipped."""
    found = []
    entry = None
    target = None
    pending_fuzzy = False
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in [flag.strip() for flag in line[2:].split(",")]:
                pending_fuzzy = True
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.msgstr):
            entry = Entry(line=number, fuzzy=pending_fuzzy)
            found.append(entry)
            pending_fuzzy = False
        if keyword == "msgctxt":
            entry.msgctxt = _unquote(rest, path, number)
            target = ("msgctxt", None)
        elif keyword == "msgid":
            entry.msgid = _unquote(rest, path, number)
            target = ("msgid", None)
        elif keyword == "msgid_plural":
            entry.msgid_plural = _unquote(rest, path, number)
            target = ("msgid_plural", None)
        elif keyword.startswith("msgstr"):
            entry.msgstr.append(_unquote(rest, path, number))
            target = ("msgstr", len(entry.msgstr) - 1)
        elif line.startswith('"'):
            name, index = target
            text = _unquote(line, path, number)
            if name == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, name, getattr(entry, name) + text)
    # The header (msgid "") describes the catalogue; it is not a message.
    return [entry for entry in found if entry.msgid or entry.msgctxt is not None]


def problems(path):
    """The entries a speaker of the language would see in English."""
    untranslated = [str(e) for e in entries(path) if not e.msgstr or not all(e.msgstr)]
    fuzzy = [str(e) for e in entries(path) if e.fuzzy]
    return untranslated, fuzzy


def assert_complete(path):
    untranslated, fuzzy = problems(path)
    assert not untranslated, f"{path}: {len(untranslated)} untranslated:\n" + "\n".join(untranslated)
    assert not fuzzy, f"{path}: {len(fuzzy)} fuzzy (check the guess, then drop the flag):\n" + "\n".join(fuzzy)


def test_the_reader_sees_untranslated_fuzzy_and_plural_entries(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        'msgid "Done"\nmsgstr "Fait"\n\n'
        '#, fuzzy, python-format\nmsgid "Guess %(n)s"\nmsgstr "Devine %(n)s"\n\n'
        'msgid ""\n"Empty "\n"twice"\nmsgstr ""\n\n'
        'msgid "%(n)s row"\nmsgid_plural "%(n)s rows"\nmsgstr[0] "%(n)s ligne"\nmsgstr[1] ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr ""\n',
        encoding="utf-8",
    )

    untranslated, fuzzy = problems(path)

    assert untranslated == ["line 12: 'Empty twice'", "line 17: '%(n)s row'"]
    assert fuzzy == ["line 9: 'Guess %(n)s'"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_committed_message_is_translated(language):
    path = catalogue(settings.BASE_DIR, language)
    assert len(entries(path)) > 700, "the catalogue holds the whole interface"
    assert_complete(path)


def test_every_string_marked_in_the_code_is_in_the_catalogues_and_translated(tmp_path):
    """makemessages on a copy of the project: a string added to a template or
    to Python code since the catalogues were last updated shows up as an
    untranslated entry."""
    require_or_skip(shutil.which("xgettext") is not None, "GNU gettext's xgettext is not installed")
    copy = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(*IGNORED, ".git", "__pycache__", "*.mo", "db.sqlite3*", ".pytest_cache"),
    )
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete"]
    command += [f"--locale={language}" for language in LANGUAGES]
    command += [f"--ignore={name}" for name in IGNORED]
    subprocess.run(command, cwd=copy, check=True, capture_output=True, text=True)

    for language in LANGUAGES:
        assert_complete(catalogue(copy, language))


@pytest.fixture(scope="module")
def compiled_locale(tmp_path_factory):
    """The committed catalogues compiled into a folder of the test's own, so
    that pages are translated even where `make messages` has not run."""
    root = tmp_path_factory.mktemp("locale")
    for language in LANGUAGES:
        target = root / language / "LC_MESSAGES" / "django.po"
        target.parent.mkdir(parents=True)
        shutil.copy(catalogue(settings.BASE_DIR, language), target)
        compile_po(target)
    return root


@pytest.fixture
def translated(settings, compiled_locale):
    # Changing LOCALE_PATHS makes Django drop the catalogues it has cached.
    settings.LOCALE_PATHS = [compiled_locale]


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("fr", "Créer un compte", "Créer le compte"),
        ("ar", "إنشاء حساب", "إنشاء الحساب"),
        # A browser in mainland China asks for zh-CN: Django falls back to
        # Simplified Chinese.
        ("zh-CN", "创建账户", "创建账户"),
    ],
)
def test_the_sign_up_page_speaks_the_language_of_its_address(client, db, translated, language, heading, button):
    prefix = translation.get_supported_language_variant(language.lower())
    response = client.get(f"/{prefix}/accounts/signup/")

    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert button in page
    assert "Create an account" not in page
    expected = {"zh-CN": "zh-hans"}.get(language, language)
    assert f'lang="{expected}"' in page


@pytest.mark.parametrize(
    ("language", "waiting", "queue"),
    [
        ("fr", "En attente d’examen", "Engagements en attente d’examen"),
        ("ar", "بانتظار المراجعة", "التزامات بانتظار المراجعة"),
    ],
)
def test_the_admin_index_speaks_the_chosen_language(client, reviewer, translated, language, waiting, queue):
    client.force_login(reviewer)
    with translation.override(language):
        admin_index = reverse("admin:index")

    response = client.get(admin_index)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"<caption>{waiting}</caption>" in page
    assert queue in page
    assert "Waiting for review" not in page
