"""Partial credit notes: chosen lines and quantities of an invoice credited back, never more
than was invoiced less what was credited before (400 naming the line, nothing stored),
numbered without gaps like invoices; the customer owes the credit notes' gross less."""

import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from processes.common.errors import InvalidData, InvalidTransition
from processes.sales import services
from processes.sales.models import CreditNote, Invoice, SalesOrder
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def invoice():
    """3 chairs at 49.90 (20 %) and 7 lamps at 4.35 (5.5 %): net 180.15, tax 31.61."""
    chair = make_product("CHAIR", name="Chaise Éloïse", list_price=D("49.90"))
    lamp = make_product("LAMP", name="Lampe", list_price=D("4.35"))
    from processes.catalog.models import TaxRate

    chair.tax_rate = TaxRate.objects.create(name="VAT 20 %", rate=D("20"))
    chair.save(update_fields=["tax_rate"])
    lamp.tax_rate = TaxRate.objects.create(name="VAT 5.5 %", rate=D("5.5"))
    lamp.save(update_fields=["tax_rate"])
    order = make_order((chair, 3), (lamp, 7), party=make_customer("Société Générale"), confirm=True)
    return services.invoice_create_for_order(order=order)


def lines_of(invoice):
    return {line.product.sku: line for line in invoice.lines.select_related("product")}


def test_a_return_of_one_chair_credits_its_net_and_tax(invoice, api, people):
    year = timezone.localdate().year
    # By hand: chairs 3 × 49.90 = 149.70, tax 29.94; lamps 7 × 4.35 = 30.45, tax 1.67 (1.67475).
    assert (invoice.net_total, invoice.tax_total, invoice.total) == (
        D("180.15"),
        D("31.61"),
        D("211.76"),
    )
    chair = lines_of(invoice)["CHAIR"]
    answer = api(people.alice).post(
        f"/api/invoices/{invoice.pk}/credit-notes/",
        {"lines": [{"line": chair.pk, "quantity": "1"}], "reason": "return", "note": "Scratched"},
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    # One chair: net 49.90, tax 9.98, gross 59.88.
    assert (
        body["number"],
        body["reason"],
        body["net_total"],
        body["tax_total"],
        body["total"],
    ) == (
        f"CN-{year}-00001",
        "return",
        "49.90",
        "9.98",
        "59.88",
    )
    assert body["taxes"] == [{"rate": "20.00", "net": "49.90", "tax": "9.98"}]
    invoice.refresh_from_db()
    assert (invoice.status, invoice.credited_amount, invoice.outstanding) == (
        "open",
        D("59.88"),
        D("151.88"),
    )
    read = api(people.erin).get(f"/api/invoices/{invoice.pk}/").json()
    assert (read["credited_amount"], read["outstanding"]) == ("59.88", "151.88")
    assert read["credit_notes"] == [f"CN-{year}-00001"]


def test_more_than_is_left_is_refused_naming_the_line_and_nothing_is_stored(invoice, api, people):
    chair = lines_of(invoice)["CHAIR"]
    services.credit_note_create(invoice=invoice, lines=[{"line": chair.pk, "quantity": "2"}])
    answer = api(people.alice).post(
        f"/api/invoices/{invoice.pk}/credit-notes/",
        {"lines": [{"line": chair.pk, "quantity": "2"}]},
        format="json",
    )
    assert answer.status_code == 400
    message = answer.json()["errors"]["lines"][0]
    assert "CHAIR Chaise Éloïse" in message
    assert "only 1 is left (3 invoiced, 2 already credited)" in message
    assert CreditNote.objects.count() == 1
    invoice.refresh_from_db()
    assert invoice.credited_amount == D("119.76")
    stranger = api(people.alice).post(
        f"/api/invoices/{invoice.pk}/credit-notes/",
        {"lines": [{"line": 999999, "quantity": "1"}]},
        format="json",
    )
    assert stranger.status_code == 400
    assert "999999 is not a line of invoice" in stranger.json()["errors"]["lines"][0]
    refused = api(people.bob).post(
        f"/api/invoices/{invoice.pk}/credit-notes/",
        {"lines": [{"line": chair.pk, "quantity": "1"}]},
        format="json",
    )
    assert refused.status_code in (403, 404) and CreditNote.objects.count() == 1


def test_credit_notes_of_a_line_add_up_to_it_and_crediting_everything_cancels(invoice):
    year = timezone.localdate().year
    lamp = lines_of(invoice)["LAMP"]
    chair = lines_of(invoice)["CHAIR"]
    first = services.credit_note_create(invoice=invoice, lines=[{"line": lamp.pk, "quantity": "3"}])
    # 3 × 4.35 = 13.05, tax 0.71775 → 0.72; the rest takes 30.45 − 13.05 and 1.67 − 0.72.
    assert (first.net_total, first.tax_total) == (D("13.05"), D("0.72"))
    rest = services.credit_note_create(
        invoice=invoice,
        lines=[{"line": lamp.pk, "quantity": "4"}, {"line": chair.pk, "quantity": "3"}],
        reason="correction",
    )
    assert [(line.product.sku, line.total, line.tax_amount) for line in rest.lines.all()] == [
        ("LAMP", D("17.40"), D("0.95")),
        ("CHAIR", D("149.70"), D("29.94")),
    ]
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.CANCELLED and invoice.outstanding == D("0.00")
    assert first.total + rest.total == D("211.76")
    assert sorted(CreditNote.objects.values_list("number", flat=True)) == [
        f"CN-{year}-00001",
        f"CN-{year}-00002",
    ]
    with pytest.raises(InvalidTransition):
        services.credit_note_create(invoice=invoice, lines=[{"line": lamp.pk, "quantity": "1"}])


def test_a_paid_rest_settles_the_invoice(invoice):
    services.payment_record(invoice=invoice, amount=D("151.88"))
    chair = lines_of(invoice)["CHAIR"]
    services.credit_note_create(invoice=invoice, lines=[{"line": chair.pk, "quantity": "1"}])
    invoice.refresh_from_db()
    assert (invoice.status, invoice.outstanding) == ("paid", D("0.00"))
    assert invoice.order.billing_status == SalesOrder.Billing.PAID
    # Nothing is owed any more: a further credit note would be a refund, refused.
    with pytest.raises(InvalidTransition):
        services.credit_note_create(invoice=invoice, lines=[{"line": chair.pk, "quantity": "1"}])


def test_a_credit_note_above_what_is_owed_is_refused(invoice):
    services.payment_record(invoice=invoice, amount=D("200.00"))
    chair = lines_of(invoice)["CHAIR"]
    with pytest.raises(InvalidData) as refused:
        services.credit_note_create(invoice=invoice, lines=[{"line": chair.pk, "quantity": "1"}])
    assert "more than the €11.76 still owed" in refused.value.errors["lines"][0]
    assert not CreditNote.objects.exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils' pdftotext")
def test_the_partial_credit_note_pdf_says_what_is_still_owed(invoice):
    chair = lines_of(invoice)["CHAIR"]
    with translation.override("fr"):
        note = services.credit_note_create(
            invoice=invoice, lines=[{"line": chair.pk, "quantity": "1"}]
        )
    with note.pdf.open("rb") as handle:
        text = (
            subprocess.run(
                ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
                input=handle.read(),
                capture_output=True,
                check=True,
            )
            .stdout.decode()
            .replace("\u202f", " ")
            .replace("\xa0", " ")
        )
    assert f"Avoir {note.number}" in text and "Chaise Éloïse" in text
    assert "59,88 €" in text
    assert f"réduit la facture {invoice.number} de 59,88 €" in text
