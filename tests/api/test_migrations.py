"""POST /api/migrations/plan/ and /api/migrations/: move running instances between versions."""

import pytest

from engine.models import HumanTask, ProcessInstance
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(people):
    """R-1 waits at receive (in v2 too), R-2 at diagnose (renamed to inspect in v2)."""
    deploy_fixture("repair_v1")
    worker = make_user("wes", "workshop")
    r1 = instance_start(definition_key="repair", business_key="R-1", user=people.erin)
    r2 = instance_start(definition_key="repair", business_key="R-2", user=people.erin)
    task = HumanTask.objects.get(instance=r2, element_id="receive")
    task_complete(task_id=task.pk, user=worker, data={})
    deploy_fixture("repair_v2")
    return r1, r2


BODY = {"process": "repair", "from_version": 1, "to_version": 2}


def test_the_plan_says_who_can_move_and_why_not(api, people, cases):
    r1, r2 = cases
    response = api(people.erin).post("/api/migrations/plan/", BODY, format="json")
    assert response.status_code == 200, response.json()
    plan = response.json()
    assert (plan["migratable"], plan["blocked"]) == (1, 1)
    assert plan["suggestions"] == {"diagnose": "inspect"}
    by_key = {row["business_key"]: row for row in plan["instances"]}
    assert by_key["R-1"]["migratable"] is True
    (blocker,) = by_key["R-2"]["blockers"]
    assert (blocker["element_id"], blocker["reason"]) == ("diagnose", "removed")
    assert "Diagnose" in blocker["message"]


def test_a_chosen_instance_that_cannot_move_is_409_naming_it(api, people, cases):
    r1, r2 = cases
    body = {**BODY, "instances": [r1.pk, r2.pk]}
    response = api(people.erin).post("/api/migrations/", body, format="json")
    assert response.status_code == 409
    assert "R-2" in response.json()["detail"]
    assert [row["id"] for row in response.json()["refused"]] == [r2.pk]
    assert set(ProcessInstance.objects.values_list("definition__version", flat=True)) == {1}


def test_with_the_mapping_both_move(api, people, cases):
    body = {**BODY, "all": True, "mapping": {"diagnose": "inspect"}}
    response = api(people.olga).post("/api/migrations/", body, format="json")
    assert response.status_code == 200, response.json()
    assert len(response.json()["migrated"]) == 2 and response.json()["refused"] == []
    assert set(ProcessInstance.objects.values_list("definition__version", flat=True)) == {2}
    history = api(people.erin).get(f"/api/instances/{cases[1].pk}/history/").json()
    assert history[-1]["type"] in {"migrated", "stage_reached"}
    assert any(event["type"] == "migrated" for event in history)


def test_bad_bodies_are_400_naming_the_field_and_others_are_403(api, people, cases):
    erin = api(people.erin)
    bad = erin.post("/api/migrations/plan/", {**BODY, "to_version": 7}, format="json")
    assert bad.status_code == 400 and "to_version" in bad.json()["errors"]
    bad = erin.post(
        "/api/migrations/plan/", {**BODY, "mapping": {"diagnose": "nope"}}, format="json"
    )
    assert bad.status_code == 400 and "mapping.diagnose" in bad.json()["errors"]
    bad = erin.post("/api/migrations/", BODY, format="json")
    assert bad.status_code == 400 and "instances" in bad.json()["errors"]
    refused = api(people.alice).post("/api/migrations/plan/", BODY, format="json")
    assert refused.status_code == 403
    assert "managers and process owners" in refused.json()["detail"]
