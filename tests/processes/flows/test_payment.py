"""Paying the invoice: in parts, refused when too much, and a reminder once it is overdue."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from engine.models import Incident, ProcessInstance
from engine.runtime.spiff import timer_module as timer
from processes.sales.models import Invoice
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from tests.processes.flows.steps import order_until_payment, settle

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_payment(team, deployed):
    lamp = make_product("LAMP", list_price=Decimal("50.00"))
    stock(lamp, make_warehouse("WH1"), 10)
    return order_until_payment(team, customer=make_customer(), product=lamp, quantity=4)


def test_a_payment_in_two_parts_and_one_too_many(team, at_payment):
    alice = team.alice
    assert alice.task("record_payment", at_payment)["data"]["amount"] == 200.0

    alice.work("record_payment", {"amount": 120, "method": "card"}, at_payment)
    settle()
    # Partly paid: the task comes back with what is still owed.
    assert alice.task("record_payment", at_payment)["data"]["amount"] == 80.0
    # More than is owed is refused by the business and the task comes back.
    alice.work("record_payment", {"amount": 500, "method": "cash"}, at_payment)
    settle()
    assert not Incident.objects.exists()
    alice.work("record_payment", {"amount": 80, "method": "cash"}, at_payment)
    settle()

    invoice = Invoice.objects.get()
    assert (invoice.status, invoice.paid_amount) == ("paid", 200)
    assert ProcessInstance.objects.get(pk=at_payment).status == "completed"


class _TwoWeeksLater(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(days=15)


def test_an_overdue_invoice_puts_a_reminder_in_the_sales_inbox(team, at_payment, monkeypatch):
    alice = team.alice
    monkeypatch.setattr(timer, "datetime", _TwoWeeksLater)
    settle()

    # The reminder does not take the payment task away (non-interrupting).
    reminder = alice.task("remind_customer", at_payment)
    assert reminder["data"]["payment_check"]["outstanding"] == "200.00"
    assert alice.task("record_payment", at_payment)
    alice.work(
        "remind_customer",
        {"channel": "phone", "note": "Pays on Friday", "promised_on": "2030-01-04"},
        at_payment,
        bad=(
            {"channel": "pigeon", "note": "", "promised_on": "Friday"},
            ["channel", "note", "promised_on"],
        ),
    )
    alice.work("record_payment", {"amount": 200, "method": "bank_transfer"}, at_payment)
    settle()
    assert ProcessInstance.objects.get(pk=at_payment).status == "completed"
