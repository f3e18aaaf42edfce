import pytest

from engine.models import HumanTask
from tests.api.helpers import BIG_ORDER, ORDER, SMALL_ORDER, complete, history, inbox, start


@pytest.fixture
def order(api, people, order_definition):
    """A fresh order instance started by bob; its first task waits for Sales."""
    instance = start(api(people.bob)).json()
    return instance["id"], instance["tasks"][0]


@pytest.mark.django_db
def test_task_detail_has_its_form(api, people, order):
    instance_id, task_id = order
    body = api(people.alice).get(f"/api/tasks/{task_id}/").json()
    assert body["id"] == task_id
    assert body["name"] == "Enter order"
    assert body["element_id"] == "enter_order"
    assert body["instance"] == instance_id
    assert body["definition"] == ORDER
    assert body["status"] == "open"
    assert body["assignee"] is None
    assert body["candidate_groups"] == ["sales"]
    assert body["candidate_users"] == []
    assert body["priority"] == 50
    assert body["due_at"] is None
    assert body["follow_up_at"] is None
    assert body["created_at"]
    assert body["form"]["schema"]["properties"]["quantity"]["minimum"] == 1
    assert body["form"]["ui_schema"]["ui:order"] == ["customer", "quantity", "price"]
    assert isinstance(body["data"], dict)


@pytest.mark.django_db
def test_task_invisible_to_others_is_404(api, people, order):
    _, task_id = order
    assert api(people.bob).get(f"/api/tasks/{task_id}/").status_code == 404
    assert api(people.erin).get(f"/api/tasks/{task_id}/").status_code == 200  # manager
    assert api(people.alice).get("/api/tasks/999999/").status_code == 404


@pytest.mark.django_db
def test_claim_moves_the_task_from_candidate_to_mine(api, people, order):
    _, task_id = order
    alice = api(people.alice)
    assert inbox(alice, "mine") == []
    claimed = alice.post(f"/api/tasks/{task_id}/claim/")
    assert claimed.status_code == 200
    assert claimed.json()["status"] == "claimed"
    assert claimed.json()["assignee"] == "alice"
    assert inbox(alice, "mine") == [task_id]
    assert inbox(alice, "candidate") == []
    assert inbox(alice, "all") == [task_id]

    # Someone else in Sales cannot take it, nor complete it.
    carla = api(_sales_colleague())
    assert carla.post(f"/api/tasks/{task_id}/claim/").status_code == 409
    assert complete(carla, task_id, SMALL_ORDER).status_code == 403

    given_back = alice.post(f"/api/tasks/{task_id}/unclaim/")
    assert given_back.status_code == 200
    assert given_back.json()["status"] == "open"
    assert given_back.json()["assignee"] is None
    assert inbox(alice, "candidate") == [task_id]
    assert inbox(carla, "candidate") == [task_id]


def _sales_colleague():
    from tests.factories import make_user

    return make_user("carla", "sales")


@pytest.mark.django_db
def test_claim_by_non_candidate_is_403(api, people, order):
    _, task_id = order
    assert api(people.bob).post(f"/api/tasks/{task_id}/claim/").status_code == 403
    assert api(people.bob).post("/api/tasks/999999/claim/").status_code == 404
    assert HumanTask.objects.get(pk=task_id).assignee is None


@pytest.mark.django_db
def test_stranger_cannot_unclaim_or_read_through_unclaim(api, people, order):
    _, task_id = order
    refused = api(people.bob).post(f"/api/tasks/{task_id}/unclaim/")
    assert refused.status_code == 403
    assert "data" not in refused.json()
    assert api(people.bob).post("/api/tasks/999999/unclaim/").status_code == 404
    alice = api(people.alice)
    alice.post(f"/api/tasks/{task_id}/claim/")
    # Erin (a manager) sees the task but it is alice's to give back.
    assert api(people.erin).post(f"/api/tasks/{task_id}/unclaim/").status_code == 403
    assert HumanTask.objects.get(pk=task_id).assignee == people.alice


@pytest.mark.django_db
def test_form_errors_name_the_fields_and_change_nothing(api, people, order):
    instance_id, task_id = order
    alice = api(people.alice)
    events = history(alice, instance_id)
    response = complete(alice, task_id, {"customer": "", "quantity": "many", "price": -1})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"customer", "quantity", "price"} <= set(errors)
    assert all(isinstance(messages, list) and messages for messages in errors.values())
    assert history(alice, instance_id) == events
    assert HumanTask.objects.get(pk=task_id).status == HumanTask.Status.OPEN

    not_an_object = alice.post(f"/api/tasks/{task_id}/complete/", {"data": [1]}, format="json")
    assert not_an_object.status_code == 400
    assert "data" in not_an_object.json()["errors"]


@pytest.mark.django_db
def test_complete_answers_task_and_instance_and_twice_is_409(api, people, order):
    instance_id, task_id = order
    alice = api(people.alice)
    response = complete(alice, task_id, BIG_ORDER)
    assert response.status_code == 200
    body = response.json()
    assert body["task"]["id"] == task_id
    assert body["task"]["status"] == "completed"
    assert body["task"]["assignee"] == "alice"
    assert body["instance"]["id"] == instance_id
    assert body["instance"]["variables"]["total"] == 1500

    twice = complete(alice, task_id, BIG_ORDER)
    assert twice.status_code == 409
    name = HumanTask.objects.get(pk=task_id).name
    assert f"The task “{name}” is already completed" in twice.json()["detail"]
    assert alice.post(f"/api/tasks/{task_id}/claim/").status_code == 409
    assert len(body["instance"]["tasks"]) == 1
    # In the reader's language (Accept-Language).
    french = alice.post(
        f"/api/tasks/{task_id}/complete/",
        {"data": BIG_ORDER},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert french.status_code == 409
    assert f"La tâche « {name} » est déjà terminée" in french.json()["detail"]


@pytest.mark.django_db
def test_inbox_filters(api, people, order_definition):
    alice, erin = api(people.alice), api(people.erin)
    first = start(alice).json()
    second = start(alice).json()
    complete(alice, first["tasks"][0], SMALL_ORDER)

    assert inbox(alice, "candidate") == second["tasks"]
    assert inbox(alice, "all", status="completed") == first["tasks"]
    assert inbox(alice, "mine", status="completed") == first["tasks"]
    assert inbox(erin, "all", instance=second["id"]) == second["tasks"]
    assert inbox(erin, "all", definition="other") == []
    assert set(inbox(erin, "all")) == {*first["tasks"], *second["tasks"]}
    assert alice.get("/api/tasks/", {"scope": "everyone"}).status_code == 400
    page = alice.get("/api/tasks/").json()
    assert set(page) >= {"count", "next", "previous", "results"}
    assert "form" not in page["results"][0]
