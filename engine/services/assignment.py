"""Who gets a user task, by when, and how urgent: from the element's metadata and the data."""

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.dateparse import parse_datetime, parse_duration

from engine.dialects.juel import juel_to_python
from engine.models import HumanTask
from engine.runtime.blame import expression_failure
from engine.runtime.script_engine import SCRIPT_ENGINE
from engine.types import JSONDict

_EXPR = re.compile(r"^\s*[$#]\{(.*)\}\s*$", re.DOTALL)


class ExpressionFailed(Exception):
    """An assignment expression of a user task failed; the message names it and why."""


def evaluate(value: Any, data: JSONDict, what: str = "expression") -> Any:
    """A literal, or `${expression}` evaluated in the sandbox over the task data.

    A failing expression raises ExpressionFailed naming `what` it is and the variable."""
    if not isinstance(value, str):
        return value
    match = _EXPR.match(value)
    if not match:
        return value.strip()
    expression = juel_to_python(value)
    try:
        return SCRIPT_ENGINE.environment.evaluate(expression, dict(data))
    except Exception as exc:  # noqa: BLE001 - any failure of the expression is reported
        raise ExpressionFailed(expression_failure(what, value.strip(), exc)) from exc


def resolve_assignee(meta: JSONDict, data: JSONDict) -> Any:
    name = evaluate(meta.get("assignee") or "", data, "assignee expression")
    if not name:
        return None
    return get_user_model().objects.filter(username=str(name)).first()


def resolve_candidates(meta: JSONDict, lane: str, data: JSONDict) -> tuple[list[str], list[str]]:
    groups = [
        str(evaluate(g, data, "candidate groups expression")).lower()
        for g in meta.get("candidate_groups") or []
    ]
    if not groups and lane:
        groups = [lane.strip().lower()]
    users = [
        str(evaluate(u, data, "candidate users expression"))
        for u in meta.get("candidate_users") or []
    ]
    return sorted({g for g in groups if g}), sorted({u for u in users if u})


def resolve_moment(value: Any, data: JSONDict, what: str = "date expression") -> datetime | None:
    """ISO date/time, ISO duration from now (P2D, PT4H) or an expression giving either."""
    value = evaluate(value or "", data, what)
    if not value:
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(23, 59))
    elif isinstance(value, timedelta):
        return timezone.now() + value
    else:
        text = str(value)
        if duration := parse_duration(text):
            return timezone.now() + duration
        moment = parse_datetime(text)
        if moment is None:
            try:
                moment = datetime.combine(date.fromisoformat(text), time(23, 59))
            except ValueError:
                return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def resolve_priority(meta: JSONDict, data: JSONDict) -> int:
    try:
        return int(evaluate(meta.get("priority") or 50, data, "priority expression"))
    except (TypeError, ValueError):
        return 50


def returned_to(instance_id: int, element_id: str) -> Any:
    """Who a task that a business refusal sent back is given to: the person who completed
    the same step of the case last (what she entered was refused, so it is hers to put
    right), while her account is active; None when nobody did."""
    last = (
        HumanTask.objects.filter(
            instance_id=instance_id,
            element_id=element_id,
            status=HumanTask.Status.COMPLETED,
            completed_by__is_active=True,
        )
        .select_related("completed_by")
        .order_by("-pk")
        .first()
    )
    return last.completed_by if last is not None else None
