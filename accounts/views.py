"""Signing up, confirming an email address, and the lockout page. Logging in
and out and the password pages are Django's own auth views with our
templates (see account_urls.py)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import EmailLanguageForm, SignupForm
from core.languages import remember_language
from core.queue import enqueue_on_commit
from core.tokens import email_confirmation_token

User = get_user_model()


def send_confirmation_email(request, user):
    """Queue the confirmation email in the sign-up's transaction (the worker
    makes the link: jobs/account_mail.py), in the visitor's language and to
    the address they used for the site."""
    enqueue_on_commit("accounts.send_signup_confirmation", user.pk, request.build_absolute_uri("/"), get_language())


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("my-home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            email = form.cleaned_data["email"]
            # A sign-up never confirmed is replaced: its owner may have lost
            # the email, and nobody could act for the account meanwhile.
            User.objects.filter(username__iexact=email, is_active=False, last_login__isnull=True).delete()
            user = form.save(commit=False)
            user.is_active = False
            user.save()
            # Their emails will speak the language they signed up in; they
            # can change it on their account page.
            remember_language(user, get_language())
            send_confirmation_email(request, user)
        request.session["signup_email"] = user.email
        return redirect("signup-sent")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def email_language(request):
    """The language of the emails gentrack sends this person: review
    decisions, reminders, verification and join decisions."""
    form = EmailLanguageForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        remember_language(request.user, form.cleaned_data["language"])
        messages.success(request, _("Your emails will be written in %(language)s.") % {"language": form.language_name()})
        return redirect("email-language")
    return render(request, "accounts/email_language.html", {"form": form})


def signup_sent(request):
    return render(request, "accounts/signup_sent.html", {"email": request.session.get("signup_email", "")})


def signup_confirm(request, uidb64, token):
    try:
        user = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is not None and user.is_active and user.last_login is None:
        # Confirmed already (a second click on the link): nothing more to do.
        messages.info(request, _("Your email address is already confirmed. Log in to continue."))
        return redirect("login")
    if user is None or not email_confirmation_token.check_token(user, token):
        return render(request, "accounts/signup_confirm_invalid.html", status=400)
    user.is_active = True
    user.save(update_fields=["is_active"])
    messages.success(request, _("Thank you: your email address is confirmed. Log in to continue."))
    return redirect("login")


def locked_out(request, *args, **kwargs):
    """Shown by django-axes instead of the login form after too many failed
    attempts (settings.AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME * 60) if settings.AXES_COOLOFF_TIME else None
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
