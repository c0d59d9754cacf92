"""Emails in each recipient's own language.

A message to several people (the members of a maker) is composed once per
language among them, under `translation.override`, so that each reads it in
the language on their account (core.models.AccountPreference) whatever
language the worker, or the person whose action sent it, was using."""

from collections import defaultdict

from django.conf import settings
from django.utils import translation

from .language_urls import path_in_language
from .models import AccountPreference


def supported(code):
    """`code` if the site speaks it (zh-CN → zh-hans), else the default."""
    try:
        return translation.get_supported_language_variant(code or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def languages_of(user_ids):
    """{user id: language code} in one query; the default for those with no
    preference."""
    chosen = dict(AccountPreference.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "language"))
    return {user_id: supported(chosen.get(user_id)) for user_id in user_ids}


def remember_language(user, code):
    """Record `code` as the language of `user`'s emails."""
    AccountPreference.objects.update_or_create(user=user, defaults={"language": supported(code)})


def in_their_languages(recipients, compose):
    """Messages for `send_mass_mail`: `recipients` is a list of (user id,
    address); `compose()` returns (subject, body) and is called once per
    language, inside `translation.override`, so everything it translates
    or formats (dates, numbers) is in that language."""
    by_language = defaultdict(list)
    languages = languages_of({user_id for user_id, _address in recipients})
    for user_id, address in recipients:
        by_language[languages[user_id]].append(address)
    messages = []
    for language, addresses in sorted(by_language.items()):
        with translation.override(language):
            subject, body = compose()
            subject, body = str(subject), str(body)
        messages.extend((subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses)
    return messages


def site_link(path):
    """The absolute address of `path` on the site that `make run` or the
    deployment serves (SITE_URL), in the active language (`/fr/my/` while
    composing a French email), for emails and files read away from it."""
    language = supported(translation.get_language())
    return f"{settings.SITE_URL.rstrip('/')}{path_in_language(path, language)}"
