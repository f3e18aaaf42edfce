"""Safe XML reading: no DTDs, no entities, no network, bounded size, depth and element count."""

import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from lxml import etree

from .errors import DeploymentInvalid, Problem

# A DOCTYPE is where entity tricks live (XXE file reads, "billion laughs"); BPMN needs none.
_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# libxml2 stops at 256 levels of nesting without XML_PARSE_HUGE; diagrams need far fewer.
MAX_DEPTH = 256
# A large real diagram has a few thousand elements; beyond this, checking would take too long.
MAX_ELEMENTS = 200_000

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DMN_NAMESPACES = (
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
    "https://www.omg.org/spec/DMN/20191111/MODEL/",
    "http://www.omg.org/spec/DMN/20180521/MODEL/",
    "https://www.omg.org/spec/DMN/20230324/MODEL/",
)
CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
_PREFIXES = {
    BPMN_NS: "bpmn",
    CAMUNDA_NS: "camunda",
    SPIFF_NS: "spiffworkflow",
    **dict.fromkeys(DMN_NAMESPACES, "dmn"),
}
_LIMIT_HINT = re.compile(r"[,;]?\s*(use|try) XML_PARSE_HUGE( option)?", re.IGNORECASE)


# BPMN's activities by local name: tasks of every kind, sub-processes, transactions and call
# activities. Each takes one outgoing flow in SpiffWorkflow and runs pre- and post-scripts.
ACTIVITY_TAGS = frozenset(
    {
        "task",
        "userTask",
        "manualTask",
        "scriptTask",
        "serviceTask",
        "sendTask",
        "receiveTask",
        "businessRuleTask",
        "subProcess",
        "transaction",
        "callActivity",
    }
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        encoding="utf-8",
    )


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    text = exc.msg or str(exc)
    if "Excessive depth" in text:
        return _(
            "The XML nests elements more than %(depth)s levels deep; BPMN needs far fewer."
        ) % {"depth": MAX_DEPTH}
    if "Text node too long" in text:
        return _(
            "One text in the file is longer than %(limit)s characters, the most the XML "
            "reader accepts in one piece."
        ) % {"limit": number_format(10_000_000, force_grouping=True)}
    if "XML_PARSE_HUGE" in text or "Resource limit exceeded" in text:
        return _("The XML exceeds a size limit of the reader: %(error)s.") % {
            "error": _LIMIT_HINT.sub("", text)
        }
    return _("The file is not well-formed XML: %(error)s") % {"error": text}


def parse_xml(name: str, text: str) -> etree._Element:
    """Parse one file's text; raise DeploymentInvalid with the line of the first fault."""
    if match := _DOCTYPE.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise DeploymentInvalid(
            [
                Problem(
                    _(
                        "Document type declarations and entities are not allowed in BPMN or DMN "
                        "files (they can read server files or expand without limit)."
                    ),
                    name,
                    line=line,
                )
            ]
        )
    if not text.strip():
        raise DeploymentInvalid([Problem(_("The file is empty."), name)])
    try:
        root = etree.fromstring(text.encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        raise DeploymentInvalid([Problem(_syntax_message(exc), name, line=exc.lineno or None)])
    except (etree.LxmlError, ValueError) as exc:
        message = _("The file cannot be read as XML: %(error)s") % {"error": exc}
        raise DeploymentInvalid([Problem(message, name)])
    if root is None:
        raise DeploymentInvalid([Problem(_("The file holds no XML element."), name)])
    count = sum(1 for _element in root.iter())
    if count > MAX_ELEMENTS:
        raise DeploymentInvalid(
            [
                Problem(
                    _("The file holds %(count)s XML elements; the limit is %(limit)s.")
                    % {
                        "count": number_format(count, force_grouping=True),
                        "limit": number_format(MAX_ELEMENTS, force_grouping=True),
                    },
                    name,
                )
            ]
        )
    return root


def line_of(root: etree._Element, element_id: str) -> int | None:
    node = find_by_id(root, element_id)
    return node.sourceline if node is not None else None


def find_by_id(root: etree._Element | None, element_id: str) -> etree._Element | None:
    """The first element, in document order, whose id attribute is `element_id`."""
    if root is None or not element_id:
        return None
    # A walk, not XPath `//*[@id=…]`: libxml2 takes quadratic time on that with nesting.
    for node in root.iter():
        if isinstance(node.tag, str) and node.get("id") == element_id:
            return node
    return None


def short_tag(node: etree._Element) -> str:
    """`bpmn:serviceTask` for a BPMN element, `dmn:rule` for a DMN one, `prefix:name` or the
    bare name otherwise."""
    if not isinstance(node.tag, str):
        return "comment"
    qname = etree.QName(node)
    prefix = _PREFIXES.get(qname.namespace) or node.prefix
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def describe(node: etree._Element) -> str:
    """How a message names an element: `bpmn:userTask "approve" (Approve order) at line 12`."""
    text = short_tag(node)
    if node.get("id"):
        text += f' "{node.get("id")}"'
    name = " ".join((node.get("name") or "").split())
    if name:
        text += f" ({name[:60]}{'…' if len(name) > 60 else ''})"
    if node.sourceline:
        text = _("%(element)s at line %(line)s") % {"element": text, "line": node.sourceline}
    return text


def id_index(root: etree._Element) -> dict[str, etree._Element]:
    """{id: first element with that id}, for looking many elements up in one document."""
    index: dict[str, etree._Element] = {}
    for node in root.iter():
        if isinstance(node.tag, str) and node.get("id") is not None:
            index.setdefault(node.get("id"), node)
    return index


def is_bpmn_document(root: etree._Element) -> bool:
    return etree.QName(root).namespace == BPMN_NS and etree.QName(root).localname == "definitions"


def is_dmn_document(root: etree._Element) -> bool:
    return etree.QName(root).namespace in DMN_NAMESPACES
