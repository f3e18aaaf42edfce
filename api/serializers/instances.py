from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engine.models import Incident, InstanceEvent, ProcessInstance
from engine.selectors import open_work

from .values import datetime_value, strings, username


class IncidentSerializer(serializers.ModelSerializer):
    instance = serializers.IntegerField(source="instance_id", read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "instance",
            "element_id",
            "error",
            "attempts",
            "status",
            "opened_at",
            "resolved_at",
        ]

    # Written out rather than built from the fields on every call (see values.py);
    # tests/api/test_representations.py holds it to the declared fields.
    def to_representation(self, incident) -> dict:
        return {
            "id": incident.pk,
            "instance": incident.instance_id,
            "element_id": incident.element_id,
            "error": incident.error_text,
            "attempts": incident.attempts,
            "status": str(incident.status),
            "opened_at": datetime_value(incident.opened_at),
            "resolved_at": datetime_value(incident.resolved_at),
        }


class InstanceSerializer(serializers.ModelSerializer):
    """An instance with its open tasks and open incidents.

    Both are read by engine.selectors.open_work, which takes what with_open_work prefetched.
    """

    definition = serializers.CharField(source="definition.key", read_only=True)
    version = serializers.IntegerField(source="definition.version", read_only=True)
    active = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="BPMN element ids active now."
    )
    tasks = serializers.SerializerMethodField(help_text="Ids of the open tasks.")
    incidents = serializers.SerializerMethodField(help_text="The open incidents.")
    started_by = serializers.CharField(
        source="started_by.username", allow_null=True, read_only=True
    )

    class Meta:
        model = ProcessInstance
        fields = [
            "id",
            "definition",
            "version",
            "status",
            "business_key",
            "stage",
            "variables",
            "active",
            "tasks",
            "incidents",
            "started_by",
            "started_at",
            "ended_at",
        ]

    # Written out rather than built from the fields on every call (see values.py);
    # tests/api/test_representations.py holds it to the declared fields.
    def to_representation(self, instance) -> dict:
        definition = instance.definition
        tasks, incidents = open_work(instance)
        incident = IncidentSerializer(context=self.context)
        return {
            "id": instance.pk,
            "definition": definition.key,
            "version": definition.version,
            "status": str(instance.status),
            "business_key": instance.business_key,
            "stage": instance.stage,
            "variables": instance.variables,
            "active": strings(instance.active),
            "tasks": tasks,
            "incidents": [incident.to_representation(row) for row in incidents],
            "started_by": username(instance.started_by),
            "started_at": datetime_value(instance.started_at),
            "ended_at": datetime_value(instance.ended_at),
        }

    def get_tasks(self, instance) -> list[int]:
        return open_work(instance)[0]

    @extend_schema_field(IncidentSerializer(many=True))
    def get_incidents(self, instance) -> list:
        return IncidentSerializer(open_work(instance)[1], many=True).data


class InstanceStartSerializer(serializers.Serializer):
    definition = serializers.CharField(max_length=255, help_text="The process key.")
    version = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Latest when left out."
    )
    variables = serializers.DictField(required=False, default=dict)
    business_key = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )


class InstanceFilterSerializer(serializers.Serializer):
    definition = serializers.CharField(required=False, help_text="Process key.")
    version = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    status = serializers.ChoiceField(choices=ProcessInstance.Status.choices, required=False)
    business_key = serializers.CharField(required=False)
    stage = serializers.CharField(required=False)
    started_from = serializers.DateField(required=False, help_text="Started on or after.")
    started_to = serializers.DateField(required=False, help_text="Started on or before.")


class InstanceEventSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", allow_null=True, read_only=True)

    class Meta:
        model = InstanceEvent
        fields = ["at", "type", "element_id", "user", "data"]


class IncidentFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Incident.Status.choices, required=False)
    instance = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
