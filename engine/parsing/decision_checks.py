"""Deploy-time checks of DMN decisions beyond their Python: FEEL, hit policies, requirements.

A FEEL text outside the subset HyperCRM runs (engine/decisions/feel_parse.py) is refused
with the construct named; so is an expression language it does not run, an aggregation
under a hit policy other than COLLECT, PRIORITY or OUTPUT ORDER without the allowed output
values that order them (the XML Schema already refuses a hit policy or an aggregation DMN
does not define), a required decision no DMN file of the deployment defines, a
required decision without a decision table, and decisions that require each other in a
cycle.
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from lxml import etree

from engine.decisions.feel_parse import FeelError, parse_expression, parse_unary_tests
from engine.decisions.model import FEEL, PYTHON, Decision, read_decisions

from .callees import is_imported
from .errors import Problem
from .scripts import file_line, refusals
from .xml import short_tag


def feel_refusal(text: str, unary: bool) -> tuple[str, int] | None:
    """(reason, line within the text) when a FEEL text is outside the subset, else None."""
    try:
        parse_unary_tests(text) if unary else parse_expression(text)
    except FeelError as exc:
        reason = _(
            "%(construct)s is not in the FEEL HyperCRM runs; HyperCRM runs FEEL's simple "
            "unary tests and simple expressions (comparisons, ranges such as [5..8], lists, "
            "not(…), -, strings, numbers, booleans, dates, names and paths, arithmetic, and / "
            "or, if … then … else, and the functions date, time, date and time, duration, "
            "string, number, not, abs, floor, ceiling, min, max, sum, count, contains)"
        ) % {"construct": exc.construct}
        return reason, exc.line
    return None


def language_refusal(language: str) -> str | None:
    if language in (FEEL, PYTHON):
        return None
    return _(
        'its expression language "%(language)s" is not one HyperCRM runs: write it in FEEL '
        '(expressionLanguage="%(feel)s") or in Python'
    ) % {"language": language, "feel": "https://www.omg.org/spec/DMN/20191111/FEEL/"}


def input_expression() -> str:
    return pgettext("refused piece of a decision", "input expression")


def input_entry_for(label: str) -> str:
    return pgettext("refused piece of a decision", 'input entry for "%(input)s"') % {"input": label}


def output_entry_for(label: str) -> str:
    if not label:
        return pgettext("refused piece of a decision", "output entry")
    return pgettext("refused piece of a decision", 'output entry for "%(output)s"') % {
        "output": label
    }


def rule_label(number: int) -> str:
    return _("rule %(number)s") % {"number": number}


def where_in_decision(node: etree._Element, decision_id: str, label: str) -> str:
    """`dmn:rule "Rule_1" (rule 2) of decision "approval" at line 24`."""
    values = {
        "tag": short_tag(node),
        "id": node.get("id", ""),
        "label": label,
        "decision": decision_id,
        "line": node.sourceline,
    }
    if label:
        return _('%(tag)s "%(id)s" (%(label)s) of decision "%(decision)s" at line %(line)s') % (
            values
        )
    return _('%(tag)s "%(id)s" of decision "%(decision)s" at line %(line)s') % values


def refused(element: str, what: str, reason: str, line: int | None, owner: etree._Element) -> str:
    """`<element>: the <what> on line N is refused: <reason>.` (scripts.py's sentence)."""
    values = {"element": element, "what": what, "reason": reason, "line": line}
    if line and line != owner.sourceline:
        return _("%(element)s: the %(what)s on line %(line)s is refused: %(reason)s.") % values
    return _("%(element)s: the %(what)s is refused: %(reason)s.") % values


def entry_problem(
    file: str,
    owner: etree._Element,
    where: str,
    holder: etree._Element,
    what: str,
    text: str,
    language: str,
    unary: bool,
) -> Problem | None:
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
    message = refused(where, what, reason, line, owner)
    return Problem(message, file, owner.get("id", ""), line)


def _decision_refused(decision: Decision, reason: str) -> Problem:
    message = _('The decision "%(decision)s" at line %(line)s is refused: %(reason)s.') % {
        "decision": decision.id,
        "line": decision.line,
        "reason": reason,
    }
    return Problem(message, decision.file, decision.id, decision.line)


def _table_problems(decision: Decision) -> list[Problem]:
    policy, aggregation = decision.hit_policy, decision.aggregation
    reasons = []
    if aggregation and policy != "COLLECT":
        reasons.append(
            _(
                "it aggregates (%(aggregation)s) under the hit policy %(policy)s: only COLLECT "
                "aggregates"
            )
            % {"aggregation": aggregation, "policy": policy}
        )
    if policy in ("PRIORITY", "OUTPUT ORDER") and not any(
        o.values is not None and o.values.text.strip() for o in decision.outputs
    ):
        reasons.append(
            _(
                "its hit policy %(policy)s orders the rules by their outputs' allowed values, "
                'but no output lists them (set "Output values" on an output, e.g. '
                '"high","medium","low")'
            )
            % {"policy": policy}
        )
    return [_decision_refused(decision, reason) for reason in reasons]


def _literal_problems(decision: Decision) -> list[Problem]:
    """What is refused in a decision literal expression (FEEL, or Python in the sandbox)."""
    literal = decision.literal
    if literal is None or not literal.text.strip():
        return []
    found: list[tuple[str, int | None]]
    if (reason := language_refusal(literal.language)) is not None:
        found = [(reason, None)]
    elif literal.language == FEEL:
        refusal = feel_refusal(literal.text, False)
        found = [refusal] if refusal else []
    else:
        found = list(refusals(literal.text, "eval"))
    problems = []
    for reason, line_in_text in found:
        line = (literal.line or 0) + (line_in_text or 1) - 1 if literal.line else decision.line
        what = pgettext("refused piece of a decision", "literal expression")
        message = _(
            'The decision "%(decision)s": the %(what)s on line %(line)s is refused: %(reason)s.'
        ) % {
            "decision": decision.id,
            "what": what,
            "line": line,
            "reason": reason,
        }
        problems.append(Problem(message, decision.file, decision.id, line))
    return problems


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
        known = ", ".join(sorted(decisions)) or pgettext("no decisions", "none")
        return _(
            'it requires the decision "%(required)s", which no DMN file of the deployment '
            "defines (decisions defined: %(known)s)"
        ) % {"required": required, "known": known}
    if not needed.runnable:
        return _(
            'it requires the decision "%(required)s", which is neither a decision table nor a '
            "literal expression (HyperCRM runs those only)"
        ) % {"required": required}
    return None


def graph_problems(dmn: dict[str, etree._Element]) -> list[Problem]:
    """Hit policies and decision requirements of every DMN file of a deployment."""
    decisions: dict[str, Decision] = {}
    problems: list[Problem] = []
    for file, root in dmn.items():
        for decision in read_decisions(file, root):
            known = decisions.get(decision.id)
            if known is None or (is_imported(known.file) and not is_imported(file)):
                decisions[decision.id] = decision
            elif not is_imported(file):
                reason = _(
                    "its id is the id of a decision of %(file)s at line %(line)s: a business rule "
                    "task could not tell them apart; give one another id"
                ) % {"file": known.file, "line": known.line}
                problems.append(_decision_refused(decision, reason))
            problems.extend(_table_problems(decision))
            problems.extend(_literal_problems(decision))
    requires = {d.id: d.required for d in decisions.values()}
    reported: set[str] = set()
    for decision in decisions.values():
        reasons = [_requirement_reason(r, decisions) for r in decision.required]
        cycle = _cycle(decision.id, requires)
        if cycle and cycle[0] == decision.id and decision.id not in reported:
            reported.update(cycle)
            reasons.append(
                _(
                    "the decisions it requires lead back to it (%(cycle)s); a decision cannot "
                    "require itself"
                )
                % {"cycle": " → ".join(cycle)}
            )
        problems.extend(_decision_refused(decision, reason) for reason in reasons if reason)
    return problems
