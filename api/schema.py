"""What drf-spectacular adds to every /api/ operation: the `format`
parameter on lists, the `lang` parameter, the JSON error answers, and no
padlock on public reads."""

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from api.errors import ErrorSerializer

ERROR_CODES = ("400", "401", "403", "404", "429")


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the `format` parameter on lists and
    the JSON error answers every operation may give."""

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        # drf-spectacular lists the token and the session as alternatives
        # plus `{}` (none) for what anyone may call, and Swagger UI draws a
        # padlock on every operation with a security list. An operation that
        # needs no credentials says so with an empty list: no padlock.
        if operation is not None and {} in operation.get("security", []):
            operation["security"] = []
        return operation

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._is_list_view():
            description = (
                "`csv` streams every matching row (not one page) as CSV; many-valued columns are `;`-joined "
                "codes. JSON otherwise."
            )
        else:
            description = "`json` (default) or `csv` (a one-row table). Errors are always JSON."
        parameters.append(OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv"], description=description))
        parameters.append(language_parameter())
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response":
            for code in ERROR_CODES:
                if code not in responses:
                    responses[code] = self._get_response_for_code(
                        ErrorSerializer, code, media_types=["application/json"], direction=direction
                    )
        if self.method in ("POST", "PATCH", "PUT") and direction == "response":
            # 409: the service refused the transition; 415: a body type we do not read.
            for code in ("409", "415"):
                responses.setdefault(
                    code,
                    self._get_response_for_code(
                        ErrorSerializer, code, media_types=["application/json"], direction=direction
                    ),
                )
        return responses


def language_parameter():
    """`?lang=` (gentrack/middleware.py `api_language_parameter`): every
    operation answers in the language it names, ahead of Accept-Language."""
    codes = [code for code, _name in settings.LANGUAGES]
    return OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        enum=codes,
        description=(
            "The language of reference names (coalitions, action areas, themes, standard indicators, countries "
            "and places), CSV headers and messages. Wins over the `Accept-Language` header; an unknown code is "
            "ignored. Codes and the makers' own words are never translated."
        ),
    )
