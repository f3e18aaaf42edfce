"""A process's Camunda execution listeners on start and end (engine/dialects/camunda_io.py).

The script runs in the script engine like an activity's pre- and post-script: when the
process's start task completes (before its first element gets the data) and when its end
task does (before the case's data are final, or go back to a calling process).
"""

from typing import Any


class ProcessListener:
    """Runs one generated script on a task of the process (a SpiffWorkflow event handler)."""

    def __init__(self, script: str) -> None:
        self.script = script

    def __call__(self, workflow: Any, task: Any) -> None:
        workflow.script_engine.execute(task, self.script)


def attach_process_listeners(spec: Any, start: str | None, end: str | None) -> None:
    """Run `start` when the process spec's start task completes, `end` when its end does."""
    if start:
        spec.start.completed_event.connect(ProcessListener(start))
    if end:
        spec.task_specs["End"].completed_event.connect(ProcessListener(end))
