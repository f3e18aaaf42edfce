from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engine import task_filters
from engine.models import HumanTask
from engine.sent_back import sent_back_because
from engine.services.tasks import task_form

from .instances import InstanceSerializer
from .values import datetime_value, strings, username

SCOPES = [
    ("inbox", "Mine and my groups' unclaimed, open (the inbox page's first list)"),
    ("mine", "Assigned to me"),
    ("candidate", "Unassigned, and I am a candidate (my group or me)"),
    ("delegated", "Mine, delegated to a colleague until they resolve it"),
    ("all", "All I may see"),
]


class TaskSerializer(serializers.ModelSerializer):
    """An inbox row (the detail adds the form)."""

    instance = serializers.IntegerField(source="instance_id", read_only=True)
    definition = serializers.CharField(source="definition.key", read_only=True)
    version = serializers.IntegerField(source="definition.version", read_only=True)
    assignee = serializers.CharField(source="assignee.username", allow_null=True, read_only=True)
    owner = serializers.CharField(
        source="owner.username",
        allow_null=True,
        read_only=True,
        help_text="While delegated: who the task goes back to once resolved.",
    )
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
            "owner",
            "candidate_groups",
            "candidate_users",
            "lane",
            "priority",
            "due_at",
            "follow_up_at",
            "created_at",
            "claimed_at",
            "ended_at",
        ]

    # Written out rather than built from the fields on every call (see values.py);
    # tests/api/test_representations.py holds it to the declared fields.
    def to_representation(self, task) -> dict:
        definition = task.definition
        return {
            "id": task.pk,
            "name": task.name,
            "element_id": task.element_id,
            "instance": task.instance_id,
            "definition": definition.key,
            "version": definition.version,
            "status": str(task.status),
            "assignee": username(task.assignee),
            # Read only for a delegated task (rare): the inbox rows stay one query.
            "owner": username(task.owner) if task.owner_id else None,
            "candidate_groups": strings(task.candidate_groups),
            "candidate_users": strings(task.candidate_users),
            "lane": task.lane,
            "priority": task.priority,
            "due_at": datetime_value(task.due_at),
            "follow_up_at": datetime_value(task.follow_up_at),
            "created_at": datetime_value(task.created_at),
            "claimed_at": datetime_value(task.claimed_at),
            "ended_at": datetime_value(task.ended_at),
        }


class TaskFormSerializer(serializers.Serializer):
    schema = serializers.JSONField(
        help_text="JSON Schema; an open task's record choices filled in (`oneOf`), an ended "
        "task's left as references (`x-choices`)."
    )
    ui_schema = serializers.JSONField()


class SentBackSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[
            ("refused", "The process refused what was entered (an error boundary caught it)"),
            ("step", "A later person's step sent the case back, giving a reason"),
        ]
    )
    reason = serializers.CharField(
        help_text="A refusal in the reader's language; a step's reason as the person wrote it."
    )
    step = serializers.CharField(help_text="The name of the step that sent the task back.")
    by = serializers.CharField(
        allow_null=True, help_text="Who completed that step (null for a refusal)."
    )


def sent_back_value(task) -> dict | None:
    found = sent_back_because(task)
    if found is None:
        return None
    return {
        "kind": "refused" if found.refused else "step",
        "reason": found.reason,
        "step": found.step,
        "by": username(found.by),
    }


class TaskDetailSerializer(TaskSerializer):
    # A plain string here: the same choice set on two components would give the schema's
    # enum a hashed name (drf-spectacular); TaskStatusEnum on Task lists the values.
    status = serializers.CharField(
        read_only=True, help_text="One of open, claimed, completed, cancelled."
    )
    form = serializers.SerializerMethodField()
    data = serializers.DictField(
        read_only=True,
        help_text="Open: the process data the task sees (its form's first values). "
        "Ended: the data it was completed with.",
    )

    sent_back_because = serializers.SerializerMethodField(
        help_text="Why this open task came back to its step, or null: what the process "
        "refused of the last entry, or the later step that sent it back with its reason."
    )

    class Meta(TaskSerializer.Meta):
        fields = [
            *TaskSerializer.Meta.fields,
            "form",
            "data",
            "completed_data",
            "sent_back_because",
        ]

    def to_representation(self, task) -> dict:
        body = super().to_representation(task)
        body["form"] = self.get_form(task)
        body["data"] = task.data
        body["completed_data"] = task.completed_data
        body["sent_back_because"] = self.get_sent_back_because(task)
        return body

    @extend_schema_field(SentBackSerializer(allow_null=True))
    def get_sent_back_because(self, task) -> dict | None:
        return sent_back_value(task)

    @extend_schema_field(TaskFormSerializer(allow_null=True))
    def get_form(self, task) -> dict | None:
        # An ended task's form can no longer be filled in: its record choices stay
        # references instead of listing every record (the answer to each completion).
        return task_form(task, with_choices=task.is_open)


class TaskFilterSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(choices=SCOPES, required=False, default="all")
    status = serializers.ChoiceField(
        choices=HumanTask.Status.choices,
        required=False,
        help_text="`open`: not ended (open or claimed); another value: that state.",
    )
    state = serializers.ChoiceField(
        choices=HumanTask.Status.choices, required=False, help_text="Exactly this state."
    )
    definition = serializers.CharField(required=False, help_text="Process key.")
    instance = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    due = serializers.ChoiceField(
        choices=task_filters.DUE,
        required=False,
        help_text="overdue, today (due before tonight), week (within 7 days), none (no due date).",
    )
    priority = serializers.ChoiceField(
        choices=task_filters.PRIORITY,
        required=False,
        help_text="high (70 and above), normal (31–69), low (30 and below).",
    )
    follow_up = serializers.ChoiceField(
        choices=task_filters.FOLLOW_UP,
        required=False,
        help_text="today (the follow-up date has come or comes today), later, none.",
    )
    sort = serializers.ChoiceField(
        choices=task_filters.SORTS,
        required=False,
        help_text="priority, due, follow_up (soonest first), created (newest first), name.",
    )


class TaskCompleteSerializer(serializers.Serializer):
    data = serializers.DictField(
        required=False, default=dict, help_text="The form data; checked against its schema."
    )


class TaskCompletionSerializer(serializers.Serializer):
    task = TaskDetailSerializer()
    instance = InstanceSerializer()

    def to_representation(self, completion) -> dict:
        return {
            "task": TaskDetailSerializer(context=self.context).to_representation(
                completion["task"]
            ),
            "instance": InstanceSerializer(context=self.context).to_representation(
                completion["instance"]
            ),
        }


class TaskHandOverSerializer(serializers.Serializer):
    user = serializers.CharField(help_text="The user name of the person the task goes to.")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        help_text="Why (kept in the history).",
    )


class TaskResolveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        help_text="Kept in the history.",
    )
