"""GET/POST /api/auth/tokens/ (my tokens; make one: its key is answered once) and
DELETE /api/auth/tokens/{id}/ (revoke one of mine)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.models import ApiToken
from api.serializers.errors import INVALID, NOT_FOUND
from api.tokens import token_create, token_revoke, tokens_of


class ApiTokenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField(help_text="The key's first characters")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(allow_null=True)
    for_integration = serializers.BooleanField(
        help_text="Another system's token: it sends any message and signal"
    )


class NewTokenSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    expires_in_days = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    for_integration = serializers.BooleanField(
        required=False,
        default=False,
        help_text="It sends any message and signal; administrators and the external-workers "
        "group only",
    )


class MadeTokenSerializer(ApiTokenSerializer):
    key = serializers.CharField(help_text="Shown this once: keep it, it is not stored")


@extend_schema(tags=["service"])
class TokenListView(APIView):
    @extend_schema(responses={200: ApiTokenSerializer(many=True)}, summary="My API tokens")
    def get(self, request):
        return Response(ApiTokenSerializer(tokens_of(request.user), many=True).data)

    @extend_schema(
        request=NewTokenSerializer,
        responses={201: MadeTokenSerializer, 400: INVALID},
        summary="Make an API token (its key is answered once)",
    )
    def post(self, request):
        body = NewTokenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            token, key = token_create(user=request.user, **body.validated_data)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        answer = {**ApiTokenSerializer(token).data, "key": key}
        return Response(answer, status=status.HTTP_201_CREATED)


@extend_schema(tags=["service"])
class TokenDetailView(APIView):
    @extend_schema(responses={204: None, 404: NOT_FOUND}, summary="Revoke one of my tokens")
    def delete(self, request, pk):
        try:
            token_revoke(user=request.user, token_id=pk)
        except ApiToken.DoesNotExist as exc:
            raise NotFound(str(exc)) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)
