"""Writes: tell a person once per event; mark what they have read."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from engine.exceptions import NotFound
from processes.notifications.models import Notification


def notify(*, recipient_id, kind, key, actor_id=None, subject="", link="") -> Notification | None:
    """Store the notification, unless this person was already told of this event."""
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient_id=recipient_id,
                kind=kind,
                key=key,
                actor_id=actor_id,
                subject=subject[:255],
                link=link,
            )
    except IntegrityError:  # told already (the same event handled twice)
        return None


def mark_read(*, user, notification_id: int) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise NotFound(f"Notification {notification_id} does not exist.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
