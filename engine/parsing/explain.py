"""Turn what SpiffWorkflow's parser raises into Problems that name the file, element and line.

SpiffWorkflow's ValidationException carries the element's id and tag but not its line
(it reads a `line_number` attribute lxml nodes do not have), and some of its messages
print Python reprs (`<Element sourceRef at 0x…>`, `KeyError('x')`). The element is looked
up again by id so that the message can say what it is, where it is, and why.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from lxml import etree

from engine.runtime.spiff import ValidationException

from .errors import Problem
from .xml import BPMN_NS, describe, find_by_id, short_tag

_B = f"{{{BPMN_NS}}}"
_MAX_MESSAGE = 600
_PY_ERROR_REPR = re.compile(r"^(\w+(?:Error|Exception))\((.*)\)$", re.DOTALL)
_ASSOCIATION = re.compile(r"^Cannot resolve data(Input|Output)Association")
_NO_CONDITION = "Non-default exclusive outgoing sequence flow without condition"
_SUBPROCESS_STARTS = re.compile(
    r"^Exactly one start event is required in a SubWorkflow Task; found (\d+)"
)
_NO_DECISION = re.compile(
    r'^No DMN Diagram available with id "(.*)", Available DMN ids are: ?(.*)$'
)
_MISSING_TARGET = re.compile(r"^When looking for a task spec, we found two items.*\((.*)\)$")


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _caused_by_recursion(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, RecursionError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


TOO_DEEP = gettext_lazy(
    "The diagram is chained or nested too deeply for the parser (it reached Python's "
    "recursion limit here); split the process into call activities or sub-processes."
)


def _association_reason(node: etree._Element | None, direction: str) -> str:
    """Which reference a task's data association cannot resolve, and what it points at."""
    tag = "sourceRef" if direction == "Input" else "targetRef"
    refs = []
    if node is not None:
        path = f"{_B}data{direction}Association/{_B}{tag}"
        refs = [(ref.text or "").strip() for ref in node.iterfind(path)]
    root = node.getroottree().getroot() if node is not None else None
    described = []
    for ref in refs:
        target = find_by_id(root, ref)
        if target is None:
            described.append(_('"%(ref)s" (no element has this id)') % {"ref": ref})
        else:
            described.append(describe(target))
    values = {"refs": ", ".join(described) or _("a data reference")}
    if direction == "Input":
        return (
            _(
                "It reads %(refs)s through a data input association, which SpiffWorkflow cannot "
                "resolve: only data objects and data stores this engine implements can be read or "
                "written this way."
            )
            % values
        )
    return (
        _(
            "It writes %(refs)s through a data output association, which SpiffWorkflow cannot "
            "resolve: only data objects and data stores this engine implements can be read or "
            "written this way."
        )
        % values
    )


ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0"


def _dialect_hint(node: etree._Element | None) -> str:
    """A note when the element is configured in a dialect this engine does not read."""
    if node is None:
        return ""
    holders = node.iterchildren(f"{_B}extensionElements", f"{_B}multiInstanceLoopCharacteristics")
    found = {
        short_tag(child): None
        for holder in holders
        for child in holder.iter()
        if isinstance(child.tag, str) and etree.QName(child).namespace == ZEEBE_NS
    }
    if not found:
        return ""
    names = ", ".join(list(found)[:3]) + (", …" if len(found) > 3 else "")
    return _(
        "It is configured with Camunda 8 (Zeebe) extensions (%(names)s), which this engine "
        "does not read: it runs Camunda 7 and SpiffArena diagrams."
    ) % {"names": names}


def _decision_reason(node: etree._Element | None, decision: str, available: str) -> str:
    available = available.strip().rstrip(".") or pgettext("no decisions", "none")
    if decision == "None":  # camunda:decisionRef is read as the decision's id (decision_task)
        return _("The business rule task names no decision to call.")
    return _(
        'It calls the decision "%(decision)s", but no DMN file of the deployment defines it '
        "(decisions defined: %(available)s)."
    ) % {"decision": decision, "available": available}


def _reason(exc: BaseException, node: etree._Element | None) -> str:
    reason = _explain(exc, node).rstrip()
    if reason and reason[-1] not in ".!?)":
        reason += "."
    hint = _dialect_hint(node)
    return f"{reason} {hint}" if hint else reason


def _explain(exc: BaseException, node: etree._Element | None) -> str:
    if _caused_by_recursion(exc):
        return str(TOO_DEEP)
    message = str(exc.args[0]) if exc.args else str(exc)
    if message.startswith("There is no support implemented for this task type"):
        tag = short_tag(node) if node is not None else getattr(exc, "tag", "")
        if not tag:
            return _(
                "SpiffWorkflow cannot execute this element; remove it or use a supported type."
            )
        return _(
            "SpiffWorkflow cannot execute %(tag)s elements; remove it or use a supported type."
        ) % {"tag": tag}
    if match := _ASSOCIATION.match(message):
        return _association_reason(node, match.group(1))
    if message.startswith(_NO_CONDITION):
        return _(
            "This flow leaves a gateway that chooses by conditions, but it has no condition and "
            "is not the gateway's default flow; give it a condition or make it the default."
        )
    if match := _SUBPROCESS_STARTS.match(message):
        return _(
            "SpiffWorkflow needs exactly one (none) start event inside an embedded sub-process; "
            "this one has %(count)s."
        ) % {"count": match.group(1)}
    if match := _NO_DECISION.match(message):
        return _decision_reason(node, match.group(1), match.group(2))
    if message.startswith("A loopMaximum or loopCondition must be specified"):
        return _(
            "It is drawn as a loop (standardLoopCharacteristics) with no loopCondition or "
            "loopMaximum, so it would never end; give it a loopCondition (an expression that "
            "ends the loop when true) or a loopMaximum, or draw the loop with a gateway."
        )
    if message.startswith("Time Specification Error. Unknown Time Specification"):
        return _("The timer has no timeDuration, timeDate or timeCycle.")
    if match := _MISSING_TARGET.match(message):
        return _(
            'An outgoing sequence flow leads to "%(target)s", which is not in the process.'
        ) % {"target": match.group(1)}
    if match := _PY_ERROR_REPR.match(message):
        return _("SpiffWorkflow could not read this element (%(error)s).") % {
            "error": f"{match.group(1)}: {match.group(2)}"
        }
    notes = list(getattr(exc, "notes", None) or []) + list(getattr(exc, "__notes__", None) or [])
    if notes:
        message = f"{message} ({'; '.join(str(n) for n in notes)})"
    return message


def _locate(
    exc: BaseException, roots: dict[str, etree._Element], default_file: str
) -> tuple[str, etree._Element | None]:
    file = getattr(exc, "file_name", "") or default_file
    element_id = getattr(exc, "id", "") or ""
    node = find_by_id(roots.get(file), element_id)
    if node is None and element_id:
        for other, root in roots.items():
            if (node := find_by_id(root, element_id)) is not None:
                return other, node
    return file, node


def problem_from(
    exc: BaseException, roots: dict[str, etree._Element], default_file: str
) -> Problem:
    """A Problem for anything the SpiffWorkflow parser raised while reading a deployment."""
    if not isinstance(exc, ValidationException):
        if _caused_by_recursion(exc):
            return Problem(str(TOO_DEEP), default_file)
        message = _("SpiffWorkflow could not read this file (%(error)s).") % {
            "error": f"{type(exc).__name__}: {exc}"
        }
        return Problem(_clip(message), default_file)
    file, node = _locate(exc, roots, default_file)
    element_id = getattr(exc, "id", "") or ""
    line = getattr(exc, "line_number", None)
    if not isinstance(line, int) or not line:
        line = node.sourceline if node is not None else None
    reason = _reason(exc, node)
    values = {"element": "", "id": element_id, "tag": getattr(exc, "tag", ""), "reason": reason}
    if node is not None:
        message = _("%(element)s: %(reason)s") % {**values, "element": describe(node)}
    elif element_id and values["tag"]:
        message = _('%(tag)s "%(id)s": %(reason)s') % values
    elif element_id:
        message = _('Element "%(id)s": %(reason)s') % values
    else:
        message = reason
    return Problem(_clip(message), file, element_id, line)
