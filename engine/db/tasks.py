"""Inbox rows read and cleared at every step."""

from django.db import connection

from engine.models import HumanTask, TaskCandidate

from .reader import ModelReader

_CANDIDATES = TaskCandidate._meta.db_table
# (No Django stubs: mypy reads a TextChoices member as the tuple that declares it.)
_OPEN = (
    HumanTask.Status.OPEN.value,  # type: ignore[attr-defined]
    HumanTask.Status.CLAIMED.value,  # type: ignore[attr-defined]
)
_TASKS = ModelReader(HumanTask)


def task_row(task_id: int) -> HumanTask | None:
    # Replaces HumanTask.objects.filter(pk=task_id).first(): read at every task action.
    return _TASKS.one("WHERE id = %s", [task_id])


def open_task_rows(instance_id: int) -> list[HumanTask]:
    # Replaces HumanTask.objects.filter(instance_id=…, status__in=(open, claimed)) (no
    # ordering: the caller keys them by task): read at every step of a process with people.
    return _TASKS.many("WHERE instance_id = %s AND status IN (%s, %s)", [instance_id, *_OPEN])


def drop_candidates(task_id: int) -> None:
    """A task that is claimed, completed or cancelled leaves the group inboxes."""
    # Replaces TaskCandidate.objects.filter(task_id=task_id).delete(): the ORM's delete
    # reads the rows first to send signals (none are connected to candidates).
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_CANDIDATES} WHERE task_id = %s", [task_id])  # noqa: S608
