from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from engine.exceptions import InvalidData
from processes.common.errors import InvalidTransition
from processes.sales import services
from processes.sales.models import Invoice, SalesOrder
from tests.processes.business import make_order, stocked
from tests.processes.factories import make_product

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def order():
    """A confirmed order of 2 desks at 500.00 less 10 %: 900.00."""
    return make_order((make_product("DESK", list_price=D("500.00")), 2, D("10")), confirm=True)


def test_an_invoice_covers_what_is_not_invoiced_yet(order):
    invoice = services.invoice_create_for_order(order=order, due_in_days=30)
    assert (invoice.status, invoice.total, invoice.number) == ("open", D("900.00"), invoice.number)
    assert invoice.number.startswith("INV-")
    assert invoice.due_date == timezone.localdate() + timedelta(days=30)
    assert invoice.pdf.open("rb").read(5) == b"%PDF-"
    assert SalesOrder.objects.get(pk=order.pk).billing_status == "invoiced"
    with pytest.raises(InvalidTransition):
        services.invoice_create_for_order(order=order)


def test_drafts_are_not_invoiced():
    draft = make_order((make_product(), 1))
    with pytest.raises(InvalidTransition):
        services.invoice_create_for_order(order=draft)
    assert not Invoice.objects.exists()


def test_partial_payments_until_the_invoice_is_paid(order):
    invoice = services.invoice_create_for_order(order=order)
    services.payment_record(invoice=invoice, amount=D("400.00"), method="card")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_amount, invoice.outstanding) == ("open", 400, 500)
    assert SalesOrder.objects.get(pk=order.pk).billing_status == "partially_paid"
    with pytest.raises(InvalidData) as refused:
        services.payment_record(invoice=invoice, amount=D("500.01"))
    assert "amount" in refused.value.errors
    services.payment_record(invoice=invoice, amount=D("500.00"))
    invoice.refresh_from_db()
    assert invoice.status == "paid" and invoice.paid_at is not None
    assert SalesOrder.objects.get(pk=order.pk).billing_status == "paid"
    with pytest.raises(InvalidTransition):
        services.payment_record(invoice=invoice, amount=D("1.00"))


@pytest.mark.parametrize("amount", ["0", "-5", "1.001", "NaN"])
def test_bad_amounts_are_refused(order, amount):
    invoice = services.invoice_create_for_order(order=order)
    with pytest.raises(InvalidData):
        services.payment_record(invoice=invoice, amount=amount)
    with pytest.raises(InvalidData):
        services.payment_record(invoice=invoice, amount=D("1.00"), method="barter")


def test_a_cancelled_invoice_frees_its_lines_and_takes_no_payment(order):
    invoice = services.invoice_create_for_order(order=order)
    invoice = services.invoice_cancel(invoice=invoice)
    assert invoice.status == "cancelled"
    assert SalesOrder.objects.get(pk=order.pk).billing_status == "not_invoiced"
    with pytest.raises(InvalidTransition):
        services.payment_record(invoice=invoice, amount=D("1.00"))
    again = services.invoice_create_for_order(order=order)
    assert again.total == D("900.00")
    services.payment_record(invoice=again, amount=D("1.00"))
    with pytest.raises(InvalidTransition):
        services.invoice_cancel(invoice=again)


def test_an_invoiced_order_cannot_be_cancelled(order):
    services.invoice_create_for_order(order=order)
    with pytest.raises(InvalidTransition):
        services.order_cancel(order=order)


def test_a_delivered_and_paid_order_is_done():
    order = make_order((stocked("CHAIR", 3, list_price=D("10.00")), 3), reserve=True)
    services.order_mark_shipped(order=order)
    services.order_mark_delivered(order=order)
    invoice = services.invoice_create_for_order(order=order)
    services.payment_record(invoice=invoice, amount=invoice.total)
    order.refresh_from_db()
    assert (order.status, order.fulfilment_status, order.billing_status) == (
        "done",
        "delivered",
        "paid",
    )


def test_a_payment_hands_back_the_invoice_and_order_as_saved(order):
    invoice = services.invoice_create_for_order(order=order)
    payment = services.payment_record(invoice=Invoice.objects.get(pk=invoice.pk), amount=900)
    saved = Invoice.objects.select_related("order").get(pk=invoice.pk)
    assert (payment.invoice.status, payment.invoice.outstanding) == ("paid", D("0.00"))
    assert (saved.status, saved.outstanding) == ("paid", D("0.00"))
    assert payment.invoice.order.billing_status == saved.order.billing_status == "paid"
