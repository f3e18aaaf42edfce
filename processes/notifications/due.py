"""Due dates from the sweep: a task of mine due soon, to follow up, overdue — told once.

The sweep looks at the moments passed since the last look (`SweepMark`, kept in the
database, so a restarted worker neither misses nor repeats one), with a few seconds of
overlap for steps that committed late; the notification's key names the task and the
moment, so a moment seen twice tells once, and a task given a new due date is told again.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from engine.models import HumanTask
from processes.notifications.models import NotificationKind, SweepMark
from processes.notifications.services import notify_many

OVERLAP = timedelta(seconds=5)
# The sweep runs every half second. Between two looks at least LOOK_EVERY apart (the look
# is a locked write and a few queries), a sweep only reads whether a moment has come.
LOOK_EVERY = timedelta(seconds=5)
# A worker stopped for longer than this does not tell of moments older than it.
LOOKBACK = timedelta(days=1)


def due_soon_lead() -> timedelta:
    return timedelta(minutes=settings.HYPERCRM.get("DUE_SOON_MINUTES", 60))


def _subject(task: HumanTask) -> str:
    name = task.name or task.element_id
    key = task.instance.business_key
    return f"{name} · {key}" if key else name


def _tell(tasks, kind: str, field: str) -> int:
    from processes.notifications.subscribers import candidates_of

    told = 0
    for task in tasks:
        moment = getattr(task, field)
        told += len(
            notify_many(
                # The assignee; an unclaimed task, each member of its groups (and its named
                # people): the key names the task and the moment, so each is told once.
                recipient_ids=candidates_of(task),
                kind=kind,
                key=f"{kind}:{task.pk}:{int(moment.timestamp())}",
                subject=_subject(task),
                link=reverse("web:task", args=[task.pk]),
            )
        )
    return told


def _moments(since, now, lead) -> list[tuple[Q, str, str]]:
    """What a look tells: (which tasks, kind, the moment's field)."""
    # Due within the lead from now on: those that just entered it, and new tasks that came
    # up inside it.
    entered = Q(due_at__gt=since + lead, due_at__lte=now + lead)
    new = Q(created_at__gt=since, due_at__gt=now, due_at__lte=now + lead)
    follow_up = Q(follow_up_at__gt=since, follow_up_at__lte=now)
    return [
        (Q(due_at__gt=since, due_at__lte=now), NotificationKind.TASK_OVERDUE, "due_at"),
        (entered | new, NotificationKind.TASK_DUE_SOON, "due_at"),
        (follow_up, NotificationKind.TASK_FOLLOW_UP, "follow_up_at"),
    ]


def _open_tasks():
    return HumanTask.objects.filter(status__in=[HumanTask.Status.OPEN, HumanTask.Status.CLAIMED])


def _since(until, now):
    return max(until - OVERLAP, now - LOOKBACK)


def look_due(now=None) -> bool:
    """Whether the sweep should look now (notify_due): LOOK_EVERY has passed since the last
    look by any process (the mark says when), or a moment has come since it. Read without
    a lock, so the sweeps in between write nothing, and an overdue task is still told by
    the first sweep after its moment."""
    now = now or timezone.now()
    last = SweepMark.objects.filter(name="due").values_list("until", flat=True).first()
    if last is None or now - last >= LOOK_EVERY:
        return True
    since = _since(last, now)
    come = Q()
    for which, _kind, _field in _moments(since, now, due_soon_lead()):
        come |= which
    return _open_tasks().filter(come).exists()  # one query for the three kinds of moment


def notify_due(now=None) -> int:
    """Tell the assignee of each task that became due soon, to follow up or overdue since
    the last look (of an unclaimed task, its groups' members); answers how many were told."""
    now = now or timezone.now()
    lead = due_soon_lead()
    with transaction.atomic():
        mark = SweepMark.objects.select_for_update().filter(name="due").first()
        if mark is None:
            mark = SweepMark.objects.create(name="due", until=now - OVERLAP)
        since = _since(mark.until, now)
        mark.until = now
        mark.save(update_fields=["until"])
        mine = _open_tasks().select_related("instance")
        told = 0
        for which, kind, field in _moments(since, now, lead):
            told += _tell(mine.filter(which), kind, field)
    return told
