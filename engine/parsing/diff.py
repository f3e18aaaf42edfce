"""What changed between two versions of a diagram: elements added, removed and changed.

Elements are matched by their BPMN id, as the engine matches waiting instances. An
element's properties are its attributes and everything inside it that is not an element of
its own (scripts, conditions, forms, extension properties); moving a shape on the diagram
(the BPMNDI layout) is not a change.
"""

from dataclasses import dataclass, field

from lxml import etree

from .xml import _PREFIXES, BPMN_NS, parse_xml, short_tag

# Derived from the sequence flows, which are compared themselves; a lane's members are
# compared as a set (below), not one by one in the order the file lists them.
_SKIPPED = {"incoming", "outgoing", "flowNodeRef"}
LANE_MEMBERS = "bpmn:flowNodeRef"


@dataclass
class PropertyChange:
    name: str
    before: str | None
    after: str | None


@dataclass
class ElementChange:
    id: str
    type: str  # the BPMN local name: userTask, sequenceFlow, …
    name: str  # its name, or for an unnamed flow the names of its ends
    changes: list[PropertyChange] = field(default_factory=list)


@dataclass
class DiagramDiff:
    added: list[ElementChange] = field(default_factory=list)
    removed: list[ElementChange] = field(default_factory=list)
    changed: list[ElementChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def marks(self) -> dict[str, list[str]]:
        """Element ids to mark on the diagrams: added and changed on the newer, removed on
        the older."""
        return {
            "added": [e.id for e in self.added],
            "changed": [e.id for e in self.changed],
            "removed": [e.id for e in self.removed],
        }


def _is_element(node: etree._Element) -> bool:
    return (
        isinstance(node.tag, str)
        and etree.QName(node).namespace == BPMN_NS
        and node.get("id") is not None
        and etree.QName(node).localname != "definitions"
    )


def _attribute_name(qualified: str) -> str:
    """`camunda:formKey` for a namespaced attribute, the bare name otherwise."""
    qname = etree.QName(qualified)
    prefix = _PREFIXES.get(qname.namespace) if qname.namespace else None
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def _properties(node: etree._Element) -> dict[str, str]:
    """{path: value} of an element's own attributes and of its non-element content."""
    found: dict[str, str] = {}
    for attribute, value in node.attrib.items():
        if attribute != "id":
            found[_attribute_name(attribute)] = value

    def walk(parent: etree._Element, prefix: str) -> None:
        seen: dict[str, int] = {}
        for child in parent:
            if not isinstance(child.tag, str) or _is_element(child):
                continue
            tag = short_tag(child)
            if tag.split(":")[-1] in _SKIPPED and tag.startswith("bpmn:"):
                continue
            key = child.get("name") or child.get("key") or child.get("id")
            step = f"{tag}[{key}]" if key else tag
            seen[step] = seen.get(step, 0) + 1
            if seen[step] > 1:
                step = f"{step}[{seen[step]}]"
            path = f"{prefix}{step}"
            text = " ".join((child.text or "").split())
            if text:
                found[path] = text
            for attribute, value in child.attrib.items():
                if attribute not in ("name", "key") or not key:
                    found[f"{path} {_attribute_name(attribute)}"] = value
            walk(child, f"{path}/")

    walk(node, "")
    return found


def _elements(root: etree._Element) -> dict[str, etree._Element]:
    index: dict[str, etree._Element] = {}
    for node in root.iter():
        if _is_element(node):
            index.setdefault(node.get("id"), node)
    return index


def _label(node: etree._Element, index: dict[str, etree._Element]) -> str:
    """The element's name; a flow also by the names of its ends, since its own name is
    often a gateway's answer ("yes") that says nothing alone."""
    name = " ".join((node.get("name") or "").split())
    if etree.QName(node).localname == "sequenceFlow":
        ends = [index.get(node.get(side) or "") for side in ("sourceRef", "targetRef")]
        names = [" ".join((e.get("name") or "").split()) if e is not None else "" for e in ends]
        if all(names):
            route = f"{names[0]} → {names[1]}"
            return f"{name} ({route})" if name else route
    return name


def _members(lane: etree._Element) -> set[str]:
    return {
        (ref.text or "").strip()
        for ref in lane
        if isinstance(ref.tag, str) and etree.QName(ref).localname == "flowNodeRef"
    }


def _lane_change(
    old: etree._Element,
    node: etree._Element,
    before_index: dict[str, etree._Element],
    after_index: dict[str, etree._Element],
) -> PropertyChange | None:
    """The elements that left and joined a lane, by name; an element added to or removed
    from the diagram joins or leaves its lane with it, so only those in both versions count."""
    before, after = _members(old), _members(node)
    left = sorted(i for i in before - after if i in after_index)
    joined = sorted(i for i in after - before if i in before_index)
    if not (left or joined):
        return None

    def names(ids: list[str]) -> str | None:
        shown = [_label(after_index[i], after_index) or i for i in ids]
        return ", ".join(shown) if shown else None

    return PropertyChange(LANE_MEMBERS, names(left), names(joined))


def diagram_diff(before_xml: str, after_xml: str) -> DiagramDiff:
    """Compare two BPMN documents; raises DeploymentInvalid when one cannot be read."""
    before_index = _elements(parse_xml("before.bpmn", before_xml))
    after_index = _elements(parse_xml("after.bpmn", after_xml))
    diff = DiagramDiff()
    for element_id, node in after_index.items():
        old = before_index.get(element_id)
        kind = etree.QName(node).localname
        item = ElementChange(element_id, kind, _label(node, after_index))
        if old is None:
            diff.added.append(item)
            continue
        if etree.QName(old).localname != kind:
            item.changes.append(PropertyChange("type", etree.QName(old).localname, kind))
        before, after = _properties(old), _properties(node)
        for name in sorted(set(before) | set(after)):
            if before.get(name) != after.get(name):
                item.changes.append(PropertyChange(name, before.get(name), after.get(name)))
        if kind == "lane":
            moved = _lane_change(old, node, before_index, after_index)
            if moved is not None:
                item.changes.append(moved)
        if item.changes:
            diff.changed.append(item)
    for element_id, node in before_index.items():
        if element_id not in after_index:
            diff.removed.append(
                ElementChange(element_id, etree.QName(node).localname, _label(node, before_index))
            )
    return diff
