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


def _message(error: Any, root: etree._Element, ids: dict[str, etree._Element]) -> str:
    text = _QUALIFIED.sub(_qualified, error.message)
    text = _EXPECTED.sub(_expected, text)
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
