"""Who gets a user task, by when, and how urgent: from the element's metadata and the data."""

import re
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.dateparse import parse_datetime, parse_duration

from engine.runtime.script_engine import SCRIPT_ENGINE

_EXPR = re.compile(r"^\s*[$#]\{(.*)\}\s*$", re.DOTALL)


def evaluate(value, data: dict):
    """A literal, or `${expression}` evaluated in the sandbox over the task data."""
    if not isinstance(value, str):
        return value
    match = _EXPR.match(value)
    if not match:
        return value.strip()
    return SCRIPT_ENGINE.environment.evaluate(match.group(1), dict(data))


def resolve_assignee(meta: dict, data: dict):
    name = evaluate(meta.get("assignee") or "", data)
    if not name:
        return None
    return get_user_model().objects.filter(username=str(name)).first()


def resolve_candidates(meta: dict, lane: str, data: dict) -> tuple[list[str], list[str]]:
    groups = [str(evaluate(g, data)).lower() for g in meta.get("candidate_groups") or []]
    if not groups and lane:
        groups = [lane.strip().lower()]
    users = [str(evaluate(u, data)) for u in meta.get("candidate_users") or []]
    return sorted({g for g in groups if g}), sorted({u for u in users if u})


def resolve_moment(value, data: dict) -> datetime | None:
    """ISO date/time, ISO duration from now (P2D, PT4H) or an expression giving either."""
    value = evaluate(value or "", data)
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


def resolve_priority(meta: dict, data: dict) -> int:
    try:
        return int(evaluate(meta.get("priority") or 50, data))
    except (TypeError, ValueError):
        return 50
