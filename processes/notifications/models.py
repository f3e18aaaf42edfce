from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    TASK_ASSIGNED = "task_assigned"
    TASK_DELEGATED = "task_delegated"
    TASK_RESOLVED = "task_resolved"
    MENTIONED = "mentioned"


class Notification(models.Model):
    """One thing to tell one person; `key` names the event, so it is told once."""

    Kind = NotificationKind

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    key = models.CharField(max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the text names (the task's name …), kept so it reads in the reader's language.
    subject = models.CharField(max_length=255, blank=True, default="")
    link = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "-id"], name="notification_mine_idx")]
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"
