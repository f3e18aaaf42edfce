"""GET /api/rights/ (every group's rights) and PUT /api/rights/{group}/: administrators only."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from processes.access.rights import may_administer
from processes.access.selectors import groups_with_rights
from processes.access.services import group_rights_set


class GroupRightsSerializer(serializers.Serializer):
    group = serializers.CharField()
    rights = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    shipped = serializers.BooleanField(help_text="true: the shipped defaults, never set")


RIGHTS_BODY = inline_serializer(
    "GroupRightsBody",
    {"rights": serializers.DictField(child=serializers.ListField(child=serializers.CharField()))},
)


class Administrators(BasePermission):
    def has_permission(self, request, view) -> bool:
        self.message = _("Only an administrator sets the rights of groups.")
        return may_administer(request.user)


def _as_json(entry: dict) -> dict:
    rights = {kind: sorted(actions) for kind, actions in sorted(entry["rights"].items())}
    return {"group": entry["group"].name, "rights": rights, "shipped": entry["shipped"]}


@extend_schema(tags=["rights"])
class RightsListView(APIView):
    permission_classes = [Administrators]

    @extend_schema(
        responses={200: GroupRightsSerializer(many=True)}, summary="Every group's rights"
    )
    def get(self, request):
        return Response([_as_json(entry) for entry in groups_with_rights()])


@extend_schema(tags=["rights"])
class GroupRightsView(APIView):
    permission_classes = [Administrators]

    @extend_schema(
        request=RIGHTS_BODY,
        responses={200: GroupRightsSerializer},
        summary="Set a group's rights (kind of record → actions), replacing what it had",
    )
    def put(self, request, name):
        group = get_object_or_404(Group, name=name)
        rights = request.data.get("rights") if isinstance(request.data, dict) else None
        try:
            group_rights_set(group=group, rights=rights, by=request.user)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        entry = next(e for e in groups_with_rights() if e["group"].pk == group.pk)
        return Response(_as_json(entry))
