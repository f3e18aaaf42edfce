"""Reads behind the decision pages: the DMN decisions the latest process versions call."""

import re
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext as _
from lxml import etree

from engine.decisions.model import read_decisions
from engine.models import ProcessDefinition
from engine.parsing.bundle import is_dmn
from engine.parsing.errors import DeploymentInvalid
from engine.parsing.xml import BPMN_NS, CAMUNDA_NS, DMN_NAMESPACES, SPIFF_NS, parse_xml
from engine.selectors import latest_definitions


@dataclass
class Decision:
    id: str
    name: str
    file: str
    xml: str
    # The latest versions of the processes whose diagrams call this decision.
    processes: list[ProcessDefinition] = field(default_factory=list)


def _decisions_in(file: str, text: str) -> list[tuple[str, str]]:
    try:
        root = parse_xml(file, text)
    except DeploymentInvalid:
        return []
    return [
        (node.get("id"), " ".join((node.get("name") or "").split()))
        for node in root.iter()
        if isinstance(node.tag, str)
        and etree.QName(node).namespace in DMN_NAMESPACES
        and etree.QName(node).localname == "decision"
        and node.get("id")
    ]


def _calls(definition: ProcessDefinition, decision_id: str) -> bool:
    """Whether a business rule task of the diagram calls the decision (SpiffArena's
    calledDecisionId or Camunda's decisionRef)."""
    named = re.escape(decision_id)
    spiff = rf"calledDecisionId>\s*{named}\s*<"
    camunda = rf"""decisionRef=["']\s*{named}\s*["']"""
    return any(re.search(p, definition.bpmn_xml) for p in (spiff, camunda))


def _requirements(files: dict[str, str]) -> dict[str, list[str]]:
    """{decision id: the decisions it requires} over the DMN files of a deployment."""
    found: dict[str, list[str]] = {}
    for file, text in files.items():
        if not is_dmn(file):
            continue
        try:
            root = parse_xml(file, text)
        except DeploymentInvalid:
            continue
        for decision in read_decisions(file, root):
            found.setdefault(decision.id, decision.required)
    return found


def _used(definition: ProcessDefinition) -> set[str]:
    """The decisions a version's tasks call, and those they require, transitively."""
    requires = _requirements(definition.deployment.files)
    used = {decision_id for decision_id in requires if _calls(definition, decision_id)}
    waiting = list(used)
    while waiting:
        for required in requires.get(waiting.pop(), []):
            if required not in used:
                used.add(required)
                waiting.append(required)
    return used


def decisions() -> list[Decision]:
    """Every decision a latest process version calls, with the processes that call it."""
    found: dict[str, Decision] = {}
    latest = ProcessDefinition.objects.select_related("deployment").filter(
        pk__in=[d.pk for d in latest_definitions()]
    )
    for definition in latest:
        used = _used(definition)
        for file, text in definition.deployment.files.items():
            if not is_dmn(file):
                continue
            for decision_id, name in _decisions_in(file, text):
                if decision_id not in used:
                    continue
                decision = found.setdefault(
                    decision_id, Decision(decision_id, name or decision_id, file, text)
                )
                decision.processes.append(definition)
    for decision in found.values():
        decision.processes.sort(key=lambda d: (d.name or d.key).lower())
    return sorted(found.values(), key=lambda d: d.name.lower())


def decision_for(decision_id: str) -> Decision:
    for decision in decisions():
        if decision.id == decision_id:
            return decision
    raise Http404(_("No deployed process calls a decision with this key."))


def task_decisions(definition: ProcessDefinition) -> dict[str, dict[str, str]]:
    """{business rule task id: {"id", "name"}} of the tables this version's tasks call that
    its bundle holds, for the modeler's "Edit decision table"."""
    tables: dict[str, str] = {}
    for file, text in definition.deployment.files.items():
        if is_dmn(file):
            tables.update(dict(_decisions_in(file, text)))
    try:
        root = parse_xml(definition.source_file or "diagram.bpmn", definition.bpmn_xml)
    except DeploymentInvalid:
        return {}
    found = {}
    for task in root.iter(f"{{{BPMN_NS}}}businessRuleTask"):
        called = task.find(f"{{{BPMN_NS}}}extensionElements/{{{SPIFF_NS}}}calledDecisionId")
        decision_id = (called.text or "").strip() if called is not None else ""
        decision_id = decision_id or (task.get(f"{{{CAMUNDA_NS}}}decisionRef") or "").strip()
        if decision_id in tables and task.get("id"):
            found[task.get("id")] = {"id": decision_id, "name": tables[decision_id] or decision_id}
    return found
