"""Decisions an upload calls but does not hold, taken from the deployed versions.

A business rule task may call a decision (and a decision may require one) that no DMN
file of the upload defines: the DMN file of the newest deployment that holds a latest
process version and defines it is added to the upload, under IMPORTED_FOLDER, so a shared
decision table is deployed once. The version deployed binds it from then on, as a called
process is bound (engine/services/callees.py); the deploy answer says which file it took.
"""

from django.utils.translation import gettext as _
from lxml import etree

from engine.decisions.model import read_decisions
from engine.models import Deployment
from engine.parsing.bundle import is_bpmn, is_dmn
from engine.parsing.callees import IMPORTED_FOLDER, is_imported
from engine.parsing.errors import DeploymentInvalid, Problem
from engine.parsing.xml import BPMN_NS, CAMUNDA_NS, SPIFF_NS, is_dmn_document, parse_xml
from engine.selectors import latest_definitions

# Required decisions may require others: this many rounds of lookups at most.
MAX_ROUNDS = 10
_CALLED = f"{{{BPMN_NS}}}extensionElements/{{{SPIFF_NS}}}calledDecisionId"


def _root(name: str, text: str) -> etree._Element | None:
    try:
        return parse_xml(name, text)
    except DeploymentInvalid:
        return None  # the upload's own checks say what is wrong with it


def _wanted(files: dict[str, str]) -> tuple[set[str], dict[str, tuple[str, etree._Element]]]:
    """(decision ids the DMN files define, {decision id wanted: (file, element)})."""
    defined: set[str] = set()
    wanted: dict[str, tuple[str, etree._Element]] = {}
    for name, text in sorted(files.items()):
        if not (is_bpmn(name) or is_dmn(name) or name.lower().endswith(".xml")):
            continue
        if not is_dmn(name) and "businessRuleTask" not in text and "requiredDecision" not in text:
            continue  # nothing to look for: the file is not read twice
        root = _root(name, text)
        if root is None:
            continue
        if is_dmn_document(root):
            for decision in read_decisions(name, root):
                defined.add(decision.id)
                for required in decision.required:
                    wanted.setdefault(required, (name, root))
            continue
        for task in root.iter(f"{{{BPMN_NS}}}businessRuleTask"):
            called = task.find(_CALLED)
            decision_id = (called.text or "").strip() if called is not None else ""
            decision_id = decision_id or (task.get(f"{{{CAMUNDA_NS}}}decisionRef") or "").strip()
            if decision_id and "{" not in decision_id:
                wanted.setdefault(decision_id, (name, task))
    return defined, {key: place for key, place in wanted.items() if key not in defined}


def _deployed_sources() -> list[Deployment]:
    """The deployments holding a latest process version, newest first."""
    ids = {definition.deployment_id for definition in latest_definitions()}
    return list(Deployment.objects.filter(pk__in=ids).order_by("-pk"))


def _source_of(decision_id: str, deployments: list[Deployment]) -> tuple[str, str] | None:
    """(name under IMPORTED_FOLDER, text) of the newest deployed DMN file defining it."""
    for deployment in deployments:
        for name, text in sorted(deployment.files.items()):
            if not is_dmn(name):
                continue
            root = _root(name, text)
            if root is None or not is_dmn_document(root):
                continue
            if any(d.id == decision_id for d in read_decisions(name, root)):
                imported = (
                    name
                    if is_imported(name)
                    else f"{IMPORTED_FOLDER}decisions/{deployment.pk}/{name}"
                )
                return imported, text
    return None


def with_deployed_decisions(
    files: dict[str, str],
) -> tuple[dict[str, str], set[str], list[Problem]]:
    """(files with the deployed DMN files the upload needs, the added names, notes)."""
    merged = dict(files)
    added: set[str] = set()
    notes: list[Problem] = []
    deployments: list[Deployment] | None = None
    for _round in range(MAX_ROUNDS):
        _defined, wanted = _wanted(merged)
        if not wanted:
            break
        if deployments is None:
            deployments = _deployed_sources()
        new: dict[str, str] = {}
        for decision_id, (file, node) in sorted(wanted.items()):
            source = _source_of(decision_id, deployments)
            if source is None or source[0] in merged:
                continue
            new[source[0]] = source[1]
            if file in files:
                message = _(
                    'The decision "%(decision)s" is taken from the deployed file %(file)s.'
                ) % {"decision": decision_id, "file": source[0][len(IMPORTED_FOLDER) :]}
                notes.append(Problem(message, file, node.get("id", ""), node.sourceline))
        if not new:
            break
        merged.update(new)
        added.update(new)
    return merged, added, notes
