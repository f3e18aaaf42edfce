"""Invoice numbers run without gaps per year; a cancelled invoice is reversed by a credit
note, never deleted, and the customer owes nothing on it (docs/taxes.md)."""

import shutil
import subprocess
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone, translation

from processes.sales import services
from processes.sales.models import CreditNote, Invoice
from processes.sales.sequences import next_number
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def orders():
    chair = make_product("CHAIR", name="Chaise Éloïse", list_price=D("49.90"))
    customer = make_customer("Société Générale")
    return [make_order((chair, n), party=customer, confirm=True) for n in (1, 2, 3)]


def numbers() -> list[str]:
    return list(Invoice.objects.order_by("number").values_list("number", flat=True))


def test_invoice_numbers_run_without_gaps_even_when_one_is_rolled_back(orders):
    year = timezone.localdate().year
    services.invoice_create_for_order(order=orders[0])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invoice_create_for_order(order=orders[1])
        raise RuntimeError("the invoice is not made after all")
    services.invoice_create_for_order(order=orders[2])
    assert numbers() == [f"INV-{year}-00001", f"INV-{year}-00002"]


def test_each_year_starts_at_one():
    with transaction.atomic():
        assert next_number("INV", 2031) == "INV-2031-00001"
        assert next_number("INV", 2031) == "INV-2031-00002"
        assert next_number("INV", 2032) == "INV-2032-00001"
        assert next_number("CN", 2031) == "CN-2031-00001"


def test_cancelling_an_invoice_makes_a_credit_note_and_nothing_is_owed(orders, api, people):
    year = timezone.localdate().year
    order = orders[1]
    invoice = services.invoice_create_for_order(order=order)  # 2 × 49.90
    answer = api(people.alice).post(f"/api/invoices/{invoice.pk}/cancel/")
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert (body["status"], body["outstanding"], body["credit_notes"]) == (
        "cancelled",
        "0.00",
        [f"CN-{year}-00001"],
    )
    note = CreditNote.objects.get()
    assert (note.invoice, note.reason, note.total) == (invoice, "cancellation", D("99.80"))
    assert [(line.product.sku, line.quantity, line.total) for line in note.lines.all()] == [
        ("CHAIR", D("2.000"), D("99.80"))
    ]
    again = api(people.alice).post(f"/api/invoices/{invoice.pk}/cancel/")
    assert again.status_code == 409 and CreditNote.objects.count() == 1
    # The order can be invoiced again; the cancelled invoice keeps its number in the run.
    services.invoice_create_for_order(order=order)
    assert numbers() == [f"INV-{year}-00001", f"INV-{year}-00002"]
    listed = api(people.erin).get("/api/credit-notes/", {"invoice": invoice.pk}).json()
    assert [row["number"] for row in listed["results"]] == [f"CN-{year}-00001"]
    pdf = api(people.erin).get(f"/api/credit-notes/{note.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils' pdftotext")
def test_the_credit_note_pdf_names_the_invoice_it_cancels(orders):
    invoice = services.invoice_create_for_order(order=orders[0])
    with translation.override("fr"):
        services.invoice_cancel(invoice=invoice, note="Commande annulée par le client.")
    note = CreditNote.objects.get()
    with note.pdf.open("rb") as handle:
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=handle.read(), capture_output=True
        ).stdout.decode()
    text = text.replace("\u202f", " ").replace("\xa0", " ")
    assert f"Avoir {note.number}" in text
    assert invoice.number in text and "Société Générale" in text
    assert "49,90 €" in text and "Commande annulée par le client." in text
