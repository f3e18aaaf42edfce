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


def request_advance(instance_id: int) -> None:
    """Ask for the instance to be advanced once the current transaction commits."""
    if _dispatcher is not None:
        dispatcher = _dispatcher
        transaction.on_commit(lambda: dispatcher(instance_id))
