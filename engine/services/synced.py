"""What a workflow's last save wrote to the rows that mirror it: inbox, timers, subscriptions.

A workflow object is reused for the next step only while the database holds exactly what
its last step saved (runtime/hot.py compares revisions), so a step can compare with this
memory instead of reading those rows back. Code that changes them outside a step must bump
the instance's revision: the next step then loads the workflow afresh, with no memory.
Claiming a task changes its row but not which tasks are open, so it needs no bump.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

_ATTRIBUTE = "hypercrm_synced"


@dataclass
class Synced:
    open_tasks: set[UUID] | None = None  # spiff ids of the open inbox rows
    completed: UUID | None = None  # the task this step completed (its row is closed already)
    timers: set[tuple[str, str, UUID, datetime]] | None = (
        None  # (kind, element, spiff id, due) of the Timer rows
    )
    subscriptions: dict[tuple[UUID, str], tuple[str, str]] | None = (
        None  # (spiff id, message) -> (element, key)
    )

    def mark_new(self) -> None:
        """A workflow not saved yet: its instance has none of these rows."""
        self.open_tasks, self.timers, self.subscriptions = set(), set(), {}


def synced(workflow: Any) -> Synced:
    memo = getattr(workflow, _ATTRIBUTE, None)
    if memo is None:
        memo = Synced()
        setattr(workflow, _ATTRIBUTE, memo)
    return memo
