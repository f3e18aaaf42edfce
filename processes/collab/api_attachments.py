"""/api/attachments/?target=case:5 (list, upload), /api/attachments/{id}/download/."""

from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import INVALID, NOT_FOUND
from processes.access.targets import parse_target, visible_target
from processes.collab.attachments import attachment_add, attachment_for_download
from processes.collab.selectors import attachments_on


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = serializers.SerializerMethodField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_by = serializers.CharField(source="uploaded_by.username")
    uploaded_at = serializers.DateTimeField()
    download = serializers.SerializerMethodField()

    def get_target(self, attachment) -> str:
        return f"{attachment.target_kind}:{attachment.target_id}"

    def get_download(self, attachment) -> str:
        return f"/api/attachments/{attachment.pk}/download/"


class AttachmentUploadSerializer(serializers.Serializer):
    target = serializers.CharField(allow_blank=True, help_text="kind:id — case:5, order:3 …")
    file = serializers.FileField(required=False, allow_empty_file=True)


TARGET = OpenApiParameter("target", str, required=True, description="kind:id, e.g. case:5")


@extend_schema(tags=["attachments"])
class AttachmentListView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        parameters=[TARGET],
        responses={200: AttachmentSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
        summary="The files attached to a target",
    )
    def get(self, request):
        target = parse_target(request.query_params.get("target", ""))
        visible_target(request.user, target)
        return Response(AttachmentSerializer(attachments_on(target), many=True).data)

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer, 400: INVALID, 404: NOT_FOUND},
        summary="Attach a file (type read from its content; size limit ATTACHMENT_MAX_BYTES)",
    )
    def post(self, request):
        body = AttachmentUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        attachment = attachment_add(
            user=request.user,
            target=body.validated_data["target"],
            upload=body.validated_data.get("file"),
        )
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


def download_response(attachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@extend_schema(tags=["attachments"])
class AttachmentDownloadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={(200, "application/octet-stream"): bytes, 404: NOT_FOUND},
        summary="Download an attached file (the right to see its target)",
    )
    def get(self, request, pk):
        return download_response(attachment_for_download(user=request.user, attachment_id=pk))
