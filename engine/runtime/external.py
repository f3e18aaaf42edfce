"""Which service tasks wait for an external worker (Camunda's external tasks).

A Camunda service task names a topic (`camunda:type="external" camunda:topic="…"`). When a
connector of HyperCRM is registered under that name, the engine's worker runs it (with
retries); any other topic is left READY for a worker outside that fetches it over
`/engine-rest/` (api/camunda/). Such a task waits, it does not fail, however long no
worker comes.
"""

from __future__ import annotations

from engine.connectors import connector_names
from engine.runtime.spiff import Task
from engine.types import Elements, JSONDict


def external_topic(meta: JSONDict) -> str:
    """The topic an element waits on for an external worker, or "" when it does not."""
    topic = meta.get("topic") or ""
    if not topic or meta.get("type") != "serviceTask":
        return ""
    return "" if topic in connector_names() else topic


def external_elements(elements: Elements) -> dict[str, str]:
    """element id → topic, for the elements of a process that wait for external workers."""
    return {
        element_id: topic
        for element_id, meta in elements.items()
        if (topic := external_topic(meta))
    }


def is_external(task: Task, elements: Elements) -> bool:
    return bool(external_topic(elements.get(task.task_spec.bpmn_id or "", {})))
