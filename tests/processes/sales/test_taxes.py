"""Taxes on an order: rate per line, net, tax per rate and gross to the cent (docs/taxes.md).

The figures are worked out by hand:

    line 1: 3 × 19.99 less 10 % = 53.973 -> net 53.97; VAT 20 %  of 53.97 = 10.794  -> 10.79
    line 2: 7 × 4.35            = 30.45  -> net 30.45; VAT 5.5 % of 30.45 =  1.67475 ->  1.67
    net 84.42; tax 10.79 + 1.67 = 12.46; gross 96.88
"""

import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import translation

from processes.catalog.models import TaxRate
from processes.sales import services
from processes.sales.services.taxes import tax_breakdown
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def rates():
    return {
        "20": TaxRate.objects.create(name="VAT 20 %", rate=D("20"), country="FR"),
        "5.5": TaxRate.objects.create(name="VAT 5.5 %", rate=D("5.5"), country="FR"),
    }


def two_rate_order(rates, party=None):
    chair = make_product("CHAIR", name="Chair", list_price=D("19.99"), tax_rate=rates["20"])
    book = make_product("BOOK", name="Book", list_price=D("4.35"), tax_rate=rates["5.5"])
    return make_order((chair, 3, D("10")), (book, 7), party=party, confirm=True)


def test_each_line_carries_its_rate_and_the_document_adds_up(rates):
    order = two_rate_order(rates)
    lines = list(order.lines.order_by("id"))
    assert [(line.tax_rate, line.total, line.tax_amount) for line in lines] == [
        (D("20.00"), D("53.97"), D("10.79")),
        (D("5.50"), D("30.45"), D("1.67")),
    ]
    assert (order.net_total, order.tax_total, order.total) == (D("84.42"), D("12.46"), D("96.88"))
    assert tax_breakdown(lines) == [
        {"rate": D("20.00"), "net": D("53.97"), "tax": D("10.79")},
        {"rate": D("5.50"), "net": D("30.45"), "tax": D("1.67")},
    ]


def test_the_invoice_api_and_pdf_agree(rates, api, people):
    order = two_rate_order(rates)
    with translation.override("fr"):
        invoice = services.invoice_create_for_order(order=order)
    assert (invoice.net_total, invoice.tax_total, invoice.total) == (
        D("84.42"),
        D("12.46"),
        D("96.88"),
    )
    body = api(people.erin).get(f"/api/invoices/{invoice.pk}/").json()
    assert (body["currency"], body["net_total"], body["tax_total"], body["total"]) == (
        "EUR",
        "84.42",
        "12.46",
        "96.88",
    )
    assert body["taxes"] == [
        {"rate": "20.00", "net": "53.97", "tax": "10.79"},
        {"rate": "5.50", "net": "30.45", "tax": "1.67"},
    ]
    assert [(line["tax_rate"], line["tax_amount"]) for line in body["lines"]] == [
        ("20.00", "10.79"),
        ("5.50", "1.67"),
    ]
    assert body["outstanding"] == "96.88"
    if shutil.which("pdftotext"):
        with invoice.pdf.open("rb") as handle:
            text = subprocess.run(
                ["pdftotext", "-layout", "-", "-"], input=handle.read(), capture_output=True
            ).stdout.decode()
        text = text.replace("\u202f", " ").replace("\xa0", " ")
        for figure in ("84,42 €", "TVA 20 % sur 53,97 €", "10,79 €", "TVA 5,5 % sur 30,45 €"):
            assert figure in text
        assert "1,67 €" in text and "96,88 €" in text


def test_an_export_customer_pays_no_tax_and_the_invoice_says_why(rates):
    customer = make_customer("Acme Inc.", tax_exemption="export")
    order = two_rate_order(rates, party=customer)
    assert (order.net_total, order.tax_total, order.total) == (D("84.42"), D("0.00"), D("84.42"))
    with translation.override("en"):
        invoice = services.invoice_create_for_order(order=order)
    if shutil.which("pdftotext"):
        with invoice.pdf.open("rb") as handle:
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=handle.read(), capture_output=True
            ).stdout.decode()
        assert "VAT exempt: export of goods" in " ".join(text.split())
