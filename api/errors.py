"""Engine errors and DRF errors as the API's JSON bodies.

Every 400 about submitted data has one shape, `{"detail", "errors": {field: [messages]}}`,
whether a serializer or the engine found the problem; a refused deployment answers
`{"errors": [problem, ...]}` (API.md).
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from api.middleware import is_sqlite_overflow
from engine.exceptions import EngineError, InvalidData
from engine.parsing.errors import DeploymentInvalid

# The engine's key for errors that belong to no single field (forms/validation.py).
NON_FIELD_ERRORS = "__all__"


def exception_handler(exc, context):
    if is_sqlite_overflow(exc):
        # An id in the path beyond 64 bits (SQLite refuses to compare it): no such record.
        return Response({"detail": _("No record has this number.")}, status=404)
    if isinstance(exc, InvalidData):
        return Response({"detail": exc.message, "errors": exc.errors}, status=exc.status_code)
    if isinstance(exc, EngineError):
        # An error may name more than its message (a document's owning instance, ...).
        extra = exc.body() if callable(getattr(exc, "body", None)) else {}
        return Response({"detail": exc.message, **extra}, status=exc.status_code)
    if isinstance(exc, DeploymentInvalid):
        return Response({"errors": [p.as_dict() for p in exc.problems]}, status=400)
    if isinstance(exc, ValidationError):
        return Response(
            {"detail": _("The data is not valid."), "errors": _field_errors(exc.detail)},
            status=exc.status_code,
        )
    return drf_exception_handler(exc, context)


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        errors = dict(detail)
        if "non_field_errors" in errors:
            errors[NON_FIELD_ERRORS] = errors.pop("non_field_errors")
        return errors
    return {NON_FIELD_ERRORS: detail if isinstance(detail, list) else [detail]}
