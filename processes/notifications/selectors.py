"""Reads: my notifications, newest first, how many are unread, how I want to be told."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engine.models import ProcessInstance
from processes.notifications.models import EndNotice, Notification, NotificationKind, Preference
from processes.process_words import process_word

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
# What the process itself tells (no person did it).
_PROCESS_TEXTS = {
    NotificationKind.TASK_ASSIGNED: gettext_lazy("The task “%(subject)s” is assigned to you"),
    NotificationKind.TASK_QUEUED: gettext_lazy("New task in your queue: “%(subject)s”"),
    NotificationKind.TASK_DUE_SOON: gettext_lazy("Your task “%(subject)s” is due soon"),
    NotificationKind.TASK_FOLLOW_UP: gettext_lazy("Time to follow up your task “%(subject)s”"),
    NotificationKind.TASK_OVERDUE: gettext_lazy("Your task “%(subject)s” is overdue"),
    NotificationKind.INCIDENT: gettext_lazy("An incident stopped “%(subject)s”"),
    NotificationKind.CASE_ENDED: gettext_lazy("Your case “%(subject)s” has ended"),
}


def latest_for(user, limit: int = LATEST) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor")[:limit]


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def subject_of(notification: Notification) -> str:
    """What the notification is about, in the reader's language: the subject is stored as
    the diagram wrote it — a task's or a process's name, then ` · ` and its case — and the
    name is read through the catalogues as the pages read it (`step`, `process_label`)."""
    name, sep, case = notification.subject.partition(" · ")
    return f"{process_word(name)}{sep}{case}"


def text_of(notification: Notification) -> str:
    """What the notification says, in the reader's language (the active one)."""
    actor = notification.actor
    subject = subject_of(notification)
    if actor is None and notification.kind in _PROCESS_TEXTS:
        template = _PROCESS_TEXTS[notification.kind]
        return str(template) % {"subject": subject}
    name = (actor.get_full_name() or actor.username) if actor else _("Someone")
    template = _TEXTS.get(notification.kind, "%(subject)s")
    return str(template) % {"actor": name, "subject": subject}


def preferences_of(user_ids) -> dict[int, Preference]:
    """Each person's preference (the defaults, unsaved, for those who chose none)."""
    ids = list(user_ids)
    found = {p.user_id: p for p in Preference.objects.filter(user_id__in=ids)}
    return {pk: found.get(pk) or Preference(user_id=pk) for pk in ids}


def told_already(key: str, recipient_ids: list[int]) -> set[int]:
    """Which of these people hold a notification of this event."""
    rows = Notification.objects.filter(key=key, recipient_id__in=recipient_ids)
    return set(rows.values_list("recipient_id", flat=True))


def preference_of(user) -> Preference:
    return preferences_of([user.pk])[user.pk]


def notifies_on_end(process_key: str) -> bool:
    """Whether a diagram's owner marked the process "notify on end"."""
    return EndNotice.objects.filter(process_key=process_key).exists()


def ended_case_to_tell(instance_id: int) -> dict | None:
    """An ended case whose process's owner marked it "notify on end" and that someone
    started: its starter, business key and process names, in one narrow query (the
    instance's state is not read); None for every other case, the usual answer."""
    return (
        ProcessInstance.objects.filter(
            pk=instance_id,
            started_by__isnull=False,
            definition__key__in=EndNotice.objects.values("process_key"),
        )
        .values("pk", "started_by_id", "business_key", "definition__key", "definition__name")
        .first()
    )
