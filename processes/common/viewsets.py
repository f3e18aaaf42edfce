"""The base of the business API's viewsets: rights from processes.access, writes via services.

A viewset names `create_record(data, user)` and `update_record(instance, data, user)`,
which call the app's services; serializers only validate the shape of the input. After
a write the record is read again through `get_queryset()`, so the answer carries the same
annotations as a list row.

Uniqueness (a product's SKU, a warehouse's code …) is the services' check too: DRF's own
unique validators are taken off, so a duplicate is answered in the sentence the pages and
commands say (processes/common/duplicates.py), naming the value.
"""

from typing import Any

from rest_framework import mixins, viewsets
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.validators import UniqueTogetherValidator, UniqueValidator

from processes.access.api import KindPermission
from processes.common.filters import QueryParamFilter


class BusinessReadViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [KindPermission]
    record_kind: str  # the kind of record (processes.access.KINDS) the view serves
    filter_backends = [QueryParamFilter, SearchFilter, OrderingFilter]
    filter_params: dict = {}


def _unique_checks_left_to_services(serializer) -> None:
    unique = (UniqueValidator, UniqueTogetherValidator)
    for field in serializer.fields.values():
        field.validators = [v for v in field.validators if not isinstance(v, unique)]
    serializer.validators = [v for v in serializer.validators if not isinstance(v, unique)]


class BusinessViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, BusinessReadViewSet):
    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if self.action in ("create", "update", "partial_update") and hasattr(serializer, "fields"):
            _unique_checks_left_to_services(serializer)
        return serializer

    def create_record(self, data: dict[str, Any], user) -> Any:
        raise NotImplementedError

    def update_record(self, instance: Any, data: dict[str, Any], user) -> Any:
        raise NotImplementedError

    def perform_create(self, serializer) -> None:
        record = self.create_record(dict(serializer.validated_data), self.request.user)
        serializer.instance = self.reread(record)

    def perform_update(self, serializer) -> None:
        record = self.update_record(
            serializer.instance, dict(serializer.validated_data), self.request.user
        )
        serializer.instance = self.reread(record)

    def reread(self, record: Any) -> Any:
        return self.get_queryset().get(pk=record.pk)
