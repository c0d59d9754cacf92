"""The form renderer of every form on the site, the admin's included.

Whatever a person types in a text box or a text area is their own words, in
their own script: the box carries dir="auto" so that Arabic typed on an
English page (or English on an Arabic one) runs in its own direction while it
is typed, as it does once published. E-mail addresses, links, numbers and
passwords keep the page's direction (their widgets have templates of their
own), and a widget that names a direction keeps it.
"""

from django.forms.renderers import DjangoTemplates

USER_TEXT_WIDGETS = frozenset({"django/forms/widgets/text.html", "django/forms/widgets/textarea.html"})


class UserTextRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in USER_TEXT_WIDGETS:
            context["widget"]["attrs"].setdefault("dir", "auto")
        return super().render(template_name, context, request=request)
