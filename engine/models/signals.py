"""Instances waiting for a signal (a broadcast: every waiting instance catches it)."""

from django.db import models

from .instances import ProcessInstance


class SignalSubscription(models.Model):
    """An instance waiting for the signal `name` (catch event, boundary, receive)."""

    instance = models.ForeignKey(
        ProcessInstance, on_delete=models.CASCADE, related_name="signal_subscriptions"
    )
    name = models.CharField(max_length=255)
    element_id = models.CharField(max_length=255)
    spiff_task_id = models.UUIDField()

    class Meta:
        indexes = [models.Index(fields=["name", "instance"], name="signal_lookup_idx")]
        constraints = [
            models.UniqueConstraint(fields=["spiff_task_id", "name"], name="signal_sub_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} → #{self.instance_id}"
