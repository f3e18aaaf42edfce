"""Start a case for a person who may start it, and hand them its first task."""

from __future__ import annotations

from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.exceptions import Forbidden
from engine.models import HumanTask, ProcessInstance
from engine.types import JSONDict, User

from .instances import _definition, instance_start
from .permissions import is_candidate, may_start
from .tasks import task_claim


def first_task_for(instance: ProcessInstance, user: User) -> HumanTask | None:
    """The case's earliest open task the person may work on, claimed for them."""
    open_tasks = HumanTask.objects.filter(
        instance=instance, status__in=[HumanTask.Status.OPEN, HumanTask.Status.CLAIMED]
    ).order_by("created_at", "pk")
    for task in open_tasks:
        if task.assignee_id == user.pk:
            return task
        if task.assignee_id is None and is_candidate(task, user):
            return task_claim(task_id=task.pk, user=user)
    return None


@atomic
def case_start_for(
    *,
    user: User,
    definition_key: str,
    variables: JSONDict | None = None,
    business_key: str = "",
) -> tuple[ProcessInstance, HumanTask | None]:
    """Start a case of the latest version for a person who may start it, and return it
    with its first task assigned to them (None when the case waits elsewhere: another
    group's task, a timer, an asynchronous step)."""
    definition = _definition(definition_key, None)
    if not may_start(user, definition):
        raise Forbidden(
            _("You may not start “%(process)s”: the diagram names who starts it.")
            % {"process": definition.name or definition.key}
        )
    instance = instance_start(
        definition_key=definition_key,
        version=definition.version,
        variables=variables,
        business_key=business_key,
        user=user,
    )
    return instance, first_task_for(instance, user)
