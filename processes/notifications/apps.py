from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "processes.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from engine import signals
        from processes.notifications import (
            fanout,
            subscribers,
            tasks,  # noqa: F401  (registers the Celery tasks)
        )

        # Each engine event is told by a job after its step commits (fanout.py).
        for event, receive in fanout.RECEIVERS.items():
            getattr(signals, event).connect(receive, dispatch_uid=f"notifications.{event}")
        signals.swept.connect(subscribers.on_swept, dispatch_uid="notifications.sweep")
