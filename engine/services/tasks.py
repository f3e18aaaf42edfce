"""Claim, unclaim and complete user tasks from the inbox."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from engine.db import statements as rows
from engine.db.tasks import drop_candidates, task_row
from engine.db.transactions import atomic
from engine.exceptions import Conflict, Forbidden, InvalidData, NotFound
from engine.models import HumanTask, ProcessInstance
from engine.models.events import EventType
from engine.runtime.runner import load_workflow, run_task
from engine.runtime.script_helpers import acting_as
from engine.runtime.spiff import TaskState
from engine.types import JSONDict, User
from forms.choices import expand_choices, narrow_choices, narrows_choices
from forms.task_data_options import fill_from_data, takes_choices_from_data
from forms.validation import validate_form_data

from .jsonsafe import json_safe
from .locking import cached_definition, lock_instance_of_task
from .messages import publish_thrown
from .permissions import candidate_rows, claim_refusal, complete_refusal, unclaim_refusal
from .persist import persist
from .step import open_step, record
from .synced import synced


def task_form(task: HumanTask, *, with_choices: bool = True) -> JSONDict | None:
    """The task's form (schema and UI schema), or None.

    `with_choices`: record choices filled in (every customer, every product, … — what a
    client needs to fill the form in); else they stay references (`x-choices`)."""
    stored = _stored_form(task)
    if stored is None:
        return None
    schema = expand_choices(stored["schema"]) if with_choices else stored["schema"]
    return {"schema": _narrowed(task, schema), "ui_schema": stored.get("ui_schema") or {}}


def _narrowed(task: HumanTask, schema: JSONDict) -> JSONDict:
    """The schema with its choices limited to what the case's data lists, where a field
    says so (`x-choices-in`), and offering those the data holds where a field takes them
    from there (SpiffArena's `options_from_task_data_var`); the data is read only then."""
    if takes_choices_from_data(schema):
        schema = fill_from_data(schema, task.data)
    return narrow_choices(schema, task.data) if narrows_choices(schema) else schema


def _stored_form(task: HumanTask) -> JSONDict | None:
    return task.definition.forms.get(task.form_key) if task.form_key else None


def _held_refusal(task: HumanTask) -> str:
    if task.assignee_id is None:
        return _(
            "Nobody has claimed this task yet: press “Claim and start”, then fill in the "
            "form. Nothing was saved."
        )
    name = task.assignee.get_full_name() or task.assignee.username
    return _("%(name)s is working on this task; only they can complete it. Nothing was saved.") % {
        "name": name
    }


def _locked_task(task_id: int) -> tuple[HumanTask, ProcessInstance]:
    instance = lock_instance_of_task(task_id)
    task = task_row(task_id) if instance is not None else None
    if task is None or instance is None:
        raise NotFound(_("Task %(id)s does not exist.") % {"id": task_id})
    task.definition = cached_definition(task.definition_id)
    return task, instance


def _person(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _require_not_delegated(task: HumanTask) -> None:
    if task.owner_id is not None:
        raise Conflict(
            _(
                "The task is delegated to %(assignee)s: they resolve it and hand it back to "
                "%(owner)s, who completes it."
            )
            % {"assignee": _person(task.assignee), "owner": _person(task.owner)}
        )


def _require_workable(task: HumanTask, instance: ProcessInstance) -> None:
    if not task.is_open:
        if task.status == HumanTask.Status.CANCELLED:
            message = _("The task “%(task)s” was cancelled; it can no longer be changed.")
        else:
            message = _("The task “%(task)s” is already completed; it can no longer be changed.")
        # The diagram's words in the reader's language where the catalogue has them.
        raise Conflict(message % {"task": pgettext("process", task.name) or task.element_id})
    if instance.status == ProcessInstance.Status.SUSPENDED:
        raise Conflict(
            _("The case is suspended: a manager resumes it before its tasks are worked.")
        )
    if instance.is_finished:
        raise Conflict(
            _("The case has ended (%(status)s); its tasks can no longer be worked.")
            % {"status": str(instance.get_status_display()).lower()}
        )


@atomic
def task_claim(*, task_id: int, user: User) -> HumanTask:
    task, instance = _locked_task(task_id)
    _require_workable(task, instance)
    if task.assignee_id == user.pk:
        return task
    if task.assignee_id is not None:
        raise Conflict(
            _("The task is already claimed by %(name)s.") % {"name": _person(task.assignee)}
        )
    if refusal := claim_refusal(user, task):
        raise Forbidden(refusal)
    task.assignee = user
    task.status = HumanTask.Status.CLAIMED
    task.claimed_at = timezone.now()
    task.save(update_fields=["assignee", "status", "claimed_at"])
    drop_candidates(task.pk)
    record(
        instance,
        EventType.TASK_CLAIMED,
        element_id=task.element_id,
        user=user,
        data={"task": task.pk},
    )
    return task


@atomic
def task_unclaim(*, task_id: int, user: User) -> HumanTask:
    task, instance = _locked_task(task_id)
    _require_workable(task, instance)
    if refusal := unclaim_refusal(user, task):
        raise Forbidden(refusal)
    if task.assignee_id is None:
        return task
    _require_not_delegated(task)
    task.assignee = None
    task.status = HumanTask.Status.OPEN
    task.claimed_at = None
    task.save(update_fields=["assignee", "status", "claimed_at"])
    task.candidates.bulk_create(candidate_rows(task))
    record(
        instance,
        EventType.TASK_UNCLAIMED,
        element_id=task.element_id,
        user=user,
        data={"task": task.pk},
    )
    return task


@atomic
def task_complete(
    *, task_id: int, user: User, data: JSONDict | None = None, held: bool = False
) -> tuple[HumanTask, ProcessInstance]:
    """Complete a task with its form data and move the process on to its next wait.

    An unclaimed task is claimed in the same step (the API), unless `held`: then only the
    person holding the task completes it (the task page's form, filled in after "Claim
    and start"), so two people never fill in the same task at once.
    Data failing the form's schema raises InvalidData and changes nothing.
    """
    task, instance = _locked_task(task_id)
    _require_workable(task, instance)
    if refusal := complete_refusal(user, task):
        raise Forbidden(refusal)
    if held and task.assignee_id != user.pk:
        raise Forbidden(_held_refusal(task))
    _require_not_delegated(task)
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise InvalidData(_("Task data must be an object."), {"__all__": [_("Must be an object.")]})
    form = _stored_form(task)
    if form is not None:
        # Not task_form: its choice lists hold every record; validation asks about the
        # submitted ones only.
        errors = validate_form_data(_narrowed(task, form["schema"]), data)
        if errors:
            raise InvalidData(_("The form data is not valid."), errors)
    workflow = load_workflow(instance)
    spiff_task = workflow.get_task_from_id(task.spiff_task_id)
    if spiff_task is None or spiff_task.state != TaskState.READY:
        raise Conflict(_("The task is no longer waiting in the process."))
    synced(workflow).completed = spiff_task.id
    with acting_as(user, completing=task.element_id):  # what follows sees who completed it
        outcome = run_task(workflow, spiff_task, data, elements=instance.definition.elements)
    claimed_now = task.assignee_id is None
    task.status = HumanTask.Status.COMPLETED
    task.assignee = task.assignee or user
    task.claimed_at = task.claimed_at or timezone.now()
    task.completed_by = user
    task.completed_data = json_safe(data)
    task.ended_at = timezone.now()
    rows.save_fields(
        task, ["status", "assignee", "claimed_at", "completed_by", "completed_data", "ended_at"]
    )
    drop_candidates(task.pk)
    with open_step():  # the completion and what followed: one insert
        if claimed_now:  # completing an unclaimed task claims it in the same step
            record(
                instance,
                EventType.TASK_CLAIMED,
                element_id=task.element_id,
                user=user,
                data={"task": task.pk},
            )
        record(
            instance,
            EventType.TASK_COMPLETED,
            element_id=task.element_id,
            user=user,
            data={"task": task.pk},
        )
        thrown = persist(instance, workflow, outcome, user=user, stage=task.name)
        publish_thrown(instance, thrown)
    return task, instance
