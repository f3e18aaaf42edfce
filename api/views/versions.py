"""The diff between two versions of a process, and rolling back to an earlier one."""

from dataclasses import asdict

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import CONFLICT, DEPLOYMENT_INVALID, FORBIDDEN, INVALID, NOT_FOUND
from api.serializers.versions import (
    RollbackSerializer,
    RolledBackSerializer,
    VersionDiffSerializer,
)
from api.views.definitions import versions_or_404
from engine.parsing.diff import diagram_diff
from engine.services.versions import definition_rollback
from processes.access import may_model


def _version_number(request, name: str) -> int:
    value = request.query_params.get(name, "")
    if not value.isdigit() or not 0 < int(value) < 2**31:
        raise ValidationError({name: [_("Give the version's number (1, 2, …).")]})
    return int(value)


@extend_schema(tags=["definitions"])
class DefinitionDiffView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, description="The older version.", required=True),
            OpenApiParameter("to", int, description="The newer version.", required=True),
        ],
        responses={200: VersionDiffSerializer, 400: INVALID, 404: NOT_FOUND},
        summary="What changed between two versions",
        description="Elements are matched by their BPMN id. Answers "
        '`{"key", "from", "to", "added", "removed", "changed"}`; a changed element lists '
        "each changed property with its value before and after.",
    )
    def get(self, request, key):
        before_number = _version_number(request, "from")
        after_number = _version_number(request, "to")
        versions = {d.version: d for d in versions_or_404(key).select_related("deployment")}
        for number in (before_number, after_number):
            if number not in versions:
                raise NotFound(
                    _("“%(key)s” has no version %(version)s.") % {"key": key, "version": number}
                )
        diff = diagram_diff(versions[before_number].bpmn_xml, versions[after_number].bpmn_xml)
        body = {
            "key": key,
            "from": before_number,
            "to": after_number,
            "added": [asdict(e) for e in diff.added],
            "removed": [asdict(e) for e in diff.removed],
            "changed": [asdict(e) for e in diff.changed],
        }
        return Response(body)


@extend_schema(tags=["definitions"])
class DefinitionRollbackView(APIView):
    @extend_schema(
        request=RollbackSerializer,
        responses={
            201: RolledBackSerializer,
            400: DEPLOYMENT_INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        summary="Deploy an earlier version's content as the next version",
        description="Running cases stay on their versions; new ones start on the new one. "
        "409 when the latest version already has that content.",
    )
    def post(self, request, key):
        if not may_model(request.user):
            raise PermissionDenied(_("Rolling back needs the process-owners group."))
        versions_or_404(key)
        data = RollbackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        restored = definition_rollback(
            key=key,
            version=data.validated_data["version"],
            user=request.user,
            comment=data.validated_data.get("comment", ""),
        )
        return Response(RolledBackSerializer(restored).data, status=status.HTTP_201_CREATED)
