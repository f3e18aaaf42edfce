"""Move running instances of a process from one version to another: the plan, then the move."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import CONFLICT, FORBIDDEN, INVALID
from engine.services.migration import (
    MigrationPlan,
    blocker_message,
    instances_migrate,
    migration_plan,
)
from engine.services.permissions import migration_refusal


class MigrationPlanRequest(serializers.Serializer):
    process = serializers.CharField(max_length=255, help_text="The process's key.")
    from_version = serializers.IntegerField(min_value=1)
    to_version = serializers.IntegerField(min_value=1)
    mapping = serializers.DictField(
        child=serializers.CharField(max_length=255),
        required=False,
        default=dict,
        help_text="Element id in from_version → element id in to_version, for renamed ones.",
    )
    instances = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        allow_empty=False,
        help_text="Only these instances; without it, every running one of from_version.",
    )


BLOCKER = inline_serializer(
    "MigrationBlocker",
    {
        "element_id": serializers.CharField(),
        "element": serializers.CharField(),
        "reason": serializers.CharField(),
        "message": serializers.CharField(),
    },
)
PLAN = inline_serializer(
    "MigrationPlan",
    {
        "process": serializers.CharField(),
        "from_version": serializers.IntegerField(),
        "to_version": serializers.IntegerField(),
        "mapping": serializers.DictField(child=serializers.CharField()),
        "suggestions": serializers.DictField(child=serializers.CharField()),
        "migratable": serializers.IntegerField(),
        "blocked": serializers.IntegerField(),
        "instances": inline_serializer(
            "MigrationCheck",
            {
                "id": serializers.IntegerField(),
                "business_key": serializers.CharField(),
                "stage": serializers.CharField(),
                "status": serializers.CharField(),
                "migratable": serializers.BooleanField(),
                "blockers": BLOCKER,
            },
            many=True,
        ),
    },
)


def _allowed(request) -> None:
    # The right first: a person who may not move instances learns nothing from the body.
    if refusal := migration_refusal(request.user):
        raise PermissionDenied(refusal)


def _body(request, serializer_class):
    _allowed(request)
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    return {
        "user": request.user,
        "key": data["process"],
        "from_version": data["from_version"],
        "to_version": data["to_version"],
        "mapping": data["mapping"],
        "instance_ids": data.get("instances"),
    }, data


def plan_answer(plan: MigrationPlan) -> dict:
    return {
        "process": plan.source.key,
        "from_version": plan.source.version,
        "to_version": plan.target.version,
        "mapping": plan.mapping,
        "suggestions": plan.suggestions,
        "migratable": len(plan.movable),
        "blocked": len(plan.blocked),
        "instances": [
            {
                "id": check.instance.pk,
                "business_key": check.instance.business_key,
                "stage": check.instance.stage,
                "status": check.instance.status,
                "migratable": check.movable,
                "blockers": [
                    {
                        "element_id": blocker.element_id,
                        "element": blocker.element_name,
                        "reason": blocker.reason,
                        "message": blocker_message(blocker, plan.target),
                    }
                    for blocker in check.blockers
                ],
            }
            for check in plan.checks
        ],
    }


@extend_schema(tags=["instances"])
class MigrationPlanView(APIView):
    @extend_schema(
        request=MigrationPlanRequest,
        responses={200: PLAN, 400: INVALID, 403: FORBIDDEN},
        summary="Check which running instances can move to another version",
        description=(
            "Changes nothing. Elements are matched by id, renamed ones by the mapping; each "
            "running instance is tried on a copy of its state. `suggestions` are elements "
            "that look renamed (old id → new id), not applied. Managers and process owners."
        ),
    )
    def post(self, request):
        arguments, _data = _body(request, MigrationPlanRequest)
        return Response(plan_answer(migration_plan(**arguments)))


class MigrationRequest(MigrationPlanRequest):
    all = serializers.BooleanField(
        required=False, default=False, help_text="Move every instance that can move."
    )

    def validate(self, attrs):
        if not attrs.get("all") and not attrs.get("instances"):
            raise serializers.ValidationError(
                {"instances": [_("Choose the instances to move, or send all: true.")]}
            )
        return attrs


@extend_schema(tags=["instances"])
class MigrationView(APIView):
    @extend_schema(
        request=MigrationRequest,
        responses={
            200: inline_serializer(
                "MigrationResult",
                {
                    "migrated": serializers.ListField(child=serializers.IntegerField()),
                    "refused": inline_serializer(
                        "MigrationRefusal",
                        {
                            "id": serializers.IntegerField(),
                            "business_key": serializers.CharField(),
                            "message": serializers.CharField(),
                        },
                        many=True,
                    ),
                },
            ),
            400: INVALID,
            403: FORBIDDEN,
            409: CONFLICT,
        },
        summary="Move running instances to another version",
        description=(
            "Each instance moves in its own transaction under its lock and gets a `migrated` "
            "event in its history. Chosen instances that cannot move: 409 naming them, none "
            "moves. With all: true every instance that can move does; the others are listed "
            "in `refused` with the reason."
        ),
    )
    def post(self, request):
        arguments, data = _body(request, MigrationRequest)
        if data.get("all") and not data.get("instances"):
            arguments["instance_ids"] = None
        result = instances_migrate(**arguments)
        return Response(
            {
                "migrated": [instance.pk for instance in result.moved],
                "refused": [
                    {"id": instance.pk, "business_key": instance.business_key, "message": message}
                    for instance, message in result.refused
                ],
            }
        )
