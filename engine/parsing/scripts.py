"""Static checks of every piece of Python a BPMN document carries, before anything runs.

Scripts, pre/post scripts, conditions, timers, loop expressions, service-task parameters,
message, signal, error and escalation payloads, correlation expressions and keys, and the
`${…}` expressions of user-task assignment are compiled by the sandbox's compiler (never
run); what it refuses is reported with the element and the line in the file where it stands.
"""

import ast
import re
from collections.abc import Iterator

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from lxml import etree

from engine.dialects.juel import juel_to_python
from engine.sandbox import check_script
from engine.sandbox.timers import timer_refusal

from .camunda_io import pieces as camunda_pieces
from .errors import Problem
from .service_inputs import parameter_expressions
from .spiffarena import helper_refusals
from .xml import BPMN_NS, CAMUNDA_NS, SPIFF_NS, describe

_B = f"{{{BPMN_NS}}}"
_C = f"{{{CAMUNDA_NS}}}"
_S = f"{{{SPIFF_NS}}}"
PYTHON_FORMATS = {"", "python", "python3", "text/x-python", "py"}
# A script this long is not something a person maintains in a diagram; checking it costs.
MAX_SCRIPT_CHARS = 100_000
_EVALUATED = (
    ("conditionExpression", "condition"),
    ("condition", "condition"),
    ("completionCondition", "completion_condition"),
    ("loopCondition", "loop_condition"),
    ("loopCardinality", "loop_cardinality"),
    ("timeDuration", "timer"),
    ("timeDate", "timer"),
    ("timeCycle", "timer"),
)
_STATEMENTS = {
    "script",
    "preScript",
    "postScript",
    "input_parameter_script",
    "output_parameter_script",
    "listener_script",
}
# Who gets a user task and by when: a `${…}` value is evaluated when the task opens
# (engine/services/assignment.py); the candidate lists are split at commas first.
_ASSIGNMENT = (
    "assignee",
    "candidateGroups",
    "candidateUsers",
    "dueDate",
    "followUpDate",
    "priority",
)
_LISTS = {"candidateGroups", "candidateUsers"}
_ASSIGNMENT_EXPRESSION = re.compile(r"^\s*[$#]\{(.*)\}\s*$", re.DOTALL)
# Wrappers an expression sits in; the message names the flow element around them instead.
_WRAPPERS = {
    "conditionExpression",
    "condition",
    "completionCondition",
    "loopCondition",
    "loopCardinality",
    "timeDuration",
    "timeDate",
    "timeCycle",
    "extensionElements",
    "multiInstanceLoopCharacteristics",
    "standardLoopCharacteristics",
}

# (text, element holding it, element a modeler sees, what it is)
Found = tuple[str | None, etree._Element, etree._Element, str]


def _owner(node: etree._Element) -> etree._Element:
    """The nearest enclosing element that a modeler sees: a task, event or sequence flow."""
    current = node.getparent()
    while current is not None:
        local = etree.QName(current).localname
        if current.get("id") and local not in _WRAPPERS and not local.endswith("EventDefinition"):
            return current
        current = current.getparent()
    return node


def _expressions(scope: etree._Element) -> Iterator[Found]:
    """Each piece of Python inside one executable process."""
    for node in scope.iter(f"{_B}scriptTask"):
        script = node.find(f"{_B}script")
        holder = script if script is not None else node
        yield holder.text, holder, node, "script"
    for tag in ("preScript", "postScript"):
        for node in scope.iter(f"{_S}{tag}"):
            yield node.text, node, _owner(node), tag
    for tag, what in _EVALUATED:
        for node in scope.iter(f"{_B}{tag}"):
            yield node.text, node, _owner(node), what
    for node in scope.iter(f"{_S}parameter"):
        yield node.get("value"), node, _owner(node), "service_parameter"
    # Evaluated when the event or send task throws its message.
    for node in scope.iter(f"{_S}messagePayload"):
        yield node.text, node, _owner(node), "message_payload"
    for node in scope.iter(f"{_S}processVariableCorrelation"):
        for expression in node.iterfind(f"{_S}expression"):
            yield expression.text, expression, _owner(node), "correlation_expression"
    for node in scope.iter(f"{_S}property"):
        if node.get("name") == "correlationKey":
            yield node.get("value"), node, _owner(node), "correlation_key"
    for expression, node, task in parameter_expressions(scope):
        yield expression, node, task, "service_parameter"
    for node in scope.iter(f"{_C}in", f"{_C}out"):
        if expression := node.get("sourceExpression"):
            yield juel_to_python(expression), node, _owner(node), "variable_mapping"
    yield from camunda_pieces(scope)
    yield from _assignments(scope)


def _assignments(scope: etree._Element) -> Iterator[Found]:
    """The `${…}` expressions that say who gets a user task, by when and how urgently."""
    for task in scope.iter(f"{_B}userTask", f"{_B}manualTask"):
        properties = {
            prop.get("name"): prop
            for prop in task.iterfind(f"{_B}extensionElements/{_S}properties/{_S}property")
        }
        for name in _ASSIGNMENT:
            # A Camunda attribute wins over the SpiffArena property of the same name.
            holder, value = task, task.get(f"{_C}{name}")
            if not value and name in properties:
                holder, value = properties[name], properties[name].get("value")
            parts = value.split(",") if name in _LISTS and value else [value or ""]
            for part in parts:
                if _ASSIGNMENT_EXPRESSION.match(part.strip()):
                    yield juel_to_python(part.strip()), holder, task, f"assignment:{name}"


def _document_level(root: etree._Element) -> Iterator[Found]:
    """Expressions on a document's messages, signals, errors and escalations and its
    correlation properties: they run in whichever process throws or receives them."""
    for expression in root.iter(f"{_B}correlationPropertyRetrievalExpression"):
        for node in expression:
            if isinstance(node.tag, str):
                yield node.text, node, expression.getparent(), "correlation_expression"
    for message in root.iterchildren(f"{_B}message"):
        for node in message.iter(f"{_S}messagePayload"):
            yield node.text, node, message, "message_payload"
    for tag in ("signal", "error", "escalation"):
        for event in root.iterchildren(f"{_B}{tag}"):
            for node in event.iterfind(f"{_B}extensionElements/{_S}payloadExpression"):
                yield node.text, node, event, f"{tag}_payload"


_SYNTAX = re.compile(r"^SyntaxError: (.*?) at statement: (.*)$", re.DOTALL)
_PYTHON_LANGUAGES = {"", "python", "python3", "text/x-python", "http://www.python.org/"}


def language_hint(text: str, holder: etree._Element, root: etree._Element) -> str:
    """Why an expression is not Python, when its own document says what it is instead: a
    clause of its own (after a semicolon) that follows the reason it is refused."""
    if text.lstrip().startswith("="):
        return _(
            "; it looks like FEEL as Camunda 8 writes it (a leading '='), but expressions "
            "here are Python"
        )
    language = (
        holder.get("language") or holder.get("expressionLanguage") or root.get("expressionLanguage")
    )
    language = (language or "").strip()
    if language.lower() not in _PYTHON_LANGUAGES:
        return _(
            '; the document declares the language "%(language)s", but expressions here are Python'
        ) % {"language": language}
    return ""


class Reason(str):
    """Why the sandbox refuses a text, in the reader's language; `not_python` when the
    text is not Python at all (the document may say which language it is written in)."""

    not_python = False


def _not_python(error: str, statement: str) -> Reason:
    reason = Reason(
        _("it is not valid Python (%(error)s): %(statement)s")
        % {"error": error, "statement": statement}
    )
    reason.not_python = True
    return reason


def _readable(reason: str) -> Reason:
    if match := _SYNTAX.match(reason):
        return _not_python(match.group(1), match.group(2))
    return Reason(reason)


def _check(text: str, mode: str) -> list[tuple[str, int | None]]:
    """(reason, line within the text) for each refusal; a text too big or deep is refused."""
    if len(text) > MAX_SCRIPT_CHARS:
        reason = _("it is %(count)s characters long; the limit is %(limit)s") % {
            "count": number_format(len(text), force_grouping=True),
            "limit": number_format(MAX_SCRIPT_CHARS, force_grouping=True),
        }
        return [(Reason(reason), None)]
    try:
        refusals = check_script(text, mode=mode)
        return [(_readable(refusal.message), refusal.line) for refusal in refusals]
    except (RecursionError, MemoryError):
        return [(Reason(_("it is nested too deeply to be checked")), None)]
    except Exception as exc:  # the compiler failing is a refusal, not a crash
        reason = _("it cannot be compiled (%(error)s)") % {"error": f"{type(exc).__name__}: {exc}"}
        return [(Reason(reason), None)]


def refusals(text: str, mode: str) -> list[tuple[str, int | None]]:
    """(reason, line within `text`) for what the sandbox refuses in a script (mode "exec")
    or an expression ("eval"); an expression is checked without the blank space around it."""
    if mode == "exec":
        return _check(text, mode)
    # Lines are counted in the stripped text; add the blank lines stripped before it.
    skipped = text[: len(text) - len(text.lstrip())].count("\n")
    return [
        (reason, line + skipped if line else None) for reason, line in _check(text.strip(), mode)
    ]


def file_line(
    holder: etree._Element, owner: etree._Element, line_in_text: int | None
) -> int | None:
    """The line in the file of a line inside the text `holder` carries."""
    line = holder.sourceline or owner.sourceline
    if line and line_in_text:
        line += line_in_text - 1
    return line


# What each piece of Python is, as the refusal names it (with its article where the
# language needs one: « la condition », « le minuteur »).
_WHAT = {
    "script": pgettext_lazy("refused piece of Python", "script"),
    "preScript": pgettext_lazy("refused piece of Python", "preScript"),
    "postScript": pgettext_lazy("refused piece of Python", "postScript"),
    "condition": pgettext_lazy("refused piece of Python", "condition"),
    "completion_condition": pgettext_lazy("refused piece of Python", "completion condition"),
    "loop_condition": pgettext_lazy("refused piece of Python", "loop condition"),
    "loop_cardinality": pgettext_lazy("refused piece of Python", "loop cardinality"),
    "timer": pgettext_lazy("refused piece of Python", "timer"),
    "service_parameter": pgettext_lazy("refused piece of Python", "service parameter"),
    "message_payload": pgettext_lazy("refused piece of Python", "message payload"),
    "correlation_expression": pgettext_lazy("refused piece of Python", "correlation expression"),
    "correlation_key": pgettext_lazy("refused piece of Python", "correlation key"),
    "variable_mapping": pgettext_lazy("refused piece of Python", "variable mapping"),
    "input_parameter": pgettext_lazy("refused piece of Python", "input parameter"),
    "output_parameter": pgettext_lazy("refused piece of Python", "output parameter"),
    "input_parameter_script": pgettext_lazy("refused piece of Python", "input parameter script"),
    "output_parameter_script": pgettext_lazy("refused piece of Python", "output parameter script"),
    "listener": pgettext_lazy("refused piece of Python", "listener expression"),
    "listener_script": pgettext_lazy("refused piece of Python", "listener script"),
    "signal_payload": pgettext_lazy("refused piece of Python", "signal payload"),
    "error_payload": pgettext_lazy("refused piece of Python", "error payload"),
    "escalation_payload": pgettext_lazy("refused piece of Python", "escalation payload"),
}


def what_word(what: str) -> str:
    """The reader's words for a piece of Python, by its key (`"timer"`, `"assignment:assignee"`
    for the assignee expression …)."""
    if what in _WHAT:
        return str(_WHAT[what])
    if what.startswith("assignment:"):
        attribute = what.removeprefix("assignment:")
        return pgettext("refused piece of Python", "%(attribute)s expression") % {
            "attribute": attribute
        }
    return what


def _problem(
    file: str,
    owner: etree._Element,
    holder: etree._Element,
    what: str,
    reason: str,
    line_in_text: int | None,
) -> Problem:
    line = file_line(holder, owner, line_in_text)
    values = {"element": describe(owner), "what": what_word(what), "line": line, "reason": reason}
    if line and line != owner.sourceline:
        message = _("%(element)s: the %(what)s on line %(line)s is refused: %(reason)s.") % values
    else:
        message = _("%(element)s: the %(what)s is refused: %(reason)s.") % values
    return Problem(message, file, owner.get("id", ""), line)


def _literal_timer_refusal(text: str) -> str | None:
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None  # an expression: bounded when it runs
    return timer_refusal(value)


def script_problems(file: str, scopes: list[etree._Element], root: etree._Element) -> list[Problem]:
    """What the sandbox refuses in the executable processes `scopes` of one document."""
    problems = []
    found = [item for scope in scopes for item in _expressions(scope)]
    if scopes:
        found.extend(_document_level(root))
    for text, holder, owner, what in found:
        if what == "script":
            fmt = (owner.get("scriptFormat") or "").strip()
            if fmt.lower() not in PYTHON_FORMATS:
                message = _(
                    '%(element)s: script language "%(format)s" is not supported; scripts '
                    'are Python (scriptFormat="python").'
                ) % {"element": describe(owner), "format": fmt}
                problems.append(Problem(message, file, owner.get("id", ""), owner.sourceline))
                continue
        if not text or not text.strip():
            continue
        if what == "timer" and (reason := _literal_timer_refusal(text)):
            problems.append(_problem(file, owner, holder, what, reason, None))
            continue
        mode = "exec" if what in _STATEMENTS else "eval"
        refused = refusals(text, mode)
        for reason, line_in_text in refused:
            if getattr(reason, "not_python", False) and mode == "eval":
                reason += language_hint(text, holder, root)
            problems.append(_problem(file, owner, holder, what, reason, line_in_text))
        if not refused:
            for reason, line_in_text in helper_refusals(text, mode):
                problems.append(_problem(file, owner, holder, what, reason, line_in_text))
    return problems
