"""Deploy-time checks of DMN decisions beyond their Python: FEEL, hit policies, requirements.

A FEEL text outside the subset HyperCRM runs (engine/decisions/feel_parse.py) is refused
with the construct named; so is an expression language it does not run, an aggregation
under a hit policy other than COLLECT, PRIORITY or OUTPUT ORDER without the allowed output
values that order them (the XML Schema already refuses a hit policy or an aggregation DMN
does not define), a required decision no DMN file of the deployment defines, a
required decision without a decision table, and decisions that require each other in a
cycle.
"""

from lxml import etree

from engine.decisions.feel_parse import FeelError, parse_expression, parse_unary_tests
from engine.decisions.model import (
    FEEL,
    PYTHON,
    Decision,
    read_decisions,
)

from .errors import Problem
from .scripts import file_line

FEEL_SUBSET = (
    "HyperCRM runs FEEL's simple unary tests and simple expressions (comparisons, ranges "
    "such as [5..8], lists, not(…), -, strings, numbers, booleans, dates, names and paths, "
    "arithmetic, and / or, if … then … else, and the functions date, time, date and time, "
    "duration, string, number, not, abs, floor, ceiling, min, max, sum, count, contains)"
)


def feel_refusal(text: str, unary: bool) -> tuple[str, int] | None:
    """(reason, line within the text) when a FEEL text is outside the subset, else None."""
    try:
        parse_unary_tests(text) if unary else parse_expression(text)
    except FeelError as exc:
        return f"{exc.construct} is not in the FEEL HyperCRM runs; {FEEL_SUBSET}", exc.line
    return None


def language_refusal(language: str) -> str | None:
    if language in (FEEL, PYTHON):
        return None
    return (
        f'its expression language "{language}" is not one HyperCRM runs: write it in FEEL '
        '(expressionLanguage="https://www.omg.org/spec/DMN/20191111/FEEL/") or in Python'
    )


def entry_problem(file, owner, where, holder, what, text, language, unary) -> Problem | None:
    """The refusal of one FEEL entry (or of an entry in a language not run), if any."""
    if (reason := language_refusal(language)) is not None:
        line_in_text = None
    elif language != FEEL:
        return None
    elif (found := feel_refusal(text, unary)) is not None:
        reason, line_in_text = found
    else:
        return None
    line = file_line(holder, owner, line_in_text) if holder is not None else owner.sourceline
    on_line = f" on line {line}" if line and line != owner.sourceline else ""
    message = f"{where}: the {what}{on_line} is refused: {reason}."
    return Problem(message, file, owner.get("id", ""), line)


def _table_problems(file: str, decision: Decision) -> list[Problem]:
    where = f'The decision "{decision.id}" at line {decision.line}'
    policy, aggregation = decision.hit_policy, decision.aggregation
    reasons = []
    if aggregation and policy != "COLLECT":
        reasons.append(
            f"it aggregates ({aggregation}) under the hit policy {policy}: only COLLECT aggregates"
        )
    if policy in ("PRIORITY", "OUTPUT ORDER") and not any(
        o.values is not None and o.values.text.strip() for o in decision.outputs
    ):
        reasons.append(
            f"its hit policy {policy} orders the rules by their outputs' allowed values, "
            'but no output lists them (set "Output values" on an output, e.g. '
            '"high","medium","low")'
        )
    return [
        Problem(f"{where} is refused: {reason}.", file, decision.id, decision.line)
        for reason in reasons
    ]


def _cycle(start: str, requires: dict[str, list[str]]) -> list[str] | None:
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        path.append(node)
        for following in requires.get(node, []):
            if (found := visit(following)) is not None:
                return found
        path.pop()
        return None

    return visit(start)


def _requirement_reason(required: str, decisions: dict[str, Decision]) -> str | None:
    needed = decisions.get(required)
    if needed is None:
        known = ", ".join(sorted(decisions)) or "none"
        return (
            f'it requires the decision "{required}", which no DMN file of the deployment '
            f"defines (decisions defined: {known})"
        )
    if not needed.has_table:
        return (
            f'it requires the decision "{required}", which has no decision table (HyperCRM '
            "runs decision tables only)"
        )
    return None


def graph_problems(dmn: dict[str, etree._Element]) -> list[Problem]:
    """Hit policies and decision requirements of every DMN file of a deployment."""
    decisions: dict[str, Decision] = {}
    problems: list[Problem] = []
    for file, root in dmn.items():
        for decision in read_decisions(file, root):
            decisions.setdefault(decision.id, decision)
            problems.extend(_table_problems(file, decision))
    requires = {d.id: d.required for d in decisions.values()}
    reported: set[str] = set()
    for decision in decisions.values():
        where = f'The decision "{decision.id}" at line {decision.line}'
        reasons = [_requirement_reason(r, decisions) for r in decision.required]
        cycle = _cycle(decision.id, requires)
        if cycle and cycle[0] == decision.id and decision.id not in reported:
            reported.update(cycle)
            reasons.append(
                f"the decisions it requires lead back to it ({' → '.join(cycle)}); a "
                "decision cannot require itself"
            )
        problems.extend(
            Problem(f"{where} is refused: {reason}.", decision.file, decision.id, decision.line)
            for reason in reasons
            if reason
        )
    return problems
