"""Remembering which process instance owns a document."""

from django.db import models

from engine.connectors import calling_instance_id
from processes.ownership.models import DocumentProcess


def kind_of(document: models.Model) -> str:
    return document._meta.label_lower


def document_claim(*, document: models.Model, instance_id: int | None = None) -> None:
    """Record that the instance (by default: the one whose service task is running now)
    created `document` and moves it along. Outside a process this does nothing; a document
    keeps the first instance that claimed it."""
    instance_id = instance_id if instance_id is not None else calling_instance_id()
    if instance_id is None:
        return
    # One INSERT … ON CONFLICT DO NOTHING: the unique (kind, document) row keeps the first.
    DocumentProcess.objects.bulk_create(
        [DocumentProcess(kind=kind_of(document), document_id=document.pk, instance_id=instance_id)],
        ignore_conflicts=True,
    )
