"""Middleware of the project as a whole."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import get_resolver
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.language_urls import is_unprefixed, language_codes, path_in_language, split_language

API_PREFIX = "/api/"


def refuse_null_characters(get_response):
    """A NUL character in the path names nothing (404); in the query string
    it is the caller's mistake (400). Either way it never reaches a view:
    PostgreSQL refuses NUL in text and file lookups raise ValueError on it,
    so further in it would be a 500. The answers are the project's error
    handlers' (JSON under /api/). The API checks its own query strings, to
    name the parameter in its error body."""

    def middleware(request):
        if "\x00" in request.path:
            raise Http404("A path cannot contain a null character.")
        if "%00" in request.META.get("QUERY_STRING", "") and not request.path.startswith(API_PREFIX):
            for key, values in request.GET.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    # The project's handler400, answered rather than raised:
                    # a raised BadRequest would log a traceback per probe.
                    error = BadRequest("A query string cannot contain a null character.")
                    return get_resolver().resolve_error_handler(400)(request, error)
        return get_response(request)

    return middleware


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware for a site whose pages carry their language
    in the address (i18n_patterns, English unprefixed), with two additions:

    - a visitor who chose a language (the switch sets the cookie), or who
      arrives at `/` for the first time with a browser that prefers one of
      ours, is sent from an unprefixed (English) page to the same page in
      that language, query string kept;
    - the addresses served in every language (the API, /healthz, the
      switch, static files: core.languages.UNPREFIXED_PATHS) choose by the
      cookie and `Accept-Language`, as the whole site did before, instead of
      being English because they have no prefix.
    """

    def process_request(self, request):
        language_from_path, _bare = split_language(request.path_info)
        if language_from_path:
            return super().process_request(request)
        if is_unprefixed(request.path_info):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
            return None
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in language_codes():
            language = chosen
        elif request.path_info == "/":
            language = translation.get_language_from_request(request)
        else:
            language = settings.LANGUAGE_CODE
        if language != settings.LANGUAGE_CODE and request.method in ("GET", "HEAD"):
            response = HttpResponseRedirect(path_in_language(request.get_full_path(), language))
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None


def api_language_parameter(get_response):
    """``?lang=fr`` on any API URL answers in that language (reference names,
    country names, messages), ahead of ``Accept-Language``, which
    LocaleMiddleware has already applied: a partner's script or a shared link
    can ask for a language without setting a header. An unknown code is
    ignored, as an unknown Accept-Language is."""

    def middleware(request):
        wanted = request.GET.get("lang") if request.path.startswith(API_PREFIX) else None
        if wanted:
            try:
                language = translation.get_supported_language_variant(wanted.strip().lower())
            except LookupError:
                language = None
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return get_response(request)

    return middleware
