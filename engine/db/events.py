"""The history rows a step inserts, as plain column values.

A step records a handful of events (the task completed, the next one created, the stage
reached, the instance ended). As InstanceEvent objects each costs a model's `__init__` and,
at the insert, `pre_save` and `get_db_prep_save` of its six fields: in a task's completion
that was more than the SQL of the insert. Here an event is the few values it stores; they
are prepared at the step's end as the ORM prepares them (tests/engine/test_db.py inserts
both ways and compares every column, and checks that COLUMNS are the model's).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from engine.models import InstanceEvent
from engine.types import JSONDict

from .statements import Statement

# The model's columns but its id, in the order the values below are given.
COLUMNS = ("instance_id", "at", "type", "element_id", "user_id", "data")
_AT = InstanceEvent._meta.get_field("at")
_DATA = InstanceEvent._meta.get_field("data")
_SQL = f"INSERT INTO {InstanceEvent._meta.db_table} ({', '.join(COLUMNS)}) VALUES "  # noqa: S608
_MARKS = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """One history row a step will insert at its end."""

    instance_id: int
    type: str
    element_id: str
    user_id: int | None
    data: JSONDict


def insert_events(events: Sequence[PendingEvent]) -> Statement:
    """The INSERT of a step's history rows; they share the step's moment (`at`)."""
    # Replaces InstanceEvent.objects.bulk_create([InstanceEvent(...), ...]): the same
    # values, without a model instance and six fields' preparation per row.
    at = _AT.get_db_prep_save(timezone.now(), connection)
    values: list[object] = []
    for event in events:
        data = _DATA.get_db_prep_save(event.data, connection)
        values += (event.instance_id, at, event.type, event.element_id, event.user_id, data)
    return _SQL + ", ".join([_MARKS] * len(events)), values
