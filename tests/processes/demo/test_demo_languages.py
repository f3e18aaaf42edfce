"""The demo company seeded in French and in Russian (HYPERCRM_DEMO_LANGUAGE): names and
addresses of that country, its currency and tax rates, documents in its language."""

import shutil
import subprocess
from decimal import Decimal as D
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from stdnum.fr import tva
from stdnum.ru import inn

from processes.catalog.models import PriceList, Product
from processes.company.selectors import company_details
from processes.crm.models import Contact, Deal, FunnelStage, Party
from processes.demo import company
from processes.demo.dataset import demo_company
from processes.demo.languages import fr, ru
from processes.inventory.models import Warehouse
from processes.sales.models import Invoice
from profiles.models import Profile

pytestmark = pytest.mark.django_db


def seed(settings, language: str) -> str:
    settings.DEMO_MODE = True
    settings.DEMO_LANGUAGE = language
    if language == "ru":
        settings.HYPERCRM = {**settings.HYPERCRM, "COMPANY_CURRENCY": "RUB"}
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo_company", stdout=out)
    return out.getvalue()


def english_texts() -> set[str]:
    """Every name, note and text of the English demo a person reads."""
    texts = {company.PRICE_LIST, company.OPENING_STOCK, "Sales"}
    texts |= {row[0] for row in company.FUNNEL} | {name for _code, name in company.WAREHOUSES}
    for name, _kind, _tax, contact, job, channels in company.CUSTOMERS:
        texts |= {name, contact} | ({job} if job else set())
        texts |= {value for kind, value in channels if kind not in ("phone", "mobile")}
    for name, _tax, contact, channels in company.SUPPLIERS:
        texts |= {name, contact} | {value for _kind, value in channels}
    texts |= {row[1] for row in company.PRODUCTS}
    texts |= {row[1] for row in company.DEALS} | {row[4] for row in company.DEALS if row[4]}
    texts |= {row[2] for row in company.INTERACTIONS}
    texts |= {row[0] for row in company.QUOTATIONS} | {row[0] for row in company.ORDERS}
    texts |= {company.MANUFACTURING[0], company.REJECT_REASON}
    texts |= {word for _name, words in company.CUSTOMER_TAGS for word in words}
    return texts


@pytest.mark.parametrize("module", [fr, ru], ids=["fr", "ru"])
def test_every_english_name_has_its_translation(module):
    missing = sorted(english_texts() - set(module.NAMES))
    assert not missing, f"{module.__name__} lacks {missing}"


def test_an_unknown_demo_language_is_refused_by_name():
    with pytest.raises(ValueError, match="en, fr or ru, not 'de'"):
        demo_company("de")


def test_the_french_demo(settings):
    out = seed(settings, "fr")
    assert "Chênelin Mobilier SAS, in EUR" in out
    english = {name for name, *_ in company.CUSTOMERS} | {row[0] for row in company.SUPPLIERS}
    names = set(Party.objects.values_list("name", flat=True))
    assert {"Acme France SAS", "Hôtels Genévrier", "Bois du Nord SARL"} <= names
    assert not names & english
    for party in Party.objects.exclude(tax_id=""):
        assert tva.is_valid(party.tax_id), party
    assert Contact.objects.filter(name="Marie Laurent", job_title__startswith="Responsable")
    assert FunnelStage.objects.filter(name="Proposition envoyée").exists()
    assert Deal.objects.filter(title="Banque d'accueil", lost_reason="A choisi un menuisier local")
    assert Warehouse.objects.get(code="WH1").name == "Entrepôt principal"
    desk = Product.objects.get(sku="OAK-DESK")
    assert (desk.name, desk.list_price, desk.tax_rate.name) == (
        "Bureau en chêne",
        D("890.00"),
        "TVA 20 %",
    )
    details = company_details()
    assert (details.legal_name, details.country) == ("Chênelin Mobilier SAS", "FR")
    assert tva.is_valid(details.tax_id)
    assert get_user_model().objects.get(username="erin").profile.language == "fr"
    # The dispatch lamps were delivered and invoiced at the wholesale price, half paid:
    # 5 × 52,00 € = 260,00 € net, TVA 20 % 52,00 €, 312,00 € in all.
    invoice = Invoice.objects.get(order__notes="Démo : lampes de l'expédition")
    assert (invoice.currency, invoice.net_total, invoice.tax_total, invoice.total) == (
        "EUR",
        D("260.00"),
        D("52.00"),
        D("312.00"),
    )
    assert invoice.paid_amount == D("156.00")
    text = pdf_text(invoice)
    if text is not None:
        for words in ("Facture", "Port Logistique", "Chênelin Mobilier SAS", "312,00 €"):
            assert words in text, words


def test_the_russian_demo_sells_in_roubles_with_its_vat(settings):
    out = seed(settings, "ru")
    assert "ООО «Дубрава Мебель», in RUB" in out
    assert Party.objects.filter(name="ООО «Ромашка»").exists()
    for party in Party.objects.exclude(tax_id=""):
        assert inn.is_valid(party.tax_id), party
    assert PriceList.objects.get().currency == "RUB"
    lamp = Product.objects.get(sku="LAMP-LED")
    assert (lamp.name, lamp.list_price, lamp.tax_rate.rate) == (
        "Светодиодная настольная лампа",
        D("5310.00"),
        D("22.00"),
    )
    assert get_user_model().objects.get(username="alice").profile.language == "ru"
    # 5 × 4 680,00 ₽ (52,00 € × 90) = 23 400,00 ₽ net, НДС 22 % 5 148,00 ₽, 28 548,00 ₽.
    invoice = Invoice.objects.get(order__notes="Демо: лампы для диспетчерской")
    assert (invoice.currency, invoice.net_total, invoice.tax_total, invoice.total) == (
        "RUB",
        D("23400.00"),
        D("5148.00"),
        D("28548.00"),
    )
    text = pdf_text(invoice)
    if text is not None:
        for words in ("ООО «Гавань Логистик»", "ООО «Дубрава Мебель»", "28 548,00 ₽"):
            assert words in text, words


def test_the_english_demo_is_a_german_company_with_its_vat(settings):
    seed(settings, "en")
    desk = Product.objects.get(sku="OAK-DESK")
    assert (desk.name, desk.tax_rate.name) == ("Oak desk", "VAT 19 %")
    assert company_details().legal_name == "Oakline Office Furniture GmbH"
    # Each person's browser decides their language.
    assert not Profile.objects.exclude(language="").exists()


def pdf_text(invoice: Invoice) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    with invoice.pdf.open("rb") as handle:
        out = subprocess.run(["pdftotext", "-", "-"], input=handle.read(), capture_output=True)
    return " ".join(out.stdout.decode().replace("\u202f", " ").replace("\xa0", " ").split())
