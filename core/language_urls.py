"""The language of a page is in its address: `/fr/commitments/…` is the
French catalogue, `/commitments/…` the English one (the default language has
no prefix, so every English address of before still works). The API,
`/healthz`, the language switch and the static files have one address for
every language and choose by the request instead (`Accept-Language`).

These helpers move a path from one language to another by its prefix alone:
no URL pattern is translated, so the rest of the path never changes and no
lookup is needed. They are what the language switch, the `hreflang`
alternates and the middleware use; to link to a page in a language from
Python, reverse it inside `translation.override(language)` instead.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

#: Paths served in every language at one address (outside i18n_patterns).
UNPREFIXED_PATHS = ("/api/", "/healthz", "/i18n/", "/static/", "/media/", "/favicon.ico", "/robots.txt")


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def is_unprefixed(path):
    """Whether the path is one of those served at one address for every
    language (the API, the health check, the switch, static files)."""
    return path.startswith(UNPREFIXED_PATHS) or path.startswith(settings.STATIC_URL)


def split_language(path):
    """(language of the prefix or None, the path without it):
    `/fr/commitments/` gives ("fr", "/commitments/"), `/commitments/` gives
    (None, "/commitments/")."""
    first, slash, rest = path.lstrip("/").partition("/")
    if first in language_codes() and first != settings.LANGUAGE_CODE and (slash or not rest):
        return first, "/" + rest
    return None, path


def path_in_language(url, language):
    """The same page (path, query string and fragment kept) in `language`.
    An address outside the language prefixes, or off this site, is returned
    as it is."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return url
    _current, bare = split_language(parts.path)
    if is_unprefixed(bare):
        return url
    path = bare if language == settings.LANGUAGE_CODE else f"/{language}{bare}"
    return urlunsplit(("", "", path, parts.query, parts.fragment))
