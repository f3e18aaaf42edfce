"""Reads behind the version history and the diff between two versions of a process."""

import re

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engine.models import ProcessDefinition, ProcessInstance
from engine.parsing.diff import DiagramDiff, diagram_diff

from .processes import LIVE

TYPE_LABELS = {
    "process": gettext_lazy("Process"),
    "startEvent": gettext_lazy("Start event"),
    "endEvent": gettext_lazy("End event"),
    "intermediateCatchEvent": gettext_lazy("Intermediate event"),
    "intermediateThrowEvent": gettext_lazy("Intermediate event"),
    "boundaryEvent": gettext_lazy("Boundary event"),
    "userTask": gettext_lazy("User task"),
    "manualTask": gettext_lazy("Manual task"),
    "serviceTask": gettext_lazy("Service task"),
    "scriptTask": gettext_lazy("Script task"),
    "businessRuleTask": gettext_lazy("Decision task"),
    "sendTask": gettext_lazy("Send task"),
    "receiveTask": gettext_lazy("Receive task"),
    "task": gettext_lazy("Task"),
    "callActivity": gettext_lazy("Call activity"),
    "subProcess": gettext_lazy("Subprocess"),
    "exclusiveGateway": gettext_lazy("Exclusive gateway"),
    "parallelGateway": gettext_lazy("Parallel gateway"),
    "inclusiveGateway": gettext_lazy("Inclusive gateway"),
    "eventBasedGateway": gettext_lazy("Event-based gateway"),
    "sequenceFlow": gettext_lazy("Sequence flow"),
    "lane": gettext_lazy("Lane"),
    "laneSet": gettext_lazy("Lanes"),
    "message": gettext_lazy("Message"),
    "signal": gettext_lazy("Signal"),
    "error": gettext_lazy("Error"),
    "dataObject": gettext_lazy("Data object"),
    "dataObjectReference": gettext_lazy("Data object"),
    "textAnnotation": gettext_lazy("Annotation"),
    "association": gettext_lazy("Association"),
}
PROPERTY_LABELS = {
    "name": gettext_lazy("Name"),
    "type": gettext_lazy("Kind of element"),
    "bpmn:script": gettext_lazy("Script"),
    "bpmn:conditionExpression": gettext_lazy("Condition"),
    "bpmn:documentation": gettext_lazy("Documentation"),
    "sourceRef": gettext_lazy("From"),
    "targetRef": gettext_lazy("To"),
    "default": gettext_lazy("Default flow"),
    "isExecutable": gettext_lazy("Executable"),
    "bpmn:flowNodeRef": gettext_lazy("Elements in the lane"),
}


def type_label(kind: str) -> str:
    known = TYPE_LABELS.get(kind)
    if known is not None:
        return str(known)
    words = re.sub(r"(?<!^)([A-Z])", r" \1", kind).lower()
    return words[:1].upper() + words[1:]


def property_label(name: str) -> str:
    known = PROPERTY_LABELS.get(name)
    if known is not None:
        return str(known)
    return name.removeprefix("bpmn:extensionElements/")


def version_of(key: str, version) -> ProcessDefinition:
    if not str(version or "").isdigit():
        raise Http404(_("Choose a version by its number."))
    definition = (
        ProcessDefinition.objects.select_related("deployment", "deployed_by")
        .filter(key=key, version=int(version))
        .first()
    )
    if definition is None:
        raise Http404(_("This process has no such version."))
    return definition


def _rows(items, *, with_changes: bool = False) -> list[dict]:
    rows = []
    for item in items:
        kind = type_label(item.type)
        rows.append(
            {
                "id": item.id,
                "name": item.name or _("%(kind)s without a name") % {"kind": kind},
                "named": bool(item.name),
                "kind": kind,
                "changes": [
                    {
                        "property": property_label(change.name),
                        "before": change.before,
                        "after": change.after,
                    }
                    for change in item.changes
                ]
                if with_changes
                else [],
            }
        )
    return sorted(rows, key=lambda row: (not row["named"], row["name"].lower()))


def version_diff(before: ProcessDefinition, after: ProcessDefinition) -> dict:
    """The diff of two versions, element by element, named as the diagrams name them."""
    diff: DiagramDiff = diagram_diff(before.bpmn_xml, after.bpmn_xml)
    marks = diff.marks()
    return {
        "empty": diff.empty,
        "added": _rows(diff.added),
        "removed": _rows(diff.removed),
        "changed": _rows(diff.changed, with_changes=True),
        "after_marks": {"added": marks["added"], "changed": marks["changed"]},
        "before_marks": {"removed": marks["removed"]},
    }


def deploy_impact(names: dict[str, str], hashes: dict[str, str]) -> list[dict]:
    """What deploying a checked upload would do, per process: the version it makes (none
    when the content is that of the latest) and the cases that stay on earlier versions."""
    impact = []
    for key, content_hash in hashes.items():
        latest = ProcessDefinition.objects.filter(key=key).order_by("-version").first()
        running = (
            ProcessInstance.objects.filter(definition__key=key, status__in=LIVE)
            .values("definition__version")
            .annotate(count=Count("id"))
            .order_by("-definition__version")
        )
        unchanged = latest is not None and latest.content_hash == content_hash
        impact.append(
            {
                "key": key,
                "name": names.get(key) or key,
                "latest": latest.version if latest else None,
                "next": (latest.version if unchanged else latest.version + 1) if latest else 1,
                "unchanged": unchanged,
                "running": [
                    {"version": row["definition__version"], "count": row["count"]}
                    for row in running
                ],
            }
        )
    return impact
