"""/api/tasks/ filters as the inbox page has them: its scope, due, priority, follow-up, sort."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engine.models import HumanTask
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from tests.factories import deploy_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(people):
    deploy_fixture()
    tasks = []
    for _ in range(3):
        instance = instance_start(definition_key="order_approval", user=people.alice)
        tasks.append(HumanTask.objects.get(instance=instance))
    return tasks


def _ids(answer) -> list[int]:
    assert answer.status_code == 200, answer.json()
    return [row["id"] for row in answer.json()["results"]]


def test_follow_up_due_priority_and_sort(api, people, three):
    now = timezone.now()
    first, second, third = three
    HumanTask.objects.filter(pk=first.pk).update(follow_up_at=now - timedelta(hours=1))
    HumanTask.objects.filter(pk=second.pk).update(
        follow_up_at=now + timedelta(days=2), due_at=now - timedelta(minutes=1), priority=90
    )
    alice = api(people.alice)
    assert _ids(alice.get("/api/tasks/", {"follow_up": "today"})) == [first.pk]
    assert _ids(alice.get("/api/tasks/", {"follow_up": "later"})) == [second.pk]
    assert _ids(alice.get("/api/tasks/", {"follow_up": "none"})) == [third.pk]
    assert _ids(alice.get("/api/tasks/", {"due": "overdue"})) == [second.pk]
    assert _ids(alice.get("/api/tasks/", {"priority": "high"})) == [second.pk]
    assert _ids(alice.get("/api/tasks/", {"sort": "follow_up"})) == [first.pk, second.pk, third.pk]


def test_the_inbox_scope_is_mine_and_my_groups_unclaimed(api, people, three):
    first, *_ = three
    task_claim(task_id=first.pk, user=people.admin)  # taken by someone else: not alice's now
    alice = api(people.alice)
    assert first.pk not in _ids(alice.get("/api/tasks/", {"scope": "inbox"}))
    assert first.pk in _ids(api(people.admin).get("/api/tasks/", {"scope": "inbox"}))


@pytest.mark.parametrize("field", ["due", "priority", "follow_up", "sort", "scope"])
def test_an_unknown_value_is_400_naming_the_filter(api, people, three, field):
    answer = api(people.alice).get("/api/tasks/", {field: "someday"})
    assert answer.status_code == 400 and field in answer.json()["errors"]
