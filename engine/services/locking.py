"""The one lock per instance (DESIGN.md invariant 1)."""

from django.db import connection

from engine.exceptions import NotFound
from engine.models import HumanTask, ProcessDefinition, ProcessInstance
from engine.runtime.caches import DEFINITIONS

from .reader import ModelReader


def cached_definition(definition_id: int) -> ProcessDefinition:
    """A definition version never changes once deployed, so each process reads it once."""
    definition = DEFINITIONS.get(definition_id)
    if definition is None:
        definition = ProcessDefinition.objects.get(pk=definition_id)
        DEFINITIONS.put(definition_id, definition)
    return definition


# The state and an ended instance's variables are left out (deferred): a step whose
# workflow is still in memory (runtime/hot.py) never reads them, and they are the big ones.
_INSTANCES = ModelReader(ProcessInstance, exclude=frozenset({"state", "ended_variables"}))


def _locked(where: str, params: list) -> ProcessInstance | None:
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    instance = _INSTANCES.one(where + lock, params)
    if instance is not None:
        instance.definition = cached_definition(instance.definition_id)
    return instance


def lock_instance(instance_id: int) -> ProcessInstance:
    """Take the instance's row lock; call inside transaction.atomic().

    A plain SQL statement (reader.py): it runs at every step. (SQLite has no row locks; its
    IMMEDIATE transactions serialize writers instead.)
    """
    instance = _locked("WHERE id = %s", [instance_id])
    if instance is None:
        raise NotFound(f"Process instance {instance_id} does not exist.")
    return instance


def lock_instance_of_task(task_id: int) -> ProcessInstance | None:
    """Lock the instance an inbox row belongs to, found and locked in one statement."""
    tasks = HumanTask._meta.db_table
    return _locked(f"WHERE id = (SELECT instance_id FROM {tasks} WHERE id = %s)", [task_id])  # noqa: S608
