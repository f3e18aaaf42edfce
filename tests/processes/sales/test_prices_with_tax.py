"""A price list whose prices include tax (retail): the net is worked back from each line's
gross, rounded per line (docs/taxes.md). By hand:

    3 × 11.99 less 10 % = 32.373 -> gross 32.37; VAT 20 %  = 32.37 × 20 / 120   = 5.395   -> 5.40
    7 × 4.59            = 32.13  -> gross 32.13; VAT 5.5 % = 32.13 × 5.5 / 105.5 = 1.675…  -> 1.68
    nets 26.97 + 30.45 = 57.42; tax 5.40 + 1.68 = 7.08; gross 64.50 = 32.37 + 32.13
"""

from decimal import Decimal

import pytest

from processes.catalog.models import PriceList, PriceListItem, TaxRate
from processes.sales import services
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def retail_order():
    vat20 = TaxRate.objects.create(name="VAT 20 %", rate=D("20"), country="FR")
    vat55 = TaxRate.objects.create(name="VAT 5.5 %", rate=D("5.5"), country="FR")
    chair = make_product("CHAIR", list_price=D("10.00"), tax_rate=vat20)
    book = make_product("BOOK", list_price=D("4.00"), tax_rate=vat55)
    retail = PriceList.objects.create(name="Retail", prices_include_tax=True)
    PriceListItem.objects.create(price_list=retail, product=chair, price=D("11.99"))
    PriceListItem.objects.create(price_list=retail, product=book, price=D("4.59"))
    shop = make_customer("Boutique Éloïse", price_list=retail)
    return make_order((chair, 3, D("10")), (book, 7), party=shop, confirm=True)


def test_prices_with_tax_give_the_net_back_to_the_cent(retail_order, api, people):
    order = retail_order
    assert order.prices_include_tax
    lines = list(order.lines.order_by("id"))
    assert [(line.unit_price, line.total, line.tax_amount) for line in lines] == [
        (D("11.99"), D("26.97"), D("5.40")),
        (D("4.59"), D("30.45"), D("1.68")),
    ]
    assert (order.net_total, order.tax_total, order.total) == (D("57.42"), D("7.08"), D("64.50"))
    body = api(people.erin).get(f"/api/sales-orders/{order.pk}/").json()
    assert (body["prices_include_tax"], body["net_total"], body["total"]) == (
        True,
        "57.42",
        "64.50",
    )


def test_the_invoice_keeps_the_prices_with_tax(retail_order):
    invoice = services.invoice_create_for_order(order=retail_order)
    assert invoice.prices_include_tax
    assert (invoice.net_total, invoice.tax_total, invoice.total) == (
        D("57.42"),
        D("7.08"),
        D("64.50"),
    )


def test_an_excluding_price_list_is_as_before():
    vat20 = TaxRate.objects.create(name="VAT 20 %", rate=D("20"), country="FR")
    chair = make_product("CHAIR", list_price=D("11.99"), tax_rate=vat20)
    order = make_order((chair, 1), party=make_customer("Trade"))
    assert not order.prices_include_tax
    assert (order.net_total, order.tax_total, order.total) == (D("11.99"), D("2.40"), D("14.39"))
