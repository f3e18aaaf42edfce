"""Rewrite what Camunda Modeler writes into what SpiffWorkflow executes, in the XML tree.

Timers: BPMN tools write `PT5M`; SpiffWorkflow evaluates timer text as a Python expression,
so plain ISO 8601 values are quoted. Conditions: Camunda's `${a > 1 && b}` becomes the
Python expression `a > 1 and b`. Multi-instance: `camunda:collection` / `elementVariable`
become the standard loopDataInputRef / inputDataItem.
"""

import re

from lxml import etree

from engine.dialects.juel import juel_to_python

from .links import connect_links
from .xml import BPMN_NS, CAMUNDA_NS

_ISO_TIME = re.compile(
    r"^(R\d*/.*|P[0-9TYMWDHS.,]+|\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)$"
)


def _bpmn(tag: str) -> str:
    return f"{{{BPMN_NS}}}{tag}"


def quote_iso_time(text: str) -> str:
    stripped = (text or "").strip()
    if _ISO_TIME.match(stripped):
        return repr(stripped)
    return juel_to_python(stripped)


def normalize(root: etree._Element) -> None:
    """Rewrite, in place, the Camunda idioms of one BPMN document."""
    for tag in ("timeDuration", "timeDate", "timeCycle"):
        for node in root.iter(_bpmn(tag)):
            node.text = quote_iso_time(node.text or "")
    for node in root.iter(
        _bpmn("conditionExpression"),
        _bpmn("completionCondition"),
        _bpmn("loopCardinality"),
        _bpmn("loopCondition"),
    ):
        if node.text:
            node.text = juel_to_python(node.text)
    for node in root.iter(_bpmn("multiInstanceLoopCharacteristics")):
        _camunda_multi_instance(node)
    connect_links(root)


def _camunda_multi_instance(node: etree._Element) -> None:
    collection = node.get(f"{{{CAMUNDA_NS}}}collection")
    element = node.get(f"{{{CAMUNDA_NS}}}elementVariable")
    if not collection or node.find(_bpmn("loopDataInputRef")) is not None:
        return
    ref = etree.Element(_bpmn("loopDataInputRef"))
    ref.text = juel_to_python(collection)
    node.insert(0, ref)
    if element:
        item = etree.Element(_bpmn("inputDataItem"), id=element, name=element)
        node.insert(1, item)
