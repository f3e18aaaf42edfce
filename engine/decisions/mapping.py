"""Camunda's `camunda:mapDecisionResult`: what a business rule task stores in its result
variable. singleEntry: the one output of the one result (null without a match);
singleResult: the one result's outputs; collectEntries: the one output of every result, as
a list; resultList (Camunda's default): every result's outputs, as a list."""

from typing import Any

from .failures import TOO_MANY_ENTRIES, TOO_MANY_RESULTS, failure
from .run import DecisionEngine

MAPPINGS = ("singleEntry", "singleResult", "collectEntries", "resultList")


def mapped(task: Any, title: str, results: list[dict[str, Any]], mapping: str) -> Any:
    if mapping in ("singleEntry", "singleResult") and len(results) > 1:
        raise failure(task, TOO_MANY_RESULTS, decision=title, mapping=mapping)
    if mapping in ("singleEntry", "collectEntries"):
        for result in results:
            if len(result) > 1:
                outputs = ", ".join(f'"{key}"' for key in result)
                raise failure(
                    task, TOO_MANY_ENTRIES, decision=title, mapping=mapping, outputs=outputs
                )
    if mapping == "singleEntry":
        return next(iter(results[0].values()), None) if results else None
    if mapping == "singleResult":
        return dict(results[0]) if results else None
    if mapping == "collectEntries":
        return [next(iter(result.values()), None) for result in results]
    return [dict(result) for result in results]


class MappedDecision:
    """A decision whose result goes into one variable, mapped as Camunda maps it."""

    def __init__(self, engine: DecisionEngine, mapping: str, variable: str) -> None:
        self.engine = engine
        self.mapping = mapping
        self.variable = variable

    def result(self, task: Any) -> dict[str, Any]:
        """Sets the variable, replacing what it held, and gives nothing more to merge:
        SpiffWorkflow deep-merges what this returns, which would add a list to a list."""
        results = self.engine.results(task)
        value = mapped(task, self.engine.decision.title, results, self.mapping)
        task.data[self.variable] = value
        return {}
