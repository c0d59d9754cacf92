"""The language switch and the hreflang alternates of every page
(templates/partials/language_switcher.html, templates/base.html)."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html

from core.language_urls import path_in_language, split_language

register = template.Library()


def hreflang(code):
    """BCP 47 spelling of a Django language code: zh-hans is zh-Hans."""
    first, _sep, rest = code.partition("-")
    if not rest:
        return first
    return f"{first}-{rest.title() if len(rest) == 4 else rest.upper()}"


@register.filter
def isolated(text):
    """User text inside a translated sentence, in a <bdi> so that an English
    name in an Arabic sentence (or the reverse) keeps its punctuation on its
    own side, as dir="auto" does for text that stands alone."""
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def without_language(path):
    """/fr/commitments/ is /commitments/: for the menu to know where it is."""
    return split_language(path or "/")[1]


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language: the same page in it (`url`, absolute when there is
    a request, as hreflang alternates must be), the switch link that also
    keeps the choice (`switch_url`), and whether it is the current one. A
    page rendered without its request (the 500 page) links to the home
    page in each language."""
    request = context.get("request")
    here = request.get_full_path() if request is not None else "/"
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = path_in_language(here, code)
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "hreflang": hreflang(code),
                "name": info["name_local"],
                "url": request.build_absolute_uri(url) if request is not None else url,
                "switch_url": f"{reverse('switch-language', args=[code])}?{urlencode({'next': here})}",
                "current": code == current,
            }
        )
    return links
