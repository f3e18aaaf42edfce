"""Hot instances: the workflow a process just saved, kept for its next step.

A step takes the instance's row lock and compares the stored revision with the cached one,
so a cached workflow is used only when it is exactly what the database holds. An entry is
taken out when used and put back only after its transaction commits: a step that fails or
rolls back leaves nothing behind, and the next one reads the state from the database.
"""

from django.db import transaction

from engine.runtime.spiff import BpmnWorkflow

from .caches import HOT


def take(instance_id: int, revision: int, definition_id: int) -> BpmnWorkflow | None:
    """The cached workflow of this exact revision, removed from the cache; else None."""
    entry = HOT.pop(instance_id)
    if entry is None:
        return None
    cached_revision, cached_definition, workflow = entry
    if cached_revision != revision or cached_definition != definition_id:
        return None
    return workflow


def keep_after_commit(
    instance_id: int, revision: int, definition_id: int, workflow: BpmnWorkflow
) -> None:
    transaction.on_commit(lambda: HOT.put(instance_id, (revision, definition_id, workflow)))


def clear() -> None:
    HOT.clear()
