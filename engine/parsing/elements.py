"""What the engine needs to know about each BPMN element, read from both dialects.

SpiffWorkflow's parsers do not read Camunda's assignee / candidate / due-date attributes,
so this reads them (and SpiffArena's properties) straight from the XML into a plain dict
that is stored with the definition version: {element id: {...}}.
"""

from typing import Any

from lxml import etree

from .camunda_forms import form_data_name, form_data_node
from .xml import BPMN_NS, CAMUNDA_NS, SPIFF_NS

_C = f"{{{CAMUNDA_NS}}}"
_S = f"{{{SPIFF_NS}}}"
_B = f"{{{BPMN_NS}}}"

FLOW_NODES = {
    "userTask",
    "manualTask",
    "task",
    "scriptTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "businessRuleTask",
    "callActivity",
    "subProcess",
    "transaction",
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
}
HUMAN = {"userTask", "manualTask"}

_HUMAN_PROPERTIES = (
    "assignee",
    "candidateGroups",
    "candidateUsers",
    "dueDate",
    "followUpDate",
    "priority",
    "formJsonSchemaFilename",
    "formUiSchemaFilename",
)
_STARTERS = ("candidateStarterGroups", "candidateStarterUsers")
# Where a message is thrown or waited for, by the correlation key (engine/runtime/correlation).
_MESSAGES = ("correlationKey",)
# The extension properties (camunda:property, spiffworkflow:property) the engine reads, by
# the kind of element they are on ("*": every flow node); the modeler marks the others.
# An external worker's service task gets all of its own (the external task's
# extensionProperties), read or not.
READ_PROPERTIES: dict[str, tuple[str, ...]] = {
    "*": ("asyncBefore", "asyncAfter", "retryTimeCycle", "businessKey"),
    "process": _STARTERS,
    "userTask": _HUMAN_PROPERTIES,
    "manualTask": _HUMAN_PROPERTIES,
    "startEvent": _STARTERS + _MESSAGES,
    "intermediateCatchEvent": _MESSAGES,
    "intermediateThrowEvent": _MESSAGES,
    "boundaryEvent": _MESSAGES,
    "endEvent": _MESSAGES,
    "receiveTask": _MESSAGES,
    "sendTask": _MESSAGES,
}


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _spiff_properties(node: etree._Element) -> dict[str, str]:
    """SpiffArena's spiffworkflow:properties and Camunda's camunda:properties (both are
    name/value pairs; SpiffArena's win when both name one)."""
    props = {}
    for prop in node.iterfind(f"{_B}extensionElements/{_C}properties/{_C}property"):
        if prop.get("name"):
            props[prop.get("name")] = prop.get("value", "")
    for prop in node.iterfind(f"{_B}extensionElements/{_S}properties/{_S}property"):
        if prop.get("name"):
            props[prop.get("name")] = prop.get("value", "")
    return props


def _camunda_retry_cycle(node: etree._Element) -> str:
    found = node.find(f"{_B}extensionElements/{_C}failedJobRetryTimeCycle")
    return (found.text or "").strip() if found is not None else ""


def _lanes(process: etree._Element) -> dict[str, str]:
    lanes = {}
    for lane in process.iter(f"{_B}lane"):
        for ref in lane.iterfind(f"{_B}flowNodeRef"):
            if ref.text:
                lanes[ref.text.strip()] = lane.get("name") or lane.get("id", "")
    return lanes


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


def read_element(node: etree._Element, lane: str) -> dict[str, Any]:
    tag = etree.QName(node).localname
    props = _spiff_properties(node)
    info: dict[str, Any] = {"type": tag, "name": (node.get("name") or "").strip(), "lane": lane}
    info["async_before"] = _truthy(node.get(f"{_C}asyncBefore")) or _truthy(
        props.get("asyncBefore")
    )
    info["async_after"] = _truthy(node.get(f"{_C}asyncAfter")) or _truthy(props.get("asyncAfter"))
    retry = _camunda_retry_cycle(node) or props.get("retryTimeCycle", "")
    if retry:
        info["retry_cycle"] = retry
    if tag in HUMAN:
        info.update(
            assignee=node.get(f"{_C}assignee") or props.get("assignee", ""),
            candidate_groups=_split(
                node.get(f"{_C}candidateGroups") or props.get("candidateGroups")
            ),
            candidate_users=_split(node.get(f"{_C}candidateUsers") or props.get("candidateUsers")),
            due_date=node.get(f"{_C}dueDate") or props.get("dueDate", ""),
            follow_up_date=node.get(f"{_C}followUpDate") or props.get("followUpDate", ""),
            priority=node.get(f"{_C}priority") or props.get("priority", ""),
            form=props.get("formJsonSchemaFilename") or node.get(f"{_C}formKey") or "",
            ui_form=props.get("formUiSchemaFilename", ""),
        )
        instructions = node.find(f"{_B}extensionElements/{_S}instructionsForEndUser")
        if instructions is not None and instructions.text:
            info["instructions"] = instructions.text.strip()
    if tag == "serviceTask":
        info["topic"] = node.get(f"{_C}topic", "")
        if node.get(f"{_C}taskPriority"):
            info["task_priority"] = node.get(f"{_C}taskPriority").strip()
    if tag == "startEvent" and (node.get("isInterrupting") or "").strip() == "false":
        info["interrupting"] = False
    if tag == "startEvent" and node.get(f"{_C}initiator"):
        info["initiator"] = node.get(f"{_C}initiator").strip()
    if props:
        info["properties"] = props
    return info


def read_elements(process: etree._Element) -> dict[str, dict[str, Any]]:
    """Metadata of every flow node of a process, nested sub-processes included."""
    lanes = _lanes(process)
    elements = {}
    for node in process.iter():
        if not isinstance(node.tag, str) or etree.QName(node).namespace != BPMN_NS:
            continue
        if etree.QName(node).localname in FLOW_NODES and node.get("id"):
            info = read_element(node, lanes.get(node.get("id"), ""))
            if info["type"] == "userTask" and not info["form"] and form_data_node(node) is not None:
                info["form"] = form_data_name(process.get("id", ""), node.get("id"))
            elements[node.get("id")] = info
    _read_starters(process, elements)
    return elements


def _is_none_start(node: etree._Element) -> bool:
    return not any(
        etree.QName(child).localname.endswith("EventDefinition")
        for child in node
        if isinstance(child.tag, str)
    )


def _first_human_task(process: etree._Element, start_id: str) -> str:
    """The first user or manual task reached from a start event along its flows."""
    flows: dict[str, list[str]] = {}
    for flow in process.iterfind(f"{_B}sequenceFlow"):
        flows.setdefault(flow.get("sourceRef", ""), []).append(flow.get("targetRef", ""))
    kinds = {
        node.get("id"): etree.QName(node).localname
        for node in process
        if isinstance(node.tag, str) and node.get("id")
    }
    queue, seen = [start_id], {start_id}
    while queue:
        for target in flows.get(queue.pop(0), []):
            if kinds.get(target) in HUMAN:
                return target
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return ""


def _read_starters(process: etree._Element, elements: dict[str, dict[str, Any]]) -> None:
    """Who may start the process by hand, stored on each of its none start events.

    Camunda's `camunda:candidateStarterGroups` / `candidateStarterUsers` on the process,
    or SpiffArena-style `spiffworkflow:properties` of the same names on the process or
    its start event. Without them, the first task's candidates (or lane) start it."""
    props = _spiff_properties(process)
    groups = _split(
        process.get(f"{_C}candidateStarterGroups") or props.get("candidateStarterGroups")
    )
    users = _split(process.get(f"{_C}candidateStarterUsers") or props.get("candidateStarterUsers"))
    for node in process.iterfind(f"{_B}startEvent"):
        info = elements.get(node.get("id") or "")
        if info is None or not _is_none_start(node):
            continue
        own = info.get("properties", {})
        info["starter_groups"] = _split(own.get("candidateStarterGroups")) or groups
        info["starter_users"] = _split(own.get("candidateStarterUsers")) or users
        info["first_task"] = _first_human_task(process, node.get("id"))
