"""Engine errors and DRF errors as the API's JSON bodies."""

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from engine.exceptions import EngineError, InvalidData
from engine.parsing.errors import DeploymentInvalid


def exception_handler(exc, context):
    if isinstance(exc, InvalidData):
        return Response({"detail": exc.message, "errors": exc.errors}, status=exc.status_code)
    if isinstance(exc, EngineError):
        return Response({"detail": exc.message}, status=exc.status_code)
    if isinstance(exc, DeploymentInvalid):
        return Response({"errors": [p.as_dict() for p in exc.problems]}, status=400)
    return drf_exception_handler(exc, context)
