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


def test_erin_moves_the_work_of_every_case_shown_back_to_a_step(login, users, orders):
    from engine.models import HumanTask, InstanceEvent

    client = login(users["erin"])
    assert "Move their work" not in client.get("/monitor/").content.decode()
    listing = client.get("/monitor/?process=order_approval").content.decode()
    assert "Move their work" in listing and '<option value="enter_order">Enter order' in listing
    before = dict(HumanTask.objects.filter(status="open").values_list("instance_id", "pk"))
    response = client.post(
        "/monitor/batches/",
        {"process": "order_approval", "operation": "modify", "cancel": "enter_order",
         "start": "enter_order", "where": "before"},
    )  # fmt: skip
    batch = Batch.objects.get()
    assert "Moving the work of instances" in client.get(response["Location"]).content.decode()
    batches_work()
    part = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "3 of 3 done" in part and "1 could not be changed" in part and "SO-3" in part
    after = dict(HumanTask.objects.filter(status="open").values_list("instance_id", "pk"))
    assert after.keys() == before.keys() and not set(after.values()) & set(before.values())
    assert InstanceEvent.objects.filter(type="modified").count() == 2
    assert batch.created_by == users["erin"]


def test_moving_work_with_no_step_chosen_is_a_notice_and_nothing_starts(login, users, orders):
    client = login(users["erin"])
    response = client.post(
        "/monitor/batches/",
        {"process": "order_approval", "operation": "modify", "cancel": "", "start": ""},
        follow=True,
    )
    assert "Send a list of instructions" in response.content.decode()
    assert not Batch.objects.exists()
