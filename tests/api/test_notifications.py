"""Notifications of tasks handed over: told once, to the right person, read and marked."""

import pytest

from engine.models import HumanTask
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claimed(api, people, order_definition):
    """An order's first task, claimed by alice (sales)."""
    task_id = (
        api(people.alice)
        .post("/api/instances/", {"definition": "order_approval"}, format="json")
        .json()["tasks"][0]
    )
    assert api(people.alice).post(f"/api/tasks/{task_id}/claim/").status_code == 200
    return task_id


def _mine(client):
    answer = client.get("/api/notifications/")
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_delegated_and_resolved_tasks_notify_once(
    api, people, claimed, django_capture_on_commit_callbacks
):
    carol = make_user("carol", "sales")
    with django_capture_on_commit_callbacks(execute=True):
        answer = api(people.alice).post(
            f"/api/tasks/{claimed}/delegate/", {"user": "carol"}, format="json"
        )
        assert answer.status_code == 200
    body = _mine(api(carol))
    assert body["unread"] == 1
    [note] = body["results"]
    assert note["kind"] == "task_delegated"
    assert note["text"] == "alice delegated the task “Enter order” to you"
    assert note["actor"] == "alice"
    assert note["link"] == f"/tasks/{claimed}/"
    assert note["read"] is False
    assert _mine(api(people.alice))["results"] == []

    with django_capture_on_commit_callbacks(execute=True):
        assert api(carol).post(f"/api/tasks/{claimed}/resolve/").status_code == 200
    body = _mine(api(people.alice))
    assert [n["kind"] for n in body["results"]] == ["task_resolved"]

    read = api(carol).post(f"/api/notifications/{note['id']}/read/")
    assert read.status_code == 200
    assert read.json()["read"] is True
    assert _mine(api(carol))["unread"] == 0
    # Someone else's notification is not there for me.
    assert api(people.bob).post(f"/api/notifications/{note['id']}/read/").status_code == 404


def test_a_rolled_back_or_repeated_event_tells_no_one_twice(
    api, people, claimed, django_capture_on_commit_callbacks
):
    from engine.signals import task_handed_over

    frank = make_user("frank", "sales")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert (
            api(people.erin)
            .post(f"/api/tasks/{claimed}/assign/", {"user": "frank"}, format="json")
            .status_code
            == 200
        )
    assert _mine(api(frank))["unread"] == 1
    # The same event handled again (a retry) is told once.
    for callback in callbacks:
        callback()
    assert _mine(api(frank))["unread"] == 1
    # A refused call sends nothing.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        api(people.bob).post(f"/api/tasks/{claimed}/assign/", {"user": "frank"}, format="json")
    assert callbacks == []
    assert task_handed_over.receivers
    assert HumanTask.objects.get(pk=claimed).assignee == frank


def test_mark_all_read_and_anonymous(api, people):
    assert api().get("/api/notifications/").status_code in (401, 403)
    assert api(people.bob).post("/api/notifications/all/read/").json() == {"marked": 0}
