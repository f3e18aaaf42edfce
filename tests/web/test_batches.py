"""The monitor's "change all shown" card and a batch's progress page (managers)."""

import pytest

from engine.models import Batch, ProcessInstance
from engine.services.batches import batches_work
from engine.services.instances import instance_cancel, instance_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(users, order):
    more = [
        instance_start(definition_key="order_approval", business_key=f"SO-{n}", user=users["alice"])
        for n in (2, 3)
    ]
    instance_cancel(instance_id=more[-1].pk, user=users["erin"])
    return [order, *more]


def test_erin_suspends_what_the_filter_shows_and_watches_it(login, users, orders):
    client = login(users["erin"])
    listing = client.get("/monitor/?process=order_approval").content.decode()
    assert "Change all 3 instances shown" in listing
    response = client.post(
        "/monitor/batches/", {"process": "order_approval", "operation": "suspend"}
    )
    batch = Batch.objects.get()
    assert response["Location"] == f"/monitor/batches/{batch.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Suspending instances" in page and "0 of 3 done" in page
    assert 'hx-trigger="every 1s"' in page
    batches_work()
    part = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in part
    assert "3 of 3 done" in part and "1 could not be changed" in part and "SO-3" in part
    assert "hx-trigger" not in part  # done: it stops asking
    statuses = dict(ProcessInstance.objects.values_list("business_key", "status"))
    assert statuses == {"SO-1": "suspended", "SO-2": "suspended", "SO-3": "cancelled"}


def test_no_operation_or_no_instance_is_a_notice_and_nothing_starts(login, users, orders):
    client = login(users["erin"])
    response = client.post("/monitor/batches/", {"process": "order_approval"}, follow=True)
    assert "Choose what to do with the instances." in response.content.decode()
    response = client.post(
        "/monitor/batches/", {"process": "nothing", "operation": "cancel"}, follow=True
    )
    assert "No instance is chosen" in response.content.decode()
    assert not Batch.objects.exists()
    assert (
        login(users["alice"]).post("/monitor/batches/", {"operation": "cancel"}).status_code == 403
    )
