"""`status=open` means not ended; `state=` is the exact state; completing unclaimed claims."""

import pytest

from engine.models import HumanTask, InstanceEvent
from engine.models.events import EventType
from engine.services.instances import instance_start
from tests.factories import deploy_fixture

pytestmark = pytest.mark.django_db

GOOD = {"customer": "ACME", "quantity": 200, "price": 10}


@pytest.fixture
def two_tasks(people):
    deploy_fixture()
    first = instance_start(definition_key="order_approval", user=people.alice)
    second = instance_start(definition_key="order_approval", user=people.alice)
    return HumanTask.objects.get(instance=first), HumanTask.objects.get(instance=second)


def _ids(answer) -> set[int]:
    assert answer.status_code == 200, answer.json()
    return {row["id"] for row in answer.json()["results"]}


def test_mine_and_open_includes_my_claimed_tasks(api, people, two_tasks):
    claimed, _unclaimed = two_tasks
    alice = api(people.alice)
    assert alice.post(f"/api/tasks/{claimed.pk}/claim/").status_code == 200
    assert _ids(alice.get("/api/tasks/?scope=mine&status=open")) == {claimed.pk}
    assert _ids(alice.get("/api/tasks/?scope=mine&state=claimed")) == {claimed.pk}
    assert _ids(alice.get("/api/tasks/?scope=mine&state=open")) == set()


def test_state_filters_the_exact_state(api, people, two_tasks):
    claimed, unclaimed = two_tasks
    alice = api(people.alice)
    alice.post(f"/api/tasks/{claimed.pk}/claim/")
    assert _ids(alice.get("/api/tasks/?status=open")) == {claimed.pk, unclaimed.pk}
    assert _ids(alice.get("/api/tasks/?state=open")) == {unclaimed.pk}
    assert _ids(alice.get("/api/tasks/?scope=candidate&status=open")) == {unclaimed.pk}
    assert alice.get("/api/tasks/?state=sleeping").status_code == 400


def test_completing_an_unclaimed_task_claims_it_in_the_same_step(api, people, two_tasks):
    task, _other = two_tasks
    answer = api(people.alice).post(
        f"/api/tasks/{task.pk}/complete/", {"data": GOOD}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    task.refresh_from_db()
    assert task.assignee == people.alice
    assert task.claimed_at is not None
    kinds = list(
        InstanceEvent.objects.filter(instance=task.instance, element_id=task.element_id)
        .order_by("pk")
        .values_list("type", flat=True)
    )
    assert kinds.index(EventType.TASK_CLAIMED) < kinds.index(EventType.TASK_COMPLETED)
