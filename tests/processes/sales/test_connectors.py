"""The sales connectors, called as the engine calls them: handler(params, data=...)."""

from decimal import Decimal

import pytest

from engine.connectors import ConnectorError, get_connector
from processes.inventory.models import StockLevel
from processes.sales.models import Invoice, Quotation, SalesOrder
from tests.processes.business import stocked
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db
D = Decimal


def call(name: str, params: dict | None = None, **data):
    return get_connector(name)(params or {}, data=data)


@pytest.fixture
def acme():
    return make_customer("Acme")


def test_order_to_cash_through_the_connectors(acme):
    chair = stocked("CHAIR", 10, list_price=D("100.00"))
    lines = [{"product": str(chair.pk), "quantity": 3}]
    created = call("sales.create_order", {"customer": acme.pk, "lines": lines})
    assert created["total"] == "300.00" and created["order_number"].startswith("SO-")
    order_id = created["order_id"]
    quote = call("sales.create_quotation_pdf", order_id=order_id)  # from the process data
    assert quote["pdf_url"] == f"/api/quotations/{quote['quotation_id']}/pdf/"
    assert Quotation.objects.get(pk=quote["quotation_id"]).status == "sent"
    confirmed = call("sales.confirm_order", {"order_id": order_id})
    assert confirmed["order_status"] == "confirmed"
    assert Quotation.objects.get(pk=quote["quotation_id"]).status == "accepted"
    reserved = call("sales.reserve_stock", {"order_id": order_id})
    assert reserved == {"all_reserved": True, "short": [], "fulfilment_status": "reserved"}
    invoice = call("sales.create_invoice", {"order_id": order_id, "due_in_days": "10"})
    assert invoice["total"] == "300.00" and invoice["pdf_url"].endswith("/pdf/")
    part = call("sales.record_payment", {"invoice_id": invoice["invoice_id"], "amount": "100"})
    assert (part["paid"], part["outstanding"], part["billing_status"]) == (
        False,
        "200.00",
        "partially_paid",
    )
    status = call("sales.payment_status", {"invoice_id": invoice["invoice_id"]})
    assert status == {"paid": False, "outstanding": "200.00", "overdue": False}
    rest = call("sales.record_payment", {"invoice_id": invoice["invoice_id"]})
    assert rest["paid"] and rest["invoice_status"] == "paid"


# Queries of each step, savepoints included: a step reads each record it needs once; the
# audit log adds, per record saved, one read of the row as it was and one entry.
QUERIES = {
    "sales.create_order": 14,
    # +1 in each document for the customer's billing address it prints.
    "sales.create_quotation_pdf": 33,
    "sales.confirm_order": 16,
    "sales.reserve_stock": 24,
    # +4 for the number without gaps: the counter's lock, and the year's first makes it.
    "sales.create_invoice": 31,
    "sales.record_payment": 18,
}


def test_each_step_keeps_to_its_queries(acme, django_assert_max_num_queries):
    chair = stocked("CHAIR", 10)

    def counted(name, params):
        with django_assert_max_num_queries(QUERIES[name]):
            return call(name, params)

    lines = [{"product": chair.pk, "quantity": 3}]
    created = counted("sales.create_order", {"customer": acme.pk, "lines": lines})
    order = {"order_id": created["order_id"]}
    for name in ("sales.create_quotation_pdf", "sales.confirm_order", "sales.reserve_stock"):
        counted(name, order)
    invoice = counted("sales.create_invoice", order)
    paid = counted("sales.record_payment", {"invoice_id": invoice["invoice_id"]})
    assert (paid["invoice_status"], paid["billing_status"]) == ("paid", "paid")


def test_short_lines_name_the_product_and_its_kind(acme):
    desk = stocked("DESK", 4, kind="manufactured")
    order = call(
        "sales.create_order", {"customer": acme.pk, "lines": [{"product": desk.pk, "quantity": 15}]}
    )
    call("sales.confirm_order", {"order_id": order["order_id"]})
    result = call("sales.reserve_stock", {"order_id": order["order_id"]})
    line = SalesOrder.objects.get(pk=order["order_id"]).lines.get()
    assert result["all_reserved"] is False
    assert result["short"] == [
        {
            "line_id": line.pk,
            "product_id": desk.pk,
            "sku": "DESK",
            "kind": "manufactured",
            "quantity": "11.000",
        }
    ]
    assert StockLevel.objects.get(product=desk).available == 0


def test_a_rejected_quotation_cancels_the_order(acme):
    order = call(
        "sales.create_order",
        {"customer": acme.pk, "lines": [{"product": make_product().pk, "quantity": 1}]},
    )
    call("sales.create_quotation_pdf", {"order_id": order["order_id"]})
    answer = call("sales.reject_quotation", {"order_id": order["order_id"], "reason": "No budget"})
    assert answer == {"order_status": "cancelled"}
    assert Quotation.objects.get().status == "rejected"


def test_business_refusals_are_connector_errors_that_do_not_retry(acme):
    order = call(
        "sales.create_order",
        {"customer": acme.pk, "lines": [{"product": make_product().pk, "quantity": 1}]},
    )
    with pytest.raises(ConnectorError) as refused:
        call("sales.reserve_stock", {"order_id": order["order_id"]})  # still a draft
    assert (refused.value.code, refused.value.retryable) == ("invalid_transition", False)
    with pytest.raises(ConnectorError) as missing:
        call("sales.confirm_order", {"order_id": 999999})
    assert missing.value.code == "not_found"
    with pytest.raises(ConnectorError) as bad:
        call("sales.create_order", {"customer": acme.pk, "lines": []})
    assert bad.value.code == "invalid_data"
    with pytest.raises(ConnectorError) as no_param:
        call("sales.create_invoice", {})
    assert no_param.value.code == "invalid_data"
    assert not Invoice.objects.exists()


def test_a_step_that_fails_half_way_changes_nothing(acme):
    order = call(
        "sales.create_order",
        {"customer": acme.pk, "lines": [{"product": make_product().pk, "quantity": 1}]},
    )
    quote = call("sales.create_quotation_pdf", {"order_id": order["order_id"]})
    SalesOrder.objects.filter(pk=order["order_id"]).update(status="cancelled")
    with pytest.raises(ConnectorError):
        call("sales.confirm_order", {"order_id": order["order_id"]})
    assert Quotation.objects.get(pk=quote["quotation_id"]).status == "sent"
