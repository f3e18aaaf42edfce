from django.db import models

from engine.models import ProcessInstance


class DocumentProcess(models.Model):
    """The process instance that created a business document and moves it along."""

    # The document's model, as `app_label.model` (sales.salesorder, shipment.shipment, ...).
    kind = models.CharField(max_length=64)
    document_id = models.PositiveBigIntegerField()
    instance = models.ForeignKey(ProcessInstance, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "document_id"], name="document_process_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.document_id} ← instance {self.instance_id}"
