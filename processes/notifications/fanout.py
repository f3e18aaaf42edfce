"""Who is told of what the engine did, worked out away from the step that did it.

The engine's signals arrive once its transaction has committed (engine/signals.py). Each
is handed on as one job, `notifications.fan_out`: to a Celery worker when a broker is
configured, to the embedded worker's thread in the embedded default (workers/dispatch.py
installs it), and done at once where neither runs (tests, management commands). With a
broker the job is published by a thread of its own (publisher.py). So a step pays for
handing over a few ids, not for finding the people, storing their notifications
and e-mailing them. A job is safe to run twice: each person is told once per event (the
notification's unique recipient and key).
"""

import logging
from collections.abc import Callable
from functools import partial

from django.conf import settings

from processes.notifications import subscribers

logger = logging.getLogger(__name__)

Payload = dict[str, int | str | None]
# Takes a job to do in the background; answers False when it cannot (then it is done at once).
Runner = Callable[[Callable[[], None]], bool]

EVENTS: dict[str, Callable[..., None]] = {
    "task_created": subscribers.tell_task_created,
    "task_handed_over": subscribers.tell_task_handed_over,
    "incident_opened": subscribers.tell_incident_opened,
    "instance_ended": subscribers.tell_instance_ended,
}

_runner: Runner | None = None


def set_runner(runner: Runner | None) -> None:
    """Where jobs go without a broker (the embedded worker's thread); None: done at once."""
    global _runner
    _runner = runner


def fan_out(event: str, payload: Payload) -> None:
    """Tell the people one engine event concerns (notify_many stores theirs in one
    transaction and e-mails them once it commits)."""
    EVENTS[event](**payload)


def _fan_out_logged(event: str, payload: Payload) -> None:
    try:
        fan_out(event, payload)
    except Exception:  # the step is committed and done; the log tells the rest
        logger.exception("Telling people of %s %s failed", event, payload)


def enqueue(event: str, payload: Payload) -> None:
    """Hand the event over to be told (called after the step commits)."""
    if settings.CELERY_BROKER_URL:
        from processes.notifications.publisher import publish

        publish(event, payload)  # by the publisher's thread: the step does not wait for it
    elif _runner is None or not _runner(partial(_fan_out_logged, event, payload)):
        _fan_out_logged(event, payload)


def _receiver(event: str) -> Callable[..., None]:
    def receive(sender: object, signal: object = None, **payload: int | str | None) -> None:
        enqueue(event, payload)

    receive.__name__ = f"on_{event}"
    return receive


# Module-level, so that the signals' weak references keep them.
RECEIVERS = {event: _receiver(event) for event in EVENTS}


def connect() -> None:
    """The app's receivers on the engine's signals (apps.py; the benchmarks take them off
    and put them back): each event told by a job after its step commits, due dates and
    digests on the sweep."""
    from engine import signals

    for event, receive in RECEIVERS.items():
        getattr(signals, event).connect(receive, dispatch_uid=f"notifications.{event}")
    signals.swept.connect(subscribers.on_swept, dispatch_uid="notifications.sweep")


def disconnect() -> None:
    """Nobody listens any more: a step sends nothing (engine.signals.send_after_commit)."""
    from engine import signals

    for event in RECEIVERS:
        getattr(signals, event).disconnect(dispatch_uid=f"notifications.{event}")
    signals.swept.disconnect(subscribers.on_swept, dispatch_uid="notifications.sweep")
