"""Rewrite what Camunda Modeler writes into what SpiffWorkflow executes, in the XML tree.

Timers: BPMN tools write `PT5M`; SpiffWorkflow evaluates timer text as a Python expression,
so plain ISO 8601 values and Quartz cron cycles (engine/sandbox/cron.py) are quoted.
Conditions: Camunda's `${a > 1 && b}` becomes the Python expression `a > 1 and b`.
Multi-instance: `camunda:collection` / `elementVariable` become the standard
loopDataInputRef / inputDataItem.
"""

import re

from lxml import etree

from engine.dialects.juel import juel_to_python
from engine.sandbox.cron import is_cron

from .lenient import Note, relax
from .links import connect_links
from .xml import BPMN_NS, CAMUNDA_NS

_ISO_TIME = re.compile(
    r"^(R\d*/.*|P[0-9TYMWDHS.,]+|\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)$"
)


def _bpmn(tag: str) -> str:
    return f"{{{BPMN_NS}}}{tag}"


def quote_iso_time(text: str) -> str:
    stripped = (text or "").strip()
    if _ISO_TIME.match(stripped) or is_cron(stripped):
        return repr(stripped)
    return juel_to_python(stripped)


# Camunda 7 reads the extensions of Activiti, its predecessor, as its own.
ACTIVITI_NS = "http://activiti.org/bpmn"


def _activiti_as_camunda(root: etree._Element) -> None:
    activiti, camunda = f"{{{ACTIVITI_NS}}}", f"{{{CAMUNDA_NS}}}"
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag.startswith(activiti):
            node.tag = camunda + node.tag[len(activiti) :]
        for name in [n for n in node.attrib if n.startswith(activiti)]:
            node.set(camunda + name[len(activiti) :], node.attrib.pop(name))


def normalize(root: etree._Element) -> list[Note]:
    """Rewrite, in place, the Camunda idioms of one BPMN document; the notes say what was
    run leniently (lenient.py)."""
    _activiti_as_camunda(root)
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
    return relax(root)


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
