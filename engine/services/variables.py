"""Changing a running instance's variables by hand: a manager or a process owner fixes what a
step got wrong (a mistyped address, a quantity) so that the case goes on.

The change is checked before anything is written — names, JSON-safe values and, where a
form of the process asks for a field of that name, the form's type and rules for it — and
applied under the instance's lock to the data of every task the instance waits at (the data
its next step reads). The history records who changed what, with the old and new values.
"""

from __future__ import annotations

import keyword
from typing import Any

from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.exceptions import Conflict, Forbidden, InvalidData
from engine.models import ProcessDefinition, ProcessInstance
from engine.models.events import EventType
from engine.runtime.runner import StepOutcome, load_workflow
from engine.runtime.spiff import TaskState
from engine.types import User
from forms.validation import validate_form_data

from .jsonsafe import json_safe
from .locking import lock_instance
from .messages import publish_thrown
from .permissions import variables_refusal
from .persist import persist
from .step import open_step, record

# An instance stopped at an incident too: its data is fixed, then the step retried.
EDITABLE = (
    ProcessInstance.Status.RUNNING,
    ProcessInstance.Status.SUSPENDED,
    ProcessInstance.Status.ERROR,
)
WAITING = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR
MISSING = object()


def variables_check(definition: ProcessDefinition, changes: object) -> dict[str, list[str]]:
    """The errors of `changes` (name → new value; None removes), keyed by variable name;
    an empty dict when they may be applied."""
    if not isinstance(changes, dict) or not changes:
        return {"__all__": [_("Send the variables to change as an object of name → value.")]}
    errors: dict[str, list[str]] = {}
    for name, value in changes.items():
        if not (isinstance(name, str) and name.isidentifier()) or keyword.iskeyword(name):
            errors[str(name)] = [_("A variable's name is a word of letters, digits and _.")]
        elif name.startswith("_"):
            errors[name] = [_("Names starting with _ belong to the engine.")]
        elif value is not None and json_safe(value) != value:
            errors[name] = [_("Only text, numbers, yes/no, lists and objects can be stored.")]
        elif value is not None:
            for message in _form_errors(definition, name, value):
                errors.setdefault(name, []).append(message)
    return errors


def _form_errors(definition: ProcessDefinition, name: str, value: object) -> list[str]:
    """What the process's forms say of `value` for a field `name` (the first form that has
    one decides: the process's forms agree on a variable's type)."""
    for form in (definition.forms or {}).values():
        field = ((form or {}).get("schema") or {}).get("properties", {}).get(name)
        if isinstance(field, dict):
            schema = {"type": "object", "properties": {name: field}}
            found = validate_form_data(schema, {name: value})
            return [message for messages in found.values() for message in messages]
    return []


@atomic
def instance_variables_update(
    *, instance_id: int, user: User | None, changes: Any
) -> ProcessInstance:
    """Set (or, with None, remove) the instance's variables; the history keeps old and new.

    Raises Forbidden for a person who may not, InvalidData (nothing written) for a change
    that fails its check, Conflict for an ended instance or one not waiting anywhere."""
    if refusal := variables_refusal(user):
        raise Forbidden(refusal)
    instance = lock_instance(instance_id)
    if instance.status not in EDITABLE:
        raise Conflict(
            _("Instance %(instance)s has ended (%(status)s): its variables stay as they were.")
            % {"instance": instance.business_key or instance.pk, "status": instance.status}
        )
    errors = variables_check(instance.definition, changes)
    if errors:
        raise InvalidData(_("The variables cannot be changed: see each one's message."), errors)
    workflow = load_workflow(instance)
    waiting = [task for task in workflow.get_tasks(state=WAITING) if task.task_spec.bpmn_id]
    if not waiting:
        raise Conflict(_("The instance is not waiting at any step: there is nothing to change."))
    before = instance.variables
    for task in waiting:
        for name, value in changes.items():
            if value is None:
                task.data.pop(name, None)
            else:
                task.data[name] = value
    with open_step():
        record(
            instance,
            EventType.VARIABLES_CHANGED,
            user=user,
            data={
                "changes": [
                    {
                        "name": name,
                        "old": before.get(name),
                        "new": value,
                        "added": name not in before,
                    }
                    for name, value in sorted(changes.items())
                ]
            },
        )
        publish_thrown(instance, persist(instance, workflow, StepOutcome(), user=user))
    instance.refresh_from_db()
    return instance
