"""What the engine tells others, after the change has committed.

The engine never imports the business: modules that care (notifications) connect to
these signals. Senders use `send_after_commit`, so a rolled-back change tells no one.
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal

# A task given to someone: kind is "assigned", "delegated" or "resolved";
# sent with task_id, kind, to_user_id, by_user_id, event_id (the history event).
task_handed_over = Signal()


def send_after_commit(signal: Signal, **kwargs) -> None:
    transaction.on_commit(partial(signal.send, sender=None, **kwargs))
