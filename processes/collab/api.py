"""/api/comments/?target=task:12 (list, post), /api/comments/{id}/ (edit), …/remove/."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND
from processes.access.targets import parse_target, visible_target
from processes.collab.comments import comment_edit, comment_post, comment_remove
from processes.collab.markdown import render
from processes.collab.selectors import comments_on, person_name


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = serializers.SerializerMethodField()
    author = serializers.CharField(source="author.username")
    author_name = serializers.SerializerMethodField()
    body = serializers.CharField()
    html = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    removed = serializers.BooleanField(source="is_removed")
    removed_by = serializers.CharField(source="removed_by.username", default=None)

    def get_target(self, comment) -> str:
        return f"{comment.target_kind}:{comment.target_id}"

    def get_author_name(self, comment) -> str:
        return person_name(comment.author)

    def get_html(self, comment) -> str:
        return "" if comment.is_removed else render(comment.body)


class CommentPostSerializer(serializers.Serializer):
    # Blank passes here so that the service's message names what is missing.
    target = serializers.CharField(allow_blank=True, help_text="kind:id — task:12, case:5 …")
    body = serializers.CharField(
        allow_blank=True, help_text="Markdown; @name mentions tell that person"
    )


class CommentEditSerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True)


TARGET = OpenApiParameter("target", str, required=True, description="kind:id, e.g. task:12")


@extend_schema(tags=["comments"])
class CommentListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[TARGET],
        responses={200: CommentSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
        summary="The comments on a target, oldest first",
    )
    def get(self, request):
        target = parse_target(request.query_params.get("target", ""))
        visible_target(request.user, target)
        return Response(CommentSerializer(comments_on(target), many=True).data)

    @extend_schema(
        request=CommentPostSerializer,
        responses={201: CommentSerializer, 400: INVALID, 404: NOT_FOUND},
        summary="Comment on a target",
    )
    def post(self, request):
        body = CommentPostSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = comment_post(
            user=request.user,
            target=body.validated_data["target"],
            body=body.validated_data["body"],
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["comments"])
class CommentDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=CommentEditSerializer,
        responses={
            200: CommentSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        summary="Change my comment (for a few minutes after posting)",
    )
    def patch(self, request, pk):
        body = CommentEditSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = comment_edit(user=request.user, comment_id=pk, body=body.validated_data["body"])
        return Response(CommentSerializer(comment).data)


@extend_schema(tags=["comments"])
class CommentRemoveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: CommentSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
        summary="Remove a comment (it stays as “removed by …”)",
    )
    def post(self, request, pk):
        return Response(CommentSerializer(comment_remove(user=request.user, comment_id=pk)).data)
