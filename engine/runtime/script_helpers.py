"""The helper functions SpiffArena gives its scripts, those that make sense here.

`get_current_user()`, `get_process_initiator_user()`, `get_toplevel_process_info()`,
`get_env()`, `get_localtime(dt, tz)`, `get_group_members(group)` and
`get_last_user_completing_task(process, task)`. They answer with plain data (dicts, lists,
text), which a script may store. The other helpers of SpiffArena are refused when a diagram
is validated (engine/parsing/spiffarena.py).

Who acts and which task runs are context variables: `acting_as(user)` is opened by the
step that a person's request runs (starting a case, completing a task); `running(task)` by
the script engine around each script or expression. A step no one started (a worker's, a
timer's) has no current user: `get_current_user()` is None there.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from engine.types import JSONDict, User

_acting: ContextVar[User | None] = ContextVar("script_acting_user", default=None)
# The user task (its id in the diagram) that the acting person completes in this step.
_completing: ContextVar[str] = ContextVar("script_completed_task", default="")
# The SpiffWorkflow task whose script or expression runs now.
_task: ContextVar[Any] = ContextVar("script_task", default=None)


@contextmanager
def acting_as(user: User | None, *, completing: str = "") -> Iterator[None]:
    """Run a step on behalf of `user`: scripts see them as `get_current_user()`, and as
    the last to complete the user task `completing` (its row is marked after the step)."""
    token = _acting.set(user if getattr(user, "pk", None) else None)
    done = _completing.set(completing)
    try:
        yield
    finally:
        _completing.reset(done)
        _acting.reset(token)


@contextmanager
def running(task: Any) -> Iterator[None]:
    token = _task.set(task)
    try:
        yield
    finally:
        _task.reset(token)


def person(user: Any) -> JSONDict | None:
    """A user as scripts see one (SpiffArena's user dict, with the groups)."""
    if user is None:
        return None
    name = user.get_full_name() or user.get_username()
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": name,
        "display_name": name,
        "email": user.email or "",
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _instance_id() -> int | None:
    task = _task.get()
    workflow = getattr(getattr(task, "workflow", None), "top_workflow", None)
    instance_id = getattr(workflow, "instance_id", None)
    return instance_id if isinstance(instance_id, int) else None


def _instance() -> Any:
    from engine.models import ProcessInstance

    instance_id = _instance_id()
    if instance_id is None:
        return None
    return (
        ProcessInstance.objects.select_related("definition", "started_by")
        .filter(pk=instance_id)
        .first()
    )


def get_current_user() -> JSONDict | None:
    """Who completes the task or starts the case now; None in a step nobody started."""
    return person(_acting.get())


def get_process_initiator_user() -> JSONDict | None:
    """Who started the case (None for a case a timer or a message started)."""
    instance = _instance()
    return person(instance.started_by) if instance is not None else None


def get_toplevel_process_info() -> JSONDict:
    """The case: its number, its process's key and version, and its business key."""
    instance = _instance()
    if instance is None:
        return {"process_instance_id": None, "process_model_identifier": None}
    return {
        "process_instance_id": instance.pk,
        "process_model_identifier": instance.definition.key,
        "process_model_version": instance.definition.version,
        "business_key": instance.business_key,
    }


def get_env() -> str:
    """The name of this deployment (setting HYPERCRM_ENVIRONMENT: production, staging …)."""
    from django.conf import settings

    return str(settings.HYPERCRM.get("ENVIRONMENT", "production"))


def get_localtime(value: dt.datetime, timezone: str | None = None) -> dt.datetime:
    """`value` in the time zone named (the site's time zone by default); a naive value is
    read as the server's local time, as Python's astimezone reads it."""
    from django.conf import settings

    if not isinstance(value, dt.datetime):
        raise TypeError(f"get_localtime needs a datetime, not {type(value).__name__}")
    name = timezone or settings.TIME_ZONE
    try:
        zone = zoneinfo.ZoneInfo(str(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None
    return value.astimezone(zone)


def get_group_members(group: str) -> list[str]:
    """The user names of the group's active members, sorted."""
    from django.contrib.auth.models import Group

    found = Group.objects.filter(name=group).first()
    if found is None:
        raise ValueError(f"there is no group {group!r}")
    members = found.user_set.filter(is_active=True)
    return sorted(members.values_list("username", flat=True))


def get_last_user_completing_task(process: str, task: str) -> JSONDict | None:
    """Who last completed the user task `task` (its id in the diagram) in this case; the
    process's id is taken for SpiffArena's sake (the case is the one running)."""
    from engine.models import HumanTask

    if task and task == _completing.get():
        return person(_acting.get())
    instance_id = _instance_id()
    if instance_id is None:
        return None
    done = (
        HumanTask.objects.select_related("completed_by")
        .filter(instance_id=instance_id, element_id=task, status=HumanTask.Status.COMPLETED)
        .order_by("-ended_at", "-pk")
        .first()
    )
    return person(done.completed_by) if done is not None else None


HELPERS: dict[str, Callable[..., Any]] = {
    helper.__name__: helper
    for helper in (
        get_current_user,
        get_process_initiator_user,
        get_toplevel_process_info,
        get_env,
        get_localtime,
        get_group_members,
        get_last_user_completing_task,
    )
}
