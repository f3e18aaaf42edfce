"""Move a running instance's work by hand: cancel at an element, start before or after one."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from api.serializers.errors import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND
from api.serializers.instances import InstanceSerializer
from api.views.instances import instance_answer, visible_instance
from engine.runtime.modification import KINDS
from engine.services.modification import instance_modify


class InstructionSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=KINDS)
    element = serializers.CharField(help_text="The BPMN id of an element of the process.")
    variables = serializers.DictField(
        required=False, help_text="Set on the work that starts (not with cancel)."
    )


class InstanceModifySerializer(serializers.Serializer):
    instructions = InstructionSerializer(many=True)


@extend_schema(tags=["instances"])
class InstanceModifyView(APIView):
    """Cancel the work at elements and start before or after others, in one step under the
    instance's lock (managers and process owners). The cancellations are carried out first,
    then the starts in their order; starting before an element the instance has passed goes
    back there. Nothing changes when an instruction is refused; the history records the move."""

    @extend_schema(
        request=InstanceModifySerializer,
        responses={
            200: InstanceSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        examples=[
            OpenApiExample(
                "Back to an earlier step",
                value={
                    "instructions": [
                        {"type": "cancel", "element": "record_payment"},
                        {"type": "start_before", "element": "send_invoice"},
                    ]
                },
                request_only=True,
            )
        ],
        summary="Move a running instance's work",
    )
    def post(self, request, pk):
        instance = visible_instance(request, pk)
        body = request.data.get("instructions") if isinstance(request.data, dict) else None
        moved = instance_modify(instance_id=instance.pk, user=request.user, instructions=body)
        return instance_answer(moved)
