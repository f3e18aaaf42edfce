"""PATCH /api/instances/{id}/variables/: managers and process owners fix a running case."""

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from engine.services.tasks import task_complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(people, order_definition):
    instance = instance_start(
        definition_key="order_approval", business_key="SO-9", user=people.alice
    )
    task = HumanTask.objects.get(instance=instance, element_id="enter_order")
    data = {"customer": "Acme", "quantity": 50, "price": 30}
    task_complete(task_id=task.pk, user=people.alice, data=data)
    return instance


def url(instance) -> str:
    return f"/api/instances/{instance.pk}/variables/"


def test_a_manager_changes_and_the_answer_shows_it(api, people, waiting):
    response = api(people.erin).patch(url(waiting), {"variables": {"quantity": 5}}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["variables"]["quantity"] == 5
    history = api(people.erin).get(f"/api/instances/{waiting.pk}/history/").json()
    assert history[-1]["type"] == "variables_changed"


def test_refusals_name_what_is_wrong_and_change_nothing(api, people, waiting):
    before = api(people.erin).get(f"/api/instances/{waiting.pk}/").json()
    response = api(people.erin).patch(url(waiting), {"variables": {"quantity": "x"}}, format="json")
    assert response.status_code == 400
    assert "quantity" in str(response.json())
    assert api(people.erin).patch(url(waiting), {"quantity": 5}, format="json").status_code == 400
    assert api(people.erin).patch(url(waiting), [1], format="json").status_code == 400
    # A process owner may change variables, of the instances she sees (not this one).
    response = api(people.olga).patch(url(waiting), {"variables": {"note": "x"}}, format="json")
    assert response.status_code == 404
    response = api(people.bob).patch(url(waiting), {"variables": {"note": "y"}}, format="json")
    assert response.status_code in (403, 404)
    assert api().patch(url(waiting), {"variables": {"note": "y"}}, format="json").status_code == 401
    after = api(people.erin).get(f"/api/instances/{waiting.pk}/").json()
    assert after["variables"] == before["variables"]
