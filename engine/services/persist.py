"""Write one step's result: engine state, inbox rows, history and incidents — together.

Called inside the transaction that holds the instance's row lock (invariant 1).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from engine.db import statements as rows
from engine.db.instances import write_pieces
from engine.db.tasks import drop_candidates, open_task_rows
from engine.dispatch import request_advance
from engine.models import (
    HumanTask,
    Incident,
    InstancePiece,
    ProcessInstance,
    Timer,
)
from engine.models.events import EventType
from engine.runtime import hot
from engine.runtime.blame import mark_failed
from engine.runtime.runner import Failure, StepOutcome
from engine.runtime.specs import Traits, traits_for
from engine.runtime.spiff import (
    BpmnWorkflow,
    CatchingEvent,
    MessageEventDefinition,
    ScriptTask,
    ServiceTask,
    SignalEventDefinition,
    Task,
    TaskState,
    ThrowingEvent,
)
from engine.runtime.state import dump_state, has_pieces
from engine.signals import incident_opened, instance_ended, send_after_commit, task_created
from engine.types import JSONDict, User

from . import assignment, waiting
from .case_names import business_key_from, waiting_stage
from .external.sync import sync_external_tasks
from .jsonsafe import json_safe
from .permissions import candidate_rows
from .revision import bump_revision
from .signal_waits import signal_thrown, sync_signal_subscriptions
from .step import Step, Thrown, open_step, record
from .synced import synced

ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR


def _bpmn_tasks(workflow: BpmnWorkflow, state: int) -> list[Task]:
    return [t for t in workflow.get_tasks(state=state) if t.task_spec.bpmn_id]


def _current_data(workflow: BpmnWorkflow) -> JSONDict:
    live = _bpmn_tasks(workflow, ACTIVE)
    if live:
        return max(live, key=lambda t: t.last_state_change).data
    if workflow.last_task is not None:
        return workflow.last_task.data
    done = workflow.get_tasks(state=TaskState.COMPLETED)
    return max(done, key=lambda t: t.last_state_change).data if done else {}


def _is_milestone(spec: Any) -> bool:
    return bool(spec.bpmn_name) and isinstance(spec, CatchingEvent | ThrowingEvent)


def _record_ran(instance: ProcessInstance, outcome: StepOutcome, user: User | None) -> str:
    """History rows for automatic work; returns the last milestone name reached, if any."""
    stage = ""
    for task in outcome.ran:
        spec = task.task_spec
        if not spec.bpmn_id:
            continue
        if isinstance(spec, ScriptTask):
            record(instance, EventType.SCRIPT_RUN, element_id=spec.bpmn_id, user=user)
        elif isinstance(spec, ServiceTask):
            record(instance, EventType.SERVICE_TASK_RUN, element_id=spec.bpmn_id, user=user)
        if spec.bpmn_name and (_is_milestone(spec) or isinstance(spec, ScriptTask | ServiceTask)):
            stage = spec.bpmn_name
    return stage


def _record_failures(instance: ProcessInstance, outcome: StepOutcome, user: User | None) -> None:
    for retry in outcome.retries:
        record(
            instance,
            EventType.SERVICE_TASK_FAILED,
            element_id=retry.task.task_spec.bpmn_id or "",
            user=user,
            data={"error": retry.message, "attempt": retry.attempt, "will_retry": True},
        )
    for caught in outcome.caught:
        record(
            instance,
            EventType.SERVICE_TASK_FAILED,
            element_id=caught.task.task_spec.bpmn_id or "",
            user=user,
            data={
                "error_code": caught.code,
                "caught_by_boundary": True,
                "error": caught.message,
                "translations": caught.translations,
            },
        )


def _thrown_messages(
    instance: ProcessInstance, workflow: BpmnWorkflow, outcome: StepOutcome
) -> list[Thrown]:
    """Each message the step threw to other processes."""
    throwers = [
        t
        for t in outcome.ran
        if isinstance(getattr(t.task_spec, "event_definition", None), MessageEventDefinition)
    ]
    thrown = []
    for event in workflow.get_events():
        definition = event.event_definition
        if isinstance(definition, SignalEventDefinition):
            payload = event.payload if isinstance(event.payload, dict) else {}
            signal_thrown(instance, definition.name, json_safe(payload))
            continue
        if not isinstance(definition, MessageEventDefinition):
            continue
        thrower = next(
            (t for t in throwers if t.task_spec.event_definition.name == definition.name), None
        )
        if thrower is not None:
            throwers.remove(thrower)
            key = waiting.correlation_key_for(thrower, instance, instance.definition.elements)
        else:
            key = instance.business_key or ""
        payload = event.payload if isinstance(event.payload, dict) else {"payload": event.payload}
        thrown.append(Thrown(definition.name, key, payload))
    return thrown


def _sync_waiting(
    instance: ProcessInstance,
    workflow: BpmnWorkflow,
    outcome: StepOutcome,
    traits: Traits,
    had_waits: bool,
    failures: list[Failure],
) -> datetime | None:
    """Timers, subscriptions and the instance's due time; returns due_at."""
    due = None
    if traits.has_timers or had_waits or outcome.retries:
        due = waiting.sync_timers(instance, workflow)
    message_waiting = traits.has_message_catch and waiting.sync_subscriptions(
        instance, workflow, instance.definition.elements, failures
    )
    now = timezone.now()
    runnable_later = outcome.deferred and any(
        not t.internal_data.get("retry_at")
        for t in workflow.get_tasks(state=TaskState.READY)
        if not t.task_spec.manual
    )
    if runnable_later or message_waiting:
        due = now
    return due


def _sync_inbox(
    instance: ProcessInstance,
    workflow: BpmnWorkflow,
    user: User | None,
    traits: Traits,
    failures: list[Failure],
    refused: bool = False,
) -> None:
    """The inbox rows of the step's user tasks: new ones opened, gone ones cancelled. After a
    business refusal caught by the diagram (`refused`), a task of a step the case did
    before goes back to whoever did it."""
    ready = {t.id: t for t in workflow.get_tasks(state=TaskState.READY, manual=True)}
    if not ready and not traits.human_elements.intersection(instance.active):
        return  # no user task before or after this step: no inbox rows to touch
    memo = synced(workflow)
    known, memo.open_tasks = memo.open_tasks, set(ready)
    if known is not None and not (known - set(ready) - {memo.completed}):
        # Nothing to cancel: only the rows of new tasks to write, no need to read them.
        for spiff_id, task in ready.items():
            if spiff_id not in known:
                _open_human_task(instance, task, failures, refused)
        return
    open_rows = {row.spiff_task_id: row for row in open_task_rows(instance.pk)}
    now = timezone.now()
    for spiff_id, row in open_rows.items():
        if spiff_id not in ready:
            row.status = HumanTask.Status.CANCELLED
            row.ended_at = now
            row.save(update_fields=["status", "ended_at"])
            drop_candidates(row.pk)
            record(instance, EventType.TASK_CANCELLED, element_id=row.element_id)
    for spiff_id, task in ready.items():
        if spiff_id not in open_rows:
            _open_human_task(instance, task, failures, refused)


def _open_human_task(
    instance: ProcessInstance, task: Task, failures: list[Failure], refused: bool = False
) -> None:
    """The task's inbox row; an assignment expression that fails leaves the task failed
    (no row) and adds the failure, named by element and variable, to `failures`."""
    try:
        _create_human_task(instance, task, refused)
    except assignment.ExpressionFailed as exc:
        mark_failed(task, updating=True)
        if (open_tasks := synced(task.workflow.top_workflow).open_tasks) is not None:
            open_tasks.discard(task.id)
        failures.append(Failure(task.task_spec.bpmn_id or "", task.id, str(exc)))


def projection_failure(instance: ProcessInstance, task: Task) -> str | None:
    """What would fail when this task's inbox row or subscription is written: an incident's
    retry asks before it counts the incident as resolved."""
    elements = instance.definition.elements
    meta = elements.get(task.task_spec.bpmn_id or "", {})
    try:
        if task.has_state(TaskState.READY) and task.task_spec.manual:
            lane = task.task_spec.lane or meta.get("lane") or ""
            assignment.resolve_candidates(meta, lane, task.data)
            assignment.resolve_assignee(meta, task.data)
            assignment.resolve_priority(meta, task.data)
            assignment.resolve_moment(meta.get("due_date"), task.data, "due date expression")
            assignment.resolve_moment(
                meta.get("follow_up_date"), task.data, "follow-up date expression"
            )
        elif task.has_state(TaskState.WAITING):
            failures: list[Failure] = []
            waiting.check_correlation(instance, task, elements, failures)
            if failures:
                return failures[0].message
    except assignment.ExpressionFailed as exc:
        mark_failed(task, updating=True)
        return str(exc)
    return None


def _create_human_task(instance: ProcessInstance, task: Task, refused: bool = False) -> HumanTask:
    spec = task.task_spec
    meta = instance.definition.elements.get(spec.bpmn_id, {})
    data = task.data
    lane = spec.lane or meta.get("lane") or ""
    groups, users = assignment.resolve_candidates(meta, lane, data)
    assignee = assignment.resolve_assignee(meta, data)
    if assignee is None and refused:
        assignee = assignment.returned_to(instance.pk, spec.bpmn_id or "")
    priority = assignment.resolve_priority(meta, data)
    due_at = assignment.resolve_moment(meta.get("due_date"), data, "due date expression")
    follow_up_at = assignment.resolve_moment(
        meta.get("follow_up_date"), data, "follow-up date expression"
    )
    row = HumanTask(
        instance=instance,
        definition=instance.definition,
        spiff_task_id=task.id,
        element_id=spec.bpmn_id,
        name=spec.bpmn_name or spec.bpmn_id,
        lane=lane,
        status=HumanTask.Status.CLAIMED if assignee else HumanTask.Status.OPEN,
        assignee=assignee,
        claimed_at=timezone.now() if assignee else None,
        candidate_groups=groups,
        candidate_users=users,
        priority=priority,
        due_at=due_at,
        follow_up_at=follow_up_at,
        form_key=meta.get("form") or "",
    )
    rows.insert_row(row)
    if assignee is None:
        rows.insert_rows(candidate_rows(row))
    record(
        instance,
        EventType.TASK_CREATED,
        element_id=spec.bpmn_id,
        data={
            "task": row.pk,
            "candidate_groups": groups,
            "assignee": getattr(assignee, "username", None),
        },
    )
    send_after_commit(task_created, task_id=row.pk)
    return row


def _open_incident(instance: ProcessInstance, failure: Failure, user: User | None) -> None:
    incident = instance.incidents.filter(
        status=Incident.Status.OPEN, element_id=failure.element_id
    ).first()
    if incident:
        incident.attempts += 1
        incident.error = failure.message
        incident.error_translations = failure.translations
        incident.save(update_fields=["attempts", "error", "error_translations"])
    else:
        incident = Incident.objects.create(
            instance=instance,
            element_id=failure.element_id,
            spiff_task_id=failure.spiff_task_id,
            error=failure.message,
            error_translations=failure.translations,
        )
        send_after_commit(incident_opened, incident_id=incident.pk)
    record(
        instance,
        EventType.INCIDENT_OPENED,
        element_id=failure.element_id,
        user=user,
        data={"incident": incident.pk, "error": failure.message, "attempts": incident.attempts},
    )


def persist(
    instance: ProcessInstance,
    workflow: BpmnWorkflow,
    outcome: StepOutcome,
    *,
    user: User | None = None,
    stage: str = "",
) -> list[Thrown]:
    """Save the workflow after a step and bring every projection of it up to date; the
    messages it threw, for the entry point to publish (messages.publish_thrown)."""
    with open_step() as step:
        if step.owner is None:
            step.owner = instance.pk
        thrown = _persist(instance, workflow, outcome, user, stage, step)
        if step.owner == instance.pk:
            step.workflow, step.thrown = workflow, thrown
        return thrown


def _persist(
    instance: ProcessInstance,
    workflow: BpmnWorkflow,
    outcome: StepOutcome,
    user: User | None,
    stage: str,
    step: Step,
) -> list[Thrown]:
    traits = traits_for(instance.definition)
    had_waits = instance.due_at is not None
    stage = _record_ran(instance, outcome, user) or stage
    _record_failures(instance, outcome, user)
    thrown = _thrown_messages(instance, workflow, outcome)
    # Failures found while writing the projections (an assignee or correlation-key
    # expression): each becomes an incident like a failure of the step itself.
    failures = [outcome.failure] if outcome.failure is not None else []
    _sync_inbox(instance, workflow, user, traits, failures, refused=bool(outcome.caught))
    sync_external_tasks(instance, workflow)
    sync_signal_subscriptions(instance, workflow)
    fields = [
        "state",
        "active",
        "revision",
        "status",
        "stage",
        "ended_at",
        "due_at",
        "updated_at",
    ]
    bump_revision(instance)
    current = _current_data(workflow)
    # A running case's stage is where it waits now; an ended one keeps its last milestone.
    if not workflow.is_completed():
        stage = waiting_stage(workflow, instance.definition) or stage
    if stage and stage != instance.stage:
        instance.stage = stage
        record(instance, EventType.STAGE_REACHED, user=user, data={"stage": stage})
    if not instance.business_key:
        instance.business_key = business_key_from(instance.definition, current)
        if instance.business_key:
            fields.append("business_key")
    if workflow.is_completed():
        instance.ended_variables = json_safe(current)
        fields.append("ended_variables")
        instance.status = ProcessInstance.Status.COMPLETED
        instance.ended_at = timezone.now()
        instance.active = []
        instance.state = ""
        if has_pieces(workflow):
            InstancePiece.objects.filter(instance=instance).delete()
        instance.due_at = None
        if had_waits or traits.has_timers:
            Timer.objects.filter(instance=instance).delete()
        if traits.has_message_catch:
            instance.subscriptions.all().delete()
        record(instance, EventType.COMPLETED, user=user)
        send_after_commit(
            instance_ended, instance_id=instance.pk, process_key=instance.definition.key
        )
    else:
        instance.active = sorted({t.task_spec.bpmn_id for t in _bpmn_tasks(workflow, ACTIVE)})
        saved = dump_state(workflow, current)
        instance.state = saved.text
        write_pieces(instance.pk, saved)
        hot.keep_after_commit(instance.pk, instance.revision, instance.definition_id, workflow)
        instance.due_at = _sync_waiting(instance, workflow, outcome, traits, had_waits, failures)
        if instance.due_at is not None and instance.due_at <= timezone.now():
            request_advance(instance.pk)
        for failure in failures:
            _open_incident(instance, failure, user)
        if instance.status != ProcessInstance.Status.SUSPENDED:
            has_incident = (
                failures or instance.status == ProcessInstance.Status.ERROR
            ) and instance.incidents.filter(status=Incident.Status.OPEN).exists()
            instance.status = (
                ProcessInstance.Status.ERROR if has_incident else ProcessInstance.Status.RUNNING
            )
    step.save_instance(instance, fields)
    return thrown
