"""The correlation key of a message an element throws or waits for."""

from engine.types import Elements

from .script_engine import SCRIPT_ENGINE
from .spiff import Task


def correlation_expression(task: Task, elements: Elements) -> str:
    meta = elements.get(task.task_spec.bpmn_id or "", {})
    return (meta.get("properties") or {}).get("correlationKey") or ""


def correlation_key(task: Task, elements: Elements, default: str) -> str:
    """The element's `correlationKey` property (an expression over its data), else `default`.

    Raises what the expression raises (a name the data does not hold, …)."""
    expression = correlation_expression(task, elements)
    if not expression:
        return default
    value = SCRIPT_ENGINE.environment.evaluate(expression, dict(task.data))
    return "" if value is None else str(value)
