"""An instance's row: locked, its state, its stored pieces, its open work."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection

from engine.models import HumanTask, Incident, InstancePiece, ProcessInstance

from .reader import ModelReader

if TYPE_CHECKING:
    from engine.runtime.state import SavedState

# The state and an ended instance's variables are left out (deferred): a step whose
# workflow is still in memory (runtime/hot.py) never reads them, and they are the big ones.
_INSTANCES = ModelReader(ProcessInstance, exclude=frozenset({"state", "ended_variables"}))
_TASKS = HumanTask._meta.db_table
_PIECES = InstancePiece._meta.db_table


def _locked(where: str, params: list[Any]) -> ProcessInstance | None:
    # Replaces ProcessInstance.objects.select_for_update().defer("state", "ended_variables")
    # .filter(…).first(): it runs at every step. (SQLite has no row locks; its IMMEDIATE
    # transactions serialize writers instead.)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return _INSTANCES.one(where + lock, params)


def locked_instance(instance_id: int) -> ProcessInstance | None:
    return _locked("WHERE id = %s", [instance_id])


def locked_instance_of_task(task_id: int) -> ProcessInstance | None:
    """The instance an inbox row belongs to, found and locked in one statement."""
    # Replaces HumanTask.objects.get(pk=…) then the lock above: one round trip, not two.
    return _locked(f"WHERE id = (SELECT instance_id FROM {_TASKS} WHERE id = %s)", [task_id])  # noqa: S608


def write_pieces(instance_id: int, saved: "SavedState") -> None:
    """Only the large values that changed (engine/runtime/pieces.py), at every step."""
    if not saved.inserts and not saved.updates and not saved.deletes:
        return
    with connection.cursor() as cursor:
        if saved.updates:
            # Replaces InstancePiece.objects.bulk_update(…, ["data"]): one CASE statement
            # per batch there; one prepared UPDATE run for each changed piece here.
            cursor.executemany(
                f"UPDATE {_PIECES} SET data = %s WHERE instance_id = %s AND seq = %s",  # noqa: S608
                [(text, instance_id, seq) for seq, text in saved.updates.items()],
            )
        if saved.deletes:
            # Replaces InstancePiece.objects.filter(instance_id=…, seq__in=…).delete(): no
            # read of the rows first.
            marks = ", ".join(["%s"] * len(saved.deletes))
            cursor.execute(
                f"DELETE FROM {_PIECES} WHERE instance_id = %s AND seq IN ({marks})",  # noqa: S608
                [instance_id, *saved.deletes],
            )
        if saved.inserts:
            # Replaces InstancePiece.objects.bulk_create(…): no ids read back.
            cursor.executemany(
                f"INSERT INTO {_PIECES} (instance_id, seq, data) VALUES (%s, %s, %s)",  # noqa: S608
                [(instance_id, seq, text) for seq, text in saved.inserts.items()],
            )


_OPEN_WORK = (
    f"SELECT id, 0 FROM {_TASKS}"  # noqa: S608 - names from the models
    " WHERE instance_id = %s AND status IN (%s, %s)"
    f" UNION ALL SELECT id, 1 FROM {Incident._meta.db_table}"
    " WHERE instance_id = %s AND status = %s"
    " ORDER BY 2, 1"
)
# (No Django stubs: mypy reads a TextChoices member as the tuple that declares it.)
_OPEN_TASK = [
    HumanTask.Status.OPEN.value,  # type: ignore[attr-defined]
    HumanTask.Status.CLAIMED.value,  # type: ignore[attr-defined]
]
_OPEN_INCIDENT = Incident.Status.OPEN.value  # type: ignore[attr-defined]


def open_work_ids(instance_id: int) -> tuple[list[int], list[int]]:
    """The ids of the instance's open tasks and of its open incidents, in id order."""
    # Replaces two values_list("pk") queries (open tasks, open incidents): one round trip
    # for each instance page shown.
    with connection.cursor() as cursor:
        cursor.execute(_OPEN_WORK, [instance_id, *_OPEN_TASK, instance_id, _OPEN_INCIDENT])
        rows = cursor.fetchall()
    return [pk for pk, kind in rows if kind == 0], [pk for pk, kind in rows if kind == 1]


def commit_without_waiting() -> None:
    """A worker step can always be run again (the sweep finds its due work), so on
    PostgreSQL it need not wait for its commit to reach the disk; a later synchronous
    commit (a person's step) flushes it anyway."""
    # No ORM call sets a transaction's option.
    if connection.vendor == "postgresql" and settings.HYPERCRM.get("WORKER_ASYNC_COMMIT"):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
