"""Error bodies, described for the OpenAPI schema (api/errors.py produces them)."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class FieldErrorsSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='Messages per field; "__all__" holds those that belong to no single field.',
    )


class ProblemSerializer(serializers.Serializer):
    message = serializers.CharField()
    file = serializers.CharField(allow_blank=True)
    element_id = serializers.CharField(allow_blank=True)
    line = serializers.IntegerField(allow_null=True)


class DeploymentErrorsSerializer(serializers.Serializer):
    errors = ProblemSerializer(many=True)


INVALID = OpenApiResponse(FieldErrorsSerializer, description="The data is not valid.")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Not allowed for this user.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not visible to this user.")
CONFLICT = OpenApiResponse(ErrorSerializer, description="Not allowed in the current status.")
DEPLOYMENT_INVALID = OpenApiResponse(
    DeploymentErrorsSerializer, description="The upload is not deployable; nothing was stored."
)
