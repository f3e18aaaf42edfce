"""Documents in another currency keep the rate to the company's of their date; reports
convert with it (docs/taxes.md). Rates are records; none is looked up on the network."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from engine.exceptions import InvalidData
from processes.catalog import services as catalog
from processes.catalog.models import ExchangeRate, TaxRate
from processes.kpis.selectors import dashboard_figures, day_figures
from processes.procurement import services as procurement
from processes.sales import services
from processes.sales.models import SalesOrder
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product, make_supplier, make_warehouse

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def dollars(today):
    ExchangeRate.objects.create(currency="USD", day=today - timedelta(days=5), rate=D("0.9"))
    ExchangeRate.objects.create(currency="USD", day=today - timedelta(days=1), rate=D("0.92"))
    ExchangeRate.objects.create(currency="USD", day=today + timedelta(days=1), rate=D("0.99"))
    return catalog.price_list_create(name="Export USD", currency="USD")


def test_an_order_keeps_the_rate_of_its_day(dollars, today, api, people):
    chair = make_product("CHAIR", list_price=D("60.00"))
    acme = make_customer("Acme Inc.", price_list=dollars)
    order = make_order((chair, 2), party=acme, confirm=True)
    assert (order.currency, order.exchange_rate, order.exchange_rate_date) == (
        "USD",
        D("0.92"),
        today - timedelta(days=1),
    )
    body = api(people.erin).get(f"/api/sales-orders/{order.pk}/").json()
    assert (body["currency"], body["exchange_rate"], body["total"]) == (
        "USD",
        "0.92000000",
        "120.00",
    )
    assert body["exchange_rate_date"] == (today - timedelta(days=1)).isoformat()
    invoice = services.invoice_create_for_order(order=order)
    assert (invoice.currency, invoice.exchange_rate) == ("USD", D("0.92"))


def test_a_currency_without_a_rate_is_refused_and_nothing_is_made(api, people):
    francs = catalog.price_list_create(name="Suisse", currency="CHF")
    chair = make_product("CHAIR", list_price=D("60.00"))
    bern = make_customer("Bern AG", price_list=francs)
    answer = api(people.alice).post(
        "/api/sales-orders/", {"party": bern.pk, "lines": [{"product": chair.pk, "quantity": 1}]}
    )
    assert answer.status_code == 400
    assert "No exchange rate of CHF to EUR" in answer.json()["errors"]["currency"][0]
    assert not SalesOrder.objects.exists()


def test_a_price_list_takes_iso_currencies_only():
    with pytest.raises(InvalidData):
        catalog.price_list_create(name="Play money", currency="XYZ")


def test_yen_have_no_decimals(today):
    ExchangeRate.objects.create(currency="JPY", day=today, rate=D("0.0062"))
    yen = catalog.price_list_create(name="Japan", currency="JPY")
    vat = TaxRate.objects.create(name="Consumption tax 10 %", rate=D("10"), country="JP")
    cup = make_product("CUP", list_price=D("1499"), tax_rate=vat)
    order = make_order((cup, 3, D("5")), party=make_customer("Tanaka KK", price_list=yen))
    # 3 × 1499 less 5 % = 4272.15 -> 4272 yen; tax 427.2 -> 427
    line = order.lines.get()
    assert (line.total, line.tax_amount, order.total) == (D("4272"), D("427"), D("4699"))


def test_sales_figures_are_in_the_company_currency_with_the_rates_used(dollars, today):
    chair = make_product("CHAIR", list_price=D("60.00"))
    make_order((chair, 2), party=make_customer("Acme Inc.", price_list=dollars), confirm=True)
    make_order((chair, 1), party=make_customer("Dupont SARL"), confirm=True)
    figures = day_figures(today)
    # 120.00 USD × 0.92 = 110.40 EUR, plus 60.00 EUR
    assert (figures["currency"], figures["sales_today"]) == ("EUR", "170.40")
    assert figures["sales_by_currency"] == [
        {
            "currency": "USD",
            "orders": 1,
            "net": "120.00",
            "gross": "120.00",
            "rates": [{"rate": "0.92", "date": (today - timedelta(days=1)).isoformat()}],
        }
    ]
    with translation.override("fr"):
        shown = dashboard_figures(today)
    assert shown["sales_today_gross"] == "170,40\xa0€"
    (usd,) = shown["sales_by_currency"]
    assert usd["gross"] == "120,00\xa0$US"
    assert usd["rate"].startswith("1 USD = 0,92\xa0€")


def test_a_supplier_in_dollars_bills_at_the_rate_of_the_bill_date(dollars, today):
    make_warehouse("WH1")
    supplier = make_supplier("Oak & Co", price_list=dollars)
    top = make_product("OAK-TOP", standard_cost=D("100.00"), default_supplier=supplier)
    order = procurement.purchase_order_create(
        supplier=supplier, lines=[{"product": top, "quantity": 1}]
    )
    assert (order.currency, order.exchange_rate) == ("USD", D("0.92"))
    procurement.purchase_order_approve(order=order)
    procurement.purchase_order_send(order=order)
    bill = procurement.supplier_bill_record(
        order=order, number="OC-1", bill_date=today - timedelta(days=3)
    )
    assert (bill.currency, bill.exchange_rate, bill.amount) == ("USD", D("0.9"), D("100.00"))


def test_rates_are_imported_from_a_file_all_or_nothing(tmp_path):
    from django.core.management import CommandError, call_command

    good = tmp_path / "rates.csv"
    good.write_text(
        "currency,day,rate,source\nUSD,2026-12-04,0.9213,ECB\nRUB,2026-12-04,0.0104,CBR\n"
    )
    call_command("import_exchange_rates", str(good))
    assert ExchangeRate.objects.get(currency="USD").rate == D("0.9213")
    bad = tmp_path / "bad.csv"
    bad.write_text("currency,day,rate\nGBP,2026-12-04,1.17\nGBP,2026-12-05,-1\n")
    with pytest.raises(CommandError, match="line 3: The rate must be a number above zero"):
        call_command("import_exchange_rates", str(bad))
    assert not ExchangeRate.objects.filter(currency="GBP").exists()
    call_command("import_exchange_rates", str(good))  # again: corrected, not doubled
    assert ExchangeRate.objects.count() == 2
