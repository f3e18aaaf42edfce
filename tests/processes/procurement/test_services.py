from decimal import Decimal

import pytest

from engine.exceptions import InvalidData
from processes.common.errors import InvalidTransition
from processes.inventory import services as inventory
from processes.inventory.models import StockLevel
from processes.procurement import services
from processes.procurement.models import PurchaseOrder, PurchaseRequest
from tests.factories import make_user
from tests.processes.factories import make_customer, make_product, make_supplier, make_warehouse

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def supplier():
    return make_supplier("Nordic Timber")


@pytest.fixture
def main():
    return make_warehouse("WH1")


@pytest.fixture
def top(supplier):
    return make_product(
        "OAK-TOP", kind="purchased", standard_cost=D("180.00"), default_supplier=supplier
    )


def sent_order(top, quantity=10):
    request = services.purchase_request_create(product=top, quantity=quantity)
    order = services.purchase_order_create_from_request(request=request)
    services.purchase_order_approve(order=order)
    return services.purchase_order_send(order=order)


def test_requests_say_what_is_needed_and_why(top, main):
    request = services.purchase_request_create(
        product=top, quantity="5", reason="sales_shortage", reference="SO-00001", warehouse=main
    )
    assert (request.status, request.reason, request.quantity) == ("open", "sales_shortage", 5)
    with pytest.raises(InvalidData):
        services.purchase_request_create(product=top, quantity=0)
    with pytest.raises(InvalidData):
        services.purchase_request_create(product=top, quantity=1, reason="whim")
    with pytest.raises(InvalidData):
        services.purchase_request_create(product=make_product(kind="manufactured"), quantity=1)
    services.purchase_request_cancel(request=request)
    with pytest.raises(InvalidTransition):
        services.purchase_request_cancel(request=request)


def test_reorder_rules_raise_requests_once(top, main):
    inventory.stock_receive(product=top, warehouse=main, quantity=3, reference="opening")
    inventory.reorder_rule_set(product=top, warehouse=main, min_qty=8, max_qty=20)
    (request,) = services.purchase_requests_from_reorder_rules()
    assert (request.reason, request.quantity, request.warehouse) == ("reorder", 17, main)
    assert services.purchase_requests_from_reorder_rules() == []


def test_an_order_from_requests_groups_products_of_the_default_supplier(top, supplier, main):
    screw = make_product(
        "SCREW", kind="purchased", standard_cost=D("0.05"), default_supplier=supplier
    )
    requests = [
        services.purchase_request_create(product=top, quantity=2, reference="SO-1"),
        services.purchase_request_create(product=top, quantity=3, reference="SO-2"),
        services.purchase_request_create(product=screw, quantity=100),
    ]
    order = services.purchase_order_create_from_requests(requests=requests)
    assert (order.supplier, order.status, order.warehouse) == (supplier, "draft", main)
    assert order.number.startswith("PO-") and order.total == D("905.00")
    assert sorted((line.product.sku, line.quantity) for line in order.lines.all()) == [
        ("OAK-TOP", 5),
        ("SCREW", 100),
    ]
    assert set(PurchaseRequest.objects.values_list("status", flat=True)) == {"ordered"}
    with pytest.raises(InvalidTransition):
        services.purchase_order_create_from_requests(requests=requests)


def test_requests_without_a_common_supplier_need_one_named(top, main):
    other = make_product(kind="purchased")
    requests = [
        services.purchase_request_create(product=top, quantity=1),
        services.purchase_request_create(product=other, quantity=1),
    ]
    with pytest.raises(InvalidData) as refused:
        services.purchase_order_create_from_requests(requests=requests)
    assert "supplier" in refused.value.errors
    with pytest.raises(InvalidData):
        services.purchase_order_create_from_requests(requests=requests, supplier=make_customer())


def test_approval_above_the_limit_from_settings(top, main, settings):
    order = services.purchase_order_create(
        supplier=top.default_supplier, lines=[{"product": top, "quantity": 10}]
    )
    assert order.total == D("1800.00")
    settings.HYPERCRM = {**settings.HYPERCRM, "PURCHASE_APPROVAL_LIMIT": "1000"}
    assert services.purchase_order_needs_approval(order=order)
    settings.HYPERCRM = {**settings.HYPERCRM, "PURCHASE_APPROVAL_LIMIT": "5000.00"}
    assert not services.purchase_order_needs_approval(order=order)


def test_approval_rejection_and_sending_check_the_status(top, main):
    erin = make_user("erin", "managers")
    request = services.purchase_request_create(product=top, quantity=10)
    order = services.purchase_order_create_from_request(request=request)
    with pytest.raises(InvalidTransition) as refused:
        services.purchase_order_send(order=order)
    assert refused.value.status_code == 409
    order = services.purchase_order_request_approval(order=order)
    assert order.status == "awaiting_approval"
    order = services.purchase_order_approve(order=order, user=erin)
    assert (order.status, order.approved_by) == ("approved", erin)
    with pytest.raises(InvalidTransition):
        services.purchase_order_reject(order=order)
    order = services.purchase_order_send(order=order)
    assert order.status == "sent" and order.sent_at is not None
    with pytest.raises(InvalidTransition):
        services.purchase_order_approve(order=order)


def test_a_rejected_order_gives_its_requests_back(top, main):
    request = services.purchase_request_create(product=top, quantity=1)
    order = services.purchase_order_create_from_request(request=request)
    order = services.purchase_order_reject(order=order, reason="Too expensive")
    assert (order.status, order.rejection_reason) == ("cancelled", "Too expensive")
    request.refresh_from_db()
    assert (request.status, request.purchase_order) == ("open", None)


def test_partial_receipts_until_the_order_is_received(top, main):
    order = sent_order(top, 10)
    receipt = services.goods_receipt_record(order=order, lines=[{"product": top.pk, "quantity": 4}])
    order.refresh_from_db()
    assert (order.status, order.lines.get().received_quantity) == ("partially_received", 4)
    assert StockLevel.objects.get(product=top, warehouse=main).on_hand == 4
    assert receipt.lines.get().quantity == 4
    with pytest.raises(InvalidData):
        services.goods_receipt_record(order=order, lines=[{"product": top.pk, "quantity": 7}])
    services.goods_receipt_record(order=order)  # the rest
    order.refresh_from_db()
    assert order.status == "received" and order.received_at is not None
    assert StockLevel.objects.get(product=top, warehouse=main).on_hand == 10
    assert PurchaseRequest.objects.get().status == "received"
    with pytest.raises(InvalidTransition):
        services.goods_receipt_record(order=order)


def test_goods_that_fail_the_quality_check_are_not_taken_in(top, main):
    order = sent_order(top, 5)
    receipt = services.goods_receipt_record(order=order, quality_ok=False, notes="Cracked")
    assert not receipt.quality_ok
    order.refresh_from_db()
    assert (order.status, order.lines.get().received_quantity) == ("sent", 0)
    assert not StockLevel.objects.filter(product=top).exists()


def test_goods_are_received_only_for_sent_orders(top, main):
    order = services.purchase_order_create(
        supplier=top.default_supplier, lines=[{"product": top, "quantity": 1}]
    )
    with pytest.raises(InvalidTransition):
        services.goods_receipt_record(order=order)
    with pytest.raises(InvalidData):
        services.goods_receipt_record(
            order=sent_order(top), lines=[{"product": 999999, "quantity": 1}]
        )


def test_supplier_bills(top, main):
    order = sent_order(top, 2)
    bill = services.supplier_bill_record(order=order, number="NT-7781", amount="360.00")
    assert (bill.supplier, bill.amount, bill.status) == (order.supplier, D("360.00"), "open")
    with pytest.raises(InvalidData):
        services.supplier_bill_record(order=order, number="NT-7781", amount="1")
    bill = services.supplier_bill_mark_paid(bill=bill)
    assert bill.status == "paid"
    with pytest.raises(InvalidTransition):
        services.supplier_bill_mark_paid(bill=bill)
    draft = services.purchase_order_create(
        supplier=order.supplier, lines=[{"product": top, "quantity": 1}]
    )
    with pytest.raises(InvalidTransition):
        services.supplier_bill_record(order=draft, number="X", amount="1")
    assert PurchaseOrder.objects.count() == 2
