"""Reads: my notifications, newest first, and how many are unread."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processes.notifications.models import Notification, NotificationKind

LATEST = 50

_TEXTS = {
    NotificationKind.TASK_ASSIGNED: gettext_lazy("%(actor)s gave you the task “%(subject)s”"),
    NotificationKind.TASK_DELEGATED: gettext_lazy(
        "%(actor)s delegated the task “%(subject)s” to you"
    ),
    NotificationKind.TASK_RESOLVED: gettext_lazy(
        "%(actor)s resolved the task “%(subject)s” and handed it back"
    ),
    NotificationKind.MENTIONED: gettext_lazy("%(actor)s mentioned you on “%(subject)s”"),
}


def latest_for(user, limit: int = LATEST) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor")[:limit]


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def text_of(notification: Notification) -> str:
    """What the notification says, in the reader's language (the active one)."""
    actor = notification.actor
    name = (actor.get_full_name() or actor.username) if actor else _("Someone")
    template = _TEXTS.get(notification.kind, "%(subject)s")
    return str(template) % {"actor": name, "subject": notification.subject}
