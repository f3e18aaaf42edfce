"""Deploy, validate and read process definitions."""

from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.definitions import (
    DefinitionDetailSerializer,
    DefinitionSerializer,
    DeploymentSerializer,
    UploadSerializer,
    ValidationReportSerializer,
)
from api.serializers.errors import DEPLOYMENT_INVALID, FORBIDDEN, INVALID, NOT_FOUND
from engine.parsing.bundle import max_bytes
from engine.parsing.errors import DeploymentInvalid, Problem
from engine.selectors import definition_versions, latest_definitions, startable_definitions
from engine.services.definitions import definition_deploy, definition_validate
from processes.access import may_model

# One process answers its definition; several answer {"deployed": [...]}.
DEPLOY_ANSWER = PolymorphicProxySerializer(
    component_name="DeployAnswer",
    serializers=[DefinitionSerializer, DeploymentSerializer],
    resource_type_field_name=None,
)


def uploaded_file(request) -> tuple[str, bytes]:
    """The upload's name and content; a missing or oversized file is a deployment error."""
    upload = request.FILES.get("file")
    if upload is None:
        raise DeploymentInvalid(
            [Problem(_("No file uploaded: send the .bpmn or .zip as the multipart field 'file'."))]
        )
    limit = max_bytes()
    if upload.size > limit:
        # Refuse before reading it into memory.
        raise DeploymentInvalid(
            [
                Problem(
                    _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
                    % {
                        "size": number_format(upload.size, force_grouping=True),
                        "limit": number_format(limit, force_grouping=True),
                    },
                    upload.name,
                )
            ]
        )
    return upload.name, upload.read()


@extend_schema(tags=["definitions"])
class DefinitionListView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "startable",
                OpenApiTypes.BOOL,
                description="Only the processes I may start by hand (the diagram's "
                "candidate starters, else its first task's group).",
            )
        ],
        responses=DefinitionSerializer(many=True),
        summary="Latest version of each process",
    )
    def get(self, request):
        startable = request.query_params.get("startable", "").lower()
        if startable not in ("", "true", "false", "1", "0"):
            raise ValidationError({"startable": [_("Must be true or false.")]})
        if startable in ("true", "1"):
            definitions = startable_definitions(request.user)
        else:
            definitions = latest_definitions()
        return Response(DefinitionSerializer(definitions, many=True).data)

    @extend_schema(
        request={"multipart/form-data": UploadSerializer},
        responses={
            201: OpenApiResponse(DEPLOY_ANSWER, description="At least one new version."),
            200: OpenApiResponse(
                DEPLOY_ANSWER, description="Identical content: existing versions."
            ),
            400: DEPLOYMENT_INVALID,
            403: FORBIDDEN,
        },
        summary="Deploy a BPMN file or bundle",
    )
    def post(self, request):
        # Checked before the upload is read, so a refused user costs no parsing.
        if not may_model(request.user):
            raise PermissionDenied(_("Deploying needs the process-owners group."))
        file_name, content = uploaded_file(request)
        result = definition_deploy(
            file_name=file_name,
            content=content,
            user=request.user,
            comment=request.data.get("comment", ""),
        )
        code = status.HTTP_201_CREATED if result.any_created else status.HTTP_200_OK
        if len(result.definitions) == 1:
            return Response(DefinitionSerializer(result.definitions[0]).data, status=code)
        deployed = [
            {**DefinitionSerializer(definition).data, "created": created}
            for definition, created in zip(result.definitions, result.created, strict=True)
        ]
        return Response({"deployed": deployed}, status=code)


@extend_schema(tags=["definitions"])
class DefinitionValidateView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": UploadSerializer},
        responses={200: ValidationReportSerializer, 400: DEPLOYMENT_INVALID, 403: FORBIDDEN},
        summary="Check a BPMN file or bundle without deploying it",
    )
    def post(self, request):
        # Like deploying: a check runs the parser and the sandbox's compiler on the upload.
        if not may_model(request.user):
            raise PermissionDenied(_("Checking a diagram needs the process-owners group."))
        file_name, content = uploaded_file(request)
        report = definition_validate(file_name=file_name, content=content)
        return Response(
            {
                "valid": report.valid,
                "errors": [p.as_dict() for p in report.errors],
                "warnings": [p.as_dict() for p in report.warnings],
                "processes": report.processes,
            }
        )


def versions_or_404(key: str):
    versions = definition_versions(key)
    if not versions.exists():
        raise NotFound(_("No process “%(key)s” is deployed.") % {"key": key})
    return versions


@extend_schema(tags=["definitions"])
class DefinitionDetailView(APIView):
    @extend_schema(
        responses={200: DefinitionDetailSerializer, 404: NOT_FOUND},
        summary="A process and its versions",
    )
    def get(self, request, key):
        versions = list(versions_or_404(key))
        body = {"key": key, "name": versions[-1].name, "versions": versions}
        return Response(DefinitionDetailSerializer(body).data)


@extend_schema(tags=["definitions"])
class DefinitionXmlView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("version", int, description="Latest when left out.", required=False)
        ],
        responses={(200, "application/xml"): OpenApiTypes.STR, 400: INVALID, 404: NOT_FOUND},
        summary="The BPMN XML of a version",
    )
    def get(self, request, key):
        versions = versions_or_404(key).select_related("deployment")
        version = request.query_params.get("version")
        if version:
            if not version.isdigit():
                raise ValidationError({"version": [_("Must be a whole number.")]})
            definition = versions.filter(version=int(version)).first()
            if definition is None:
                raise NotFound(
                    _("“%(key)s” has no version %(version)s.") % {"key": key, "version": version}
                )
        else:
            definition = versions.last()
        return HttpResponse(definition.bpmn_xml, content_type="application/xml; charset=utf-8")

    def perform_content_negotiation(self, request, force=False):
        # The XML answer bypasses the renderers; errors fall back to JSON, never to 406.
        return super().perform_content_negotiation(request, force=True)
