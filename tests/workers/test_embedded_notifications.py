"""A task due in 3 s tells its assignee it is overdue within a second of its due time, once:
the embedded worker's sweep (the same code as Celery beat's), run on and restarted."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from engine.dispatch import set_dispatcher
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from processes.notifications.models import Notification
from tests.factories import make_user
from workers import embedded

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BPMN = Path(__file__).parents[1] / "processes" / "notifications" / "due_task.bpmn"


def _overdue(user):
    return Notification.objects.filter(recipient=user, kind="task_overdue")


def test_overdue_within_a_second_exactly_once_across_a_restart():
    definition_deploy(file_name=BPMN.name, content=BPMN.read_bytes(), user=None, check_role=False)
    sam = make_user("sam", "sales", email="sam@example.com")
    set_dispatcher(embedded.enqueue)
    embedded.start()
    try:
        due = timezone.now() + timedelta(seconds=3)
        instance_start(
            definition_key="call_back",
            user=sam,
            variables={"who": "sam", "due": due.isoformat(), "follow": ""},
        )
        deadline = time.monotonic() + 8
        while not _overdue(sam).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        [note] = _overdue(sam)
        late = (note.created_at - due).total_seconds()
        assert 0 <= late <= 1.0, late
        embedded.stop()  # the worker restarts …
        embedded.start()
        time.sleep(1.5)  # … and sweeps a few times more
        assert _overdue(sam).count() == 1
        assert len([m for m in mail.outbox if "overdue" in m.subject]) == 1
    finally:
        embedded.stop()
        set_dispatcher(None)
