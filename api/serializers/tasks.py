from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engine.models import HumanTask
from engine.services.tasks import task_form

from .instances import InstanceSerializer

SCOPES = [
    ("mine", "Assigned to me"),
    ("candidate", "Unassigned, and I am a candidate (my group or me)"),
    ("all", "All I may see"),
]


class TaskSerializer(serializers.ModelSerializer):
    """An inbox row (the detail adds the form)."""

    instance = serializers.IntegerField(source="instance_id", read_only=True)
    definition = serializers.CharField(source="definition.key", read_only=True)
    version = serializers.IntegerField(source="definition.version", read_only=True)
    assignee = serializers.CharField(source="assignee.username", allow_null=True, read_only=True)
    candidate_groups = serializers.ListField(child=serializers.CharField(), read_only=True)
    candidate_users = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = HumanTask
        fields = [
            "id",
            "name",
            "element_id",
            "instance",
            "definition",
            "version",
            "status",
            "assignee",
            "candidate_groups",
            "candidate_users",
            "lane",
            "priority",
            "due_at",
            "follow_up_at",
            "created_at",
            "claimed_at",
            "ended_at",
            "data",
        ]


class TaskFormSerializer(serializers.Serializer):
    schema = serializers.JSONField(help_text="JSON Schema, with record choices filled in.")
    ui_schema = serializers.JSONField()


class TaskDetailSerializer(TaskSerializer):
    # A plain string here: the same choice set on two components would give the schema's
    # enum a hashed name (drf-spectacular); TaskStatusEnum on Task lists the values.
    status = serializers.CharField(
        read_only=True, help_text="One of open, claimed, completed, cancelled."
    )
    form = serializers.SerializerMethodField()

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "form", "completed_data"]

    @extend_schema_field(TaskFormSerializer(allow_null=True))
    def get_form(self, task) -> dict | None:
        return task_form(task)


class TaskFilterSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(choices=SCOPES, required=False, default="all")
    status = serializers.ChoiceField(choices=HumanTask.Status.choices, required=False)
    definition = serializers.CharField(required=False, help_text="Process key.")
    instance = serializers.IntegerField(min_value=1, required=False)


class TaskCompleteSerializer(serializers.Serializer):
    data = serializers.DictField(
        required=False, default=dict, help_text="The form data; checked against its schema."
    )


class TaskCompletionSerializer(serializers.Serializer):
    task = TaskDetailSerializer()
    instance = InstanceSerializer()
