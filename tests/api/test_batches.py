"""POST /api/batches/ and GET /api/batches/{id}/: a manager suspends instances by filter."""

import pytest

from engine.models import Batch, ProcessInstance
from engine.services.batches import batches_work
from engine.services.instances import instance_start, instance_suspend
from profiles.services import set_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(people, order_definition):
    return [
        instance_start(definition_key="order_approval", business_key=f"SO-{n}", user=people.alice)
        for n in range(3)
    ]


def test_a_manager_suspends_by_filter_and_reads_the_progress(api, people, orders):
    body = {"operation": "suspend", "filter": {"definition": "order_approval"}}
    response = api(people.erin).post("/api/batches/", body, format="json")
    assert response.status_code == 202, response.json()
    batch = response.json()
    assert (batch["total"], batch["done"], batch["status"]) == (3, 0, "running")
    assert batch["selection"] == {"definition": "order_approval"}
    batches_work()
    report = api(people.erin).get(f"/api/batches/{batch['id']}/").json()
    assert (report["done"], report["failed"], report["status"]) == (3, 0, "done")
    assert set(ProcessInstance.objects.values_list("status", flat=True)) == {"suspended"}
    # Again: each is refused with the reason, and nothing changes.
    body = {"operation": "suspend", "instances": [orders[0].pk]}
    again = api(people.erin).post("/api/batches/", body, format="json").json()
    batches_work()
    report = api(people.erin).get(f"/api/batches/{again['id']}/").json()
    assert report["refused"] == [
        {
            "instance": orders[0].pk,
            "business_key": "SO-0",
            "message": "Instance SO-0 is “Suspended”; only a running instance is suspended.",
        }
    ]


def test_refusals(api, people, orders):
    body = {"operation": "suspend", "instances": [orders[0].pk]}
    assert api(people.alice).post("/api/batches/", body, format="json").status_code == 403
    assert api(people.alice).get("/api/batches/").status_code == 403
    for wrong in (
        {"operation": "explode", "instances": [orders[0].pk]},
        {"operation": "cancel"},
        {"operation": "cancel", "instances": [orders[0].pk], "filter": {}},
        {"operation": "cancel", "filter": {"definition": "nothing"}},
    ):
        assert api(people.erin).post("/api/batches/", wrong, format="json").status_code == 400
    assert not Batch.objects.exists()


def test_why_an_instance_was_not_changed_is_written_in_the_askers_language(api, people, orders):
    instance_suspend(instance_id=orders[0].pk)
    set_language(people.erin, "fr")
    body = {"operation": "suspend", "instances": [orders[0].pk]}
    batch = api(people.erin).post("/api/batches/", body, format="json").json()
    batches_work()
    report = api(people.erin).get(f"/api/batches/{batch['id']}/").json()
    assert [item["message"] for item in report["refused"]] == [
        "L’instance SO-0 est « Suspendue » : seule une instance en cours est suspendue."
    ]
    assert ProcessInstance.objects.get(pk=orders[0].pk).status == "suspended"


def test_without_a_profile_language_the_reasons_are_in_the_sites_language(
    api, people, orders, settings
):
    settings.LANGUAGE_CODE = "ru"  # HYPERCRM_LANGUAGE=ru
    instance_suspend(instance_id=orders[0].pk)
    body = {"operation": "suspend", "instances": [orders[0].pk]}
    batch = api(people.erin).post("/api/batches/", body, format="json").json()
    batches_work()
    report = api(people.erin).get(f"/api/batches/{batch['id']}/").json()
    assert [item["message"] for item in report["refused"]] == [
        "Экземпляр SO-0 в статусе «Приостановлен»: приостановить можно только выполняющийся "
        "экземпляр."
    ]


def test_a_manager_moves_the_work_of_instances_and_a_wrong_instruction_is_a_400(
    api, people, orders
):
    body = {"operation": "modify", "instances": [orders[0].pk],
            "instructions": [{"type": "cancel", "element": "nowhere"}]}  # fmt: skip
    batch = api(people.erin).post("/api/batches/", body, format="json").json()
    batches_work()
    report = api(people.erin).get(f"/api/batches/{batch['id']}/").json()
    assert report["failed"] == 1
    assert report["refused"][0]["message"] == "“nowhere” is not an element of “Order approval”."

    body["instructions"] = [{"type": "jump", "element": "enter_order"}]
    refused = api(people.erin).post("/api/batches/", body, format="json")
    assert refused.status_code == 400 and "instructions[0].type" in str(refused.json())
    body["instructions"] = [
        {"type": "cancel", "element": "enter_order"},
        {"type": "start_before", "element": "enter_order"},
    ]
    moved = api(people.erin).post("/api/batches/", body, format="json")
    assert moved.status_code == 202
    batches_work()
    report = api(people.erin).get(f"/api/batches/{moved.json()['id']}/").json()
    assert (report["done"], report["failed"]) == (1, 0)
    assert Batch.objects.count() == 2  # the refused one made none
