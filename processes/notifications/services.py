"""Writes: tell a person once per event; mark what they have read; their preferences."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.exceptions import InvalidData, NotFound
from processes.notifications.delivery import email_after_commit
from processes.notifications.models import (
    Delivery,
    EndNotice,
    Notification,
    NotificationKind,
    Preference,
)
from processes.notifications.selectors import preferences_of, told_already

DIGEST_MINUTES = (5, 1440)


def notify(*, recipient_id, kind, key, actor_id=None, subject="", link="") -> Notification | None:
    """Store the notification, unless this person was already told of this event or does
    not want this kind; once committed, e-mail it if they want it at once."""
    return notify_many(
        recipient_ids=[recipient_id],
        kind=kind,
        key=key,
        actor_id=actor_id,
        subject=subject,
        link=link,
    ).get(recipient_id)


def notify_many(
    *, recipient_ids, kind, key, actor_id=None, subject="", link=""
) -> dict[int, Notification]:
    """Tell each of these people of one event (one key): those told already, or who muted
    the kind, are left out. Answers {recipient id: the new notification}.

    The new notifications are stored by one INSERT; should one of these people have been
    told meanwhile (the same event handled twice at once), each is stored alone instead,
    and those told already are left out."""
    ids = [pk for pk in dict.fromkeys(recipient_ids) if pk is not None]
    if not ids:
        return {}
    already = told_already(key, ids)
    wanted = preferences_of([pk for pk in ids if pk not in already])
    rows = [
        Notification(
            recipient_id=recipient_id,
            kind=kind,
            key=key,
            actor_id=actor_id,
            subject=subject[:255],
            link=link[:255],
        )
        for recipient_id, preference in wanted.items()
        if kind not in preference.muted
    ]
    if not rows:
        return {}
    with transaction.atomic():  # one commit for them all; e-mailed once it is made
        try:
            with transaction.atomic():
                stored = Notification.objects.bulk_create(rows)
        except IntegrityError:
            stored = [row for row in rows if _store_alone(row)]
        for notification in stored:
            if wanted[notification.recipient_id].delivery == Delivery.EMAIL:
                email_after_commit(notification.pk)
    return {notification.recipient_id: notification for notification in stored}


def _store_alone(notification: Notification) -> bool:
    """Store one notification; False when this person was told of this event already."""
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def mark_read(*, user, notification_id: int) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise NotFound(_("Notification %(id)s does not exist.") % {"id": notification_id})
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_set(*, user, delivery=None, digest_minutes=None, muted=None) -> Preference:
    """Change how the person is told; a bad value changes nothing and names the field."""
    preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
    errors: dict[str, list[str]] = {}
    if delivery is not None:
        if delivery not in Delivery.values:
            errors["delivery"] = [
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(Delivery.values)}
            ]
        else:
            if delivery == Delivery.DIGEST and preference.delivery != Delivery.DIGEST:
                preference.digest_sent_at = timezone.now()
            preference.delivery = delivery
    if digest_minutes is not None:
        low, high = DIGEST_MINUTES
        try:
            minutes = int(digest_minutes)
        except (TypeError, ValueError):
            minutes = 0
        if not low <= minutes <= high:
            errors["digest_minutes"] = [
                _("A digest goes out every %(low)d to %(high)d minutes.")
                % {"low": low, "high": high}
            ]
        else:
            preference.digest_minutes = minutes
    if muted is not None:
        unknown = (
            [k for k in muted if k not in NotificationKind.values]
            if isinstance(muted, list)
            else [muted]
        )
        if unknown:
            errors["muted"] = [
                _("Unknown kinds: %(kinds)s.") % {"kinds": ", ".join(map(str, unknown))}
            ]
        else:
            preference.muted = sorted(set(muted))
    if errors:
        raise InvalidData(_("These preferences are not valid."), errors)
    try:
        preference.full_clean()
    except ValidationError as exc:  # pragma: no cover - the checks above come first
        raise InvalidData(_("These preferences are not valid."), exc.message_dict) from exc
    preference.save()
    return preference


@transaction.atomic
def end_notice_set(*, user, process_key: str, on: bool) -> bool:
    """Mark (or unmark) a process "notify on end": its cases then tell their starter when
    they end. Only a diagram's owner (the process owners); answers whether it is marked."""
    from engine.models import ProcessDefinition
    from processes.access.rights import Refusal, may_model

    if not may_model(user):
        raise Refusal(_("Only a process owner marks a process to notify on end."))
    if not ProcessDefinition.objects.filter(key=process_key).exists():
        raise NotFound(_("There is no process “%(key)s”.") % {"key": process_key})
    if on:
        EndNotice.objects.update_or_create(process_key=process_key, defaults={"marked_by": user})
    else:
        EndNotice.objects.filter(process_key=process_key).delete()
    return on
