"""GET/POST /api/users/, GET/PATCH /api/users/{id}/, POST /api/users/{id}/password-reset/:
the accounts an administrator manages (processes.access.accounts)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from processes.access.accounts import account_invite, account_password_reset, account_update
from processes.access.selectors import accounts


class AccountSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    groups = serializers.ListField(child=serializers.CharField(max_length=150), required=False)
    is_active = serializers.BooleanField(read_only=True)
    last_login = serializers.DateTimeField(read_only=True)


class AccountChangeSerializer(serializers.Serializer):
    groups = serializers.ListField(child=serializers.CharField(max_length=150), required=False)
    is_active = serializers.BooleanField(required=False)


class Administrators(BasePermission):
    def has_permission(self, request, view) -> bool:
        from processes.access.rights import may_administer

        self.message = _("Only an administrator manages accounts.")
        return may_administer(request.user)


def _as_json(user) -> dict:
    return {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "groups": sorted(group.name for group in user.groups.all()),
        "is_active": user.is_active,
        "last_login": user.last_login,
    }


def _refused(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


@extend_schema(tags=["accounts"])
class AccountListView(APIView):
    permission_classes = [Administrators]

    @extend_schema(responses={200: AccountSerializer(many=True)}, summary="Every account")
    def get(self, request):
        return Response([_as_json(user) for user in accounts(request.query_params.get("q", ""))])

    @extend_schema(
        request=AccountSerializer,
        responses={201: AccountSerializer},
        summary="Invite a person: an account without a password, and a mailed link to set one",
    )
    def post(self, request):
        body = AccountSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            user = account_invite(by=request.user, base_url=request.build_absolute_uri("/"),
                                  **body.validated_data)  # fmt: skip
        except DjangoValidationError as exc:
            raise _refused(exc) from exc
        return Response(_as_json(user), status=201)


@extend_schema(tags=["accounts"])
class AccountDetailView(APIView):
    permission_classes = [Administrators]

    @extend_schema(responses={200: AccountSerializer}, summary="One account")
    def get(self, request, pk):
        return Response(_as_json(get_object_or_404(get_user_model(), pk=pk)))

    @extend_schema(
        request=AccountChangeSerializer,
        responses={200: AccountSerializer},
        summary="Change an account's groups (replacing them) or deactivate / reactivate it",
    )
    def patch(self, request, pk):
        user = get_object_or_404(get_user_model(), pk=pk)
        body = AccountChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            user = account_update(by=request.user, user=user, **body.validated_data)
        except DjangoValidationError as exc:
            raise _refused(exc) from exc
        return Response(_as_json(get_object_or_404(get_user_model(), pk=user.pk)))


@extend_schema(tags=["accounts"])
class AccountPasswordResetView(APIView):
    permission_classes = [Administrators]

    @extend_schema(request=None, responses={202: None}, summary="Mail a link to set a new password")
    def post(self, request, pk):
        user = get_object_or_404(get_user_model(), pk=pk)
        try:
            account_password_reset(by=request.user, user=user,
                                   base_url=request.build_absolute_uri("/"))  # fmt: skip
        except DjangoValidationError as exc:
            raise _refused(exc) from exc
        return Response(status=202)
