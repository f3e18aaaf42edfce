"""What a decision table answers once its matching rules are known: DMN's hit policies.

UNIQUE: one rule at most; with FEEL several matching rules are an incident (a Python table
keeps SpiffWorkflow's first match, which tables written for it rely on). FIRST: the first
in rule order. PRIORITY: the one whose outputs come first in the outputs' allowed values.
ANY: any, all matching rules having to agree. COLLECT: every match, or their SUM, MIN, MAX
or COUNT; RULE ORDER: every match in rule order; OUTPUT ORDER: every match in priority order.
"""

import ast
from decimal import Decimal
from typing import Any

from .failures import DISAGREE, NOT_A_NUMBER, OVERLAP, failure, rules_named
from .feel_eval import equal, plain, reduce
from .feel_parse import parse_unary_tests
from .model import FEEL, Decision, Rule

SINGLE = ("UNIQUE", "FIRST", "PRIORITY", "ANY")
# One matched rule and what its output entries gave, by output name.
Row = tuple[Rule, dict[str, Any]]


def _allowed(decision: Decision) -> list[list[Any] | None]:
    """Each output's allowed values, in priority order (None when it lists none)."""
    found: list[list[Any] | None] = []
    for output in decision.outputs:
        values = output.values
        if values is None or not values.text.strip():
            found.append(None)
        elif values.language == FEEL:
            if values.compiled is None:
                values.compiled = parse_unary_tests(values.text)
            found.append([test[1] for test in values.compiled[1]])
        else:
            if values.compiled is None:
                values.compiled = list(ast.literal_eval(f"[{values.text}]"))
            found.append([("value", value) for value in values.compiled])
    return found


def _priority(
    decision: Decision, allowed: list[list[Any] | None], outputs: dict[str, Any]
) -> tuple[int, ...]:
    key = []
    for output, values in zip(decision.outputs, allowed, strict=True):
        if values is None:
            continue
        value = outputs.get(output.key)
        ranks = [i for i, tree in enumerate(values) if tree[0] == "value" and equal(value, tree[1])]
        key.append(ranks[0] if ranks else len(values))
    return tuple(key)


def _aggregate(task: Any, decision: Decision, rows: list[Row]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for output in decision.outputs:
        if decision.aggregation == "COUNT":
            result[output.key] = len(rows)
            continue
        numbers = []
        for rule, outputs in rows:
            value = outputs.get(output.key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
                raise failure(
                    task,
                    NOT_A_NUMBER,
                    decision=decision.title,
                    output=output.label or output.key,
                    aggregation=decision.aggregation,
                    rule=rules_named([rule]),
                    value=repr(value),
                )
            numbers.append(Decimal(str(value)) if isinstance(value, float) else Decimal(value))
        if not numbers:
            result[output.key] = None
        else:
            result[output.key] = plain(reduce(decision.aggregation, numbers))
    return result


def apply(task: Any, decision: Decision, rows: list[Row]) -> list[dict[str, Any]]:
    """The decision's results: one dict of outputs per result, as Camunda lists them."""
    policy = decision.hit_policy
    if policy == "UNIQUE" and len(rows) > 1 and _is_feel(decision):
        names = rules_named([rule for rule, _outputs in rows])
        raise failure(task, OVERLAP, decision=decision.title, rules=names)
    if policy == "ANY" and any(
        not equal_outputs(rows[0][1], outputs) for _rule, outputs in rows[1:]
    ):
        names = rules_named([rule for rule, _outputs in rows])
        raise failure(task, DISAGREE, decision=decision.title, rules=names)
    if policy in ("PRIORITY", "OUTPUT ORDER"):
        allowed = _allowed(decision)
        rows = sorted(rows, key=lambda row: _priority(decision, allowed, row[1]))
    if policy in SINGLE:
        return [rows[0][1]] if rows else []
    if decision.aggregation:
        return [_aggregate(task, decision, rows)]
    return [outputs for _rule, outputs in rows]


def equal_outputs(first: dict[str, Any], second: dict[str, Any]) -> bool:
    return first.keys() == second.keys() and all(
        first[key] == second[key] or equal(first[key], second[key]) is True for key in first
    )


def _is_feel(decision: Decision) -> bool:
    """A table whose input entries are FEEL (an empty table counts as FEEL)."""
    return all(entry.language == FEEL for rule in decision.rules for entry in rule.inputs)


def as_data(decision: Decision, results: list[dict[str, Any]]) -> dict[str, Any]:
    """The results as the process data gets them: a single result's outputs by name; for
    the other hit policies a list of values per output (SpiffWorkflow's COLLECT); for an
    aggregation the aggregated value per output."""
    if decision.hit_policy in SINGLE or decision.aggregation:
        return dict(results[0]) if results else {}
    return {output.key: [r.get(output.key) for r in results] for output in decision.outputs}
