"""Begin a new instance and run it to its first wait, without publishing what it threw.

How it begins is the caller's: at its none start event (the default), at the timer start
event that fired (start_timers.py), or at the message start event of the message it is
delivered (messages.py). Those modules hand a `Begin` to `start`, so this one imports none
of them; the entry points publish the messages the step threw (`Started.thrown`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from engine.db.transactions import atomic
from engine.models import ProcessDefinition, ProcessInstance
from engine.models.events import EventType
from engine.runtime.runner import new_workflow, run_engine
from engine.runtime.script_helpers import acting_as
from engine.runtime.spiff import BpmnWorkflow
from engine.types import Elements, JSONDict, User

from .jsonsafe import json_safe
from .persist import persist
from .step import Thrown, record
from .synced import synced

# Moves a new workflow (created, not yet run) to the start event it begins at and runs it
# from there: (instance, workflow, user or None).
Begin = Callable[[ProcessInstance, BpmnWorkflow, "User | None"], None]


@dataclass
class Started:
    instance: ProcessInstance
    thrown: list[Thrown] = field(default_factory=list)


@atomic
def start(
    definition: ProcessDefinition,
    *,
    variables: JSONDict,
    business_key: str = "",
    user: User | None = None,
    begin: Begin | None = None,
) -> Started:
    """Create the instance, begin it and save it (the caller holds the transaction)."""
    user = user if getattr(user, "pk", None) else None
    variables = json_safe(variables)
    if user is not None:
        for name in initiator_variables(definition.elements):
            variables.setdefault(name, user.get_username())
    instance = ProcessInstance.objects.create(
        definition=definition, business_key=business_key or "", started_by=user
    )
    record(instance, EventType.STARTED, user=user, data={"version": definition.version})
    workflow = new_workflow(definition, variables)
    workflow.instance_id = instance.pk  # for connectors (engine.connectors.calling_instance_id)
    synced(workflow).mark_new()  # no inbox rows, timers or subscriptions to read back
    with acting_as(user):  # the first scripts see who started the case
        if begin is not None:
            begin(instance, workflow, user)
        outcome = run_engine(workflow, elements=definition.elements)
    return Started(instance, persist(instance, workflow, outcome, user=user))


def initiator_variables(elements: Elements) -> list[str]:
    """The variables Camunda's `camunda:initiator` on a start event names: they hold the
    user who started the instance."""
    return sorted({meta["initiator"] for meta in elements.values() if meta.get("initiator")})
