"""What the periodic sweep finds: instances with work due that nobody is doing.

The database is the source of truth and the broker only a doorbell: whatever a lost
message, a flushed broker or a killed worker dropped, the sweep finds again here.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from engine.models import Message, MessageSubscription, ProcessInstance
from engine.signals import swept

from .messages import _start_by_message

logger = logging.getLogger(__name__)


def due_instances(*, horizon_s: float = 0.0, limit: int = 2000) -> list[tuple[int, datetime]]:
    """(id, due time) of running instances with work due within `horizon_s` from now
    (timers, retries, continuations, messages) — so that a worker can fire each on time."""
    until = timezone.now() + timedelta(seconds=horizon_s)
    return list(
        ProcessInstance.objects.filter(status=ProcessInstance.Status.RUNNING, due_at__lte=until)
        .order_by("due_at")
        .values_list("pk", "due_at")[:limit]
    )


def due_instance_ids(*, limit: int = 2000) -> list[int]:
    """Running instances whose due time has passed."""
    return [pk for pk, _due in due_instances(limit=limit)]


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


def start_timers_due() -> list[int]:
    """Start the instances whose timer start event is due."""
    from .start_timers import fire_start_timers

    return fire_start_timers()


def messages_housekeeping() -> dict[str, int]:
    """Start processes for buffered start messages; expire messages past their TTL."""
    now = timezone.now()
    started = []
    # A message somebody waits for (same name and key) is theirs; the rest may start processes.
    waited_for = MessageSubscription.objects.filter(
        name=OuterRef("name"), correlation_key=OuterRef("correlation_key")
    )
    candidates = (
        Message.objects.filter(status=Message.Status.BUFFERED, expires_at__gt=now)
        .exclude(Exists(waited_for))
        .order_by("id")[:100]
    )
    for message in candidates:
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


def sweep(*, horizon_s: float, limit: int = 2000) -> dict[int, datetime]:
    """One pass of the sweep: start what timer start events and buffered start messages
    start, expire old messages, and return {instance id: when its work is due} for the
    instances with work due within `horizon_s`, earliest first, at most `limit` of them (and
    those a buffered message makes due now)."""
    start_timers_due()
    messages_housekeeping()
    due = dict(due_instances(horizon_s=horizon_s, limit=limit))
    now = timezone.now()
    for instance_id in instances_with_buffered_messages():
        due.setdefault(instance_id, now)
    # Others' periodic work (due-date notifications …); a failure of theirs is logged.
    for _receiver, error in swept.send_robust(sender=None, now=now):
        if isinstance(error, Exception):
            logger.error("A receiver of the sweep failed: %s", error, exc_info=error)
    return due


def drop_ended(due: dict[int, datetime]) -> dict[int, datetime]:
    """Those of `due` (a sweep's answer) that are still running, read again: a worker may
    have finished some since the sweep read them."""
    running = ProcessInstance.objects.filter(
        pk__in=list(due), status=ProcessInstance.Status.RUNNING
    ).values_list("pk", flat=True)
    return {instance_id: due[instance_id] for instance_id in running}
