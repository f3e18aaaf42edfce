"""What an external worker reports about a task it locked, taken into the instance."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.exceptions import Conflict, Forbidden, InvalidData, NotFound
from engine.models import ExternalTask, ProcessInstance
from engine.models.events import EventType
from engine.runtime.blame import mark_failed
from engine.runtime.failures import throw_bpmn_error
from engine.runtime.runner import (
    Caught,
    Failure,
    StepOutcome,
    load_workflow,
    run_engine,
    run_task,
)
from engine.runtime.spiff import BpmnWorkflow, Task, TaskState
from engine.types import JSONDict, User

from ..jsonsafe import json_safe
from ..locking import lock_instance
from ..messages import publish_thrown
from ..permissions import external_work_refusal
from ..persist import persist
from ..step import open_step, record
from .fetch import MAX_LOCK_MS


def _find(task_id: object) -> ExternalTask:
    try:
        return ExternalTask.objects.get(spiff_task_id=uuid.UUID(str(task_id)))
    except (ExternalTask.DoesNotExist, ValueError, TypeError):
        raise NotFound(
            f"External task {task_id} does not exist: it was completed, or its instance "
            "moved on or ended."
        )


def _locked(task_id: object, user: User | None) -> tuple[ExternalTask, ProcessInstance]:
    """The task and its instance, the instance's lock taken (invariant 1)."""
    if (refusal := external_work_refusal(user)) is not None:
        raise Forbidden(refusal)
    row = _find(task_id)
    instance = lock_instance(row.instance_id)
    row = _find(task_id)  # read again under the lock: another report may have come first
    return row, instance


def _require_lock(row: ExternalTask, worker_id: str, action: str) -> None:
    if not worker_id:
        raise InvalidData(
            f"A workerId is required to {action} a task.", {"workerId": ["This field is required."]}
        )
    now = timezone.now()
    if not row.worker_id or row.lock_expires_at is None:
        raise Conflict(
            f"External task {row.spiff_task_id} is not locked: fetch and lock it before you "
            f"{action} it."
        )
    if row.worker_id != worker_id:
        raise Conflict(
            f"External task {row.spiff_task_id} cannot be reported by worker '{worker_id}': "
            f"it is locked by worker '{row.worker_id}'."
        )
    if row.lock_expires_at <= now:
        raise Conflict(
            f"The lock of worker '{worker_id}' on external task {row.spiff_task_id} expired "
            f"at {row.lock_expires_at:%Y-%m-%d %H:%M:%S %Z}; fetch and lock it again."
        )


def _require_running(instance: ProcessInstance) -> None:
    if instance.status == ProcessInstance.Status.SUSPENDED:
        raise Conflict(f"Process instance {instance.pk} is suspended.")
    if instance.status != ProcessInstance.Status.RUNNING:
        raise Conflict(f"Process instance {instance.pk} is {instance.status}.")


def _spiff_task(workflow: BpmnWorkflow, row: ExternalTask) -> Task:
    task = workflow.get_task_from_id(row.spiff_task_id)
    if task is None or task.state != TaskState.READY:
        raise Conflict(f"External task {row.spiff_task_id} no longer waits in its process.")
    return task


def _variables(variables: object) -> JSONDict:
    if variables is None:
        return {}
    if not isinstance(variables, dict):
        raise InvalidData("Variables must be an object.", {"variables": ["Must be an object."]})
    return json_safe(variables)


def _save(
    instance: ProcessInstance, workflow: BpmnWorkflow, outcome: StepOutcome, user: User | None
) -> None:
    with open_step():
        publish_thrown(instance, persist(instance, workflow, outcome, user=user))


@atomic
def external_task_complete(
    *, task_id: object, worker_id: str, variables: object = None, user: User | None
) -> None:
    """The worker did the task: its variables go into the process, which moves on."""
    row, instance = _locked(task_id, user)
    _require_lock(row, worker_id, "complete")
    _require_running(instance)
    data = _variables(variables)
    workflow = load_workflow(instance)
    task = _spiff_task(workflow, row)
    outcome = run_task(workflow, task, data, elements=instance.definition.elements, external=True)
    record(
        instance,
        EventType.EXTERNAL_TASK_COMPLETED,
        element_id=row.element_id,
        user=user,
        data={"worker": worker_id, "topic": row.topic, "variables": sorted(data)},
    )
    _save(instance, workflow, outcome, user)


@atomic
def external_task_failure(
    *,
    task_id: object,
    worker_id: str,
    error_message: str = "",
    error_details: str = "",
    retries: Any,
    retry_timeout_ms: Any = 0,
    user: User | None,
) -> None:
    """The worker could not do the task: it is fetched again after `retry_timeout_ms`
    while `retries` is above 0; at 0 the instance gets an incident naming the error."""
    row, instance = _locked(task_id, user)
    _require_lock(row, worker_id, "report a failure of")
    _require_running(instance)
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise InvalidData(
            "retries must be a whole number, 0 or more.", {"retries": ["A number ≥ 0."]}
        )
    if isinstance(retry_timeout_ms, bool) or not isinstance(retry_timeout_ms, int):
        raise InvalidData(
            "retryTimeout must be a whole number of milliseconds.",
            {"retryTimeout": ["A number of milliseconds."]},
        )
    now = timezone.now()
    row.retries = retries
    row.error_message = str(error_message or "")[:10000]
    row.error_details = str(error_details or "")[:100000]
    row.worker_id, row.lock_expires_at = "", None
    row.available_at = now + timedelta(milliseconds=max(retry_timeout_ms, 0))
    row.save(
        update_fields=[
            "retries",
            "error_message",
            "error_details",
            "worker_id",
            "lock_expires_at",
            "available_at",
        ]
    )
    record(
        instance,
        EventType.EXTERNAL_TASK_FAILED,
        element_id=row.element_id,
        user=user,
        data={
            "worker": worker_id,
            "topic": row.topic,
            "error": row.error_message,
            "retries": retries,
            "will_retry": retries > 0,
        },
    )
    if retries > 0:
        return
    workflow = load_workflow(instance)
    task = _spiff_task(workflow, row)
    mark_failed(task, updating=False)
    message = _(
        "The external worker '%(worker)s' failed on the topic '%(topic)s' with no retries "
        "left: %(error)s"
    ) % {"worker": worker_id, "topic": row.topic, "error": row.error_message or "—"}
    outcome = StepOutcome(failure=Failure(row.element_id, task.id, message))
    _save(instance, workflow, outcome, user)


@atomic
def external_task_bpmn_error(
    *,
    task_id: object,
    worker_id: str,
    error_code: Any,
    error_message: str = "",
    variables: object = None,
    user: User | None,
) -> None:
    """The worker reports a business error: an error boundary event with this code takes
    the process on; when none catches it, the instance gets an incident saying so."""
    row, instance = _locked(task_id, user)
    _require_lock(row, worker_id, "report a BPMN error of")
    _require_running(instance)
    if not error_code or not isinstance(error_code, str):
        raise InvalidData(
            "A BPMN error needs its errorCode.", {"errorCode": ["This field is required."]}
        )
    data = _variables(variables)
    workflow = load_workflow(instance)
    task = _spiff_task(workflow, row)
    task.set_data(**data)
    record(
        instance,
        EventType.EXTERNAL_TASK_ERROR,
        element_id=row.element_id,
        user=user,
        data={"worker": worker_id, "topic": row.topic, "error_code": error_code},
    )
    outcome = StepOutcome()
    if throw_bpmn_error(task, error_code, error_message or error_code, data):
        outcome.caught.append(Caught(task, error_code))
        outcome = run_engine(workflow, outcome, elements=instance.definition.elements)
    else:
        mark_failed(task, updating=False)
        name = task.task_spec.bpmn_name or row.element_id
        message = _(
            "The external worker '%(worker)s' reported the BPMN error '%(code)s' "
            "(%(error)s), and no error boundary event on '%(task)s' catches it."
        ) % {"worker": worker_id, "code": error_code, "error": error_message or "—", "task": name}
        outcome.failure = Failure(row.element_id, task.id, message)
    _save(instance, workflow, outcome, user)


@atomic
def external_task_extend_lock(
    *, task_id: object, worker_id: str, new_duration_ms: Any, user: User | None
) -> None:
    """The worker needs longer: its lock now ends `new_duration_ms` from now."""
    row, _instance = _locked(task_id, user)
    _require_lock(row, worker_id, "extend the lock of")
    if (
        isinstance(new_duration_ms, bool)
        or not isinstance(new_duration_ms, int)
        or not 0 < new_duration_ms <= MAX_LOCK_MS
    ):
        raise InvalidData(
            f"newDuration must be more than 0 and at most {MAX_LOCK_MS} ms.",
            {"newDuration": ["A number of milliseconds."]},
        )
    row.lock_expires_at = timezone.now() + timedelta(milliseconds=new_duration_ms)
    row.save(update_fields=["lock_expires_at"])


@atomic
def external_task_unlock(*, task_id: object, user: User | None) -> None:
    """Give the task back: any worker may fetch it at once."""
    row, _instance = _locked(task_id, user)
    row.worker_id, row.lock_expires_at = "", None
    row.save(update_fields=["worker_id", "lock_expires_at"])
