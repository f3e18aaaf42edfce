import pytest

from engine.models import ProcessInstance
from tests.api.helpers import BIG_ORDER, ORDER, SMALL_ORDER, complete, history, start


@pytest.mark.django_db
def test_start_answers_the_instance(api, people, order_definition):
    response = start(api(people.bob), business_key="SO-7", variables={"channel": "web"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) >= {
        "id",
        "definition",
        "version",
        "status",
        "business_key",
        "stage",
        "variables",
        "active",
        "tasks",
        "incidents",
        "started_at",
        "ended_at",
    }
    assert body["definition"] == ORDER
    assert body["version"] == 1
    assert body["status"] == "running"
    assert body["business_key"] == "SO-7"
    assert body["variables"]["channel"] == "web"
    assert body["incidents"] == []
    assert body["ended_at"] is None
    assert len(body["tasks"]) == 1
    assert ProcessInstance.objects.get().started_by == people.bob


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"definition": "nope"}, "definition"),
        ({"definition": ORDER, "version": 5}, "definition"),
        ({"definition": ORDER, "variables": [1, 2]}, "variables"),
        ({}, "definition"),
    ],
)
def test_start_refuses_bad_input(api, people, order_definition, body, field):
    response = api(people.alice).post("/api/instances/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not ProcessInstance.objects.exists()


@pytest.mark.django_db
def test_list_is_paginated_filtered_and_limited_to_what_i_may_see(api, people, order_definition):
    alice, bob, erin = api(people.alice), api(people.bob), api(people.erin)
    mine = start(bob, business_key="B-1").json()
    start(bob, business_key="B-2")
    ids = {row["id"] for row in erin.get("/api/instances/").json()["results"]}
    assert mine["id"] in ids
    assert len(ids) == 2

    page = erin.get("/api/instances/", {"business_key": "B-1"}).json()
    assert page["count"] == 1
    assert page["results"][0]["id"] == mine["id"]
    assert erin.get("/api/instances/", {"status": "completed"}).json()["count"] == 0
    assert erin.get("/api/instances/", {"definition": ORDER, "version": 1}).json()["count"] == 2
    assert erin.get("/api/instances/", {"stage": "nowhere"}).json()["count"] == 0
    assert erin.get("/api/instances/", {"status": "sleeping"}).status_code == 400

    # Bob started both; alice sees them through the Sales task in her candidate inbox;
    # a stranger sees nothing.
    assert bob.get("/api/instances/").json()["count"] == 2
    assert alice.get("/api/instances/").json()["count"] == 2
    stranger = api(people.olga)
    assert stranger.get("/api/instances/").json()["count"] == 0
    assert stranger.get(f"/api/instances/{mine['id']}/").status_code == 404
    assert stranger.get(f"/api/instances/{mine['id']}/history/").status_code == 404


@pytest.mark.django_db
def test_detail_lists_open_tasks(api, people, order_definition):
    alice = api(people.alice)
    instance = start(alice).json()
    [task] = instance["tasks"]
    complete(alice, task, BIG_ORDER)
    detail = alice.get(f"/api/instances/{instance['id']}/").json()
    assert detail["tasks"] != [task]
    assert len(detail["tasks"]) == 1
    assert detail["active"] == ["approve_order"]
    assert detail["stage"] == "Approve order"


@pytest.mark.django_db
def test_history_is_oldest_first(api, people, order_definition):
    alice = api(people.alice)
    instance = start(alice).json()
    complete(alice, instance["tasks"][0], SMALL_ORDER)
    events = history(alice, instance["id"])
    assert set(events[0]) == {"at", "type", "element_id", "user", "data"}
    types = [e["type"] for e in events]
    assert types[0] == "started"
    assert types[-1] == "completed"
    assert types.index("task_created") < types.index("task_completed")
    assert types.index("task_completed") < types.index("script_run")
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    completed = next(e for e in events if e["type"] == "task_completed")
    assert completed["user"] == "alice"
    assert completed["element_id"] == "enter_order"


@pytest.mark.django_db
def test_suspend_resume_cancel(api, people, order_definition):
    alice = api(people.alice)
    instance = start(alice).json()
    url = f"/api/instances/{instance['id']}"
    [task] = instance["tasks"]

    assert alice.post(f"{url}/resume/").status_code == 409
    suspended = alice.post(f"{url}/suspend/")
    assert suspended.status_code == 200
    assert suspended.json()["status"] == "suspended"
    assert alice.post(f"{url}/suspend/").status_code == 409
    # A suspended instance takes no work.
    assert complete(alice, task, SMALL_ORDER).status_code == 409
    assert alice.get(f"/api/tasks/{task}/").json()["status"] == "open"

    resumed = alice.post(f"{url}/resume/")
    assert resumed.status_code == 200
    assert resumed.json()["status"] == "running"

    cancelled = alice.post(f"{url}/cancel/")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["tasks"] == []
    assert alice.get(f"/api/tasks/{task}/").status_code == 404  # no longer in her inbox
    for action in ("cancel", "suspend", "resume"):
        assert alice.post(f"{url}/{action}/").status_code == 409
    assert complete(alice, task, SMALL_ORDER).status_code == 409


@pytest.mark.django_db
def test_only_managers_and_the_starter_steer(api, people, order_definition):
    instance = start(api(people.bob)).json()
    url = f"/api/instances/{instance['id']}"
    # Alice sees it (a Sales task) but did not start it.
    assert api(people.alice).post(f"{url}/suspend/").status_code == 403
    assert api(people.olga).post(f"{url}/suspend/").status_code == 404
    assert api(people.erin).post(f"{url}/suspend/").status_code == 200
    assert api(people.bob).post(f"{url}/resume/").status_code == 200
    assert api(people.bob).post("/api/instances/999999/cancel/").status_code == 404


@pytest.mark.django_db
def test_completed_instance_cannot_be_cancelled(api, people, order_definition):
    alice = api(people.alice)
    instance = start(alice).json()
    done = complete(alice, instance["tasks"][0], SMALL_ORDER).json()["instance"]
    assert done["status"] == "completed"
    assert done["stage"] == "Order accepted"
    assert alice.post(f"/api/instances/{instance['id']}/cancel/").status_code == 409


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/instances/", "/api/tasks/", "/api/incidents/"])
def test_list_cost_does_not_grow_with_rows(api, people, order_definition, url):
    alice, erin = api(people.alice), api(people.erin)
    start(alice)
    few = (_queries(alice, url), _queries(erin, url))
    for _ in range(4):
        start(alice)
    assert (_queries(alice, url), _queries(erin, url)) == few


@pytest.mark.django_db
def test_the_instance_list_reads_large_variables_in_one_query_per_page(
    api, people, order_definition
):
    """Variables stored as pieces (over 2 KB) come back whole; reading them costs the page
    one query, not one per instance."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engine.models import InstancePiece

    lines = [{"sku": f"SKU-{i:04d}", "quantity": i, "note": "x" * 30} for i in range(200)]
    erin = api(people.erin)

    def listed_with(count: int) -> tuple[int, list]:
        while ProcessInstance.objects.count() < count:
            response = start(api(people.bob), variables={"lines": lines})
            assert response.status_code == 201, response.content
        with CaptureQueriesContext(connection) as queries:
            body = erin.get("/api/instances/").json()
        piece_reads = [q for q in queries.captured_queries if "engine_instancepiece" in q["sql"]]
        return len(piece_reads), body["results"]

    reads_one, _ = listed_with(1)
    reads_four, rows = listed_with(4)
    assert InstancePiece.objects.count() >= 4  # the lines are stored apart
    assert reads_one == reads_four == 1
    assert len(rows) == 4
    assert all(row["variables"]["lines"] == lines for row in rows)
