"""Due dates of a task nobody has claimed tell its group's members, once each; a follow-up
date a person sets is told when it comes, and a mention or hand-over never tells its author."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from engine.models import HumanTask
from engine.services.definitions import definition_deploy
from engine.services.follow_up import task_follow_up
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from processes.collab.comments import comment_post
from processes.notifications.due import notify_due
from processes.notifications.models import Notification
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent


@pytest.fixture
def people(db):
    return {
        "alice": make_user("alice", "sales", email="alice@example.com"),
        "sam": make_user("sam", "sales", email="sam@example.com"),
        "bob": make_user("bob", "warehouse", email="bob@example.com"),
    }


@pytest.fixture
def call_back(people):
    content = (HERE / "due_task.bpmn").read_bytes()
    definition_deploy(file_name="due_task.bpmn", content=content, user=None, check_role=False)

    def start(who="", due="", follow=""):
        instance = instance_start(
            definition_key="call_back",
            user=people["alice"],
            variables={"who": who, "due": due, "follow": follow},
        )
        return HumanTask.objects.get(instance=instance)

    return start


def _told(kind):
    rows = Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    return sorted(rows)


def test_an_unclaimed_task_overdue_tells_each_member_of_its_group_once(people, call_back):
    due = (timezone.now() + timedelta(seconds=3)).isoformat()
    task = call_back(due=due)
    assert task.assignee_id is None
    later = task.due_at + timedelta(milliseconds=500)
    notify_due(now=later)
    notify_due(now=later)  # the sweep ran twice
    notify_due(now=later + timedelta(seconds=2))  # a restarted worker looks again
    assert _told("task_overdue") == ["alice", "sam"]  # the warehouse is not told


def test_a_follow_up_date_set_by_a_person_is_told_when_it_comes(people, call_back):
    task = call_back(who="sam")
    moment = timezone.now() + timedelta(seconds=2)
    task_follow_up(task_id=task.pk, user=people["sam"], follow_up_at=moment)
    notify_due(now=moment - timedelta(seconds=1))
    assert _told("task_follow_up") == []
    notify_due(now=moment + timedelta(milliseconds=10))
    notify_due(now=moment + timedelta(seconds=1))
    assert _told("task_follow_up") == ["sam"]
    # Moved to another moment: told again then.
    again = moment + timedelta(minutes=5)
    task_follow_up(task_id=task.pk, user=people["sam"], follow_up_at=again)
    notify_due(now=again + timedelta(milliseconds=10))
    assert _told("task_follow_up") == ["sam", "sam"]


def test_my_own_mention_and_my_own_claim_tell_me_nothing(
    people, call_back, django_capture_on_commit_callbacks
):
    task = call_back()
    before = Notification.objects.filter(recipient=people["alice"]).count()
    with django_capture_on_commit_callbacks(execute=True):
        body = "Note to @alice and @sam"
        comment_post(user=people["alice"], target=f"task:{task.pk}", body=body)
    with django_capture_on_commit_callbacks(execute=True):
        task_claim(task_id=task.pk, user=people["alice"])
    assert Notification.objects.filter(recipient=people["alice"]).count() == before
    assert _told("mentioned") == ["sam"]


def test_the_sweep_looks_at_due_dates_once_in_a_while(people, call_back, monkeypatch):
    from engine.services.sweep import sweep
    from processes.notifications import due

    looks = []
    monkeypatch.setattr(due, "notify_due", lambda now=None: looks.append(now) or 0)
    assert due.look_due()  # nobody has looked yet
    sweep(horizon_s=0)
    assert len(looks) == 1
    due.SweepMark.objects.update_or_create(name="due", defaults={"until": timezone.now()})
    sweep(horizon_s=0)  # half a second later, as the embedded worker sweeps: no look
    assert len(looks) == 1
    later = timezone.now() + due.LOOK_EVERY
    assert due.look_due(now=later)
    due.SweepMark.objects.update(until=timezone.now() - due.LOOK_EVERY)
    sweep(horizon_s=0)
    assert len(looks) == 2


def test_a_task_due_soon_is_told_by_the_next_sweep_though_one_just_looked(people, call_back):
    from engine.services.sweep import sweep
    from processes.notifications import due

    notify_due()  # a look just now: the sweeps before LOOK_EVERY only read
    assert not due.look_due()
    call_back(due=(timezone.now() + timedelta(minutes=30)).isoformat())
    assert due.look_due()  # a moment came: a task inside the lead
    sweep(horizon_s=0)
    assert _told("task_due_soon") == ["alice", "sam"]  # the group's members, once each


def test_a_sweep_between_looks_reads_the_mark_and_asks_once(people, django_assert_num_queries):
    from processes.notifications import due

    notify_due()
    with django_assert_num_queries(2):  # the mark, then one question for all the moments
        assert not due.look_due()
