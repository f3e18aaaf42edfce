"""A timer cycle that may be a Quartz cron expression (Camunda 7's `0 0 9 ? * MON-FRI`).

SpiffWorkflow's cycle timer reads ISO 8601 `R…/…` only and moves on by a fixed interval.
This one reads the evaluated timeCycle: an ISO cycle is SpiffWorkflow's own; a cron
expression waits for its next moment (engine/sandbox/cron.py), then for the one after
that moment, as long as the timer waits: a non-interrupting boundary timer fires at each,
an interrupting one and an intermediate catch fire once, as in Camunda. Its state is the
task's `event_value` dict, stored with the instance like any timer's ({"cycles", "next",
"duration", "cron"}); the Timer row follows its "next" (services/waiting.py).
"""

from datetime import UTC, datetime
from typing import Any

from engine.sandbox.cron import is_cron, next_fire

from .spiff import BoundaryEvent, CycleTimerEventDefinition


def _repeats(task: Any) -> bool:
    spec = task.task_spec
    return isinstance(spec, BoundaryEvent) and not spec.cancel_activity


class CronCycleTimerEventDefinition(CycleTimerEventDefinition):
    def cycle_complete(self, my_task: Any) -> bool:
        value = my_task.internal_data.get("event_value")
        now = datetime.now(UTC)
        if value is None:
            evaluated = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            if not is_cron(evaluated):
                return bool(super().cycle_complete(my_task))
            cron = evaluated.strip()
            value = {"cycles": -1, "next": next_fire(cron, now).isoformat(), "duration": 0}
            value["cron"] = cron
        if "cron" not in value or value["cycles"] == 0:
            return bool(super().cycle_complete(my_task))
        ready = False
        moment = datetime.fromisoformat(value["next"])
        if moment < now:
            # Moments missed while the engine was down fire once, as Camunda's job does.
            value["next"] = next_fire(value["cron"], max(moment, now)).isoformat()
            value["cycles"] = -1 if _repeats(my_task) else 0
            ready = True
        my_task.internal_data["event_value"] = value
        return ready
