"""Batch operations over many instances: start one, read its progress and its report."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import FORBIDDEN, INVALID, NOT_FOUND
from api.serializers.instances import InstanceFilterSerializer
from engine import selectors
from engine.exceptions import InvalidData
from engine.models import Batch
from engine.services.batches import OPERATIONS, batch_create
from engine.services.permissions import batch_refusal


class BatchMigrationSerializer(serializers.Serializer):
    process = serializers.CharField(max_length=255, help_text="The process's key.")
    from_version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    to_version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    mapping = serializers.DictField(
        child=serializers.CharField(max_length=255),
        required=False,
        help_text="Renamed elements: id on from_version → id on to_version.",
    )


class BatchCreateSerializer(serializers.Serializer):
    operation = serializers.ChoiceField(choices=sorted(OPERATIONS))
    instances = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False
    )
    filter = InstanceFilterSerializer(required=False, help_text="The monitor's filters.")
    migration = BatchMigrationSerializer(
        required=False, help_text="For migrate: the versions to move between."
    )
    instructions = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        help_text=(
            "For modify: what to do with each instance's work, as "
            "POST /api/instances/{id}/modify/ takes it."
        ),
    )


class BatchSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(
        source="created_by.username", allow_null=True, read_only=True
    )
    refused = serializers.SerializerMethodField()

    class Meta:
        model = Batch
        fields = [
            "id",
            "operation",
            "status",
            "selection",
            "parameters",
            "total",
            "done",
            "failed",
            "created_by",
            "created_at",
            "finished_at",
            "refused",
        ]

    def get_refused(self, batch: Batch) -> list[dict]:
        return [
            {"instance": item.instance_id, "business_key": item.instance.business_key,
             "message": item.message}
            for item in selectors.batch_refused(batch)
        ]  # fmt: skip


def _require(request) -> None:
    if refusal := batch_refusal(request.user):
        raise PermissionDenied(refusal)


@extend_schema(tags=["instances"])
class BatchListView(APIView):
    """Cancel, suspend, resume, retry the incidents of, move to another version (migrate,
    with `migration`) or move the work of (modify, with `instructions`) many instances in the
    background
    (managers): chosen by id or by the monitor's filters; each instance in its own
    transaction, never twice; the batch's progress and the instances it could not change."""

    @extend_schema(responses={200: BatchSerializer(many=True), 403: FORBIDDEN})
    def get(self, request):
        _require(request)
        return Response(BatchSerializer(selectors.recent_batches(), many=True).data)

    @extend_schema(
        request=BatchCreateSerializer,
        responses={202: BatchSerializer, 400: INVALID, 403: FORBIDDEN},
        summary="Start a batch operation over instances",
    )
    def post(self, request):
        _require(request)
        serializer = BatchCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if ("instances" in data) == ("filter" in data):
            raise InvalidData(
                _("Choose the instances by id or by a filter, not both."),
                {"instances": [_("Send instances or filter.")]},
            )
        if "instances" in data:
            chosen, selection = data["instances"], {}
        else:
            chosen = selectors.instances(**data["filter"])
            selection = {k: str(v) for k, v in data["filter"].items()}
        batch = batch_create(
            user=request.user,
            operation=data["operation"],
            instances=chosen,
            selection=selection,
            migration=data.get("migration"),
            instructions=data.get("instructions"),
        )
        return Response(BatchSerializer(batch).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=["instances"])
class BatchDetailView(APIView):
    @extend_schema(responses={200: BatchSerializer, 403: FORBIDDEN, 404: NOT_FOUND})
    def get(self, request, pk):
        _require(request)
        return Response(BatchSerializer(get_object_or_404(Batch, pk=pk)).data)
