"""Link events, which SpiffWorkflow does not execute: each pair becomes a sequence flow.

A link throw event and the link catch event of the same name in the same process or
sub-process are a drawn "go to": the throw is joined to the catch by a sequence flow added
to the tree before SpiffWorkflow reads it, and both become plain intermediate events. A
throw whose link no catch at its level has is refused (link_problems), never left to end
its path silently. The stored diagram keeps its link events as drawn.
"""

from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from .errors import Problem
from .xml import BPMN_NS, describe

_B = f"{{{BPMN_NS}}}"
_CONTAINERS = ("process", "subProcess", "transaction", "adHocSubProcess")
_BEFORE_INCOMING = {"documentation", "extensionElements", "auditing", "monitoring"}
_BEFORE_INCOMING |= {"categoryValueRef", "incoming"}


def _link(node: etree._Element) -> etree._Element | None:
    return node.find(f"{_B}linkEventDefinition")


def _link_name(definition: etree._Element) -> str:
    return (definition.get("name") or "").strip()


def _insert_ref(node: etree._Element, tag: str, flow_id: str) -> None:
    """Add <incoming>/<outgoing> where BPMN's schema puts it."""
    before = _BEFORE_INCOMING | ({"outgoing"} if tag == "outgoing" else set())
    index = 0
    for index, child in enumerate(node):  # noqa: B007 - the index is used after the loop
        if not isinstance(child.tag, str) or etree.QName(child).localname not in before:
            break
    else:
        index = len(node)
    ref = etree.Element(f"{_B}{tag}")
    ref.text = flow_id
    node.insert(index, ref)


def _direct_children(container: etree._Element, tag: str) -> list[etree._Element]:
    return [n for n in container.iterchildren(f"{_B}{tag}") if _link(n) is not None]


def connect_links(root: etree._Element) -> None:
    """Join each link throw to its catch at the same level (in place)."""
    for container in root.iter(*(f"{_B}{tag}" for tag in _CONTAINERS)):
        catches: dict[str, Any] = {}
        for catch in _direct_children(container, "intermediateCatchEvent"):
            catches.setdefault(_link_name(_link(catch)), catch)
        for throw in _direct_children(container, "intermediateThrowEvent"):
            catch = catches.get(_link_name(_link(throw)))
            if catch is None or not catch.get("id") or not throw.get("id"):
                continue
            flow_id = f"{throw.get('id')}__link__{catch.get('id')}"
            flow = etree.Element(
                f"{_B}sequenceFlow",
                id=flow_id,
                sourceRef=throw.get("id"),
                targetRef=catch.get("id"),
            )
            throw.addnext(flow)
            _insert_ref(throw, "outgoing", flow_id)
            _insert_ref(catch, "incoming", flow_id)
            throw.remove(_link(throw))
        for catch in catches.values():
            linked = any(
                ref.text and "__link__" in ref.text for ref in catch.iterchildren(f"{_B}incoming")
            )
            if linked:
                catch.remove(_link(catch))


def link_problems(file: str, root: etree._Element) -> list[Problem]:
    """Link throws left unjoined by connect_links: no catch of that name at their level."""
    problems = []
    for throw in root.iter(f"{_B}intermediateThrowEvent"):
        definition = _link(throw)
        if definition is None:
            continue
        name = _link_name(definition)
        level = throw.getparent()
        where = f'{etree.QName(level).localname} "{level.get("id", "")}"'
        if name:
            message = _(
                '%(element)s throws the link "%(name)s", but no link catch event of that name is '
                'in %(where)s: draw an intermediate link catch event named "%(name)s" at the same '
                "level (a link never crosses into or out of a sub-process)."
            ) % {"element": describe(throw), "name": name, "where": where}
        else:
            message = _(
                "%(element)s is a link throw event without a name: name it after the link catch "
                "event it leads to."
            ) % {"element": describe(throw)}
        problems.append(Problem(message, file, throw.get("id") or "", throw.sourceline))
    return problems
