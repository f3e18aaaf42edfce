"""Moving a running instance's work by hand: an operator cancels the work at an element and
starts it before or after another element of the instance's process (a case sent down the
wrong branch, a step to do again), with variables to set.

The instructions are checked first — each names an element of the instance's own process,
a cancelled element is one the instance works at — and carried out under the instance's lock
on a fresh copy of its state (engine/runtime/modification.py), so a refusal leaves the stored
state, the inbox and the history exactly as they were. The history records who moved what.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.exceptions import Conflict, Forbidden, InvalidData
from engine.models import Incident, ProcessInstance
from engine.models.events import EventType
from engine.runtime import modification as moving
from engine.runtime.modification import Impossible, Instruction
from engine.runtime.runner import StepOutcome, run_engine
from engine.runtime.script_engine import SCRIPT_ENGINE
from engine.runtime.specs import specs_for
from engine.runtime.spiff import BpmnWorkflow
from engine.runtime.state import load_state
from engine.types import User

from .jsonsafe import json_safe
from .locking import lock_instance
from .messages import publish_thrown
from .migration import element_names, instance_label
from .permissions import modification_refusal
from .persist import persist
from .step import open_step, record

Status = ProcessInstance.Status
MODIFIABLE = (Status.RUNNING, Status.SUSPENDED, Status.ERROR)


def _field(index: int, name: str) -> str:
    return f"instructions[{index}].{name}"


def parse_instructions(raw: object) -> list[Instruction]:
    """The instructions of a request body, or InvalidData naming the field that is wrong."""
    if not isinstance(raw, list) or not raw:
        raise InvalidData(
            _("Send a list of instructions: what to cancel and where to start."),
            {"instructions": [_("A list of one or more instructions.")]},
        )
    found: list[Instruction] = []
    errors: dict[str, list[str]] = {}
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            errors[f"instructions[{index}]"] = [_("An object with a type and an element.")]
            continue
        kind, element = item.get("type"), item.get("element")
        variables = item.get("variables") or {}
        if kind not in moving.KINDS:
            errors[_field(index, "type")] = [_("One of cancel, start_before and start_after.")]
        if not isinstance(element, str) or not element:
            errors[_field(index, "element")] = [_("The id of an element of the process.")]
        if not isinstance(variables, dict) or json_safe(variables) != variables:
            errors[_field(index, "variables")] = [
                _("An object of name → value (text, numbers, yes/no, lists, objects).")
            ]
        elif any(not str(name).isidentifier() or str(name).startswith("_") for name in variables):
            errors[_field(index, "variables")] = [
                _("A variable's name is a word of letters, digits and _ (not starting with _).")
            ]
        elif kind == moving.CANCEL and variables:
            errors[_field(index, "variables")] = [_("Variables are set where work starts.")]
        if not errors:
            found.append(Instruction(str(kind), str(element), dict(variables)))
    if errors:
        raise InvalidData(_("The instructions cannot be carried out: see each field."), errors)
    return found


def _reason(error: Impossible, instance: ProcessInstance, workflow: BpmnWorkflow) -> str:
    names = element_names(instance.definition)
    values = {
        "element": names.get(error.element_id, error.element_id),
        "process": instance.definition.name or instance.definition.key,
        "other": moving.elements_elsewhere(workflow).get(error.element_id, ""),
        "instance": instance_label(instance),
    }
    if error.reason == moving.UNKNOWN:
        text = _("“%(element)s” is not an element of “%(process)s”.")
    elif error.reason == moving.IN_OTHER_PROCESS:
        text = _(
            "“%(element)s” belongs to “%(other)s”, another process than “%(process)s”: "
            "move the work of that process's own instance."
        )
    elif error.reason == moving.NOT_ACTIVE:
        text = _("%(instance)s does not work at “%(element)s”: there is nothing to cancel there.")
    elif error.reason == moving.START_EVENT:
        text = _("“%(element)s” is a start event: start the process again instead.")
    elif error.reason == moving.CHOICE:
        text = _(
            "“%(element)s” chooses between its ways out: start before the step of the way "
            "to take instead."
        )
    elif error.reason == moving.NOWHERE:
        text = _("Nothing follows “%(element)s”: there is nowhere to start after it.")
    else:
        text = _(
            "No work of %(instance)s would be left: start it somewhere, or cancel the "
            "instance instead."
        )
    return text % values


def _workflow(instance: ProcessInstance) -> BpmnWorkflow:
    """A fresh copy from the stored state (never the one kept hot for the next step: a
    refused move must leave that one as it was)."""
    spec, subprocess_specs = specs_for(instance.definition)
    workflow = load_state(instance.stored_state(), spec, subprocess_specs, instance.stored_pieces)
    workflow.script_engine = SCRIPT_ENGINE
    workflow.instance_id = instance.pk
    return workflow


def _resolve_incidents(instance: ProcessInstance, cancelled: list[str]) -> None:
    """An incident at an element whose work was cancelled has nothing left to retry."""
    if cancelled:
        instance.incidents.filter(status=Incident.Status.OPEN, element_id__in=cancelled).update(
            status=Incident.Status.RESOLVED, resolved_at=timezone.now()
        )


@atomic
def instance_modify(*, instance_id: int, user: User | None, instructions: Any) -> ProcessInstance:
    """Cancel the work at elements and start before or after others, in one step.

    Raises Forbidden for a person without the right, InvalidData (400, naming the
    instruction and the element) for one that cannot be carried out, Conflict (409) for an
    instance that has ended. Nothing is written when it raises."""
    if refusal := modification_refusal(user):
        raise Forbidden(refusal)
    parsed = parse_instructions(instructions)
    instance = lock_instance(instance_id)
    if instance.status not in MODIFIABLE:
        raise Conflict(
            _("%(instance)s has ended (%(status)s): its work cannot be moved.")
            % {"instance": instance_label(instance), "status": instance.get_status_display()}
        )
    workflow = _workflow(instance)
    try:
        done = moving.modify(workflow, parsed)
    except Impossible as error:
        name = "instructions" if error.index is None else _field(error.index, "element")
        message = _reason(error, instance, workflow)
        raise InvalidData(message, {name: [message]}) from None
    outcome = (
        run_engine(workflow, elements=instance.definition.elements)
        if instance.status != Status.SUSPENDED
        else StepOutcome()
    )
    with open_step():
        _resolve_incidents(instance, done.cancelled)
        record(
            instance,
            EventType.MODIFIED,
            user=user if getattr(user, "pk", None) else None,
            data={
                "instructions": [
                    {"type": i.kind, "element": i.element_id, "variables": i.variables}
                    for i in parsed
                ],
                "rewound": done.rewound,
            },
        )
        publish_thrown(instance, persist(instance, workflow, outcome, user=user))
    instance.refresh_from_db()
    return instance
