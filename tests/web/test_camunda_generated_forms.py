"""A Camunda 7 generated form (camunda:formData, as Camunda Modeler 5 writes it): the task
page shows its fields with their labels, defaults and choices, and the server refuses a
completion that breaks its constraints at the field, over the API (400) and on the page,
changing nothing."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from engine.models import HumanTask
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from tests.factories import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def leave_task(users) -> HumanTask:
    content = (FIXTURES / "camunda" / "generated_form.bpmn").read_bytes()
    definition_deploy(file_name="leave.bpmn", content=content, user=None, check_role=False)
    instance = instance_start(definition_key="leave_request", user=users["admin"])
    return HumanTask.objects.get(instance=instance, element_id="Activity_request")


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0]}")
    return client


def test_the_page_shows_the_generated_fields(login, users, leave_task):
    task_claim(task_id=leave_task.pk, user=users["admin"])
    response = login(users["admin"]).get(f"/tasks/{leave_task.pk}/")
    assert response.status_code == 200
    fields = {f.path: f for f in response.context["fields"]}
    assert [fields[p].label for p in ("reason", "days", "paid", "firstDay", "kind")] == [
        "Reason",
        "Days",
        "Paid leave",
        "First day",
        "Kind of leave",
    ]
    assert fields["days"].kind == "integer" and fields["firstDay"].kind == "date"
    assert [label for _value, label in fields["kind"].choices] == [
        "Holiday",
        "Sick leave",
        "Unpaid leave",
    ]
    html = response.content.decode()
    assert 'value="2026-06-01"' in html  # the default, written dd/MM/yyyy in the diagram
    assert ">Sick leave</option>" in html
    assert "Alice Martin" in html  # the read-only field shows its value
    assert "camunda:formData" not in html


def test_a_completion_breaking_a_constraint_is_refused_at_the_field(users, leave_task):
    api = _api(users["admin"])
    url = f"/api/tasks/{leave_task.pk}/complete/"
    bad = {"reason": "no", "days": 45, "paid": True, "kind": "sabbatical"}
    response = api.post(url, {"data": bad}, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert set(errors) == {"reason", "days", "kind"}, errors
    assert errors["kind"] == ["Must be one of the listed choices."]
    leave_task.refresh_from_db()
    assert leave_task.status == HumanTask.Status.OPEN and leave_task.completed_data is None
    assert "reason" not in leave_task.instance.variables

    response = api.post(url, {"data": {"paid": False}}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"reason", "days"}

    good = {"reason": "Family wedding", "days": 3, "paid": True, "kind": "holiday"}
    response = api.post(url, {"data": {**good, "firstDay": "2026-07-01"}}, format="json")
    assert response.status_code == 200, response.content
    leave_task.instance.refresh_from_db()
    assert leave_task.instance.status == "completed"
    assert leave_task.instance.variables["days"] == 3
    assert leave_task.instance.variables["firstDay"] == "2026-07-01"


def test_the_page_shows_the_refusal_at_the_field(login, users, leave_task):
    task_claim(task_id=leave_task.pk, user=users["admin"])
    response = login(users["admin"]).post(
        f"/tasks/{leave_task.pk}/", {"f.reason": "Family", "f.days": "0", "f.kind": "holiday"}
    )
    assert response.status_code == 200
    fields = {f.path: f for f in response.context["fields"]}
    assert fields["days"].errors and not fields["reason"].errors
    leave_task.refresh_from_db()
    assert leave_task.status == HumanTask.Status.CLAIMED


def test_the_generated_form_is_edited_in_the_diagram_not_offered_as_a_form_file(
    login, users, leave_task
):
    """Saving it as a file would be lost: the diagram's form fields make the form."""
    response = login(users["olga"]).get("/forms/")
    assert response.status_code == 200
    assert not [f for f in response.context["forms"] if "formData" in f.name]
    assert "camunda:formData" not in response.content.decode()
    modeler = login(users["olga"]).get("/processes/leave_request/modeler/")
    assert modeler.status_code == 200
    assert modeler.context["task_forms"] == {}
