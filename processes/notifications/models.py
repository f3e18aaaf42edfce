from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    TASK_ASSIGNED = "task_assigned", _("A task is given or assigned to me")
    TASK_DELEGATED = "task_delegated", _("A task is delegated to me")
    TASK_RESOLVED = "task_resolved", _("A task I delegated comes back")
    TASK_QUEUED = "task_queued", _("A new task in my groups' queue")
    TASK_DUE_SOON = "task_due_soon", _("A task of mine is due soon")
    TASK_FOLLOW_UP = "task_follow_up", _("A task of mine is to be followed up")
    TASK_OVERDUE = "task_overdue", _("A task of mine is overdue")
    MENTIONED = "mentioned", _("Someone mentions me in a comment")
    INCIDENT = "incident", _("An incident in a process I own")
    CASE_ENDED = "case_ended", _("A case I started has ended")


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
    # When it went out by e-mail (alone or in a digest): never twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "-id"], name="notification_mine_idx")]
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class Delivery(models.TextChoices):
    APP = "app", _("In the app only")
    EMAIL = "email", _("In the app and by e-mail at once")
    DIGEST = "digest", _("In the app, and by e-mail as a digest")


class Preference(models.Model):
    """How a person wants to be told; without a row, the defaults (e-mail at once, all)."""

    Delivery = Delivery

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.EMAIL)
    digest_minutes = models.PositiveIntegerField(default=60)
    # The kinds the person does not want at all (neither in the app nor by e-mail).
    muted = models.JSONField(default=list, blank=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["delivery", "digest_sent_at"], name="preference_digest_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.delivery}"


class SweepMark(models.Model):
    """How far the due-date sweep has looked (one row per kind of look), kept across
    restarts so that a restarted worker neither misses nor repeats a moment."""

    name = models.CharField(max_length=30, primary_key=True)
    until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} until {self.until}"


class EndNotice(models.Model):
    """A process whose diagram's owner marked "notify on end": each of its cases tells the
    person who started it when it ends. A process without a row tells no one."""

    process_key = models.CharField(max_length=255, unique=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"notify on end: {self.process_key}"
