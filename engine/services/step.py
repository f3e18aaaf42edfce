"""One step of an instance: the unit of work between taking its lock and committing.

An entry point (start, complete a task, deliver a message, advance, retry an incident)
locks the instance, loads its workflow, runs it and persists it inside `open_step()`. The
step holds, until the block ends, what it writes then, in one place:

- `events`: the history rows `record()` appends (engine/db/events), inserted in one
  statement;
- `update`: the UPDATE of the step's own instance (`owner`), held back so that it goes in
  the same statement as the events (engine/db/statements.insert_and_update: one statement
  on PostgreSQL, two on SQLite);
- `workflow` and `thrown`: the workflow persist saved and the messages it threw (the
  entry point publishes those, messages.publish_thrown, inside the block).

Its rules:

1. Nothing inside the block reads the owner's row back after its persist (its UPDATE is
   not written yet); another instance's row (one started by a message) is written at once.
2. The workflow's memo of what its last save wrote (`synced`) is trusted only for the
   revision it was saved at; code that changes an instance's inbox rows, timers or
   subscriptions outside a step bumps the revision (services/revision.py).
3. Steps nest: a block opened inside another joins it, and only the outermost writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from engine.db import statements as rows
from engine.db.events import PendingEvent, insert_events
from engine.db.statements import Statement
from engine.models import InstanceEvent, ProcessInstance
from engine.runtime.spiff import BpmnWorkflow
from engine.types import JSONDict, User

from .synced import Synced, synced


@dataclass(frozen=True)
class Thrown:
    """A message a step threw to other processes; its entry point publishes it
    (messages.publish_thrown) once the step is saved."""

    name: str
    correlation_key: str
    payload: JSONDict


@dataclass
class Step:
    """What a step writes at its end (see the module's docstring)."""

    events: list[PendingEvent] = field(default_factory=list)
    owner: int | None = None  # the instance whose step this is: the first one persisted
    update: Statement | None = None  # that instance's UPDATE, held to go with the events
    workflow: BpmnWorkflow | None = None  # the owner's workflow, as persist saved it
    thrown: list[Thrown] = field(default_factory=list)  # what the owner's persist threw

    @property
    def synced(self) -> Synced | None:
        """What the owner's save wrote to the inbox, timers and subscriptions."""
        return synced(self.workflow) if self.workflow is not None else None

    def save_instance(self, instance: ProcessInstance, fields: list[str]) -> None:
        """Write these fields of an instance: the owner's at the end, another's now."""
        if self.owner != instance.pk:
            rows.save_fields(instance, fields)
            return
        if self.update is not None:  # saved twice in one block: the earlier one goes first
            rows.run(self.update)
        self.update = rows.update_statement(instance, fields)

    def commit(self) -> None:
        """Write the history rows and the owner's UPDATE (one statement where possible)."""
        insert = insert_events(self.events) if self.events else None
        if self.update is not None:
            rows.insert_and_update(insert, self.update)
        elif insert is not None:
            rows.run(insert)


_current: ContextVar[Step | None] = ContextVar("engine_step", default=None)


def current_step() -> Step | None:
    """The step open in this context, if any."""
    return _current.get()


@contextmanager
def open_step() -> Iterator[Step]:
    """Open a step (or join the one open) and write it when the outermost block ends."""
    if (step := _current.get()) is not None:
        yield step
        return
    step = Step()
    token = _current.set(step)
    try:
        yield step
    finally:
        _current.reset(token)
    step.commit()


def record(
    instance: ProcessInstance,
    type_: str,
    *,
    element_id: str = "",
    user: User | None = None,
    data: JSONDict | None = None,
) -> None:
    """Append to the instance's history: at the step's end inside one, else now."""
    step = _current.get()
    if step is None:
        record_now(instance, type_, element_id=element_id, user=user, data=data)
        return
    step.events.append(
        PendingEvent(
            instance.pk, type_, element_id or "", user.pk if user is not None else None, data or {}
        )
    )


def record_now(
    instance: ProcessInstance,
    type_: str,
    *,
    element_id: str = "",
    user: User | None = None,
    data: JSONDict | None = None,
) -> InstanceEvent:
    """Append to the instance's history at once, inside a step too: for a caller that
    needs the event's id (a notification keyed by it)."""
    event = InstanceEvent(
        instance=instance, type=type_, element_id=element_id or "", user=user, data=data or {}
    )
    event.save()
    return event


def save_instance(instance: ProcessInstance, fields: list[str]) -> None:
    """Write these fields of an instance, through the open step if there is one."""
    step = _current.get()
    if step is None:
        rows.save_fields(instance, fields)
    else:
        step.save_instance(instance, fields)
