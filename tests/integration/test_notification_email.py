"""A real Celery worker e-mails a notification once it commits, and a repeated job sends
nothing more (PostgreSQL, Redis, the worker in its own process)."""

from django.db import transaction

from bench.cluster import wait_for
from processes.notifications.models import Notification
from processes.notifications.services import notify
from processes.notifications.tasks import send_notification_email_task
from tests.factories import make_user


def _mails(folder) -> list[str]:
    return [p.read_text() for p in folder.glob("*.log")] if folder.exists() else []


def test_the_worker_sends_once_after_commit(cluster, settings, tmp_path):
    outbox = tmp_path / "outbox"
    cluster.env["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    cluster.env["EMAIL_FILE_PATH"] = str(outbox)
    settings.CELERY_BROKER_URL = cluster.env["CELERY_BROKER_URL"]
    sam = make_user("sam", "sales", email="sam@example.com")
    cluster.start_worker()
    with transaction.atomic():
        note = notify(recipient_id=sam.pk, kind="task_queued", key="task:1", subject="Call")
        assert _mails(outbox) == []  # nothing before the commit
    assert wait_for(lambda: len(_mails(outbox)) == 1, 30), cluster.logs()
    send_notification_email_task.delay(note.pk)  # a repeated job
    assert wait_for(lambda: Notification.objects.get(pk=note.pk).emailed_at is not None, 10)
    import time

    time.sleep(2)
    [mail] = _mails(outbox)
    assert mail.count("To: sam@example.com") == 1
    assert "New task in your queue" in mail
