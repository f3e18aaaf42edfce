from django.conf import settings
from django.db import models

from .instances import ProcessInstance


class EventType(models.TextChoices):
    STARTED = "started"
    TASK_CREATED = "task_created"
    TASK_CLAIMED = "task_claimed"
    TASK_UNCLAIMED = "task_unclaimed"
    TASK_ASSIGNED = "task_assigned"
    TASK_DELEGATED = "task_delegated"
    TASK_RESOLVED = "task_resolved"
    TASK_COMPLETED = "task_completed"
    TASK_CANCELLED = "task_cancelled"
    SCRIPT_RUN = "script_run"
    SERVICE_TASK_RUN = "service_task_run"
    SERVICE_TASK_FAILED = "service_task_failed"
    SERVICE_TASK_RETRIED = "service_task_retried"
    EXTERNAL_TASK_COMPLETED = "external_task_completed"
    EXTERNAL_TASK_FAILED = "external_task_failed"
    EXTERNAL_TASK_ERROR = "external_task_bpmn_error"
    TIMER_FIRED = "timer_fired"
    MESSAGE_CORRELATED = "message_correlated"
    MESSAGE_SENT = "message_sent"
    SIGNAL_CAUGHT = "signal_caught"
    SIGNAL_SENT = "signal_sent"
    INCIDENT_OPENED = "incident_opened"
    INCIDENT_RESOLVED = "incident_resolved"
    STAGE_REACHED = "stage_reached"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    CANCELLED = "cancelled"
    MIGRATED = "migrated"
    VARIABLES_CHANGED = "variables_changed"
    MODIFIED = "modified"
    COMPLETED = "completed"


class InstanceEvent(models.Model):
    """The append-only history of an instance: what the monitor and the audit read."""

    Type = EventType

    # event_instance_idx begins with `instance`: no index of its own.
    instance = models.ForeignKey(
        ProcessInstance, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    at = models.DateTimeField(auto_now_add=True)
    type = models.CharField(max_length=32, choices=EventType.choices)
    element_id = models.CharField(max_length=255, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["instance", "id"], name="event_instance_idx"),
            models.Index(fields=["type", "at"], name="event_type_at_idx"),
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.type} {self.element_id}"
