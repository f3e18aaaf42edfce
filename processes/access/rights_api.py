"""GET /api/rights/ (every group's rights, the processes it starts and monitors) and
PUT /api/rights/{group}/: administrators only."""

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
from processes.access.services import KEEP, group_access_set


class GroupRightsSerializer(serializers.Serializer):
    group = serializers.CharField()
    rights = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    shipped = serializers.BooleanField(help_text="true: the shipped defaults, never set")
    own = serializers.ListField(
        child=serializers.CharField(),
        help_text="kinds (customers, deals) its members see only their own records of",
    )
    start = serializers.ListField(
        child=serializers.CharField(), help_text="keys of the processes its members start"
    )
    start_shipped = serializers.BooleanField(help_text="true: the diagrams' starters decide")
    monitor = serializers.ListField(
        child=serializers.CharField(),
        help_text="keys of the processes whose every instance its members watch",
    )
    monitor_shipped = serializers.BooleanField(
        help_text="true: the default (managers every process, others none)"
    )


RIGHTS_BODY = inline_serializer(
    "GroupRightsBody",
    {
        "rights": serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
        "own": serializers.ListField(
            child=serializers.CharField(),
            required=False,
            help_text="customers: its members see only the customers they look after; deals: "
            "only those customers' deals and the deals they own; left out: unchanged",
        ),
        "start": serializers.ListField(
            child=serializers.CharField(),
            required=False,
            allow_null=True,
            help_text="the process keys its members start by hand; null: the diagrams decide; "
            "left out: unchanged",
        ),
        "monitor": serializers.ListField(
            child=serializers.CharField(),
            required=False,
            allow_null=True,
            help_text="the process keys whose instances its members watch on the monitor, "
            "the instance pages and /api/instances/; null: the default (managers every "
            "process, others only their own cases); left out: unchanged",
        ),
    },
)


class Administrators(BasePermission):
    def has_permission(self, request, view) -> bool:
        self.message = _("Only an administrator sets the rights of groups.")
        return may_administer(request.user)


def _as_json(entry: dict) -> dict:
    rights = {kind: sorted(actions) for kind, actions in sorted(entry["rights"].items())}
    return {
        "group": entry["group"].name,
        "rights": rights,
        "shipped": entry["shipped"],
        "own": sorted(entry["own"]),
        "start": [c["definition"].key for c in entry["start"] if c["on"]],
        "start_shipped": entry["start_shipped"],
        "monitor": [c["definition"].key for c in entry["monitor"] if c["on"]],
        "monitor_shipped": entry["monitor_shipped"],
    }


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
        body = request.data if isinstance(request.data, dict) else {}
        try:
            group_access_set(
                group=group,
                rights=body.get("rights"),
                own=body.get("own", KEEP),
                start=body.get("start", KEEP),
                monitor=body.get("monitor", KEEP),
                by=request.user,
            )
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        entry = next(e for e in groups_with_rights() if e["group"].pk == group.pk)
        return Response(_as_json(entry))
