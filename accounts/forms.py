"""The sign-up and log-in forms. An account's username is its email address."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

User = get_user_model()


class SignupForm(BaseUserCreationForm):
    """A new account: a name, an email address (which is also what one logs in
    with) and a password typed twice."""

    first_name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"),
        max_length=150,
        help_text=_("We send a link to this address to confirm it is yours."),
    )

    class Meta:
        model = User
        fields = ("first_name", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if (
            User.objects.filter(email__iexact=email, is_active=True).exists()
            or User.objects.filter(username__iexact=email, is_active=True).exists()
        ):
            raise ValidationError(
                _("An account with this email address already exists. Log in, or reset your password.")
            )
        return email

    def _post_clean(self):
        # The username is the email address; set it before the model and the
        # password validators look at the instance.
        if "email" in self.cleaned_data:
            self.instance.username = self.cleaned_data["email"]
        super()._post_clean()

    def validate_password_for_user(self, user, **kwargs):
        """A weak password is said at the password field, not at its
        confirmation (Django's default); and compared with the email address
        under that name, since the username is only a copy of it."""
        username = user.username
        user.username = ""
        try:
            super().validate_password_for_user(user, password_field_name="password1")
        finally:
            user.username = username


class LoginForm(AuthenticationForm):
    """Django's login form, asking for the email address people signed up
    with (staff accounts may still use their username), and speaking of it
    as an email address in its errors too."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "This email address and password do not match an account. Check both: the password is case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].error_messages["required"] = _("Enter the email address you signed up with.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "autocapitalize": "none"})

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        return username.lower() if "@" in username else username


class EmailLanguageForm(forms.Form):
    """The language of someone's emails: one of the site's languages, each
    named in itself so a reader finds theirs whatever the page's language."""

    language = forms.ChoiceField(label=_("Language of your emails"))

    def __init__(self, *args, user, **kwargs):
        from django.utils.translation import get_language_info

        from core.languages import languages_of

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]
        self.fields["language"].initial = languages_of([user.pk])[user.pk]

    def language_name(self):
        return dict(self.fields["language"].choices)[self.cleaned_data["language"]]
