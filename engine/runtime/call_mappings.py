"""Camunda's camunda:in / camunda:out on a call activity: which variables cross the border.

Without them a called process gets a copy of all the caller's data and gives all of its
data back (SpiffWorkflow's and SpiffArena's way). With any of them, Camunda's rule holds:
only what is mapped goes in (`source` → `target`, `sourceExpression` → `target`, or
`variables="all"`) and only what is mapped comes back. A source variable that is not set
maps to None, as Camunda maps it to null.
"""

from copy import deepcopy
from typing import Any, TypedDict

from .spiff import SpiffCallActivity, Task


class Mapping(TypedDict, total=False):
    source: str
    source_expression: str
    target: str
    all: bool


def mapped_values(task: Task, data: dict[str, Any], mappings: list[Mapping]) -> dict[str, Any]:
    """The variables the mappings make of `data` (the data of `task`)."""
    values: dict[str, Any] = {}
    for mapping in mappings:
        if mapping.get("all"):
            values.update(deepcopy(data))
            continue
        target = mapping.get("target") or mapping.get("source") or ""
        if not target:
            continue
        expression = mapping.get("source_expression")
        if expression:
            values[target] = task.workflow.script_engine.evaluate(task, expression)
        else:
            values[target] = deepcopy(data.get(mapping.get("source") or target))
    return values


class MappedCallActivity(SpiffCallActivity):
    """A call activity that honours camunda:in / camunda:out when the diagram has them."""

    mappings_in: list[Mapping] = []
    mappings_out: list[Mapping] = []

    def _mapped(self) -> bool:
        return bool(self.mappings_in or self.mappings_out)

    def copy_data(self, my_task: Task, subworkflow: Any) -> None:
        if not self._mapped():
            super().copy_data(my_task, subworkflow)
            return
        start = subworkflow.get_next_task(
            subworkflow.task_tree, skip_subprocesses=True, spec_name="Start"
        )
        start.set_data(**mapped_values(my_task, my_task.data, self.mappings_in))

    def update_data(self, my_task: Task, subworkflow: Any) -> None:
        if not self._mapped():
            super().update_data(my_task, subworkflow)
            return
        last = subworkflow.last_task
        my_task.data.update(mapped_values(last, last.data, self.mappings_out))
