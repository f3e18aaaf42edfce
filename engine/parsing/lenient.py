"""Where Camunda is lenient, run the diagram as Camunda would, and say so in a warning.

- A flow leaving an exclusive or inclusive gateway without a condition, that is not the
  gateway's default, is taken as true (Camunda evaluates a missing condition as true);
  SpiffWorkflow refuses it, so the condition `True` is written in.
- A task, event or sub-process with several outgoing flows and no conditions on them
  starts them all: an implicit parallel split, which SpiffWorkflow runs as it is drawn.
- Data associations to data stores (none is executed by this engine) or to the data
  inputs and outputs of a process are documentation to Camunda; SpiffWorkflow refuses
  them. They are taken out, with the task's own ioSpecification that they fed.

Each rewrite returns a note (the element and what is done), reported as a deploy warning.
The rewrite is the same when an instance's definition is loaded to run.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from .xml import ACTIVITY_TAGS, BPMN_NS, describe

_B = f"{{{BPMN_NS}}}"
_GATEWAYS = {"exclusiveGateway", "inclusiveGateway"}
_NOT_SPLITTING = _GATEWAYS | {"parallelGateway", "eventBasedGateway", "complexGateway"}

Note = tuple[etree._Element, str]


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _containers(root: etree._Element) -> list[etree._Element]:
    return [
        node
        for node in root.iter(f"{_B}process", f"{_B}subProcess", f"{_B}transaction")
        if isinstance(node.tag, str)
    ]


def _condition(flow: etree._Element) -> str | None:
    node = flow.find(f"{_B}conditionExpression")
    return None if node is None else (node.text or "").strip() or "True"


def _set_condition(flow: etree._Element, text: str) -> None:
    node = flow.find(f"{_B}conditionExpression")
    if node is None:
        node = etree.SubElement(flow, f"{_B}conditionExpression")
    node.text = text


def _conditionless_gateway_flows(container: etree._Element) -> list[Note]:
    """Camunda tries an exclusive gateway's flows in the order they are written and takes
    the first true one; a flow without a condition is true. SpiffWorkflow tries them top to
    bottom as drawn, so each flow's condition is written to say "and none before it"."""
    notes: list[Note] = []
    flows: dict[str, list[etree._Element]] = {}
    for flow in container.iterchildren(f"{_B}sequenceFlow"):
        flows.setdefault(flow.get("sourceRef") or "", []).append(flow)
    for gateway in container:
        if _local(gateway) not in _GATEWAYS:
            continue
        leaving = [
            f
            for f in flows.get(gateway.get("id") or "", [])
            if f.get("id") != gateway.get("default")
        ]
        if len(leaving) < 2 or all(_condition(f) is not None for f in leaving):
            continue
        exclusive = _local(gateway) == "exclusiveGateway"
        before: list[str] = []
        taken = False
        for flow in leaving:
            condition = _condition(flow)
            if exclusive and taken:
                _set_condition(flow, "False")
                message = _(
                    "%(flow)s comes after a flow without a condition of %(gateway)s, so it is "
                    "never taken (Camunda takes the first true flow, in the order they are "
                    "written)."
                ) % {"flow": describe(flow), "gateway": describe(gateway)}
                notes.append((flow, message))
                continue
            if condition is not None:
                before.append(condition)
                continue
            taken = True
            earlier = " or ".join(f"({c})" for c in before) if exclusive else ""
            _set_condition(flow, f"not ({earlier})" if earlier else "True")
            values = {"flow": describe(flow), "gateway": describe(gateway)}
            if earlier:
                message = _(
                    "%(flow)s leaves %(gateway)s without a condition and is not its default "
                    "flow: it is taken as true, as Camunda takes it when no flow written before "
                    "it is. Give it a condition, or make it the gateway's default flow."
                )
            else:
                message = _(
                    "%(flow)s leaves %(gateway)s without a condition and is not its default "
                    "flow: it is taken as true, as Camunda takes it. Give it a condition, or "
                    "make it the gateway's default flow."
                )
            notes.append((flow, message % values))
    return notes


def _implicit_splits(container: etree._Element) -> list[Note]:
    """A task's several unconditional outgoing flows leave a parallel gateway written in
    after it (`<task id>__split`), which is what Camunda runs them as."""
    outgoing: dict[str, list[etree._Element]] = {}
    for flow in container.iterchildren(f"{_B}sequenceFlow"):
        outgoing.setdefault(flow.get("sourceRef") or "", []).append(flow)
    notes: list[Note] = []
    for node in list(container):
        flows = outgoing.get(node.get("id") or "", []) if isinstance(node.tag, str) else []
        if len(flows) < 2 or _local(node) in _NOT_SPLITTING:
            continue
        if any(flow.find(f"{_B}conditionExpression") is not None for flow in flows):
            continue
        message = ngettext(
            "%(element)s has %(count)s outgoing flow without conditions: they all start when "
            "it completes (an implicit parallel split). Draw a parallel gateway to make that "
            "plain.",
            "%(element)s has %(count)s outgoing flows without conditions: they all start when "
            "it completes (an implicit parallel split). Draw a parallel gateway to make that "
            "plain.",
            len(flows),
        ) % {"element": describe(node), "count": len(flows)}
        notes.append((node, message))
        if _local(node) not in ACTIVITY_TAGS:  # events and gateways take several flows
            continue
        # Written right after the task: the XML Schema wants flow elements before artifacts.
        split_id = f"{node.get('id')}__split"
        gateway = etree.Element(f"{_B}parallelGateway", id=split_id)
        link = etree.Element(
            f"{_B}sequenceFlow",
            id=f"{split_id}_in",
            sourceRef=node.get("id") or "",
            targetRef=split_id,
        )
        node.addnext(gateway)
        gateway.addnext(link)
        for flow in flows:
            flow.set("sourceRef", split_id)
        for child in list(node.iterchildren(f"{_B}outgoing")):
            node.remove(child)
    return notes


def _executed_refs(root: etree._Element) -> set[str]:
    """Ids a data association may name and this engine reads or writes: data objects."""
    objects = {node.get("id") for node in root.iter(f"{_B}dataObject")}
    refs = {
        node.get("id") or ""
        for node in root.iter(f"{_B}dataObjectReference")
        if node.get("dataObjectRef") in objects
    }
    return refs | {ref for ref in objects if ref}


def _ignored_associations(root: etree._Element) -> list[Note]:
    executed = _executed_refs(root)
    ids = {node.get("id"): node for node in root.iter() if isinstance(node.tag, str)}
    notes: list[Note] = []
    for direction, end in (("Input", "sourceRef"), ("Output", "targetRef")):
        for association in list(root.iter(f"{_B}data{direction}Association")):
            ref_node = association.find(f"{_B}{end}")
            ref = (ref_node.text or "").strip() if ref_node is not None else ""
            target = ids.get(ref)
            if ref in executed or target is None:
                continue  # a data object; or nothing, which the parser reports as it is
            kind = _local(target)
            if kind not in {"dataStoreReference", "dataStore", "dataInput", "dataOutput"}:
                continue
            task = association.getparent()
            task.remove(association)
            spec = task.find(f"{_B}ioSpecification")
            if spec is not None:
                task.remove(spec)
            values = {"task": describe(task), "target": describe(target)}
            if direction == "Input":
                message = _(
                    "%(task)s reads %(target)s through a data input association; this engine "
                    "does not execute associations to data stores or to a process's data "
                    "inputs and outputs, so it is ignored. Task data are the process variables."
                )
            else:
                message = _(
                    "%(task)s writes %(target)s through a data output association; this engine "
                    "does not execute associations to data stores or to a process's data "
                    "inputs and outputs, so it is ignored. Task data are the process variables."
                )
            notes.append((task, message % values))
    return notes


def relax(root: etree._Element) -> list[Note]:
    """Rewrite, in place, what Camunda runs leniently; a note for each rewrite."""
    notes = _ignored_associations(root)
    for container in _containers(root):
        notes.extend(_conditionless_gateway_flows(container))
        notes.extend(_implicit_splits(container))
    return notes
