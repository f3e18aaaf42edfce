"""The migration page's "Move all in the background": the workers move the cases as a batch,
whose page follows the progress and names the case that could not move.

The cases are tests/engine/test_migration.py's (R-4 waits at a step v2 removed)."""

import pytest

from engine.models import Batch, ProcessInstance
from engine.services.batches import batches_work
from tests.engine import test_migration
from tests.factories import make_user

pytestmark = pytest.mark.django_db
cases, erin = test_migration.cases, test_migration.erin  # the fixtures

PAGE = "/processes/repair/migrate/"


def test_erin_moves_every_case_in_the_background_and_watches_it(login, cases, erin):
    client = login(erin)
    plan = client.get(PAGE, {"from": 1, "to": 2, "map_diagnose": "inspect"}).content.decode()
    assert "Move all in the background" in plan
    response = client.post(
        PAGE, {"from": 1, "to": 2, "map_diagnose": "inspect", "all": "background"}
    )
    batch = Batch.objects.get()
    assert response["Location"] == f"/monitor/batches/{batch.pk}/"
    assert (batch.operation, batch.total) == ("migrate", 4)
    page = client.get(response["Location"]).content.decode()
    assert "Moving instances to another version" in page and "0 of 4 done" in page
    batches_work()
    part = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "4 of 4 done" in part and "1 could not be changed" in part and "R-4" in part
    versions = dict(ProcessInstance.objects.values_list("business_key", "definition__version"))
    assert versions == {"R-1": 2, "R-2": 2, "R-3": 2, "R-4": 1}


def test_a_process_owner_moves_them_herself_not_in_the_background(login, cases):
    olga = make_user("olga", "process-owners")
    client = login(olga)
    assert "Move all in the background" not in client.get(PAGE).content.decode()
    client.post(PAGE, {"from": 1, "to": 2, "all": "background"})
    assert not Batch.objects.exists()
    assert set(ProcessInstance.objects.values_list("definition__version", flat=True)) == {1}
