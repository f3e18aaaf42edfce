"""GET /api/audit/?target=product:12&actor=alice: the audit log, newest first (managers and
administrators)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import BasePermission

from processes.access.rights import may_read_audit
from processes.audit.selectors import as_entry, entries


class AuditReaders(BasePermission):
    def has_permission(self, request, view) -> bool:
        self.message = _("Only managers and administrators read the audit log.")
        return may_read_audit(request.user)


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class AuditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    at = serializers.DateTimeField()
    actor = serializers.CharField(source="who", help_text="Who, by name")
    username = serializers.CharField(help_text="Who, by username; empty for a process")
    action = serializers.CharField()
    kind = serializers.CharField()
    target = serializers.CharField(help_text="kind:id, e.g. product:12")
    record = serializers.CharField(help_text="The record as it was named then")
    changes = ChangeSerializer(many=True)
    address = serializers.CharField(help_text="The address the request came from, if any")


@extend_schema(
    tags=["audit"],
    parameters=[
        OpenApiParameter("target", OpenApiTypes.STR, description="kind:id, e.g. product:12"),
        OpenApiParameter("actor", OpenApiTypes.STR, description="A username"),
    ],
    summary="Who changed which record, what and when",
)
class AuditListView(ListAPIView):
    permission_classes = [AuditReaders]
    serializer_class = AuditEntrySerializer

    def get_queryset(self):
        params = self.request.query_params
        try:
            return entries(target=params.get("target", ""), actor=params.get("actor", ""))
        except DjangoValidationError as exc:
            raise ValidationError({"target": exc.messages}) from exc

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = AuditEntrySerializer([as_entry(e) for e in page], many=True).data
        return self.get_paginated_response(data)
