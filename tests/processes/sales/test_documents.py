"""The invoice PDF prints any customer's name as written, with the locale's money format.

The PDF's text is read back with pdftotext (Debian's poppler-utils), as a person copying
from the document would read it.
"""

import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from processes.catalog import services as catalog
from processes.catalog.models import ExchangeRate
from processes.sales import services
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils' pdftotext"),
]
D = Decimal


def pdf_text(invoice) -> str:
    with invoice.pdf.open("rb") as handle:
        content = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    # Thousands are grouped with (narrow) no-break spaces; read them as spaces.
    return result.stdout.decode().replace("\u202f", " ").replace("\xa0", " ")


def invoice_for(customer, language: str, price: str, quantity: int = 2):
    product = make_product(name="Стол «Дуб» / Table chêne", list_price=D(price))
    order = make_order((product, quantity), party=customer, confirm=True)
    with translation.override(language):
        return services.invoice_create_for_order(order=order, due_in_days=30)


def test_a_russian_customer_in_roubles():
    roubles = catalog.price_list_create(name="Рубли", currency="RUB")
    ExchangeRate.objects.create(currency="RUB", day=date(2026, 1, 1), rate=D("0.0105"))
    customer = make_customer("ООО Ромашка", price_list=roubles, tax_id="7701234567")
    invoice = invoice_for(customer, "ru", "617.28")
    assert (invoice.currency, invoice.exchange_rate) == ("RUB", D("0.0105"))
    text = pdf_text(invoice)
    assert "ООО Ромашка" in text
    assert "Стол «Дуб» / Table chêne" in text
    assert f"Счёт {invoice.number}" in text
    assert "1 234,56 ₽" in text  # the total: 2 × 617,28 ₽
    assert "ИНН: 7701234567" in text and "Итого" in text


def test_a_french_customer_in_euros():
    customer = make_customer("Société Française de Façades")
    invoice = invoice_for(customer, "fr", "617.28")
    text = pdf_text(invoice)
    assert "Société Française de Façades" in text
    assert f"Facture {invoice.number}" in text
    assert "1 234,56 €" in text
    assert "Échéance" in text


def test_an_english_invoice_keeps_its_english_format():
    customer = make_customer("Ελληνική Εταιρεία")
    invoice = invoice_for(customer, "en", "617.28")
    text = pdf_text(invoice)
    assert "Ελληνική Εταιρεία" in text
    assert f"Invoice {invoice.number}" in text
    assert "€1,234.56" in text
