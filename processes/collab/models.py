"""Comments and files on a task, a case or a business record (the target, `kind:id`)."""

import uuid

from django.conf import settings
from django.db import models

from processes.access.targets import TARGET_KINDS

TARGET_CHOICES = [(kind, kind) for kind in TARGET_KINDS]


class Comment(models.Model):
    """A person's words on a target; removed, it stays as "removed by X" without its text."""

    target_kind = models.CharField(max_length=20, choices=TARGET_CHOICES)
    target_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        indexes = [
            models.Index(fields=["target_kind", "target_id", "id"], name="comment_target_idx")
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.target_kind}:{self.target_id}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


def _stored_name(instance, filename: str) -> str:
    # A random name under the target's folder: the person's file name is kept in `name`
    # only, so no name can reach outside the folder or overwrite another file.
    return f"attachments/{instance.target_kind}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file on a target, stored through Django's storage (var/media by default)."""

    target_kind = models.CharField(max_length=20, choices=TARGET_CHOICES)
    target_id = models.PositiveBigIntegerField()
    file = models.FileField(upload_to=_stored_name, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attachments"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["target_kind", "target_id", "id"], name="attachment_target_idx")
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class SavedFilter(models.Model):
    """A person's named filter of the inbox or the monitor, kept on the server; shared with
    one of their groups when `group` names it."""

    class View(models.TextChoices):
        INBOX = "inbox", "inbox"
        MONITOR = "monitor", "monitor"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters"
    )
    name = models.CharField(max_length=100)
    view = models.CharField(max_length=10, choices=View.choices)
    query = models.JSONField(default=dict, blank=True)
    group = models.CharField(max_length=150, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "view", "name"], name="saved_filter_name")
        ]
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
