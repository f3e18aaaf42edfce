"""What a case is called and where it waits: its business key and its stage.

A diagram names the variable that holds its business key with a `businessKey` property
on a start event (SpiffArena's properties, e.g. `order.order_number`); the key is set
once, the first time the variable holds a value, and never changed after (messages may
be correlated by it). The stage of a running case is where it waits now: the names of
its waiting tasks and events.
"""

from engine.models import ProcessDefinition
from engine.runtime.spiff import BpmnWorkflow, TaskState
from engine.types import JSONDict

ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR
# Where a case can wait; gateways, boundary events and sub-process shells are not places.
WAITING_KINDS = {
    "userTask",
    "manualTask",
    "task",
    "receiveTask",
    "intermediateCatchEvent",
    "serviceTask",
    "scriptTask",
    "sendTask",
    "businessRuleTask",
    "callActivity",
}
STAGE_LENGTH = 255


def business_key_path(definition: ProcessDefinition) -> str:
    """The dotted variable path the diagram names as its business key, or ""."""
    for meta in (definition.elements or {}).values():
        path = ((meta.get("properties") or {}).get("businessKey") or "").strip()
        if path:
            return path
    return ""


def business_key_from(definition: ProcessDefinition, data: JSONDict) -> str:
    """The case's business key read from its variables, or "" while it has none."""
    path = business_key_path(definition)
    if not path:
        return ""
    value = data
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return ""
        value = value[part]
    if value is None or isinstance(value, dict | list | bool):
        return ""
    return str(value).strip()[:255]


def waiting_stage(workflow: BpmnWorkflow, definition: ProcessDefinition) -> str:
    """The names of the tasks and events the case waits at now, in diagram order."""
    elements = definition.elements or {}
    names: list[str] = []
    for task in workflow.get_tasks(state=ACTIVE):
        spec = task.task_spec
        bpmn_id = getattr(spec, "bpmn_id", None)
        if not bpmn_id or not spec.bpmn_name:
            continue
        if (elements.get(bpmn_id) or {}).get("type") not in WAITING_KINDS:
            continue
        if spec.bpmn_name not in names:
            names.append(spec.bpmn_name)
    return " · ".join(names)[:STAGE_LENGTH]
