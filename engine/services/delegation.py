"""Reassign, delegate and resolve user tasks (Camunda's delegation).

- reassign: a manager, or a lead of one of the task's candidate groups (a member of that
  group who is also in the `leads` group), gives an open or claimed task to another
  candidate.
- delegate: the assignee hands the task to a colleague for now; the assignee becomes its
  owner.
- resolve: the delegate hands it back to its owner, who then completes it.

Who may do each is answered by permissions.py (`assign_refusal`, `delegate_refusal`,
`resolve_refusal`: None when allowed, else the reason); the services raise the reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.db.tasks import drop_candidates
from engine.db.transactions import atomic
from engine.exceptions import Conflict, Forbidden, InvalidData
from engine.models import HumanTask, ProcessInstance
from engine.models.events import EventType
from engine.signals import send_after_commit, task_handed_over
from engine.types import User

from .permissions import assign_refusal, delegate_refusal, is_candidate, resolve_refusal
from .step import record_now
from .tasks import _locked_task, _require_workable


def _person(username: object) -> Any:
    if not isinstance(username, str) or not username.strip():
        raise InvalidData(_("Name the person."), {"user": [_("This field is required.")]})
    person = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if person is None:
        message = _("There is no active user called %(name)s.") % {"name": username}
        raise InvalidData(message, {"user": [message]})
    return person


def _event(
    instance: ProcessInstance,
    task: HumanTask,
    kind: str,
    user: User,
    reason: str,
    to: Any,
    **data: object,
) -> None:
    """The history event, and once committed the word to whom the task now goes."""
    payload = {"task": task.pk, "to": to.username, **data}
    if reason:
        payload["reason"] = reason
    event = record_now(instance, kind, element_id=task.element_id, user=user, data=payload)
    send_after_commit(
        task_handed_over,
        task_id=task.pk,
        kind=_HANDED[kind],
        to_user_id=to.pk,
        by_user_id=user.pk,
        event_id=event.pk,
    )


_HANDED = {
    EventType.TASK_ASSIGNED: "assigned",
    EventType.TASK_DELEGATED: "delegated",
    EventType.TASK_RESOLVED: "resolved",
}


@atomic
def task_assign(*, task_id: int, user: User, to: str, reason: str = "") -> HumanTask:
    """Give an open or claimed task to another of its candidates."""
    task, instance = _locked_task(task_id)
    refusal = assign_refusal(user, task)
    if refusal:
        raise Forbidden(refusal)
    _require_workable(task, instance)
    if task.is_delegated:
        raise Conflict(
            _("The task is delegated to %(name)s; it must be resolved first.")
            % {"name": task.assignee.username}
        )
    person = _person(to)
    if task.assignee_id == person.pk:
        return task
    if not is_candidate(task, person):
        message = _("%(name)s is not a candidate for this task.") % {"name": person.username}
        raise InvalidData(message, {"user": [message]})
    previous = task.assignee.username if task.assignee_id else None
    task.assignee = person
    task.status = HumanTask.Status.CLAIMED
    task.claimed_at = timezone.now()
    task.save(update_fields=["assignee", "status", "claimed_at"])
    drop_candidates(task.pk)
    _event(instance, task, EventType.TASK_ASSIGNED, user, reason, person, **{"from": previous})
    return task


@atomic
def task_delegate(*, task_id: int, user: User, to: str, reason: str = "") -> HumanTask:
    """The assignee hands the task to a colleague until they resolve it."""
    task, instance = _locked_task(task_id)
    refusal = delegate_refusal(user, task)
    if refusal:
        raise Forbidden(refusal)
    _require_workable(task, instance)
    if task.is_delegated:
        raise Conflict(
            _("The task is already delegated to %(name)s.") % {"name": task.assignee.username}
        )
    person = _person(to)
    if person.pk == user.pk:
        message = _("Delegate the task to someone else than yourself.")
        raise InvalidData(message, {"user": [message]})
    task.owner = user
    task.assignee = person
    task.save(update_fields=["owner", "assignee"])
    _event(instance, task, EventType.TASK_DELEGATED, user, reason, person)
    return task


@atomic
def task_resolve(*, task_id: int, user: User, reason: str = "") -> HumanTask:
    """The delegate hands the task back to its owner, who then completes it."""
    task, instance = _locked_task(task_id)
    _require_workable(task, instance)
    if not task.is_delegated:
        raise Conflict(_("The task is not delegated; there is nothing to resolve."))
    refusal = resolve_refusal(user, task)
    if refusal:
        raise Forbidden(refusal)
    owner = task.owner
    task.assignee = owner
    task.owner = None
    task.save(update_fields=["owner", "assignee"])
    _event(instance, task, EventType.TASK_RESOLVED, user, reason, owner)
    return task


HAND_OVERS = ("assign", "delegate", "resolve")


def task_hand_over(
    *, action: str, task_id: int, user: User, to: str = "", reason: str = ""
) -> HumanTask:
    """The one entry of the API's and the task page's hand-overs: `assign`, `delegate`
    (both to the person named `to`) or `resolve`; the reason is kept to 500 characters."""
    reason = (reason or "").strip()[:500]
    if action == "assign":
        return task_assign(task_id=task_id, user=user, to=to, reason=reason)
    if action == "delegate":
        return task_delegate(task_id=task_id, user=user, to=to, reason=reason)
    if action == "resolve":
        return task_resolve(task_id=task_id, user=user, reason=reason)
    raise ValueError(f"unknown hand-over: {action!r}")


def reassign_choices(task: HumanTask) -> list[str]:
    """The user names a task may be reassigned to: its active candidates but the assignee."""
    from django.db.models import Q

    groups = Q()
    for name in task.candidate_groups:
        groups |= Q(groups__name__iexact=name)
    people = get_user_model().objects.filter(is_active=True)
    people = people.filter(groups | Q(username__in=task.candidate_users)).distinct()
    if task.assignee_id:
        people = people.exclude(pk=task.assignee_id)
    return list(people.order_by("username").values_list("username", flat=True))
