"""Each process started by a person with no variables asks for what it needs first."""

from decimal import Decimal

import pytest

from engine.models import Message, ProcessInstance
from processes.production.models import ManufacturingOrder
from processes.sales.models import SalesOrder
from tests.processes.business import make_order, oak_desk
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from tests.processes.flows.steps import settle

pytestmark = pytest.mark.django_db


def test_a_sales_run_without_variables_gathers_the_order_first(team, deployed):
    customer = make_customer("Cobalt Consulting")
    response = team.alice.client.post("/api/instances/", {"definition": "sales"})
    assert response.status_code == 201, response.content
    started = response.json()
    assert (started["definition"], started["status"]) == ("sales", "running")
    assert started["active"] == ["enter_order"]
    [task_id] = started["tasks"]
    task = team.alice.get(f"/api/tasks/{task_id}/").json()
    assert task["candidate_groups"] == ["sales"]
    schema = task["form"]["schema"]
    assert schema["required"] == ["customer", "lines"]
    assert {"const": customer.pk, "title": "Cobalt Consulting"} in schema["properties"]["customer"][
        "oneOf"
    ]
    assert schema["properties"]["lines"]["minItems"] == 1
    assert [t["id"] for t in team.alice.inbox()] == [task_id]
    for other in (team.bob, team.carol, team.dave, team.erin):
        assert other.inbox() == []


@pytest.mark.parametrize(
    ("definition", "element", "desk", "group"),
    [
        ("procurement", "request_form", "dave", "procurement"),
        ("production", "plan_form", "carol", "production"),
        ("shipment", "choose_order", "bob", "warehouse"),
    ],
)
def test_the_other_processes_started_by_hand_ask_first(
    team, deployed, definition, element, desk, group
):
    started = getattr(team, desk).start(definition)
    assert started["active"] == [element]
    task = getattr(team, desk).task(element, started["id"])
    assert task["candidate_groups"] == [group]
    assert task["form"]["schema"]["required"]


def test_production_planned_by_hand_makes_goods_for_stock(team, deployed):
    parts = oak_desk()
    main = make_warehouse("WH1")
    stock(parts.frame, main, 2)
    stock(parts.top, main, 2)
    started = team.carol.start("production")
    schema = team.carol.task("plan_form", started["id"])["form"]["schema"]
    made = {choice["const"] for choice in schema["properties"]["product"]["oneOf"]}
    assert made == {parts.desk.pk, parts.frame.pk}
    team.carol.work(
        "plan_form",
        {"product": parts.desk.pk, "quantity": 2, "warehouse": main.pk},
        started["id"],
        bad=({"product": parts.top.pk, "quantity": 0.5}, ["product", "quantity"]),
    )
    settle()
    team.carol.work("produce", {"produced": 2, "scrap": 0}, started["id"])
    settle()
    team.carol.work("check_quality", {"passed": True}, started["id"])
    settle()
    assert ManufacturingOrder.objects.get(product=parts.desk).status == "done"
    instance = ProcessInstance.objects.get(pk=started["id"])
    assert (instance.status, instance.stage) == ("completed", "Goods made")


def test_a_shipment_started_by_hand_offers_the_orders_ready_to_ship(team, deployed):
    chair = make_product("CHAIR", list_price=Decimal("120.00"))
    stock(chair, make_warehouse("WH1"), 5)
    make_order((chair, 1), confirm=True)  # confirmed, nothing reserved: not ready
    order = make_order((chair, 2), reserve=True)  # entered through the API, not a process
    started = team.bob.start("shipment")
    schema = team.bob.task("choose_order", started["id"])["form"]["schema"]
    assert schema["properties"]["order_id"]["oneOf"] == [
        {"const": order.pk, "title": f"{order.number} {order.party.name}"}
    ]
    team.bob.work("choose_order", {"order_id": order.pk}, started["id"])
    settle()
    for element, data in (
        ("pick_goods", {"all_picked": True}),
        ("pack_goods", {"packages": [{"weight_kg": 30}]}),
        ("hand_over", {"carrier": "UPS"}),
    ):
        team.bob.work(element, data, started["id"])
        settle()
    team.alice.work("confirm_delivery", {"delivered": True}, started["id"])
    settle()
    order.refresh_from_db()
    assert order.fulfilment_status == "delivered"
    instance = ProcessInstance.objects.get(pk=started["id"])
    assert (instance.status, instance.stage) == ("completed", "Delivered")
    assert not Message.objects.exists()  # nobody waits for this delivery


def test_a_declined_quotation_closes_the_order(team, deployed):
    chair = make_product("CHAIR")
    sales_id = team.alice.start("sales")["id"]
    lines = [{"product": chair.pk, "quantity": 1}]
    team.alice.work("enter_order", {"customer": make_customer().pk, "lines": lines}, sales_id)
    settle()
    team.alice.work("customer_decision", {"accepted": False, "reason": "Too expensive"}, sales_id)
    settle()
    order = SalesOrder.objects.get()
    assert (order.status, order.cancel_reason) == ("cancelled", "Too expensive")
    assert order.quotation.status == "rejected"
    instance = ProcessInstance.objects.get(pk=sales_id)
    assert (instance.status, instance.stage) == ("completed", "Order lost")
