"""The procurement connectors, called as the engine calls them: handler(params, data=...)."""

from decimal import Decimal

import pytest

from engine.connectors import ConnectorError, get_connector
from processes.inventory.models import StockLevel
from processes.procurement.models import PurchaseOrder, PurchaseRequest
from tests.factories import make_user
from tests.processes.factories import make_product, make_supplier, make_warehouse

pytestmark = pytest.mark.django_db
D = Decimal


def call(name: str, params: dict | None = None, **data):
    return get_connector(name)(params or {}, data=data)


@pytest.fixture
def top():
    make_warehouse("WH1")
    supplier = make_supplier("Nordic Timber")
    return make_product(
        "OAK-TOP", kind="purchased", standard_cost=D("180.00"), default_supplier=supplier
    )


def test_request_to_receipt_through_the_connectors(top, settings):
    settings.HYPERCRM = {**settings.HYPERCRM, "PURCHASE_APPROVAL_LIMIT": "1000.00"}
    erin = make_user("erin", "managers")
    request = call(
        "procurement.create_request",
        {"product": top.pk, "quantity": "11", "reason": "sales_shortage", "reference": "SO-00007"},
    )
    assert request["sku"] == "OAK-TOP"
    order = call("procurement.create_order", {"request_id": request["request_id"]})
    assert order["total"] == "1980.00" and order["purchase_order_number"].startswith("PO-")
    order_id = order["purchase_order_id"]
    check = call("procurement.needs_approval", purchase_order_id=order_id)
    expected = {"needs_approval": True, "net_total": "1980.00", "total": "1980.00"}
    assert check == {**expected, "limit": "1000.00"}
    approved = call("procurement.approve", {"purchase_order_id": order_id, "user": "erin"})
    assert approved == {"status": "approved", "approved": True}
    assert PurchaseOrder.objects.get(pk=order_id).approved_by == erin
    assert call("procurement.send_order", {"purchase_order_id": order_id})["status"] == "sent"
    part = call(
        "procurement.record_receipt",
        {"purchase_order_id": order_id, "lines": [{"product": top.pk, "quantity": 5}]},
    )
    assert (part["fully_received"], part["status"]) == (False, "partially_received")
    failed = call(
        "procurement.record_receipt", {"purchase_order_id": order_id, "quality_ok": False}
    )
    assert failed["fully_received"] is False
    rest = call("procurement.record_receipt", {"purchase_order_id": order_id})
    assert rest["fully_received"] is True
    assert StockLevel.objects.get(product=top).on_hand == 11
    bill = call(
        "procurement.record_bill",
        {"purchase_order_id": order_id, "number": "B-1", "amount": "1980"},
    )
    assert bill["bill_id"]


def test_rejection_and_reorder_connectors(top):
    request = PurchaseRequest.objects.create(product=top, quantity=1)
    order = call("procurement.create_order", {"request_ids": [request.pk]})
    rejected = call(
        "procurement.approve",
        {"purchase_order_id": order["purchase_order_id"], "approved": "false", "reason": "No"},
    )
    assert rejected == {"status": "cancelled", "approved": False}
    assert call("procurement.reorder") == {"request_ids": []}


def test_refusals_do_not_retry(top):
    request = call("procurement.create_request", {"product": top.pk, "quantity": 1})
    order = call("procurement.create_order", {"request_id": request["request_id"]})
    with pytest.raises(ConnectorError) as refused:
        call("procurement.record_receipt", {"purchase_order_id": order["purchase_order_id"]})
    assert (refused.value.code, refused.value.retryable) == ("invalid_transition", False)
    with pytest.raises(ConnectorError) as bad:
        call("procurement.create_request", {"product": top.pk, "quantity": "-1"})
    assert bad.value.code == "invalid_data"
