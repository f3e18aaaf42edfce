from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy

from .definitions import ProcessDefinition
from .instances import ProcessInstance


class TaskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("task status", "Open")
    CLAIMED = "claimed", pgettext_lazy("task status", "Claimed")
    COMPLETED = "completed", pgettext_lazy("task status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("task status", "Cancelled")


class HumanTask(models.Model):
    """The inbox projection: one row per READY user or manual task."""

    Status = TaskStatus

    # No index of their own for `instance` and `assignee`: task_instance_idx and
    # task_mine_idx begin with them (one index fewer to write at each task's step).
    instance = models.ForeignKey(
        ProcessInstance, on_delete=models.CASCADE, related_name="tasks", db_index=False
    )
    definition = models.ForeignKey(ProcessDefinition, on_delete=models.PROTECT, related_name="+")
    spiff_task_id = models.UUIDField()
    element_id = models.CharField(max_length=255)
    name = models.CharField(max_length=255, blank=True)
    lane = models.CharField(max_length=255, blank=True, default="")
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default="open")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # While a task is delegated: the assignee it goes back to once the delegate resolves it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    candidate_groups = models.JSONField(default=list, blank=True)
    candidate_users = models.JSONField(default=list, blank=True)
    priority = models.IntegerField(default=50)
    due_at = models.DateTimeField(null=True, blank=True)
    follow_up_at = models.DateTimeField(null=True, blank=True)
    # Form file name, looked up in the definition's stored forms.
    form_key = models.CharField(max_length=255, blank=True, default="")
    # The data the task was completed with (what it shows is read from the state: `data`).
    completed_data = models.JSONField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["spiff_task_id"], name="humantask_spiff_task_unique")
        ]
        indexes = [
            models.Index(fields=["assignee", "status", "-priority", "id"], name="task_mine_idx"),
            models.Index(fields=["instance", "status"], name="task_instance_idx"),
            models.Index(fields=["status", "due_at"], name="task_due_idx"),
            # The cycle-time report reads the tasks completed since a day.
            models.Index(fields=["status", "ended_at"], name="task_ended_idx"),
        ]
        ordering = ["-priority", "id"]

    def __str__(self) -> str:
        return f"{self.name or self.element_id} ({self.status})"

    @property
    def is_delegated(self) -> bool:
        return self.owner_id is not None

    @property
    def is_open(self) -> bool:
        return self.status in (TaskStatus.OPEN, TaskStatus.CLAIMED)

    @property
    def data(self) -> dict[str, Any]:
        """What the task shows: while open, the process data it sees (read from the
        instance's state, where it is stored once); once ended, what it was completed with."""
        if not self.is_open:
            return self.completed_data or {}
        from engine.runtime.state import task_data

        return task_data(self.instance, self.spiff_task_id)


class CandidateKind(models.TextChoices):
    GROUP = "group"
    USER = "user"


class TaskCandidate(models.Model):
    """Who may claim an open task: one row per candidate group (lower-cased) or user name.

    Rows exist only while the task is open and unassigned, so the "my groups' tasks" inbox
    is one indexed lookup on (kind, name) however many tasks have ever been completed.
    """

    Kind = CandidateKind

    # candidate_unique begins with `task`: no index of its own.
    task = models.ForeignKey(
        HumanTask, on_delete=models.CASCADE, related_name="candidates", db_index=False
    )
    kind = models.CharField(max_length=8, choices=CandidateKind.choices)
    name = models.CharField(max_length=150)
    # The task's priority, copied so the inbox page is read in order from one index.
    priority = models.IntegerField(default=50)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "kind", "name"], name="candidate_unique")
        ]
        indexes = [
            models.Index(fields=["kind", "name", "-priority", "task"], name="candidate_inbox_idx")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"
