"""How the engine asks for an instance to be advanced in the background.

The engine does not know who runs the work: the worker layer registers a dispatcher at
start-up (Celery in production, an in-process thread in the embedded default). Requests are
sent only after the transaction commits; losing one loses nothing, because the sweep finds
every instance whose `due_at` has passed.
"""

from collections.abc import Callable

from django.db import transaction

Dispatcher = Callable[[int], None]
_dispatcher: Dispatcher | None = None


def set_dispatcher(dispatcher: Dispatcher | None) -> None:
    global _dispatcher
    _dispatcher = dispatcher


class _Advance:
    def __init__(self, dispatcher: Dispatcher, instance_id: int):
        self.dispatcher = dispatcher
        self.instance_id = instance_id

    def __call__(self) -> None:
        self.dispatcher(self.instance_id)


def request_advance(instance_id: int) -> None:
    """Ask for the instance to be advanced once the current transaction commits (once, however
    often a transaction asks: a second request would find nothing left to do)."""
    if _dispatcher is None:
        return
    connection = transaction.get_connection()
    queued = connection.run_on_commit if connection.in_atomic_block else []
    if any(isinstance(e[1], _Advance) and e[1].instance_id == instance_id for e in queued):
        return
    transaction.on_commit(_Advance(_dispatcher, instance_id))
