"""Static checks of every piece of Python a BPMN document carries, before anything runs.

Scripts, pre/post scripts, conditions, timers, loop expressions, service-task parameters
and message correlation expressions are compiled by the sandbox's compiler (never run);
what it refuses is reported with the element and the line in the file where it stands.
"""

import re
from collections.abc import Iterator

from lxml import etree

from engine.sandbox import check_script

from .errors import Problem
from .xml import BPMN_NS, SPIFF_NS, describe

_B = f"{{{BPMN_NS}}}"
_S = f"{{{SPIFF_NS}}}"
PYTHON_FORMATS = {"", "python", "python3", "text/x-python", "py"}
# A script this long is not something a person maintains in a diagram; checking it costs.
MAX_SCRIPT_CHARS = 100_000
_EVALUATED = (
    ("conditionExpression", "condition"),
    ("condition", "condition"),
    ("completionCondition", "completion condition"),
    ("loopCondition", "loop condition"),
    ("loopCardinality", "loop cardinality"),
    ("timeDuration", "timer"),
    ("timeDate", "timer"),
    ("timeCycle", "timer"),
)
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


def _owner(node: etree._Element) -> etree._Element:
    """The nearest enclosing element that a modeler sees: a task, event or sequence flow."""
    current = node.getparent()
    while current is not None:
        local = etree.QName(current).localname
        if current.get("id") and local not in _WRAPPERS and not local.endswith("EventDefinition"):
            return current
        current = current.getparent()
    return node


def _expressions(scope: etree._Element) -> Iterator[tuple[etree._Element, etree._Element, str]]:
    """(element holding the text, owning element, what it is) for each piece of Python."""
    for node in scope.iter(f"{_B}scriptTask"):
        script = node.find(f"{_B}script")
        yield (script if script is not None else node), node, "script"
    for tag in ("preScript", "postScript"):
        for node in scope.iter(f"{_S}{tag}"):
            yield node, _owner(node), tag
    for tag, what in _EVALUATED:
        for node in scope.iter(f"{_B}{tag}"):
            yield node, _owner(node), what
    for node in scope.iter(f"{_S}parameter"):
        yield node, _owner(node), "service parameter"


def _correlations(root: etree._Element):
    for expression in root.iter(f"{_B}correlationPropertyRetrievalExpression"):
        for node in expression:
            if isinstance(node.tag, str):
                yield node, expression.getparent(), "correlation expression"


_SYNTAX = re.compile(r"^SyntaxError: (.*?) at statement: (.*)$", re.DOTALL)
_PYTHON_LANGUAGES = {"", "python", "python3", "text/x-python", "http://www.python.org/"}


def _language_hint(text: str, holder: etree._Element, root: etree._Element) -> str:
    """Why an expression is not Python, when its own document says what it is instead."""
    if text.lstrip().startswith("="):
        return (
            "; it looks like FEEL as Camunda 8 writes it (a leading '='), but expressions "
            "here are Python"
        )
    language = (holder.get("language") or root.get("expressionLanguage") or "").strip()
    if language.lower() not in _PYTHON_LANGUAGES:
        return f'; the document declares the language "{language}", but expressions here are Python'
    return ""


def _readable(reason: str) -> str:
    if match := _SYNTAX.match(reason):
        return f"it is not valid Python ({match.group(1)}): {match.group(2)}"
    return reason


def _check(text: str, mode: str) -> list[tuple[str, int | None]]:
    """(reason, line within the text) for each refusal; a text too big or deep is refused."""
    if len(text) > MAX_SCRIPT_CHARS:
        return [(f"it is {len(text):,} characters long; the limit is {MAX_SCRIPT_CHARS:,}", None)]
    try:
        refusals = check_script(text, mode=mode)
        return [(_readable(refusal.message), refusal.line) for refusal in refusals]
    except (RecursionError, MemoryError):
        return [("it is nested too deeply to be checked", None)]
    except Exception as exc:  # the compiler failing is a refusal, not a crash
        return [(f"it cannot be compiled ({type(exc).__name__}: {exc})", None)]


def _problem(file, owner, holder, what, reason, line_in_text) -> Problem:
    line = holder.sourceline or owner.sourceline
    if line and line_in_text:
        line += line_in_text - 1
    on_line = f" on line {line}" if line and line != owner.sourceline else ""
    message = f"{describe(owner)}: the {what}{on_line} is refused: {reason}."
    return Problem(message, file, owner.get("id", ""), line)


def script_problems(file: str, scopes: list[etree._Element], root: etree._Element) -> list[Problem]:
    """What the sandbox refuses in the executable processes `scopes` of one document."""
    problems = []
    found = [item for scope in scopes for item in _expressions(scope)]
    if scopes:
        found.extend(_correlations(root))
    for holder, owner, what in found:
        if what == "script":
            fmt = (owner.get("scriptFormat") or "").strip()
            if fmt.lower() not in PYTHON_FORMATS:
                message = (
                    f'{describe(owner)}: script language "{fmt}" is not supported; scripts '
                    'are Python (scriptFormat="python").'
                )
                problems.append(Problem(message, file, owner.get("id", ""), owner.sourceline))
                continue
        text = holder.get("value") if what == "service parameter" else holder.text
        if not text or not text.strip():
            continue
        mode = "exec" if what in ("script", "preScript", "postScript") else "eval"
        source = text if mode == "exec" else text.strip()
        # Lines are counted in the stripped text; add the blank lines stripped before it.
        skipped = text[: len(text) - len(text.lstrip())].count("\n") if mode == "eval" else 0
        for reason, line_in_text in _check(source, mode):
            if reason.startswith("it is not valid Python") and mode == "eval":
                reason += _language_hint(source, holder, root)
            line_in_text = line_in_text + skipped if line_in_text else None
            problems.append(_problem(file, owner, holder, what, reason, line_in_text))
    return problems
