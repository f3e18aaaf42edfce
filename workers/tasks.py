"""Celery tasks: thin wrappers over the engine's services, each safe to run twice."""

import logging

from celery import shared_task

from engine.services.advance import instance_advance
from engine.services.sweep import (
    due_instance_ids,
    instances_with_buffered_messages,
    messages_housekeeping,
)

logger = logging.getLogger(__name__)


@shared_task(name="workers.advance_instance", acks_late=True, reject_on_worker_lost=True)
def advance_instance(instance_id: int) -> bool:
    return instance_advance(instance_id=instance_id)


@shared_task(name="workers.sweep", ignore_result=True)
def sweep() -> int:
    """Enqueue every instance with due work (timers, retries, lost continuations, messages)."""
    ids = set(due_instance_ids()) | set(instances_with_buffered_messages())
    for instance_id in sorted(ids):
        advance_instance.delay(instance_id)
    messages_housekeeping()
    return len(ids)
