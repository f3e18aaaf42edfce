"""Safe XML reading: no DTDs, no entities, no network, bounded size."""

import re

from lxml import etree

from .errors import DeploymentInvalid, Problem

# A DOCTYPE is where entity tricks live (XXE file reads, "billion laughs"); BPMN needs none.
_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DMN_NAMESPACES = (
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
    "https://www.omg.org/spec/DMN/20191111/MODEL/",
    "http://www.omg.org/spec/DMN/20180521/MODEL/",
    "https://www.omg.org/spec/DMN/20230324/MODEL/",
)
CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"


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


def parse_xml(name: str, text: str) -> etree._Element:
    """Parse one file's text; raise DeploymentInvalid with the line of the first fault."""
    if match := _DOCTYPE.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise DeploymentInvalid(
            [
                Problem(
                    "Document type declarations and entities are not allowed in BPMN or DMN "
                    "files (they can read server files or expand without limit).",
                    name,
                    line=line,
                )
            ]
        )
    try:
        root = etree.fromstring(text.encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        raise DeploymentInvalid(
            [Problem(f"The file is not well-formed XML: {exc.msg}", name, line=exc.lineno)]
        )
    if root is None:
        raise DeploymentInvalid([Problem("The file holds no XML element.", name)])
    return root


def line_of(root: etree._Element, element_id: str) -> int | None:
    if not element_id:
        return None
    found = root.xpath("//*[@id=$id]", id=element_id)
    return found[0].sourceline if found else None


def is_bpmn_document(root: etree._Element) -> bool:
    return etree.QName(root).namespace == BPMN_NS and etree.QName(root).localname == "definitions"


def is_dmn_document(root: etree._Element) -> bool:
    return etree.QName(root).namespace in DMN_NAMESPACES
