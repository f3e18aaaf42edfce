"""The order being entered, priced before it exists: the same figures order_create stores,
lines not filled in yet left out, lines that cannot be priced named."""

from decimal import Decimal

import pytest

from processes.catalog.models import PriceList, PriceListItem, TaxRate
from processes.sales.models import SalesOrder
from processes.sales.preview import order_preview
from processes.sales.services import order_create
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_preview_gives_the_figures_the_order_is_made_with():
    vat20 = TaxRate.objects.create(name="VAT 20 %", rate=D("20"), country="FR")
    chair = make_product("CHAIR", list_price=D("10.00"), tax_rate=vat20)
    book = make_product("BOOK", list_price=D("4.00"))
    retail = PriceList.objects.create(name="Retail", prices_include_tax=True)
    PriceListItem.objects.create(price_list=retail, product=chair, price=D("11.99"))
    shop = make_customer("Boutique", price_list=retail)
    lines = [
        {"product": chair.pk, "quantity": 3, "discount_percent": 10},
        {"product": book.pk, "quantity": 7},
    ]
    preview = order_preview(customer=shop.pk, lines=lines)
    order = order_create(party=shop, lines=lines)
    assert preview.problems == []
    stored = list(order.lines.order_by("id"))
    assert [(p.unit_price, p.total) for p in preview.lines] == [
        (line.unit_price, line.total) for line in stored
    ]
    assert (preview.net_total, preview.tax_total, preview.total) == (
        order.net_total,
        order.tax_total,
        order.total,
    )
    assert preview.currency == order.currency


def test_lines_not_filled_in_are_left_out_and_bad_ones_named():
    desk = make_product("DESK", list_price=D("1270.15"))
    retired = make_product("OLD", list_price=D("5.00"), is_active=False)
    acme = make_customer("Acme Ltd")
    preview = order_preview(
        customer=str(acme.pk),
        lines=[
            {"product": desk.pk, "quantity": 2},
            {"product": None, "quantity": 4},  # not chosen yet
            {"product": desk.pk, "quantity": -1},
            {"product": retired.pk, "quantity": 1},
            {"product": desk.pk, "quantity": 1, "discount_percent": 150},
        ],
    )
    assert [line.number for line in preview.lines] == [1]
    assert preview.total == D("2540.30")
    assert preview.problems == [
        "Line 3: the quantity must be a number above zero.",
        "Line 4: this product is not for sale.",
        "Line 5: the discount is a percentage from 0 to 100.",
    ]
    assert SalesOrder.objects.count() == 0  # a preview stores nothing


def test_without_a_customer_nothing_is_priced():
    desk = make_product("DESK")
    supplier_only = make_customer("Not a customer", is_active=False)
    for customer in (None, "", "x", True, supplier_only.pk, 10**20):
        preview = order_preview(customer=customer, lines=[{"product": desk.pk, "quantity": 1}])
        assert preview.customer is None and preview.lines == []
