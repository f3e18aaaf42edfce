"""The company's details: set once, checked (IBAN and BIC by their check digits, the logo's
format), and printed on every document — quotation, invoice, credit note, purchase order —
with the document's own currency and, in another currency than the company's, the rate the
document stores. PDFs are read back with pdftotext (Debian's poppler-utils)."""

import shutil
import subprocess
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from PIL import Image

from engine.exceptions import InvalidData
from processes.catalog import services as catalog
from processes.catalog.models import ExchangeRate
from processes.common.document_pdf import Document, render
from processes.company.models import CompanyDetails
from processes.company.selectors import company_details
from processes.company.services import company_details_set
from processes.procurement import services as procurement
from processes.procurement.documents import purchase_order_pdf
from processes.sales import documents, services
from tests.factories import make_user
from tests.processes.business import make_order, media  # noqa: F401 - a temporary MEDIA_ROOT
from tests.processes.factories import make_customer, make_product, make_supplier, make_warehouse

pytestmark = pytest.mark.django_db
needs_pdftotext = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="needs poppler-utils' pdftotext"
)
D = Decimal
DETAILS = {
    "legal_name": "Mobilier Dupont SAS",
    "address": "12 rue de la Forêt\n75011 Paris\nFrance",
    "country": "fr",
    "tax_id": "FR40303265045",
    "registration_number": "SIRET 303 265 045 00019",
    "email": "compta@dupont.example",
    "phone": "+33 1 23 45 67 89",
    "bank_name": "Crédit Agricole",
    "iban": "FR76 3000 6000 0112 3456 7890 189",
    "bic": "AGRIFRPP",
}


def text_of(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode().replace("\u202f", " ").replace("\xa0", " ")


def png(width: int = 40, height: int = 20) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def company():
    return company_details_set(by=None, **DETAILS)


def test_details_are_stored_with_the_iban_without_spaces(company):
    stored = CompanyDetails.objects.get()
    assert stored.legal_name == "Mobilier Dupont SAS"
    assert (stored.iban, stored.bic, stored.country) == (
        "FR7630006000011234567890189",
        "AGRIFRPP",
        "FR",
    )


def test_wrong_fields_are_named_and_nothing_is_stored(company):
    with pytest.raises(InvalidData) as refused:
        company_details_set(
            by=None, **{**DETAILS, "legal_name": "", "iban": "FR76 3000 6000 0112 3456 7890 188",
                        "bic": "AGRI", "country": "France"}
        )  # fmt: skip
    assert set(refused.value.errors) == {"legal_name", "iban", "bic", "country"}
    assert "FR76 3000 6000 0112 3456 7890 188" in refused.value.errors["iban"][0]
    assert CompanyDetails.objects.get().legal_name == "Mobilier Dupont SAS"


def test_the_logo_must_be_an_image(company):
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(InvalidData) as refused:
        company_details_set(by=None, logo=fake, **DETAILS)
    assert "PNG or JPEG" in refused.value.errors["logo"][0]
    assert not CompanyDetails.objects.get().logo
    stored = company_details_set(by=None, logo=png(), **DETAILS)
    assert stored.logo.name.endswith(".png")


def test_before_anything_is_set_documents_carry_the_product_name():
    assert company_details().legal_name == "HyperCRM"
    assert not CompanyDetails.objects.exists()


@needs_pdftotext
def test_every_document_prints_the_company_and_its_bank(company):
    company_details_set(by=None, logo=png(), **DETAILS)
    product = make_product("DESK", name="Bureau chêne", list_price=D("100.00"))
    customer = make_customer("Société Générale de Façades")
    with translation.override("fr"):
        quotation = services.quotation_create(
            party=customer, lines=[{"product": product, "quantity": 1}]
        )
        order = make_order((product, 2), party=customer, confirm=True)
        invoice = services.invoice_create_for_order(order=order)
        services.invoice_cancel(invoice=invoice)
        supplier = make_supplier("Nordic Timber AB")
        purchase = procurement.purchase_order_create(
            supplier=supplier,
            warehouse=make_warehouse(),
            lines=[{"product": product, "quantity": 3, "unit_price": D("40.00")}],
        )
        texts = {
            "quotation": text_of(documents.quotation_pdf(quotation)),
            "invoice": text_of(documents.invoice_pdf(invoice)),
            "credit note": text_of(documents.credit_note_pdf(invoice.credit_notes.get())),
            "purchase order": text_of(purchase_order_pdf(purchase)),
        }
    for kind, text in texts.items():
        assert "Mobilier Dupont SAS" in text, kind
        assert "12 rue de la Forêt" in text and "75011 Paris" in text, kind
        assert "N° TVA : FR40303265045" in text, kind
        assert "SIRET 303 265 045 00019" in text, kind
        assert "IBAN FR76 3000 6000 0112 3456 7890 189" in text, kind
        assert "BIC AGRIFRPP" in text and "Crédit Agricole" in text, kind
    assert "Commande fournisseur" in texts["purchase order"]
    assert (
        "Fournisseur" in texts["purchase order"] and "Nordic Timber AB" in texts["purchase order"]
    )
    assert "120,00 €" in texts["purchase order"]  # 3 × 40,00 € net


@needs_pdftotext
def test_a_document_in_another_currency_prints_its_own_currency_and_rate(company):
    today = timezone.localdate()
    ExchangeRate.objects.create(currency="USD", day=today - timedelta(days=2), rate=D("0.9213"))
    dollars = catalog.price_list_create(name="Export USD", currency="USD")
    customer = make_customer("Acme Inc.", price_list=dollars)
    order = make_order(
        (make_product("LAMP", list_price=D("617.28")), 2), party=customer, confirm=True
    )
    invoice = services.invoice_create_for_order(order=order)
    # The customer moves to another price list later: the invoice stays in dollars.
    euros = catalog.price_list_create(name="Euro list", currency="EUR")
    customer.price_list = euros
    customer.save(update_fields=["price_list"])
    with translation.override("fr"):
        text = text_of(documents.invoice_pdf(invoice))
    assert "1 234,56 $US" in text
    day = (today - timedelta(days=2)).day
    assert "Taux de change : 1 USD = 0,9213 €" in text and f"le {day} " in text
    with translation.override("fr"):
        quotation_text = text_of(
            render(
                Document(title="Test", party=customer, facts=[], lines=[], record=_euro_record())
            )
        )
    assert "Taux de change" not in quotation_text


def _euro_record():
    class Record:
        currency, exchange_rate, exchange_rate_date = "EUR", D(1), None
        net_total = total = D("0.00")

    return Record()


def test_the_company_page_is_the_administrators(company):
    admin = make_user("admin-c", is_superuser=True, is_staff=True)
    erin = make_user("erin-c", "managers")
    client = Client()
    client.force_login(erin)
    assert client.get("/settings/company/").status_code == 403
    client.force_login(admin)
    page = client.get("/settings/company/")
    assert page.status_code == 200 and "Mobilier Dupont SAS" in page.content.decode()
    wrong = client.post("/settings/company/", {**DETAILS, "iban": "FR00 1234"})
    assert wrong.status_code == 400
    assert "is not a valid IBAN" in wrong.content.decode()
    assert CompanyDetails.objects.get().iban == "FR7630006000011234567890189"
    saved = client.post(
        "/settings/company/", {**DETAILS, "legal_name": "Dupont & Fils SAS", "logo": png()}
    )
    assert saved.status_code == 302
    stored = CompanyDetails.objects.get()
    assert stored.legal_name == "Dupont & Fils SAS" and stored.updated_by == admin
    assert stored.logo
    assert 'src="data:image/png;base64,' in client.get("/settings/company/").content.decode()
