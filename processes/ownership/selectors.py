"""Which process instance owns a document now."""

from django.db import models

from engine.models import ProcessInstance
from processes.ownership.models import DocumentProcess

# An instance that has not ended still owns its documents: running, suspended (it will
# resume) or in error (its incident will be retried).
LIVE = (
    ProcessInstance.Status.RUNNING,
    ProcessInstance.Status.SUSPENDED,
    ProcessInstance.Status.ERROR,
)


def owning_instance(document: models.Model) -> ProcessInstance | None:
    """The live instance that created `document`, or None (one indexed query)."""
    link = (
        DocumentProcess.objects.filter(
            kind=document._meta.label_lower,
            document_id=document.pk,
            instance__status__in=LIVE,
        )
        .select_related("instance__definition")
        .only(
            "instance__id",
            "instance__stage",
            "instance__status",
            "instance__definition__key",
            "instance__definition__name",
            "instance__definition__version",
        )
        .first()
    )
    return link.instance if link else None
