"""Check BPMN and DMN documents against their XML Schemas, reporting every fault with its line.

SpiffWorkflow's own validator stops at the first fault and reports only libxml2's last
message; this one lists up to MAX_ERRORS faults, each with its line, the element it is
about and a message that names elements the way the diagram does (`bpmn:task`).
"""

import re
import threading
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from engine.runtime.spiff import DMN_SCHEMAS, VALIDATOR

from .errors import Problem
from .xml import BPMN_NS, CAMUNDA_NS, SPIFF_NS, describe, is_bpmn_document

MAX_ERRORS = 10
_NAMESPACES = {BPMN_NS: "bpmn", CAMUNDA_NS: "camunda", SPIFF_NS: "spiffworkflow"}
_QUALIFIED = re.compile(r"\{([^}]*)\}(\w+)")
_EXPECTED = re.compile(r"Expected is (?:one of )?\(\s*([^)]*)\)")
_BAD_ID = re.compile(r"attribute 'id': '([^']*)' is not a valid value of the atomic type 'xs:ID'")
# An lxml XMLSchema keeps its error log on the object: one validation at a time per schema.
_lock = threading.Lock()
_dmn_schemas: dict[str, etree.XMLSchema] = {}


def _qualified(match: re.Match[str]) -> str:
    prefix = _NAMESPACES.get(match.group(1))
    return f"{prefix}:{match.group(2)}" if prefix else match.group(2)


def _expected(match: re.Match[str]) -> str:
    names = [n.strip() for n in match.group(1).split(",") if n.strip()]
    if len(names) > 6:
        return _("Expected one of: %(names)s and %(count)s more") % {
            "names": ", ".join(names[:6]),
            "count": len(names) - 6,
        }
    return _("Expected one of: %(names)s") % {"names": ", ".join(names)}


def _element_at(root: etree._Element, line: int | None, path: str | None) -> etree._Element | None:
    """The element libxml2's error is about: by its XPath when given, else by line."""
    if path:
        try:
            found = root.getroottree().xpath(path)
        except etree.XPathError:
            found = []
        if found and isinstance(found[0], etree._Element):
            return found[0]
    if line:
        for node in root.iter():
            if node.sourceline == line and isinstance(node.tag, str):
                return node
    return None


# libxml2's commonest faults, each said as a whole sentence (the English keeps its words).
_MISSING_ATTRIBUTE = re.compile(
    r"^Element '([^']+)': The attribute '([^']+)' is required but missing\.$"
)
_BAD_VALUE = re.compile(
    r"^Element '([^']+)', attribute '([^']+)': '(.*)' is not a valid value of the atomic type "
    r"'([^']+)'\.$",
    re.DOTALL,
)
_NOT_ALLOWED = re.compile(
    r"^Element '([^']+)', attribute '([^']+)': The attribute '[^']+' is not allowed\.$"
)
_NOT_EXPECTED = re.compile(
    r"^Element '([^']+)': This element is not expected\."
    r"(?: (Expected is (?:one of )?\([^)]*\))\.)?$"
)
_MISSING_CHILD = re.compile(
    r"^Element '([^']+)': Missing child element\(s\)\. (Expected is (?:one of )?\([^)]*\))\.$"
)
_TEXT_INSIDE = re.compile(
    r"^Element '([^']+)': Character content other than whitespace is not allowed because the "
    r"content type is 'element-only'\.$"
)


def _libxml2_sentence(text: str) -> str | None:
    """A fault of `text` (libxml2's words, elements named as the diagram names them) in the
    reader's language, or None when it is not one of the commonest."""
    if match := _MISSING_ATTRIBUTE.match(text):
        return _(
            "Not valid BPMN/DMN (XML Schema): Element '%(element)s': The attribute "
            "'%(attribute)s' is required but missing."
        ) % {"element": match.group(1), "attribute": match.group(2)}
    if match := _BAD_VALUE.match(text):
        return _(
            "Not valid BPMN/DMN (XML Schema): Element '%(element)s', attribute '%(attribute)s': "
            "'%(value)s' is not a valid value of the atomic type '%(type)s'."
        ) % dict(zip(("element", "attribute", "value", "type"), match.groups(), strict=True))
    if match := _NOT_ALLOWED.match(text):
        return _(
            "Not valid BPMN/DMN (XML Schema): Element '%(element)s', attribute '%(attribute)s': "
            "The attribute '%(attribute)s' is not allowed."
        ) % {"element": match.group(1), "attribute": match.group(2)}
    if match := _NOT_EXPECTED.match(text):
        if not match.group(2):
            return _(
                "Not valid BPMN/DMN (XML Schema): Element '%(element)s': This element is not "
                "expected."
            ) % {"element": match.group(1)}
        return _(
            "Not valid BPMN/DMN (XML Schema): Element '%(element)s': This element is not "
            "expected. %(expected)s."
        ) % {"element": match.group(1), "expected": _EXPECTED.sub(_expected, match.group(2))}
    if match := _MISSING_CHILD.match(text):
        return _(
            "Not valid BPMN/DMN (XML Schema): Element '%(element)s': Missing child element(s). "
            "%(expected)s."
        ) % {"element": match.group(1), "expected": _EXPECTED.sub(_expected, match.group(2))}
    if match := _TEXT_INSIDE.match(text):
        return _(
            "Not valid BPMN/DMN (XML Schema): Element '%(element)s': Character content other "
            "than whitespace is not allowed because the content type is 'element-only'."
        ) % {"element": match.group(1)}
    return None


def _message(error: Any, root: etree._Element, ids: dict[str, etree._Element]) -> str:
    qualified = _QUALIFIED.sub(_qualified, error.message)
    text = _EXPECTED.sub(_expected, qualified)
    if bad := _BAD_ID.search(error.message):
        value = bad.group(1)
        first = ids.get(value)
        if first is not None and first.sourceline != error.line:
            return _(
                'The id "%(id)s" is used twice: %(element)s has it already; ids must '
                "be unique in a file."
            ) % {"id": value, "element": describe(first)}
        return _(
            '"%(id)s" is not a valid id: an id starts with a letter or "_" and has no spaces.'
        ) % {"id": value}
    if sentence := _libxml2_sentence(qualified):
        return sentence
    # libxml2's own words follow, in English: they name the elements and attributes at fault.
    return _("Not valid BPMN/DMN (XML Schema): %(error)s") % {"error": text}


def _validate(schema: etree.XMLSchema, name: str, root: etree._Element) -> list[Problem]:
    with _lock:
        if schema.validate(root):
            return []
        errors = list(schema.error_log)
    ids: dict[str, etree._Element] = {}
    for node in root.iter():
        if isinstance(node.tag, str) and node.get("id") and node.get("id") not in ids:
            ids[node.get("id")] = node
    problems = []
    for error in errors[:MAX_ERRORS]:
        node = _element_at(root, error.line, getattr(error, "path", None))
        element_id = node.get("id", "") if node is not None else ""
        problems.append(Problem(_message(error, root, ids), name, element_id, error.line or None))
    if len(errors) > MAX_ERRORS:
        more = len(errors) - MAX_ERRORS
        message = ngettext(
            "…and %(count)s more XML Schema fault in this file.",
            "…and %(count)s more XML Schema faults in this file.",
            more,
        ) % {"count": more}
        problems.append(Problem(message, name))
    return problems


def _dmn_schema(namespace: str) -> etree.XMLSchema | None:
    path = DMN_SCHEMAS.get(namespace)
    if path is None:
        return None
    with _lock:
        if namespace not in _dmn_schemas:
            _dmn_schemas[namespace] = etree.XMLSchema(etree.parse(path))
        return _dmn_schemas[namespace]


def schema_problems(name: str, root: etree._Element) -> list[Problem]:
    """Every XML Schema fault of one BPMN or DMN document (none when it has no known schema)."""
    if is_bpmn_document(root):
        # BPMN.io writes correlation expressions where the schema wants messagePath.
        VALIDATOR.preprocess(root)
        return _validate(VALIDATOR.validator, name, root)
    schema = _dmn_schema(etree.QName(root).namespace)
    return _validate(schema, name, root) if schema is not None else []
