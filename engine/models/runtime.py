"""What makes processes move by themselves: timers, message subscriptions, buffered messages."""

from django.db import models

from .definitions import ProcessDefinition
from .instances import ProcessInstance


class TimerKind(models.TextChoices):
    EVENT = "event"  # a waiting timer event (intermediate, boundary) of an instance
    RETRY = "retry"  # a failed service task waiting for its next attempt
    START = "start"  # a timer start event: starts a new instance of its definition


class Timer(models.Model):
    """A pending moment. The sweep wakes whatever is due; rows follow the engine state."""

    Kind = TimerKind

    kind = models.CharField(max_length=8, choices=TimerKind.choices, default=TimerKind.EVENT)
    instance = models.ForeignKey(
        ProcessInstance, null=True, blank=True, on_delete=models.CASCADE, related_name="timers"
    )
    definition = models.ForeignKey(
        ProcessDefinition, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    element_id = models.CharField(max_length=255)
    spiff_task_id = models.UUIDField(null=True, blank=True)
    due_at = models.DateTimeField()
    # For start timers on a cycle: seconds between starts, and starts left (-1 = endless).
    interval_s = models.FloatField(default=0)
    cycles_left = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["due_at"], name="timer_due_idx")]
        ordering = ["due_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.element_id} at {self.due_at:%Y-%m-%d %H:%M:%S}"


class MessageSubscription(models.Model):
    """An instance waiting for a message (catch event, receive task, boundary)."""

    instance = models.ForeignKey(
        ProcessInstance, on_delete=models.CASCADE, related_name="subscriptions"
    )
    name = models.CharField(max_length=255)
    correlation_key = models.CharField(max_length=255, blank=True, default="")
    element_id = models.CharField(max_length=255)
    spiff_task_id = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["name", "correlation_key"], name="subscription_lookup_idx")]
        constraints = [
            models.UniqueConstraint(fields=["spiff_task_id", "name"], name="subscription_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.correlation_key}] → #{self.instance_id}"


class MessageStatus(models.TextChoices):
    BUFFERED = "buffered"
    DELIVERED = "delivered"
    EXPIRED = "expired"


class Message(models.Model):
    """A message received by the engine: delivered at once, or buffered until its TTL.

    `message_id` de-duplicates: the same id is never delivered twice.
    """

    Status = MessageStatus

    name = models.CharField(max_length=255)
    correlation_key = models.CharField(max_length=255, blank=True, default="")
    variables = models.JSONField(default=dict, blank=True)
    message_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    status = models.CharField(max_length=16, choices=MessageStatus.choices)
    expires_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # Instances it correlated with or started.
    instances = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "name", "correlation_key"], name="message_buffer_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.correlation_key}] {self.status}"
