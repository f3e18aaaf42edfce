"""What the engine tells others, after the change has committed.

The engine never imports the business: modules that care (notifications) connect to
these signals. Senders use `send_after_commit`, so a rolled-back change tells no one; a
signal nobody listens to costs nothing.
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal

# A task given to someone: kind is "assigned", "delegated" or "resolved";
# sent with task_id, kind, to_user_id, by_user_id, event_id (the history event).
task_handed_over = Signal()
# A user task came up (its candidates or its assignee have work): task_id.
task_created = Signal()
# An incident opened on an instance (not a repeated failure of an open one): incident_id.
incident_opened = Signal()
# An instance completed: instance_id, process_key (its definition's key).
instance_ended = Signal()
# The sweep ran (timers, retries …): now. Sent in the sweep, not after a commit; a
# receiver's failure is logged and does not stop the sweep.
swept = Signal()


def send_after_commit(signal: Signal, **kwargs: object) -> None:
    if signal.has_listeners():
        transaction.on_commit(partial(signal.send, sender=None, **kwargs))
