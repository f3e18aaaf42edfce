"""Each person reads their notifications in their profile's language: the e-mail's subject,
its plain and HTML parts, the bell's list and a digest, with the task's and the process's
names as the catalogues translate them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from engine.models import HumanTask, ProcessInstance
from engine.services.definitions import definition_deploy
from engine.services.delegation import task_assign
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from processes.notifications.delivery import send_digests
from processes.notifications.models import EndNotice, Notification
from processes.notifications.services import notify, preferences_set
from processes.notifications.subscribers import tell_instance_ended
from profiles.services import set_language
from tests.api.test_delegation import PICKING_BPMN
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def picking(django_capture_on_commit_callbacks):
    definition_deploy(file_name="picking.bpmn", content=PICKING_BPMN, user=None, check_role=False)
    people = {
        "bob": make_user("bob", "warehouse", email="bob@x.test", first_name="Bob"),
        "frank": make_user("frank", "warehouse", email="frank@x.test", first_name="Frank"),
        "ivan": make_user("ivan", "warehouse", email="ivan@x.test", first_name="Иван"),
        "erin": make_user("erin", "managers", first_name="Erin"),
    }
    set_language(people["frank"], "fr")
    set_language(people["ivan"], "ru")
    preferences_set(user=people["frank"], muted=["task_queued"])
    preferences_set(user=people["ivan"], muted=["task_queued"])
    with django_capture_on_commit_callbacks(execute=True):
        instance = instance_start(definition_key="picking", business_key="PICK-7", user=None)
    task = HumanTask.objects.get(instance=instance)
    task_claim(task_id=task.pk, user=people["bob"])
    mail.outbox.clear()
    return people, task


def _mail_to(address):
    [message] = [m for m in mail.outbox if m.to == [address]]
    [html] = [body for body, kind in message.alternatives if kind == "text/html"]
    return message, html


def test_a_reassigned_task_is_told_in_french_and_in_russian(
    picking, django_capture_on_commit_callbacks
):
    people, task = picking
    with django_capture_on_commit_callbacks(execute=True):
        task_assign(task_id=task.pk, user=people["erin"], to="frank")
    message, html = _mail_to("frank@x.test")
    said = "Erin vous a confié la tâche « Préparer les marchandises · PICK-7 »"
    assert message.subject == said
    assert message.body.startswith("Bonjour Frank,") and said in message.body
    assert f"http://localhost:8000/tasks/{task.pk}/" in message.body
    assert "Bonjour Frank," in html and f'href="http://localhost:8000/tasks/{task.pk}/"' in html
    assert "Préparer les marchandises · PICK-7" in html
    assert "Pick the goods" not in message.body + html

    with django_capture_on_commit_callbacks(execute=True):
        task_assign(task_id=task.pk, user=people["erin"], to="ivan")
    message, html = _mail_to("ivan@x.test")
    assert message.subject == "Erin передал(а) вам задачу «Собрать товар · PICK-7»"
    assert message.body.startswith("Здравствуйте, Иван!")
    assert "Собрать товар · PICK-7" in html and "Pick the goods" not in message.body + html

    # The bell's list reads in the reader's language too, whatever the e-mail said.
    client = Client()
    client.force_login(people["frank"])
    [item] = client.get("/api/notifications/").json()["results"]
    assert item["text"] == said


def test_a_digest_and_an_ended_case_in_russian(picking, django_capture_on_commit_callbacks):
    people, task = picking
    ivan = people["ivan"]
    preferences_set(user=ivan, delivery="digest", digest_minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        task_assign(task_id=task.pk, user=people["erin"], to="ivan")
    instance = ProcessInstance.objects.get(pk=task.instance_id)
    definition = instance.definition
    definition.name = "Order to cash"  # a shipped process's name, in the catalogues
    definition.save(update_fields=["name"])
    ProcessInstance.objects.filter(pk=instance.pk).update(started_by=ivan)
    EndNotice.objects.create(process_key=definition.key)  # its owner marked "notify on end"
    with django_capture_on_commit_callbacks(execute=True):
        tell_instance_ended(instance_id=instance.pk)
    assert Notification.objects.filter(recipient=ivan).count() == 2
    assert mail.outbox == []  # a digest person waits for the digest
    assert send_digests(now=timezone.now() + timedelta(minutes=6)) == 1
    [digest] = mail.outbox
    assert digest.subject == "HyperCRM: 2 новых уведомления"
    assert "Erin передал(а) вам задачу «Собрать товар · PICK-7»" in digest.body
    assert "«От заказа до оплаты · PICK-7»" in digest.body
    [html] = [body for body, kind in digest.alternatives if kind == "text/html"]
    assert "Собрать товар · PICK-7" in html


def test_a_name_the_catalogues_do_not_have_reads_as_written(picking):
    people, _task = picking
    note = notify(
        recipient_id=people["frank"].pk,
        kind="task_overdue",
        key="test:1",
        subject="Rappeler Dupont · C-12",
    )
    assert note is not None
    client = Client()
    client.force_login(people["frank"])
    [item] = client.get("/api/notifications/").json()["results"]
    assert item["text"] == "Votre tâche « Rappeler Dupont · C-12 » est en retard"
