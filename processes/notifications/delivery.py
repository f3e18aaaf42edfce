"""E-mail: one notification at once, or a digest; each notification goes out once.

Sent after the notification commits: by a Celery task when a broker is configured
(retried), else in the thread that stored it (the embedded worker's for what the engine
tells; console backend by default). A
notification is sent under its row's lock and marked `emailed_at` in the same transaction,
so a retried or repeated job finds it sent and sends nothing.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from profiles.selectors import language_for

logger = logging.getLogger(__name__)


def site_url() -> str:
    return settings.HYPERCRM.get("SITE_URL", "http://localhost:8000").rstrip("/")


def email_after_commit(notification_id: int) -> None:
    transaction.on_commit(partial(enqueue_email, notification_id))


def enqueue_email(notification_id: int) -> None:
    if settings.CELERY_BROKER_URL:
        from processes.notifications.tasks import send_notification_email_task

        send_notification_email_task.delay(notification_id)
    else:
        try:
            send_notification_email(notification_id)
        except Exception:  # the page or step that made it is done; the log tells the rest
            logger.exception("E-mailing notification %s failed", notification_id)


def _message(user, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    context = {**context, "person": user.get_full_name() or user.username, "site": site_url()}
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    return message


def _item(notification) -> dict:
    from processes.notifications.selectors import text_of

    link = notification.link
    return {"text": text_of(notification), "url": f"{site_url()}{link}" if link else site_url()}


def send_notification_email(notification_id: int) -> bool:
    """E-mail one notification to its person, in their language; False when there is
    nothing to send (sent already, no address, read already, gone)."""
    from processes.notifications.models import Notification

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "actor")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.email:
            return False
        user = notification.recipient
        with translation.override(language_for(user)):
            item = _item(notification)
            message = _message(user, item["text"], "one", {"item": item})
        message.send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def send_digests(now=None) -> int:
    """Send each person who wants a digest, and whose interval has passed, one e-mail with
    what they were told since; answers how many e-mails went out."""
    from processes.notifications.models import Delivery, Notification, Preference

    now = now or timezone.now()
    sent = 0
    digests = Preference.objects.filter(delivery=Delivery.DIGEST).select_related("user")
    # The first interval counts from the moment the person chose a digest.
    digests.filter(digest_sent_at__isnull=True).update(digest_sent_at=now)
    for preference in digests.filter(digest_sent_at__lte=now - timedelta(minutes=5)):
        if now - preference.digest_sent_at < timedelta(minutes=preference.digest_minutes):
            continue
        with transaction.atomic():
            locked = Preference.objects.select_for_update().get(pk=preference.pk)
            if now - locked.digest_sent_at < timedelta(minutes=locked.digest_minutes):
                continue
            pending = list(
                Notification.objects.select_for_update(of=("self",))
                .filter(recipient_id=locked.user_id, emailed_at__isnull=True, read_at__isnull=True)
                .select_related("actor")
                .order_by("id")[:100]
            )
            locked.digest_sent_at = now
            locked.save(update_fields=["digest_sent_at"])
            user = preference.user
            if not pending or not user.email:
                continue
            with translation.override(language_for(user)):
                items = [_item(n) for n in pending]
                subject = ngettext(
                    "HyperCRM: %(n)d new notification",
                    "HyperCRM: %(n)d new notifications",
                    len(items),
                ) % {"n": len(items)}
                message = _message(user, subject, "digest", {"items": items})
            message.send()
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
            sent += 1
    return sent
