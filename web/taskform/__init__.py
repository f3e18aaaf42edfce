"""Task forms rendered on the server from the task's JSON Schema and UI schema."""

from .fields import Field, build_fields, leftover_errors
from .parse import parse_form

__all__ = ["Field", "build_fields", "form_initial", "leftover_errors", "parse_form"]


def form_initial(form_schema: dict, task_data: dict) -> dict:
    """What the form shows first: the task's data for the form's own fields."""
    properties = form_schema.get("properties") if isinstance(form_schema, dict) else None
    if not isinstance(properties, dict) or not isinstance(task_data, dict):
        return {}
    return {name: task_data[name] for name in properties if name in task_data}
