"""The pure-Python .po to .mo compiler behind `make messages`."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from commitments.management.commands.compile_catalogues import CatalogueError, compile_po, parse_po
from conftest import require_or_skip

SAMPLE = r"""# A sample catalogue.
msgid ""
msgstr ""
"Project-Id-Version: gentrack\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

#: templates/base.html:1
msgid "Dashboard"
msgstr "Сводка"

msgid ""
"A long message "
"over two lines"
msgstr ""
"Длинное сообщение "
"на двух строках"

msgctxt "month"
msgid "May"
msgstr "мая"

msgid "May"
msgstr "Может"

#, python-format
msgid "Say \"%(name)s\"\tthen\\go\n"
msgstr "Скажи «%(name)s»\tзатем\\иди\n"

msgid "%(total)s commitment"
msgid_plural "%(total)s commitments"
msgstr[0] "%(total)s обязательство"
msgstr[1] "%(total)s обязательства"
msgstr[2] "%(total)s обязательств"

#, fuzzy
msgid "Guessed"
msgstr "Угадано"

msgid "Untranslated"
msgstr ""

#~ msgid "Obsolete"
#~ msgstr "Устарело"
"""


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "ru" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def without_header(translations):
    return {key: value for key, value in translations._catalog.items() if key != ""}


def load(mo_path):
    with open(mo_path, "rb") as handle:
        return gettext.GNUTranslations(handle)


def test_compiled_catalogue_is_read_by_python_gettext(sample):
    mo_path, _ = compile_po(sample)
    translations = load(mo_path)
    # Looked up through local names so that makemessages does not collect
    # these sample strings into the project's catalogues.
    translate, translate_in = translations.gettext, translations.pgettext

    assert translate("Dashboard") == "Сводка"
    assert translate("A long message over two lines") == "Длинное сообщение на двух строках"
    assert translate_in("month", "May") == "мая"
    assert translate("May") == "Может"
    assert translate('Say "%(name)s"\tthen\\go\n') == "Скажи «%(name)s»\tзатем\\иди\n"


def test_plural_forms_follow_the_languages_rule(sample):
    translations = load(compile_po(sample)[0])

    translate_plural = translations.ngettext
    forms = [translate_plural("%(total)s commitment", "%(total)s commitments", n) for n in (1, 3, 5, 21)]

    assert forms == [
        "%(total)s обязательство",
        "%(total)s обязательства",
        "%(total)s обязательств",
        "%(total)s обязательство",
    ]


def test_fuzzy_untranslated_and_obsolete_entries_are_left_out(sample):
    messages = parse_po(sample)

    assert "Guessed" not in messages
    assert "Untranslated" not in messages
    assert "Obsolete" not in messages
    translate = load(compile_po(sample)[0]).gettext
    assert translate("Guessed") == "Guessed"


def test_a_broken_catalogue_names_the_file_and_line(tmp_path):
    path = tmp_path / "django.po"
    path.write_text('msgid "Open\nmsgstr "x"\n', encoding="utf-8")

    with pytest.raises(CatalogueError, match="django.po:1"):
        parse_po(path)


def test_the_same_catalogue_as_gnu_msgfmt_produces(sample, tmp_path):
    # CI installs gettext; a developer's machine may lack it.
    require_or_skip(shutil.which("msgfmt") is not None, "GNU gettext's msgfmt is not installed")
    ours = load(compile_po(sample)[0])
    theirs_path = tmp_path / "msgfmt.mo"
    subprocess.run(["msgfmt", "-o", str(theirs_path), str(sample)], check=True)
    theirs = load(theirs_path)

    assert ours._catalog == theirs._catalog
    assert ours.plural(5) == theirs.plural(5)


def test_every_committed_catalogue_compiles_and_matches_msgfmt(tmp_path):
    catalogues = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))
    assert catalogues, "the project's catalogues are committed under locale/"
    for po_path in catalogues:
        copy = tmp_path / po_path.parent.parent.name / "django.po"
        copy.parent.mkdir()
        shutil.copy(po_path, copy)
        ours = load(compile_po(copy)[0])
        assert len(ours._catalog) > 100, po_path
        if shutil.which("msgfmt"):
            theirs_path = copy.with_suffix(".gnu.mo")
            subprocess.run(["msgfmt", "-o", str(theirs_path), str(copy)], check=True)
            theirs = load(theirs_path)
            # msgfmt leaves POT-Creation-Date out of the header; the
            # messages and the plural rule are what must agree.
            assert without_header(ours) == without_header(theirs), po_path
            assert [ours.plural(n) for n in range(200)] == [theirs.plural(n) for n in range(200)], po_path


def test_the_command_compiles_a_locale_folder(sample, capsys):
    call_command("compile_catalogues", str(sample.parent.parent.parent))

    assert sample.with_suffix(".mo").exists()
    assert "Compiled 1 catalogue." in capsys.readouterr().out
