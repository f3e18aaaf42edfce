"""Static checks of the Python in DMN decision tables, the way SpiffWorkflow's DMN engine runs it.

An input's expression and every output entry are Python expressions, checked like a
condition. An input entry (a unary test such as `> 5000`, `"gold"` or `? in (1, 2)`; `-`
matches anything) is not Python by itself: SpiffWorkflow's DMNEngine joins it to its input's
expression (`order_total> 5000`, `(segment) == ("gold")`), or evaluates it with `?` standing
for the input's value. That joining is done here by the library's own code with a script
engine that evaluates nothing, and what it would evaluate is checked. Like every expression
of a diagram, each text is checked without the blank space around it.

FEEL texts (a document written for Camunda, or a declared FEEL expressionLanguage; see
engine/decisions/model.py) are checked by decision_checks.py against the FEEL HyperCRM runs,
as are the hit policies and the decisions each decision requires.

Not checked: the entries of an input without an expression (SpiffWorkflow then compares the
data value its label names, which is known only at run time), and the entries of an input
whose expression is refused itself (that refusal is reported once, on the input).
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from lxml import etree

from engine.decisions.model import FEEL, PYTHON, default_language, language_of
from engine.runtime.spiff import DMNEngine, PythonScriptEngine

from .decision_checks import (
    entry_problem,
    graph_problems,
    input_entry_for,
    input_expression,
    output_entry_for,
    refused,
    rule_label,
    where_in_decision,
)
from .errors import Problem
from .scripts import file_line, language_hint, refusals

# What a deployment's decision tables may give the compiler: entries, and characters once
# every input entry is joined to its input's expression (each rule repeats that expression).
# Real tables stay far below; a hostile one would keep the check busy for minutes.
MAX_DECISION_ENTRIES = 3_000
MAX_DECISION_CHARS = 150_000
# SpiffWorkflow's name for the input's value where an input entry writes `?`.
_INPUT_VALUE = "dmninputexpr"


class _Recorder(PythonScriptEngine):
    """A script engine that evaluates nothing and keeps what it was asked to evaluate."""

    def __init__(self) -> None:
        super().__init__()
        self.expressions: list[str] = []

    def evaluate(self, task: Any, expression: str, external_context: Any = None) -> bool:
        self.expressions.append(expression)
        return True


def joined_expressions(input_expression: str, entry: str) -> list[str]:
    """The expressions SpiffWorkflow evaluates to test `entry` against its input, besides the
    input expression itself; raises SyntaxError when the entry cannot be joined to it."""
    recorder = _Recorder()
    # DMNEngine.evaluate reads nothing of the task but its workflow's script engine.
    task = SimpleNamespace(workflow=SimpleNamespace(script_engine=recorder))
    DMNEngine(None).evaluate(input_expression, entry, task)
    return [text for text in recorder.expressions if text != input_expression]


def _text(node: etree._Element, ns: str) -> etree._Element | None:
    return node.find(f"{{{ns}}}text")


def _problem(
    file: str,
    owner: etree._Element,
    where: str,
    holder: etree._Element,
    what: str,
    reason: str,
    line_in_text: int | None,
) -> Problem:
    line = file_line(holder, owner, line_in_text)
    return Problem(refused(where, what, reason, line, owner), file, owner.get("id", ""), line)


def _shown(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[:limit]}…"


def _tables(root: etree._Element) -> Iterator[tuple[str, etree._Element, str]]:
    """(namespace, decision table, decision id) for each decision table."""
    ns = etree.QName(root).namespace
    for decision in root.iter(f"{{{ns}}}decision"):
        for table in decision.iterfind(f"{{{ns}}}decisionTable"):
            yield ns, table, decision.get("id", "")


def _size(root: etree._Element) -> tuple[int, int]:
    """(entries, characters to compile) of the decision tables of one DMN document."""
    entries = chars = 0
    for ns, table, _decision_id in _tables(root):
        widths = [
            len((text.text or "").strip())
            for text in table.iterfind(f"{{{ns}}}input/{{{ns}}}inputExpression/{{{ns}}}text")
        ]
        rules = sum(1 for _ in table.iterfind(f"{{{ns}}}rule"))
        chars += sum(widths) * (rules + 1)
        for text in table.iterfind(f"{{{ns}}}rule/*/{{{ns}}}text"):
            entries += 1
            chars += len(text.text or "")
    return entries, chars


def _input_entry_problems(
    file: str,
    root: etree._Element,
    rule: etree._Element,
    where: str,
    entry: etree._Element,
    holder: etree._Element,
    source: "_Input",
) -> list[Problem]:
    """What the sandbox refuses in an input entry, joined to its input's expression."""
    text = holder.text or ""
    stripped = text.strip()
    if not stripped or stripped == "-" or source.expression is None:
        return []  # nothing to test, or no expression to join it to
    skipped = text[: len(text) - len(text.lstrip())].count("\n")
    what = input_entry_for(source.label)
    try:
        expressions = joined_expressions(source.expression, stripped)
    except SyntaxError as exc:
        reason = _(
            "it is not valid Python, neither as a value to compare the input with nor as a "
            "test that follows the input's expression (such as `> 100`, or `? in (1, 2)` "
            "with `?` for the input's value)"
        ) + language_hint(text, entry, root)
        return [_problem(file, rule, where, holder, what, reason, (exc.lineno or 1) + skipped)]
    except (RecursionError, MemoryError):
        reason = _("it is nested too deeply to be checked")
        return [_problem(file, rule, where, holder, what, reason, None)]
    problems = []
    for expression in expressions:
        # The entry ends what is evaluated: its lines are counted back from the end.
        before = expression.count("\n") - stripped.count("\n")
        shown = expression.replace(_INPUT_VALUE, "?")
        read_as = (
            pgettext("refused piece of a decision", "%(what)s, read as `%(shown)s`,")
            % {"what": what, "shown": _shown(shown)}
            if shown != stripped
            else what
        )
        for reason, line in refusals(expression, "eval"):
            reason = reason.replace(_INPUT_VALUE, "?")
            line_in_text = max(1, line - before) + skipped if line else None
            problems.append(_problem(file, rule, where, holder, read_as, reason, line_in_text))
    return problems


@dataclass
class _Input:
    label: str
    # None when there is none to join entries to, or it is refused itself.
    expression: str | None = None
    language: str = PYTHON


def _input_problems(
    file: str, root: etree._Element, ns: str, node: etree._Element, decision_id: str
) -> tuple[_Input, list[Problem]]:
    source = _Input(node.get("label") or node.get("name") or node.get("id", ""))
    expression = node.find(f"{{{ns}}}inputExpression")
    holder = _text(expression, ns) if expression is not None else None
    text = (holder.text or "") if holder is not None else ""
    if not text.strip():
        return source, []
    where = where_in_decision(node, decision_id, node.get("label") or node.get("name") or "")
    source.language = language_of(expression, default_language(root))
    if source.language != PYTHON:
        found = entry_problem(
            file, node, where, holder, input_expression(), text, source.language, False
        )
        if found is None:
            source.expression = text.strip()
        return source, [found] if found else []
    problems = []
    for reason, line_in_text in refusals(text, "eval"):
        if getattr(reason, "not_python", False):
            reason += language_hint(text, expression, root)
        problems.append(
            _problem(file, node, where, holder, input_expression(), reason, line_in_text)
        )
    if not problems:
        source.expression = text.strip()
    return source, problems


def _rule_problems(
    file: str,
    root: etree._Element,
    ns: str,
    rule: etree._Element,
    where: str,
    inputs: list[_Input],
    outputs: list[str],
) -> list[Problem]:
    problems: list[Problem] = []
    # Entries belong to the inputs and outputs by position, as SpiffWorkflow reads them.
    default = default_language(root)
    for index, entry in enumerate(rule.iterfind(f"{{{ns}}}inputEntry")):
        holder = _text(entry, ns)
        source = inputs[index] if index < len(inputs) else None
        if holder is None or source is None:
            continue
        language = language_of(entry, default)
        label = input_entry_for(source.label)
        text = holder.text or ""
        if language != PYTHON:
            found = entry_problem(file, rule, where, holder, label, text, language, True)
            problems.extend([found] if found else [])
        elif source.language == FEEL and text.strip() not in ("", "-"):
            reason = _(
                "it is Python, but its input's expression is FEEL: write both in one language"
            )
            problems.append(_problem(file, rule, where, holder, label, reason, None))
        elif source.expression is not None:
            problems.extend(_input_entry_problems(file, root, rule, where, entry, holder, source))
    for index, entry in enumerate(rule.iterfind(f"{{{ns}}}outputEntry")):
        holder = _text(entry, ns)
        text = (holder.text or "") if holder is not None else ""
        if not text.strip():
            continue
        label = outputs[index] if index < len(outputs) else ""
        what = output_entry_for(label)
        language = language_of(entry, default)
        if language != PYTHON:
            found = entry_problem(file, rule, where, holder, what, text, language, False)
            problems.extend([found] if found else [])
            continue
        for reason, line_in_text in refusals(text, "eval"):
            if getattr(reason, "not_python", False):
                reason += language_hint(text, entry, root)
            problems.append(_problem(file, rule, where, holder, what, reason, line_in_text))
    return problems


def _table_problems(
    file: str, root: etree._Element, ns: str, table: etree._Element, decision_id: str
) -> list[Problem]:
    problems: list[Problem] = []
    inputs: list[_Input] = []
    outputs: list[str] = []
    rules = 0
    for node in table:
        local = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if local == "input":
            source, found = _input_problems(file, root, ns, node, decision_id)
            inputs.append(source)
            problems.extend(found)
        elif local == "output":
            outputs.append(node.get("label") or node.get("name") or node.get("id", ""))
        elif local == "rule":
            rules += 1
            where = where_in_decision(node, decision_id, rule_label(rules))
            problems.extend(_rule_problems(file, root, ns, node, where, inputs, outputs))
        if local == "output":
            problems.extend(_output_values_problems(file, root, ns, node, decision_id))
    return problems


def _output_values_problems(
    file: str, root: etree._Element, ns: str, node: etree._Element, decision_id: str
) -> list[Problem]:
    """The allowed values of an output (PRIORITY and OUTPUT ORDER rank by them)."""
    values = node.find(f"{{{ns}}}outputValues")
    holder = _text(values, ns) if values is not None else None
    text = (holder.text or "") if holder is not None else ""
    if values is None or not text.strip():
        return []
    where = where_in_decision(node, decision_id, node.get("label") or node.get("name") or "")
    language = language_of(values, default_language(root))
    if language != PYTHON:
        what = pgettext("refused piece of a decision", "output values")
        found = entry_problem(file, node, where, holder, what, text, language, True)
        return [found] if found else []
    try:
        ast.literal_eval(f"[{text}]")
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        reason = _('they are not a list of Python values, such as "high", "medium", "low"')
        what = pgettext("refused piece of a decision", "output values")
        return [_problem(file, node, where, holder, what, reason, None)]
    return []


def decision_problems(dmn: dict[str, etree._Element]) -> list[Problem]:
    """What the sandbox refuses in the decision tables of every DMN file of a deployment."""
    sizes = [_size(root) for root in dmn.values()]
    entries, chars = sum(size[0] for size in sizes), sum(size[1] for size in sizes)
    if entries > MAX_DECISION_ENTRIES or chars > MAX_DECISION_CHARS:
        message = _(
            "The decision tables hold %(entries)s entries, %(chars)s characters of Python "
            "once each input entry is joined to its input's expression; the limits are "
            "%(max_entries)s entries and %(max_chars)s characters. Split them into smaller "
            "decisions or shorten the input expressions."
        ) % {
            "entries": number_format(entries, force_grouping=True),
            "chars": number_format(chars, force_grouping=True),
            "max_entries": number_format(MAX_DECISION_ENTRIES, force_grouping=True),
            "max_chars": number_format(MAX_DECISION_CHARS, force_grouping=True),
        }
        return [Problem(message, next(iter(dmn)))]
    problems: list[Problem] = []
    for file, root in dmn.items():
        for ns, table, decision_id in _tables(root):
            problems.extend(_table_problems(file, root, ns, table, decision_id))
    return problems + graph_problems(dmn)
