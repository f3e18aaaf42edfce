"""POST /api/batches/ with operation migrate: the monitor's filter's instances move to another
version in the background, each tried again under its lock; those that cannot are reported.

The cases are tests/engine/test_migration.py's: v1 of "repair" waiting at receive (R-1),
diagnose (R-2), the parts timer (R-3) and repair_device (R-4, removed in v2)."""

import pytest

from engine.models import Batch, InstanceEvent, ProcessDefinition, ProcessInstance
from engine.services.batches import batches_work
from engine.services.migration import instance_migrate
from tests.engine import test_migration

pytestmark = pytest.mark.django_db
cases, erin = test_migration.cases, test_migration.erin  # the fixtures

MOVE = {"process": "repair", "from_version": 1, "to_version": 2}


def versions() -> dict[str, int]:
    rows = ProcessInstance.objects.values_list("business_key", "definition__version")
    return dict(sorted(rows))


def test_a_batch_moves_the_filters_instances_and_reports_the_one_that_cannot(api, cases, erin):
    body = {
        "operation": "migrate",
        "filter": {"definition": "repair"},
        "migration": {**MOVE, "mapping": {"diagnose": "inspect"}},
    }
    response = api(erin).post("/api/batches/", body, format="json")
    assert response.status_code == 202, response.json()
    batch = response.json()
    assert (batch["operation"], batch["total"], batch["status"]) == ("migrate", 4, "running")
    assert versions() == {"R-1": 1, "R-2": 1, "R-3": 1, "R-4": 1}  # nothing moved yet

    batches_work()
    report = api(erin).get(f"/api/batches/{batch['id']}/").json()
    assert (report["done"], report["failed"], report["status"]) == (4, 1, "done")
    assert versions() == {"R-1": 2, "R-2": 2, "R-3": 2, "R-4": 1}
    [refused] = report["refused"]
    assert refused["business_key"] == "R-4"
    assert "Repair the device" in refused["message"]
    moved = InstanceEvent.objects.filter(type="migrated").values_list("instance__business_key")
    assert sorted(key for (key,) in moved) == ["R-1", "R-2", "R-3"]  # once each
    assert ProcessInstance.objects.get(business_key="R-2").active == ["inspect"]


@pytest.mark.parametrize(
    ("migration", "field"),
    [
        (None, "migration"),
        ({**MOVE, "to_version": 9}, "to_version"),
        ({**MOVE, "to_version": 1}, "to_version"),
        ({**MOVE, "mapping": {"diagnose": "ghost"}}, "mapping.diagnose"),
    ],
)
def test_a_bad_migration_is_a_400_naming_the_field_and_makes_no_batch(
    api, cases, erin, migration, field
):
    body = {"operation": "migrate", "filter": {"definition": "repair"}}
    if migration is not None:
        body["migration"] = migration
    response = api(erin).post("/api/batches/", body, format="json")
    assert response.status_code == 400
    assert field in str(response.json())
    assert not Batch.objects.exists()
    assert versions() == {"R-1": 1, "R-2": 1, "R-3": 1, "R-4": 1}


def test_chosen_instances_on_another_version_are_named(api, cases, erin):
    v2 = ProcessDefinition.objects.get(key="repair", version=2)
    instance_migrate(instance_id=cases["R-1"].pk, target=v2, mapping={}, user=erin)
    chosen = [cases["R-1"].pk, cases["R-3"].pk]
    body = {"operation": "migrate", "migration": MOVE, "instances": chosen}
    response = api(erin).post("/api/batches/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["instances"] == [str(cases["R-1"].pk)]
    assert not Batch.objects.exists()
    assert versions() == {"R-1": 2, "R-2": 1, "R-3": 1, "R-4": 1}
