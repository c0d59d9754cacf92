"""The language switch in every page's header: a plain link to
/i18n/switch/<language>/?next=<the page with its query string>, which keeps
the choice in Django's language cookie and sends the visitor to the same page
in that language. Without it the choice of English could not stick: English
addresses have no prefix, and the cookie is what sends a visitor from an
unprefixed address to their language (gentrack.middleware.LanguageMiddleware)."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from core.language_urls import language_codes, path_in_language


@never_cache
def switch_language(request, language):
    if language not in language_codes():
        raise Http404("No such language.")
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None) or not target.startswith("/"):
        target = "/"
    response = HttpResponseRedirect(path_in_language(target, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
