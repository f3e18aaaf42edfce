"""Celery tasks of the notifications: thin, safe to run twice (the service checks)."""

from celery import shared_task

from processes.notifications.delivery import send_notification_email


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
