"""A timer cycle that may be a Quartz cron expression (Camunda 7's `0 0 9 ? * MON-FRI`).

SpiffWorkflow's cycle timer reads ISO 8601 `R…/…` only and moves on by a fixed interval.
This one reads the evaluated timeCycle: an ISO cycle is SpiffWorkflow's own; a cron
expression waits for its next moment (engine/sandbox/cron.py). A non-interrupting boundary
timer then fires again at each next moment while its task waits; an interrupting one, an
intermediate catch or a start event fires once, as in Camunda, like a date timer. Its
state is the task's `event_value` dict, stored with the instance like any timer's
({"cycles", "next", "duration", "cron"}); the Timer row follows its "next"
(services/waiting.py).
"""

from datetime import UTC, datetime
from typing import Any

from engine.sandbox.cron import is_cron, next_fire

from .spiff import BoundaryEvent, CycleTimerEventDefinition, predict_outputs


def _repeats(task: Any) -> bool:
    spec = task.task_spec
    return isinstance(spec, BoundaryEvent) and not spec.cancel_activity


class CronCycleTimerEventDefinition(CycleTimerEventDefinition):
    def _cron_value(self, my_task: Any) -> dict[str, Any] | None:
        """The cron timer's state, evaluated and kept the first time; None for ISO."""
        value = my_task.internal_data.get("event_value")
        if value is None:
            evaluated = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            if not is_cron(evaluated):
                return None  # SpiffWorkflow's cycle evaluates it again (cycle_complete)
            cron = evaluated.strip()
            moment = next_fire(cron, datetime.now(UTC))
            value = {"cycles": -1, "next": moment.isoformat(), "duration": 0, "cron": cron}
            my_task.internal_data["event_value"] = value
        return value if isinstance(value, dict) and "cron" in value else None

    def has_fired(self, my_task: Any) -> bool:
        if my_task.internal_data.get("event_fired") or _repeats(my_task):
            return bool(super().has_fired(my_task))
        value = self._cron_value(my_task)
        if value is None or datetime.fromisoformat(value["next"]) >= datetime.now(UTC):
            return bool(super().has_fired(my_task))
        my_task.internal_data["event_fired"] = True  # once, as a date timer
        predict_outputs(my_task)
        return True

    def update_task(self, my_task: Any) -> None:
        if _repeats(my_task) or self._cron_value(my_task) is None:
            super().update_task(my_task)  # children at each moment (cycle_complete)

    def cycle_complete(self, my_task: Any) -> bool:
        value = self._cron_value(my_task)
        if value is None:
            return bool(super().cycle_complete(my_task))
        moment = datetime.fromisoformat(value["next"])
        now = datetime.now(UTC)
        if moment >= now:
            return False
        # Moments missed while the engine was down fire once, as Camunda's job does.
        value["next"] = next_fire(value["cron"], now).isoformat()
        return True
