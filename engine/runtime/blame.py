"""Which task a failure belongs to, and how that task is tried again.

SpiffWorkflow evaluates some of a task's expressions while the task before it completes:
a timer's value, a pre-script, a multi-instance collection. Such a failure surfaces from
the previous task's run(), but it belongs to the task the exception names
(`WorkflowTaskException.task`). That task is marked as failed while being updated; trying
it again updates it again (re-evaluating the expression) rather than running it as is.
"""

from typing import TypeVar

from . import spiff
from .spiff import Task, TaskState

T = TypeVar("T")

UPDATE_FAILED = "failed_while_updating"


def failing_task(exc: BaseException, default: T) -> Task | T:
    """The task an exception is about: the one SpiffWorkflow names, else `default`."""
    task = getattr(exc, "task", None)
    return task if task is not None and hasattr(task, "task_spec") else default


def mark_failed(task: Task, *, updating: bool) -> None:
    """Leave the task in ERROR so that nothing runs it until its incident is retried."""
    if updating:
        task.internal_data[UPDATE_FAILED] = True
    spiff.set_state(task, TaskState.ERROR)


def make_retryable(task: Task) -> None:
    """Give a failed task its next try: updated again, or READY to run again."""
    if task.internal_data.pop(UPDATE_FAILED, False):
        spiff.set_state(task, TaskState.FUTURE)
        spiff.update(task)
    else:
        spiff.set_state(task, TaskState.READY)


def expression_failure(what: str, expression: str, exc: BaseException) -> str:
    """What an incident says when an expression of an element fails at run time."""
    from django.utils.translation import gettext as _

    name = getattr(exc, "name", None) if isinstance(exc, NameError) else None
    if name:
        message = _(
            'The %(what)s "%(expression)s" names the variable "%(name)s", which the process '
            "data does not hold."
        ) % {"what": what, "expression": expression, "name": name}
        if name == "initiator":
            message += " " + _(
                'Camunda sets "initiator" from camunda:initiator="initiator" on the start '
                "event; add it there, or start the instance with that variable."
            )
        return message
    detail = str(exc) or type(exc).__name__
    return _('The %(what)s "%(expression)s" failed: %(error)s') % {
        "what": what,
        "expression": expression,
        "error": detail,
    }
