"""Quotation, invoice and payment pages: lists with filters, totals with their currency and
exports; each document with its lines, its PDF, its customer and its order; the process of
the order shown on its invoice; rights: who reads invoices reads these pages."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from processes.sales import services
from tests.processes.business import (
    make_order,
    media,  # noqa: F401 - documents go to a temporary MEDIA_ROOT
)
from tests.processes.factories import make_customer, make_product
from web.selectors.documents import KINDS, DocFilters, document_search


@pytest.fixture
def billed(db, media):  # noqa: F811
    acme = make_customer("Acme Tools")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("100.00"))
    draft = make_order((chair, 3), party=acme)
    quotation = services.quotation_create_for_order(order=draft)
    order = make_order((chair, 2), party=acme, confirm=True)
    invoice = services.invoice_create_for_order(order=order)
    payment = services.payment_record(
        invoice=invoice, amount=Decimal("50.00"), method="card", reference="TX-991"
    )
    return {"acme": acme, "quotation": quotation, "order": order, "invoice": invoice,
            "payment": payment, "chair": chair}  # fmt: skip


def test_the_quotation_page(login, users, billed):
    quotation = billed["quotation"]
    client = login(users["alice"])
    listing = client.get("/quotations/").content.decode()
    assert quotation.number in listing and "Draft" in listing and "€" in listing
    page = client.get(f"/quotations/{quotation.pk}/").content.decode()
    assert f"Quotation {quotation.number}" in page and "Office chair" in page
    assert f"/customers/{billed['acme'].pk}/" in page and f"/products/{billed['chair'].pk}/" in page
    assert f"/api/quotations/{quotation.pk}/pdf/" in page
    assert "Made by hand" in page
    assert f'value="quotation:{quotation.pk}"' in page and "No comments yet." in page


def test_the_invoice_and_payment_pages(login, users, billed):
    invoice, payment = billed["invoice"], billed["payment"]
    client = login(users["alice"])
    listing = client.get("/invoices/").content.decode()
    assert invoice.number in listing and "Acme Tools" in listing
    assert "€" + f"{invoice.total - Decimal('50.00'):,.2f}" in listing  # outstanding
    page = client.get(f"/invoices/{invoice.pk}/").content.decode()
    assert f"Invoice {invoice.number}" in page and f"/api/invoices/{invoice.pk}/pdf/" in page
    assert f"/orders/{billed['order'].pk}/" in page and "TX-991" in page and "Card" in page
    assert f'value="invoice:{invoice.pk}"' in page and "No files yet." in page
    payments = client.get("/payments/", {"status": "card"}).content.decode()
    assert invoice.number in payments and "€50.00" in payments
    assert "Nothing matches" in client.get("/payments/", {"status": "cash"}).content.decode()
    one = client.get(f"/payments/{payment.pk}/").content.decode()
    assert f"Payment on invoice {invoice.number}" in one and f"/invoices/{invoice.pk}/" in one
    order = client.get(f"/orders/{billed['order'].pk}/").content.decode()
    assert f"/invoices/{invoice.pk}/" in order
    customer = client.get(f"/customers/{billed['acme'].pk}/").content.decode()
    assert (
        f"/invoices/{invoice.pk}/" in customer
        and f"/quotations/{billed['quotation'].pk}/" in customer
    )
    assert f"/payments/{payment.pk}/" in customer


def test_the_warehouse_reads_no_invoices_nor_payments(login, users, billed):
    client = login(users["bob"])
    refused = {
        "/invoices/": "invoices",
        f"/invoices/{billed['invoice'].pk}/": "invoices",
        "/payments/": "payments",
    }
    for url, kind in refused.items():
        answer = client.get(url)
        assert answer.status_code == 403 and kind in answer.content.decode()
    assert client.get("/quotations/").status_code == 200


@pytest.mark.parametrize("key", ["quotations", "invoices", "payments"])
def test_each_export_holds_the_lists_own_rows(login, users, billed, key):
    client = login(users["alice"])
    kind = KINDS[key]
    expected = [kind.row(doc) for doc in document_search(kind, DocFilters(), users["alice"])]
    answer = client.get(f"/{key}/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [row.number for row in expected]
    assert [Decimal(r[3]) for r in rows[1:]] == [row.amount for row in expected]
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/{key}/", {"format": "xlsx"}).content))
    sheet = list(book.active.iter_rows(values_only=True))
    assert [r[0] for r in sheet[1:]] == [row.number for row in expected]
