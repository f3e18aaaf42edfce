from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "processes.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from engine.signals import task_handed_over
        from processes.notifications.subscribers import on_task_handed_over

        task_handed_over.connect(on_task_handed_over, dispatch_uid="notifications.task")
