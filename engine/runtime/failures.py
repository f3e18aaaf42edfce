"""What a failed automatic task turns into: a retry later, a BPMN error, or an incident."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from engine.connectors import ConnectorError
from engine.types import Elements, JSONDict

from . import spiff
from .retries import parse_cycle
from .spiff import BpmnEvent, ErrorEventDefinition, ServiceTask, Task, TaskState

ATTEMPTS = "attempts"


_NO_COLLECTION = "Missing data input for multiinstance task"


def _sentence(value: object) -> str:
    """A failure's first argument as text: a dict of field errors (a validation error's)
    as "field: message; …", never its repr."""
    if isinstance(value, dict):
        parts = []
        for key, messages in value.items():
            items = messages if isinstance(messages, list | tuple) else [messages]
            text = "; ".join(str(item) for item in items)
            parts.append(text if key in ("", "__all__") else f"{key}: {text}")
        return "; ".join(parts)
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return str(value)


def describe(exc: Exception) -> str:
    messages = getattr(exc, "messages", None)  # Django's ValidationError
    if isinstance(getattr(exc, "error_dict", None), dict):
        by_field = getattr(exc, "message_dict", {})
        text = _sentence({k: [str(m) for m in v] for k, v in by_field.items()})
    elif isinstance(messages, list) and messages:
        text = _sentence(messages)
    else:
        text = _sentence(exc.args[0]) if exc.args else exc.__class__.__name__
    if not text:
        text = exc.__class__.__name__
    if text.startswith(_NO_COLLECTION) and (failed := getattr(exc, "task", None)) is not None:
        data_input = getattr(failed.task_spec, "data_input", None)
        name = getattr(data_input, "bpmn_id", "") or getattr(data_input, "name", "")
        text = _(
            'The multi-instance collection names the variable "%(name)s", which the process '
            "data does not hold."
        ) % {"name": name}
    line = getattr(exc, "line_number", None)
    if line:
        text = f"{text} (line {line})"
    notes = getattr(exc, "__notes__", None) or []
    if notes:
        text = f"{text}. {' '.join(notes)}"
    return text


def translations_of(exc: Exception) -> dict[str, str]:
    """The failure's message in each language its connector or decision said it in ({}
    otherwise): a ConnectorError's, or a DecisionFailure's (engine/decisions/failures.py)."""
    translations = getattr(exc, "translations", None)
    if isinstance(exc, ConnectorError) or isinstance(translations, dict):
        return dict(translations or {})
    return {}


def in_reader_language(text: str, translations: object) -> str:
    """A stored failure message in the language active now, else as it was stored."""
    if isinstance(translations, dict):
        language = (get_language() or "").split("-")[0]
        chosen = translations.get(language)
        if isinstance(chosen, str) and chosen:
            return chosen
    return text


@dataclass
class Verdict:
    retry_message: str = ""
    attempt: int = 0
    caught_code: str | None = None
    caught_message: str = ""
    caught_translations: dict[str, str] = field(default_factory=dict)


class ServiceFailurePolicy:
    def __init__(self, elements: Elements) -> None:
        self.elements = elements

    def handle(self, task: Task, exc: Exception, now: datetime) -> Verdict:
        if not isinstance(task.task_spec, ServiceTask):
            return Verdict()
        code = exc.code if isinstance(exc, ConnectorError) else ""
        if code and self._throw_bpmn_error(task, code, exc):
            return Verdict(
                caught_code=code,
                caught_message=describe(exc),
                caught_translations=translations_of(exc),
            )
        if isinstance(exc, ConnectorError) and not exc.retryable:
            return Verdict()
        meta = self.elements.get(task.task_spec.bpmn_id or "", {})
        cycle = parse_cycle(meta.get("retry_cycle"))
        attempt = int(task.internal_data.get(ATTEMPTS, 0)) + 1
        task.internal_data[ATTEMPTS] = attempt
        if attempt >= cycle.attempts:
            return Verdict()
        spiff.set_state(task, TaskState.READY)
        task.internal_data["retry_at"] = (now + cycle.interval).isoformat()
        return Verdict(retry_message=describe(exc), attempt=attempt)

    @staticmethod
    def _throw_bpmn_error(
        task: Task, code: str, exc: Exception, data: JSONDict | None = None
    ) -> bool:
        """Let an error boundary event with this code take the failure; True if one did."""
        workflow = task.workflow.top_workflow
        event = BpmnEvent(
            ErrorEventDefinition(code, code=code),
            payload={"error_code": code, "error_message": describe(exc)},
            target=task.workflow,
        )
        catchers = [
            t
            for t in workflow.event_manager.tasks.values()
            if t.has_state(TaskState.WAITING) and t.task_spec.catches(t, event)
        ]
        if not catchers:
            return False
        for catcher in catchers:  # what the thrower sent goes on along the error's path
            catcher.data.update(data or {})
        spiff.set_state(task, TaskState.READY)
        workflow.catch(event)
        # Run the boundary now, so it cancels the failed task before anything retries it.
        for catcher in catchers:
            if catcher.has_state(TaskState.READY):
                catcher.run()
        return True


def throw_bpmn_error(task: Task, code: str, message: str, data: JSONDict | None = None) -> bool:
    """Throw the BPMN error `code` from a READY task (an external worker reported it),
    with `data` for the path the error takes; True if an error boundary event caught it."""
    return ServiceFailurePolicy._throw_bpmn_error(
        task, code, ConnectorError(message, code=code), data
    )
