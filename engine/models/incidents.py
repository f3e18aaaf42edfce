from django.db import models

from engine.runtime.failures import in_reader_language

from .instances import ProcessInstance


class IncidentStatus(models.TextChoices):
    OPEN = "open"
    RESOLVED = "resolved"


class Incident(models.Model):
    """A failure that retrying cannot fix by itself; the instance waits in status error."""

    Status = IncidentStatus

    instance = models.ForeignKey(
        ProcessInstance, on_delete=models.CASCADE, related_name="incidents"
    )
    element_id = models.CharField(max_length=255)
    spiff_task_id = models.UUIDField(null=True, blank=True)
    error = models.TextField()
    # The error in each language its connector said it in ({"fr": …}), for its readers.
    error_translations = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=16, choices=IncidentStatus.choices, default="open")
    opened_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "instance"], name="incident_status_idx")]
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Incident {self.pk} at {self.element_id}"

    @property
    def error_text(self) -> str:
        """The error in the language active now (the reader's), else as it was stored."""
        return in_reader_language(self.error, self.error_translations)
