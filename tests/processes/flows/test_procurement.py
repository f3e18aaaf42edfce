"""Purchases: asked for by a person, approved by a manager above the decision table's
limit, received in parts with a quality check; and the reorder run."""

from decimal import Decimal

import pytest

from engine.models import Incident, ProcessInstance
from processes.inventory import services as inventory
from processes.inventory.selectors import available_quantity
from processes.procurement.models import GoodsReceipt, PurchaseOrder, PurchaseRequest
from tests.processes.factories import make_product, make_supplier, make_warehouse, stock
from tests.processes.flows.steps import instance_of, settle

pytestmark = pytest.mark.django_db


@pytest.fixture
def goods(db):
    supplier = make_supplier("Nordic Timber AB")
    return {
        "top": make_product(
            "OAK-TOP", kind="purchased", standard_cost=Decimal("180.00"), default_supplier=supplier
        ),
        "desk": make_product("OAK-DESK", kind="manufactured"),
        "warehouse": make_warehouse("WH1"),
    }


def request_purchase(team, product, quantity) -> int:
    started = team.dave.start("procurement")
    assert started["active"] == ["request_form"]
    team.dave.work("request_form", {"product": product.pk, "quantity": quantity}, started["id"])
    settle()
    return started["id"]


def test_a_purchase_above_the_limit_is_approved_checked_and_stocked(team, deployed, goods):
    dave, erin, bob = team.dave, team.erin, team.bob
    started = dave.start("procurement")
    form = dave.task("request_form", started["id"])["form"]["schema"]
    offered = [choice["const"] for choice in form["properties"]["product"]["oneOf"]]
    assert offered == [goods["top"].pk]  # made goods are not bought
    dave.work(
        "request_form",
        {"product": goods["top"].pk, "quantity": 40},
        started["id"],
        bad=({"product": goods["desk"].pk, "quantity": 0}, ["product", "quantity"]),
    )
    settle()

    # 40 × 180 = 7,200 is above the limit: the managers decide.
    order = PurchaseOrder.objects.get()
    assert order.total == Decimal("7200.00")
    assert bob.inbox() == []
    erin.work(
        "approve_order",
        {"approved": True},
        started["id"],
        bad=({"approved": False}, ["reason"]),
    )
    settle()
    order.refresh_from_db()
    assert order.status == "sent"

    # The first delivery fails the quality check: nothing goes into stock; the second is fine.
    bob.work("receive_goods", {"all_arrived": True}, started["id"])
    settle()
    bob.work("check_goods", {"quality_ok": False, "notes": "Wet wood"}, started["id"])
    settle()
    assert available_quantity(product=goods["top"]) == 0
    bob.work("receive_goods", {"all_arrived": True}, started["id"])
    settle()
    bob.work("check_goods", {"quality_ok": True}, started["id"])
    settle()

    order.refresh_from_db()
    assert order.status == "received"
    assert [r.quality_ok for r in GoodsReceipt.objects.order_by("pk")] == [False, True]
    assert available_quantity(product=goods["top"]) == 40
    instance = ProcessInstance.objects.get(pk=started["id"])
    assert (instance.status, instance.stage) == ("completed", "Goods in stock")


def test_a_rejected_purchase_is_cancelled(team, deployed, goods):
    instance = request_purchase(team, goods["top"], 30)
    team.erin.work("approve_order", {"approved": False, "reason": "Too many"}, instance)
    settle()
    order = PurchaseOrder.objects.get()
    assert (order.status, order.rejection_reason) == ("cancelled", "Too many")
    assert ProcessInstance.objects.get(pk=instance).stage == "Purchase rejected"
    assert team.bob.inbox() == []


def test_a_product_without_supplier_asks_procurement_to_choose_one(team, deployed, goods):
    tray = make_product("CABLE-TRAY", standard_cost=Decimal("11.00"))
    other = make_supplier("Office Supply Co")
    instance = request_purchase(team, tray, 20)
    assert not Incident.objects.exists()
    team.dave.work(
        "choose_supplier", {"supplier": other.pk}, instance, bad=({"supplier": 0}, ["supplier"])
    )
    settle()
    order = PurchaseOrder.objects.get()
    assert (order.supplier, order.status) == (other, "sent")  # 220: no manager needed
    assert team.bob.task("receive_goods", instance)


def test_the_reorder_run_starts_a_purchase_per_product_below_its_minimum(team, deployed, goods):
    screw = make_product(
        "SCREW-M6",
        kind="purchased",
        standard_cost=Decimal("0.05"),
        default_supplier=goods["top"].default_supplier,
    )
    stock(screw, goods["warehouse"], 100)
    stock(goods["top"], goods["warehouse"], 30)
    inventory.reorder_rule_set(
        product=screw, warehouse=goods["warehouse"], min_qty=500, max_qty=5000
    )
    inventory.reorder_rule_set(
        product=goods["top"], warehouse=goods["warehouse"], min_qty=8, max_qty=20
    )

    run = team.dave.start("procurement", variables={"reorder": True})
    settle()

    assert ProcessInstance.objects.get(pk=run["id"]).stage == "Requests sent"
    request = PurchaseRequest.objects.get()
    assert (request.product, request.quantity, request.reason) == (screw, 4900, "reorder")
    purchase = instance_of("procurement", f"PR-{request.pk}")
    assert PurchaseOrder.objects.get().status == "sent"
    team.bob.work("receive_goods", {"all_arrived": True}, purchase.pk)
    settle()
    team.bob.work("check_goods", {"quality_ok": True}, purchase.pk)
    settle()
    assert available_quantity(product=screw) == 5000
    assert instance_of("procurement", f"PR-{request.pk}").status == "completed"
