"""External tasks: service tasks that wait for a worker outside HyperCRM (Camunda's way)."""

from django.db import models

from .instances import ProcessInstance


class ExternalTask(models.Model):
    """One row per READY service task whose topic no connector of HyperCRM answers.

    A worker fetches and locks it over `/engine-rest/` (api/camunda/), then completes it,
    reports a failure or a BPMN error. The lock is a moment in this row: it expires by
    itself, and taking it is one conditional UPDATE, so two workers never hold it at once.
    The row goes when the task leaves READY (engine/services/external/sync.py).
    """

    instance = models.ForeignKey(
        ProcessInstance, on_delete=models.CASCADE, related_name="external_tasks"
    )
    # The id workers see (Camunda's external task id).
    spiff_task_id = models.UUIDField()
    element_id = models.CharField(max_length=255)
    topic = models.CharField(max_length=255)
    priority = models.IntegerField(default=0)
    # Set by the worker's failure reports: None until the first one (Camunda's null).
    retries = models.IntegerField(null=True, blank=True)
    error_message = models.TextField(blank=True, default="")
    error_details = models.TextField(blank=True, default="")
    worker_id = models.CharField(max_length=255, blank=True, default="")
    lock_expires_at = models.DateTimeField(null=True, blank=True)
    # After a failure with a retry timeout: not fetched before this moment.
    available_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["spiff_task_id"], name="external_task_unique")
        ]
        indexes = [models.Index(fields=["topic", "lock_expires_at"], name="external_fetch_idx")]
        ordering = ["-priority", "id"]

    def __str__(self) -> str:
        return f"{self.topic} at {self.element_id} of #{self.instance_id}"
