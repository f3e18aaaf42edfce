"""A task's follow-up date (Camunda's `followUpDate`): the diagram sets one, a person moves it.

The inbox shows the tasks to follow up today apart and sorts by the date; the sweep tells
the assignee (or, unclaimed, the task's candidates) when it comes.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from engine.db.transactions import atomic
from engine.exceptions import Forbidden
from engine.models import HumanTask
from engine.types import User

from .permissions import follow_up_refusal
from .tasks import _locked_task, _require_workable


@atomic
def task_follow_up(*, task_id: int, user: User, follow_up_at: datetime | None) -> HumanTask:
    """Set (or clear, with None) when the task is to be followed up; a time without a zone
    is the site's."""
    task, instance = _locked_task(task_id)
    refusal = follow_up_refusal(user, task)
    if refusal:
        raise Forbidden(refusal)
    _require_workable(task, instance)
    if follow_up_at is not None and timezone.is_naive(follow_up_at):
        follow_up_at = timezone.make_aware(follow_up_at)
    task.follow_up_at = follow_up_at
    task.save(update_fields=["follow_up_at"])
    return task
