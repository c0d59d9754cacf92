"""Page by page, a French, Arabic or Chinese reader meets no English beyond
the makers' own words and proper names: every piece of text and every
accessible name that a page shows in English must read differently in the
other language, on the public pages, in the workspace and in the admin.

The check compares what a page shows at /<language>/… with what it shows
in English: a text (or an aria-label, placeholder, title or alt) of at least
two English words that comes out the same in both was not translated. What
the makers typed is marked with "Ω" so that it can be told apart."""

from html.parser import HTMLParser

import pytest

from coalitions.models import ActionCoalition
from commitments.measure_models import Indicator
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory, MembershipFactory, ReviewerFactory
from reporting.tests.factories import open_cycle

pytestmark = pytest.mark.django_db

USER_TEXT = "Ω"
ACCESSIBLE_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
# Words that read the same in the other languages' pages on purpose: the
# product's name, codes and the formats of files.
SAME_EVERYWHERE = {"gentrack", "CSV", "XLSX", "PDF", "HTML", "JSON", "API", "USD", "SMART", "ISO", "OpenAPI"}


class Texts(HTMLParser):
    """The texts a reader sees or hears: text nodes outside scripts and
    styles, and the accessible attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = set()
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "code", "pre"):
            self.skipping += 1
        for name, value in attrs:
            if name in ACCESSIBLE_ATTRIBUTES and value:
                self.found.add(" ".join(value.split()))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "code", "pre") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skipping:
            self.found.add(text)


def texts(html):
    parser = Texts()
    parser.feed(html)
    return parser.found


def english_words(text):
    words = [word.strip(".,:;!?()[]«»“”\"'·—–-/") for word in text.split()]
    return [
        word for word in words if len(word) > 1 and word.isascii() and word.isalpha() and word not in SAME_EVERYWHERE
    ]


def proper_names():
    """Country and place names: the same in several languages (Costa Rica,
    Sri Lanka, Homa Bay) and never a sign of a missing translation."""
    from coalitions.models import Country, Subdivision

    names = set(Subdivision.objects.values_list("name", flat=True))
    for code in ("en", "fr", "es", "ar", "ru", "zh_hans"):
        names.update(Country.objects.values_list(f"name_{code}", flat=True))
    return names


def left_in_english(client, path, language):
    english = client.get(path)
    translated = client.get(f"/{language}{path}")
    assert english.status_code == translated.status_code == 200, (path, english.status_code, translated.status_code)
    shown = texts(english.content.decode())
    names = proper_names()
    return sorted(
        text
        for text in texts(translated.content.decode()) & shown
        if USER_TEXT not in text and len(english_words(text)) >= 2 and text not in names
    )


@pytest.fixture
def world():
    """A maker with an approved commitment carrying an indicator and a
    result cycle open, all of its own words marked."""
    membership = MembershipFactory(role="owner", maker=MakerFactory(name=f"{USER_TEXT} Réseau", acronym=""))
    commitment = ApprovedCommitmentFactory(
        maker=membership.maker, title=f"{USER_TEXT} titre", description=f"{USER_TEXT} description"
    )
    commitment.countries.set(["KE"])
    Indicator.objects.create(
        commitment=commitment,
        name=f"{USER_TEXT} indicateur",
        unit="people",
        baseline_value=0,
        baseline_year=2022,
        target_value=100,
        target_year=2026,
    )
    open_cycle()
    return membership, commitment


PUBLIC = [
    "/",
    "/commitments/",
    "/makers/",
    "/coalitions/",
    "/countries/",
    "/countries/KE/",
    "/regions/africa/",
    "/reports/",
]

LANGUAGES = ["fr", "ar", "zh-hans"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_pages_leave_nothing_in_english(client, world, language):
    _membership, commitment = world
    coalition = ActionCoalition.objects.get(slug="gender-based-violence")
    paths = [
        *PUBLIC,
        f"/commitments/{commitment.reference}/",
        f"/makers/{commitment.maker_id}/",
        f"/coalitions/{coalition.slug}/",
    ]

    left = {path: found for path in paths if (found := left_in_english(client, path, language))}

    assert left == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workspace_leaves_nothing_in_english(client, world, language):
    membership, commitment = world
    client.force_login(membership.user)
    paths = [
        "/my/",
        "/my/commitments/new/",
        f"/my/commitments/{commitment.pk}/",
        f"/my/reports/new/{commitment.pk}/",
        f"/my/organisations/{commitment.maker_id}/members/",
    ]

    left = {path: found for path in paths if (found := left_in_english(client, path, language))}

    assert left == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_leaves_nothing_in_english(client, world, language):
    _membership, commitment = world
    client.force_login(ReviewerFactory(is_superuser=True))
    paths = [
        "/admin/",
        "/admin/commitments/commitment/",
        f"/admin/commitments/commitment/{commitment.pk}/change/",
        "/admin/reporting/progressreport/",
    ]

    left = {path: found for path in paths if (found := left_in_english(client, path, language))}

    assert left == {}
