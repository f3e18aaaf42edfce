"""Notifications that come by themselves: a new task in my queue, my due dates, an
incident in a process I own, my case ended — told once each, by e-mail as I choose."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from engine.exceptions import NotFound
from engine.models import HumanTask
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.sweep import sweep
from engine.services.tasks import task_complete
from processes.access.rights import Refusal
from processes.notifications.delivery import send_notification_email
from processes.notifications.due import notify_due
from processes.notifications.models import EndNotice, Notification, Preference
from processes.notifications.services import end_notice_set, preferences_set
from profiles.models import Profile
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent


@pytest.fixture
def people(db):
    return {
        "alice": make_user("alice", "sales", email="alice@example.com", first_name="Alice"),
        "sam": make_user("sam", "sales", email="sam@example.com"),
        "bob": make_user("bob", "warehouse", email="bob@example.com"),
        "olga": make_user("olga", "process-owners", email="olga@example.com"),
    }


def _deploy_call_back():
    content = (HERE / "due_task.bpmn").read_bytes()
    definition_deploy(file_name="due_task.bpmn", content=content, user=None, check_role=False)


def _call_back(starter, who, due="", follow=""):
    instance = instance_start(
        definition_key="call_back",
        user=starter,
        variables={"who": who, "due": due, "follow": follow},
    )
    return HumanTask.objects.get(instance=instance)


def _kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_new_task_in_the_group_queue_tells_its_members_once_by_mail(
    people, django_capture_on_commit_callbacks
):
    deploy_fixture()
    Profile.objects.create(user=people["sam"], language="fr")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        instance = instance_start(
            definition_key="order_approval", business_key="SO-7", user=people["alice"]
        )
    task = HumanTask.objects.get(instance=instance)
    assert _kinds(people["sam"]) == ["task_queued"]
    assert _kinds(people["alice"]) == []  # she started it: only the others are told
    assert _kinds(people["bob"]) == []  # warehouse: not a candidate
    to_sam = [m for m in mail.outbox if m.to == ["sam@example.com"]]
    assert len(to_sam) == 1
    [message] = to_sam
    # In sam's language, with a link that opens the task, plain and HTML.
    assert "Nouvelle tâche" in message.subject
    assert f"http://localhost:8000/tasks/{task.pk}/" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and f'href="http://localhost:8000/tasks/{task.pk}/"' in html
    # The same commit's callbacks run again (a retried job): nothing twice.
    for callback in callbacks:
        callback()
    assert len([m for m in mail.outbox if m.to == ["sam@example.com"]]) == 1
    assert Notification.objects.filter(recipient=people["sam"]).count() == 1
    note = Notification.objects.get(recipient=people["sam"])
    assert send_notification_email(note.pk) is False


def test_due_soon_and_overdue_come_from_the_sweep_once(people, django_capture_on_commit_callbacks):
    _deploy_call_back()
    due = (timezone.now() + timedelta(seconds=3)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        task = _call_back(people["alice"], "sam", due=due)
    assert _kinds(people["sam"]) == ["task_assigned"]
    with django_capture_on_commit_callbacks(execute=True):
        sweep(horizon_s=0)  # the engine's sweep, as Celery beat and the embedded worker run it
    assert _kinds(people["sam"]) == ["task_assigned", "task_due_soon"]
    later = task.due_at + timedelta(milliseconds=500)
    with django_capture_on_commit_callbacks(execute=True):
        notify_due(now=later)
        notify_due(now=later)  # the sweep ran twice
        notify_due(now=later + timedelta(seconds=2))  # a worker restarted and looks again
    assert _kinds(people["sam"]) == ["task_assigned", "task_due_soon", "task_overdue"]
    overdue = Notification.objects.get(recipient=people["sam"], kind="task_overdue")
    assert overdue.subject == "Call the customer"
    assert overdue.link == f"/tasks/{task.pk}/"
    assert len([m for m in mail.outbox if "overdue" in m.subject]) == 1


def test_a_follow_up_date_tells_the_assignee(people, django_capture_on_commit_callbacks):
    _deploy_call_back()
    follow = (timezone.now() + timedelta(seconds=1)).isoformat()
    task = _call_back(people["alice"], "sam", follow=follow)
    notify_due(now=task.follow_up_at + timedelta(milliseconds=10))
    assert "task_follow_up" in _kinds(people["sam"])


def test_an_incident_tells_the_process_owners(people, django_capture_on_commit_callbacks):
    deploy_fixture("script_failure", user=people["alice"])
    with django_capture_on_commit_callbacks(execute=True):
        instance_start(
            definition_key="script_failure",
            business_key="X-1",
            user=people["sam"],
            variables={"amount": 1, "parts": 0},
        )
    [note] = Notification.objects.filter(recipient=people["olga"])
    assert note.kind == "incident"
    assert note.subject == "Script failure · X-1"
    assert note.link == "/processes/script_failure/"
    assert _kinds(people["alice"]) == ["incident"]  # who deployed the diagram
    assert _kinds(people["bob"]) == []


def test_my_case_ended_where_the_owner_marked_notify_on_end(
    people, django_capture_on_commit_callbacks
):
    _deploy_call_back()
    first = _call_back(people["alice"], "alice")
    with django_capture_on_commit_callbacks(execute=True):
        task_complete(task_id=first.pk, user=people["alice"], data={})
    assert "case_ended" not in _kinds(people["alice"])  # not marked: it ends quietly

    # Only a diagram's owner marks it: anyone else is refused and nothing is marked.
    with pytest.raises(Refusal):
        end_notice_set(user=people["alice"], process_key="call_back", on=True)
    with pytest.raises(NotFound):
        end_notice_set(user=people["olga"], process_key="no_such_process", on=True)
    assert not EndNotice.objects.exists()
    end_notice_set(user=people["olga"], process_key="call_back", on=True)
    second = _call_back(people["alice"], "alice")
    with django_capture_on_commit_callbacks(execute=True):
        task_complete(task_id=second.pk, user=people["alice"], data={})
    [ended] = Notification.objects.filter(recipient=people["alice"], kind="case_ended")
    assert ended.key == f"ended:{second.instance_id}"
    assert _kinds(people["olga"]) == []  # the owner marks; the starter is told

    end_notice_set(user=people["olga"], process_key="call_back", on=False)
    third = _call_back(people["alice"], "alice")
    with django_capture_on_commit_callbacks(execute=True):
        task_complete(task_id=third.pk, user=people["alice"], data={})
    assert _kinds(people["alice"]).count("case_ended") == 1


def test_preferences_mute_a_kind_keep_it_in_the_app_or_gather_a_digest(
    people, django_capture_on_commit_callbacks
):
    deploy_fixture()
    preferences_set(user=people["sam"], muted=["task_queued"])
    preferences_set(user=people["alice"], delivery="app")
    with django_capture_on_commit_callbacks(execute=True):
        instance_start(definition_key="order_approval", business_key="SO-8", user=people["bob"])
    assert _kinds(people["sam"]) == []
    assert _kinds(people["alice"]) == ["task_queued"]
    assert mail.outbox == []

    preferences_set(user=people["alice"], delivery="digest", digest_minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        instance_start(definition_key="order_approval", business_key="SO-9", user=people["bob"])
    assert mail.outbox == []
    from processes.notifications.delivery import send_digests

    now = timezone.now()
    assert send_digests(now=now + timedelta(minutes=10)) == 0  # not yet
    assert send_digests(now=now + timedelta(minutes=31)) == 1
    [digest] = mail.outbox
    assert digest.to == ["alice@example.com"]
    assert "SO-8" in digest.body and "SO-9" in digest.body
    assert send_digests(now=now + timedelta(minutes=70)) == 0  # nothing new
    assert Preference.objects.get(user=people["alice"]).delivery == "digest"


def test_who_completes_a_task_is_not_told_of_the_next_one_in_their_group(
    people, django_capture_on_commit_callbacks
):
    deploy_fixture()
    mia = make_user("mia", "sales", "managers", email="mia@example.com")
    max_ = make_user("max", "managers", email="max@example.com")
    instance = instance_start(definition_key="order_approval", user=people["alice"])
    task = HumanTask.objects.get(instance=instance)
    with django_capture_on_commit_callbacks(execute=True):
        task_complete(
            task_id=task.pk, user=mia, data={"customer": "Big", "quantity": 100, "price": 50}
        )
    approve = HumanTask.objects.get(instance=instance, element_id="approve_order")
    assert _kinds(max_) == ["task_queued"]
    assert Notification.objects.get(recipient=max_).link == f"/tasks/{approve.pk}/"
    assert _kinds(mia) == []  # she caused it
    assert [m.to for m in mail.outbox] == [["max@example.com"]]
