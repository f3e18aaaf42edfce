"""What the periodic sweep finds: instances with work due that nobody is doing.

The database is the source of truth and the broker only a doorbell: whatever a lost
message, a flushed broker or a killed worker dropped, the sweep finds again here.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from engine.models import Message, MessageSubscription, ProcessInstance

from .messages import _start_by_message


def due_instance_ids(*, limit: int = 1000) -> list[int]:
    """Running instances whose due time has passed (timers, retries, continuations, messages)."""
    now = timezone.now()
    return list(
        ProcessInstance.objects.filter(status=ProcessInstance.Status.RUNNING, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )


def instances_with_buffered_messages(*, limit: int = 1000) -> list[int]:
    """Instances subscribed to a message that is buffered and not expired."""
    now = timezone.now()
    buffered = Message.objects.filter(
        status=Message.Status.BUFFERED,
        expires_at__gt=now,
        name=OuterRef("name"),
        correlation_key=OuterRef("correlation_key"),
    )
    return list(
        MessageSubscription.objects.filter(Exists(buffered))
        .values_list("instance_id", flat=True)
        .distinct()[:limit]
    )


def messages_housekeeping() -> dict:
    """Start processes for buffered start messages; expire messages past their TTL."""
    now = timezone.now()
    started = []
    waiting_names = set(MessageSubscription.objects.values_list("name", flat=True).distinct())
    for message in Message.objects.filter(
        status=Message.Status.BUFFERED, expires_at__gt=now
    ).exclude(name__in=waiting_names)[:100]:
        with transaction.atomic():
            locked = (
                Message.objects.select_for_update(skip_locked=True)
                .filter(pk=message.pk, status=Message.Status.BUFFERED)
                .first()
            )
            if locked is None:
                continue
            ids = _start_by_message(locked, None)
            if ids:
                locked.status = Message.Status.DELIVERED
                locked.delivered_at = now
                locked.instances = ids
                locked.save(update_fields=["status", "delivered_at", "instances"])
                started.extend(ids)
    expired = Message.objects.filter(status=Message.Status.BUFFERED, expires_at__lte=now).update(
        status=Message.Status.EXPIRED
    )
    return {"started": started, "expired": expired}
