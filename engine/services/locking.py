"""The one lock per instance (DESIGN.md invariant 1)."""

import threading
from collections import OrderedDict

from django.db import connection

from engine.exceptions import NotFound
from engine.models import ProcessDefinition, ProcessInstance

_definitions: OrderedDict = OrderedDict()
_definitions_lock = threading.Lock()
_CACHE_SIZE = 256


def cached_definition(definition_id: int) -> ProcessDefinition:
    """A definition version never changes once deployed, so each process reads it once."""
    with _definitions_lock:
        if definition_id in _definitions:
            _definitions.move_to_end(definition_id)
            return _definitions[definition_id]
    definition = ProcessDefinition.objects.get(pk=definition_id)
    with _definitions_lock:
        _definitions[definition_id] = definition
        while len(_definitions) > _CACHE_SIZE:
            _definitions.popitem(last=False)
    return definition


def clear_definition_cache() -> None:
    with _definitions_lock:
        _definitions.clear()


# The state and an ended instance's variables are left out (deferred): a step whose
# workflow is still in memory (runtime/hot.py) never reads them, and they are the big ones.
_LAZY = {"state", "ended_variables"}
_FIELDS = [f for f in ProcessInstance._meta.concrete_fields if f.name not in _LAZY]
_NAMES = [f.attname for f in _FIELDS]
_LOCK_SELECT = "SELECT {} FROM {} WHERE id = %s".format(  # noqa: S608 - names from the model
    ", ".join(f.column for f in _FIELDS), ProcessInstance._meta.db_table
)
_converters: dict[str, list] = {}


def _row_converters() -> list[tuple]:
    """Per column, the converters Django's own queries apply to it (backend, then field)."""
    vendor = connection.vendor
    if vendor not in _converters:
        table = ProcessInstance._meta.db_table
        columns = [f.get_col(table) for f in _FIELDS]
        _converters[vendor] = [
            (col, [*connection.ops.get_db_converters(col), *col.get_db_converters(connection)])
            for col in columns
        ]
    return _converters[vendor]


def lock_instance(instance_id: int) -> ProcessInstance:
    """Take the instance's row lock; call inside transaction.atomic().

    A plain SQL statement: this runs at every step, and building it through the ORM each
    time costs more than the query. (SQLite has no row locks; its IMMEDIATE transactions
    serialize writers instead.)
    """
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"{_LOCK_SELECT}{lock}", [instance_id])
        row = cursor.fetchone()
    if row is None:
        raise NotFound(f"Process instance {instance_id} does not exist.")
    values = []
    for value, (col, converters) in zip(row, _row_converters(), strict=True):
        for convert in converters:
            value = convert(value, col, connection)
        values.append(value)
    instance = ProcessInstance.from_db(connection.alias, _NAMES, values)
    instance.definition = cached_definition(instance.definition_id)
    return instance
