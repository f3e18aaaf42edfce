"""Celery tasks of the notifications: thin, safe to run twice (the service checks)."""

from celery import shared_task
from django.db import OperationalError

from processes.notifications.delivery import send_notification_email
from processes.notifications.fanout import Payload, fan_out


@shared_task(
    name="notifications.send_email",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
)
def send_notification_email_task(notification_id: int) -> bool:
    """E-mail one notification; an SMTP server away (OSError) is retried with backoff."""
    return send_notification_email(notification_id)


@shared_task(
    name="notifications.fan_out",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=8,
)
def fan_out_task(event: str, payload: Payload) -> None:
    """Tell the people one engine event concerns; run again (redelivered, retried), it tells
    nobody twice."""
    fan_out(event, payload)
