"""The one lock per instance (DESIGN.md invariant 1)."""

from django.utils.translation import gettext as _

from engine.db.instances import locked_instance, locked_instance_of_task
from engine.exceptions import NotFound
from engine.models import ProcessDefinition, ProcessInstance
from engine.runtime.caches import DEFINITIONS


def cached_definition(definition_id: int) -> ProcessDefinition:
    """A definition version never changes once deployed, so each process reads it once."""
    definition = DEFINITIONS.get(definition_id)
    if definition is None:
        definition = ProcessDefinition.objects.get(pk=definition_id)
        DEFINITIONS.put(definition_id, definition)
    return definition


def _with_definition(instance: ProcessInstance | None) -> ProcessInstance | None:
    if instance is not None:
        instance.definition = cached_definition(instance.definition_id)
    return instance


def lock_instance(instance_id: int) -> ProcessInstance:
    """Take the instance's row lock; call inside transaction.atomic().

    A plain SQL statement (engine/db/instances.py): it runs at every step. The row is
    read without its state and ended variables (the big ones; a hot step needs neither).
    """
    instance = _with_definition(locked_instance(instance_id))
    if instance is None:
        raise NotFound(_("Process instance #%(id)s does not exist.") % {"id": instance_id})
    return instance


def lock_instance_of_task(task_id: int) -> ProcessInstance | None:
    """Lock the instance an inbox row belongs to, found and locked in one statement."""
    return _with_definition(locked_instance_of_task(task_id))
