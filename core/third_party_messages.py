"""Interface strings of Django's admin and of django-axes that their own
catalogues leave untranslated in some of our languages (Django 5.2 has no
Chinese for the admin index's column headers; django-axes has none for its
model names). Marked here so that makemessages keeps them in our catalogues,
which Django reads before the packages' own (LOCALE_PATHS), and so that the
page-by-page check (gentrack/tests/test_no_english_left.py) finds them
translated. Never imported: the marks are for makemessages alone."""

from django.utils.translation import gettext_noop

MESSAGES = [
    # django/contrib/admin/templates/admin/app_list.html
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # axes.models
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Access Attempt"),
]
