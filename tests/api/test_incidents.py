import pytest

from tests.api.helpers import FAILING_BPMN, start, upload


@pytest.fixture
def failed(api, people):
    """An instance of `divide` started by bob, stuck on a division by zero."""
    assert upload(api(people.olga), FAILING_BPMN, "divide.bpmn").status_code == 201
    instance = start(api(people.bob), "divide", variables={"divisor": 0}).json()
    return instance


@pytest.mark.django_db
def test_failure_is_an_open_incident(api, people, failed):
    assert failed["status"] == "error"
    [incident] = failed["incidents"]
    assert incident["element_id"] == "divide_it"

    rows = api(people.erin).get("/api/incidents/", {"status": "open"}).json()["results"]
    assert [r["id"] for r in rows] == [incident["id"]]
    assert set(rows[0]) >= {"id", "instance", "element_id", "error", "attempts", "opened_at"}
    assert rows[0]["instance"] == failed["id"]
    assert rows[0]["attempts"] == 1
    assert "division" in rows[0]["error"]

    # The starter sees it; someone unrelated does not.
    assert api(people.bob).get("/api/incidents/").json()["count"] == 1
    assert api(people.alice).get("/api/incidents/").json()["count"] == 0
    assert api(people.erin).get("/api/incidents/", {"status": "resolved"}).json()["count"] == 0


@pytest.mark.django_db
def test_retry_runs_the_step_again(api, people, failed):
    incident_id = failed["incidents"][0]["id"]
    assert api(people.alice).post(f"/api/incidents/{incident_id}/retry/").status_code == 404
    response = api(people.erin).post(f"/api/incidents/{incident_id}/retry/")
    assert response.status_code == 200, response.content
    # Still dividing by zero: the same incident, one more attempt.
    assert response.json()["id"] == incident_id
    assert response.json()["attempts"] == 2
    assert response.json()["status"] == "open"
    assert api(people.erin).post("/api/incidents/999999/retry/").status_code == 404


@pytest.mark.django_db
def test_cancel_resolves_the_incident(api, people, failed):
    bob = api(people.bob)
    assert bob.post(f"/api/instances/{failed['id']}/cancel/").status_code == 200
    assert bob.get("/api/incidents/", {"status": "open"}).json()["count"] == 0
    incident_id = failed["incidents"][0]["id"]
    assert bob.post(f"/api/incidents/{incident_id}/retry/").status_code == 409
