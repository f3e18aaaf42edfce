"""POST /api/instances/{id}/modify/: managers and process owners move a running case's work."""

import pytest

from engine.models import HumanTask, InstanceEvent, ProcessInstance
from engine.services.instances import instance_cancel, instance_start
from engine.services.tasks import task_complete

pytestmark = pytest.mark.django_db

BACK = [
    {"type": "cancel", "element": "approve_order"},
    {"type": "start_before", "element": "enter_order", "variables": {"quantity": 5}},
]


@pytest.fixture
def waiting(people, order_definition):
    """An order of 1,500 waiting for a manager's approval."""
    instance = instance_start(
        definition_key="order_approval", business_key="SO-9", user=people.alice
    )
    task = HumanTask.objects.get(instance=instance, element_id="enter_order")
    data = {"customer": "Acme", "quantity": 50, "price": 30}
    task_complete(task_id=task.pk, user=people.alice, data=data)
    return instance


def url(instance) -> str:
    return f"/api/instances/{instance.pk}/modify/"


def stored(instance):
    row = ProcessInstance.objects.get(pk=instance.pk)
    tasks = HumanTask.objects.filter(instance=instance).values_list("element_id", "status")
    return row.state, row.revision, row.status, sorted(tasks), row.events.count()


def test_a_manager_sends_the_order_back_and_the_answer_shows_it(api, people, waiting):
    response = api(people.erin).post(url(waiting), {"instructions": BACK}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["active"] == ["enter_order"]
    assert body["variables"]["quantity"] == 5
    history = api(people.erin).get(f"/api/instances/{waiting.pk}/history/").json()
    moved = next(event for event in history if event["type"] == "modified")
    assert moved["user"] == "erin"
    assert moved["data"]["instructions"] == [
        {"type": "cancel", "element": "approve_order", "variables": {}},
        {"type": "start_before", "element": "enter_order", "variables": {"quantity": 5}},
    ]
    # Entered again, small this time: accepted without approval.
    task = HumanTask.objects.get(instance=waiting, element_id="enter_order", status="open")
    data = {"customer": "Acme", "quantity": 5, "price": 30}
    task_complete(task_id=task.pk, user=people.alice, data=data)
    waiting.refresh_from_db()
    assert waiting.status == "completed"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"instructions": [{"type": "start_before", "element": "ghost"}]}, "“ghost”"),
        ({"instructions": [{"type": "start_after", "element": "big_order"}]}, "Big order?"),
        ({"instructions": [{"type": "cancel", "element": "enter_order"}]}, "Enter order"),
        ({"instructions": "back"}, "instructions"),
        ({}, "instructions"),
    ],
)
def test_an_impossible_move_is_a_400_naming_it_and_changes_nothing(
    api, people, waiting, body, words
):
    before = stored(waiting)
    response = api(people.erin).post(url(waiting), body, format="json")
    assert response.status_code == 400
    assert words in str(response.json())
    assert stored(waiting) == before


def test_an_ended_case_is_a_409_and_a_person_without_the_right_a_403(api, people, waiting):
    before = stored(waiting)
    response = api(people.alice).post(url(waiting), {"instructions": BACK}, format="json")
    assert response.status_code == 403
    assert api().post(url(waiting), {"instructions": BACK}, format="json").status_code == 401
    assert stored(waiting) == before
    instance_cancel(instance_id=waiting.pk, user=people.erin)
    before = stored(waiting)
    response = api(people.erin).post(url(waiting), {"instructions": BACK}, format="json")
    assert response.status_code == 409
    assert "SO-9" in str(response.json())
    assert stored(waiting) == before
    assert not InstanceEvent.objects.filter(instance=waiting, type="modified").exists()
