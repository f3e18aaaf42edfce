from django.conf import settings
from django.db import models

from .instances import ProcessInstance


class BatchOperation(models.TextChoices):
    CANCEL = "cancel"
    SUSPEND = "suspend"
    RESUME = "resume"
    RETRY_INCIDENTS = "retry_incidents"
    MIGRATE = "migrate"
    MODIFY = "modify"


class BatchStatus(models.TextChoices):
    RUNNING = "running"
    DONE = "done"


class Batch(models.Model):
    """One operation over a chosen set of instances, done in the background one instance at a
    time (BatchItem); its counts are the progress the monitor shows."""

    Status = BatchStatus
    Operation = BatchOperation

    operation = models.CharField(max_length=32, choices=BatchOperation.choices)
    status = models.CharField(
        max_length=16, choices=BatchStatus.choices, default=BatchStatus.RUNNING
    )
    # The monitor's filters the instances were chosen by, for the reader ({} = chosen by id).
    selection = models.JSONField(default=dict, blank=True)
    # What the operation needs besides the instances: for a migration, the definitions to
    # move between and the mapping of renamed elements ({"source", "target", "mapping"});
    # for a modification, the instructions carried out on each ({"instructions"}).
    parameters = models.JSONField(default=dict, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total"))
                & models.Q(failed__lte=models.F("done")),
                name="batch_counts_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.operation} batch #{self.pk}"


class BatchItem(models.Model):
    """One instance of a batch: pending until it is changed (or could not be), in the same
    transaction as the change — so a crash never applies it twice nor loses it."""

    class Status(models.TextChoices):
        PENDING = "pending"
        CHANGED = "changed"
        REFUSED = "refused"

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="items")
    instance = models.ForeignKey(ProcessInstance, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(blank=True, default="")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "instance"], name="batch_item_once")
        ]
        indexes = [models.Index(fields=["batch", "status"], name="batch_item_status_idx")]

    def __str__(self) -> str:
        return f"batch #{self.batch_id}: instance {self.instance_id} ({self.status})"
