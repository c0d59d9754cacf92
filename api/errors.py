"""Errors that are always JSON under /api/, with a message per field, and the
site's error pages elsewhere (the project's handler400/403/404/500)."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from commitments.models import TYPE_FLAGS
from commitments.services import InvalidTransition, NotPermitted, ServiceError

logger = logging.getLogger("django.request")

API_PREFIX = "/api/"


# Errors ----------------------------------------------------------------------


class Conflict(exceptions.APIException):
    """The object is not in a state that allows the request (a submitted
    commitment cannot be edited, a cycle is closed)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The request conflicts with the current state of the object.")
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    """The body is over DATA_UPLOAD_MAX_MEMORY_SIZE (or a file over the
    upload limit): Django refuses to read it."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "payload_too_large"


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer under /api/."""

    detail = serializers.CharField(help_text=gettext_lazy("What went wrong, in words for people."))
    code = serializers.CharField(
        help_text=gettext_lazy("A stable code: invalid, not_found, not_authenticated, throttled, conflict...")
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=gettext_lazy(
            "Messages per field or filter name (`non_field_errors` for the object as a whole); empty when the "
            "error is not about the input."
        ),
    )


# The commitment type flags are one field, `commitment_types`, in the API.
_FIELD_ALIASES = {flag: "commitment_types" for flag in TYPE_FLAGS.values()}
_FIELD_ALIASES["__all__"] = api_settings.NON_FIELD_ERRORS_KEY


def _flatten(detail, prefix=""):
    """{field: [messages]} from DRF's nested error structure; nested fields
    get dotted names (`countries.0`)."""
    flat = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = _FIELD_ALIASES.get(str(key), str(key))
            for field, messages in _flatten(value, f"{prefix}{name}.").items():
                flat.setdefault(field, []).extend(messages)
        return flat
    field = prefix.rstrip(".") or api_settings.NON_FIELD_ERRORS_KEY
    if isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, (dict, list)):
                for sub, messages in _flatten(item, f"{prefix}{index}.").items():
                    flat.setdefault(sub, []).extend(messages)
            else:
                flat.setdefault(field, []).append(str(item))
        return flat
    flat.setdefault(field, []).append(str(detail))
    return flat


def _code_of(exc):
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    return codes if isinstance(codes, str) else getattr(exc, "default_code", "error")


def error_body(detail, code, errors=None):
    return {"detail": str(detail), "code": code, "errors": errors or {}}


def exception_handler(exc, context):
    """DRF's handler, plus: service refusals and model validation errors
    become 403/409/400, every body gets the one error shape, and anything
    unexpected is logged and answered with a JSON 500 rather than a page."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, NotPermitted):
        exc = exceptions.PermissionDenied(exc.message)
    elif isinstance(exc, (InvalidTransition, ServiceError)):
        exc = Conflict(exc.message)
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, SuspiciousOperation):
        # Too many fields or files, a malformed multipart body: the
        # caller's request, not our server, is at fault.
        exc = exceptions.ParseError(_("The request body could not be read."))

    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", "?"),
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"status_code": 500, "request": getattr(request, "_request", None)},
        )
        return Response(error_body(_("Server error."), "server_error"), status=500)

    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        only = errors.get(api_settings.NON_FIELD_ERRORS_KEY, [])
        detail = only[0] if len(errors) == 1 and len(only) == 1 else _("Invalid input.")
        response.data = error_body(detail, "invalid", errors)
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = error_body(detail, _code_of(exc))
    return response


def _wants_json(request):
    return request.path.startswith(API_PREFIX)


def _page(request, status, title, message, *, with_database=True):
    """The site's error page (templates/errors/page.html) in the request's
    language. Without the database (400, 500) it is rendered with no
    context processors, which would read the session and the user."""
    context = {"code": status, "title": title, "message": message, "request": request}
    if with_database:
        return render(request, "errors/page.html", context, status=status)
    return HttpResponse(loader.get_template("errors/page.html").render(context), status=status)


def page_not_found(request, exception=None):
    """handler404: JSON under /api/, the site's page elsewhere."""
    if _wants_json(request):
        return JsonResponse(error_body(_("Not found."), "not_found"), status=404)
    return _page(
        request,
        404,
        _("Page not found"),
        _("There is no page at this address. It may have moved, or the address may be mistyped."),
    )


def server_error(request):
    """handler500: JSON under /api/, the site's page elsewhere, which needs
    neither the database nor the cache (either may be why we are here)."""
    if _wants_json(request):
        return JsonResponse(error_body(_("Server error."), "server_error"), status=500)
    return _page(
        request,
        500,
        _("Something went wrong"),
        _("An error on our side stopped this page. It has been recorded; please try again in a few minutes."),
        with_database=False,
    )


def bad_request(request, exception=None):
    """handler400, which Django also calls for a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE: that one answers 413."""
    if isinstance(exception, RequestDataTooBig):
        if _wants_json(request):
            return JsonResponse(error_body(PayloadTooLarge.default_detail, PayloadTooLarge.default_code), status=413)
        return _page(request, 413, _("Request too large"), _("The request body is too large."), with_database=False)
    if _wants_json(request):
        return JsonResponse(error_body(_("Bad request."), "bad_request"), status=400)
    return _page(
        request,
        400,
        _("Bad request"),
        _("This request could not be understood. Check the address, or go back and try again."),
        with_database=False,
    )


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body(_("You do not have permission to do this."), "permission_denied"), status=403)
    return _page(
        request,
        403,
        _("You cannot see this page"),
        _("Your account does not have access to it. Log in with another account, or ask the secretariat."),
    )


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without its token, usually from a page
    left open too long or with cookies blocked."""
    return _page(
        request,
        403,
        _("This form could not be sent"),
        _(
            "For your security, the form was refused: the page was open too long, or your browser blocks cookies. "
            "Go back, reload the page and send it again."
        ),
    )
