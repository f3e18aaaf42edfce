"""A SpiffArena form whose choices come from the task's data
(`"anyOf": ["options_from_task_data_var:fruits"]`): the task page offers them, and a value
that is not among them is refused at the field, over the API (400) and on the page."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from engine.models import HumanTask
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from tests.factories import FIXTURES, zip_bundle

pytestmark = pytest.mark.django_db
FILES = ["pick_fruit.bpmn", "pick-fruit-schema.json", "pick-fruit-uischema.json"]


@pytest.fixture
def fruit_task(users) -> HumanTask:
    bundle = zip_bundle({name: (FIXTURES / "spiffarena" / name).read_bytes() for name in FILES})
    definition_deploy(file_name="fruit.zip", content=bundle, user=None, check_role=False)
    instance = instance_start(definition_key="Process_pick_fruit_h2v9d", user=users["admin"])
    return HumanTask.objects.get(instance=instance, element_id="Activity_pick")


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0]}")
    return client


def test_the_page_offers_the_choices_the_task_data_lists(login, users, fruit_task):
    task_claim(task_id=fruit_task.pk, user=users["admin"])
    response = login(users["admin"]).get(f"/tasks/{fruit_task.pk}/")
    assert response.status_code == 200
    [field] = [f for f in response.context["fields"] if f.path == "favoriteFruit"]
    assert [label for _value, label in field.choices] == ["Apples", "Oranges", "Bananas"]
    html = response.content.decode()
    assert '<option value="oranges"' in html and ">Oranges</option>" in html
    assert "options_from_task_data_var" not in html


def test_a_value_not_in_the_list_is_refused_at_the_field_and_changes_nothing(users, fruit_task):
    api = _api(users["admin"])
    url = f"/api/tasks/{fruit_task.pk}/complete/"
    response = api.post(url, {"data": {"favoriteFruit": "kiwis"}}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"]["favoriteFruit"] == ["Must be one of the listed choices."]
    fruit_task.refresh_from_db()
    assert fruit_task.status == HumanTask.Status.OPEN
    assert fruit_task.completed_data is None
    assert "favoriteFruit" not in fruit_task.instance.variables

    response = api.post(url, {"data": {"favoriteFruit": "oranges"}}, format="json")
    assert response.status_code == 200, response.content
    fruit_task.instance.refresh_from_db()
    assert fruit_task.instance.status == "completed"
    assert fruit_task.instance.variables["favoriteFruit"] == "oranges"


def test_the_page_shows_the_refusal_at_the_field(login, users, fruit_task):
    task_claim(task_id=fruit_task.pk, user=users["admin"])
    response = login(users["admin"]).post(f"/tasks/{fruit_task.pk}/", {"f.favoriteFruit": "kiwis"})
    assert response.status_code == 200
    [field] = [f for f in response.context["fields"] if f.path == "favoriteFruit"]
    assert field.errors
    fruit_task.refresh_from_db()
    assert fruit_task.status == HumanTask.Status.CLAIMED
