from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy

from .definitions import ProcessDefinition


class InstanceStatus(models.TextChoices):
    RUNNING = "running", pgettext_lazy("instance status", "Running")
    SUSPENDED = "suspended", pgettext_lazy("instance status", "Suspended")
    COMPLETED = "completed", pgettext_lazy("instance status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("instance status", "Cancelled")
    ERROR = "error", pgettext_lazy("instance status", "Error")


class ProcessInstance(models.Model):
    Status = InstanceStatus

    definition = models.ForeignKey(
        ProcessDefinition, on_delete=models.PROTECT, related_name="instances"
    )
    status = models.CharField(max_length=16, choices=InstanceStatus.choices, default="running")
    business_key = models.CharField(max_length=255, blank=True, default="", db_index=True)
    stage = models.CharField(max_length=255, blank=True, default="")
    # The engine state: only the live part of the task tree (see engine/runtime/state.py).
    state = models.TextField(blank=True, default="")
    # The variables of an ended instance; a running one keeps them in its state, stored
    # once with the task data (read them through `variables`).
    ended_variables = models.JSONField(default=dict, blank=True)
    # BPMN element ids that are active now (ready, waiting or in error).
    active = models.JSONField(default=list, blank=True)
    # When the engine has work due for this instance without anybody acting (an async
    # continuation, a retry, a timer); the sweep re-enqueues instances past it.
    due_at = models.DateTimeField(null=True, blank=True)
    # Bumped at every saved step; lets callers detect a change they did not see.
    revision = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "definition"], name="instance_status_def_idx"),
            models.Index(fields=["stage"], name="instance_stage_idx"),
            models.Index(fields=["started_at"], name="instance_started_idx"),
            models.Index(fields=["due_at"], name="instance_due_idx"),
            # The cycle-time report reads the instances completed since a day.
            models.Index(fields=["status", "ended_at"], name="instance_ended_idx"),
        ]
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.definition.key} #{self.pk}"

    @property
    def variables(self) -> dict[str, Any]:
        """The process variables as of the last step (the data of the task that changed
        last), read without loading the engine."""
        state = self.stored_state()
        if not state:
            return self.ended_variables
        cached = self.__dict__.get("_variables")
        if cached is not None and cached[0] is state:
            return cached[1]
        from engine.runtime.state import state_variables

        found = state_variables(state, self._variable_pieces)
        variables = self.ended_variables if found is None else found
        self.__dict__["_variables"] = (state, variables)
        return variables

    def stored_state(self) -> str:
        """The state, read by one plain statement when the row was read without it (the
        lock query leaves it out; Django's deferred load costs several times more)."""
        if "state" not in self.__dict__:
            from engine.db.columns import column_value

            self.__dict__["state"] = column_value(self._meta.db_table, "state", self.pk, "")
        return self.state

    def stored_pieces(self) -> dict[int, str]:
        """The large values of its state, stored apart (engine/runtime/pieces.py)."""
        return dict(self.pieces.values_list("seq", "data"))

    def _variable_pieces(self) -> dict[int, str]:
        # Read beforehand for a whole list (engine.selectors.with_variable_pieces), if so.
        read = self.__dict__.get("_read_variable_pieces")
        return read if read is not None else self.stored_pieces()

    @property
    def is_finished(self) -> bool:
        return self.status in (InstanceStatus.COMPLETED, InstanceStatus.CANCELLED)


class InstancePiece(models.Model):
    """A large value of an instance's data (or a run of a long list), stored once and
    rewritten only when it changes (engine/runtime/pieces.py)."""

    instance = models.ForeignKey(ProcessInstance, on_delete=models.CASCADE, related_name="pieces")
    seq = models.PositiveIntegerField()
    data = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["instance", "seq"], name="instance_piece_unique")
        ]

    def __str__(self) -> str:
        return f"piece {self.seq} of instance {self.instance_id}"
