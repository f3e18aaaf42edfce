from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from engine.exceptions import InvalidData
from processes.catalog import services
from processes.catalog.models import CustomerPrice, PriceListItem, Product
from tests.processes.factories import make_customer, make_product, make_supplier

pytestmark = pytest.mark.django_db


def test_product_create_and_update():
    supplier = make_supplier()
    product = services.product_create(
        sku=" OAK-TOP ",
        name="Oak tabletop",
        kind=Product.Kind.PURCHASED,
        unit="pcs",
        list_price=Decimal("320.00"),
        standard_cost=Decimal("180.00"),
        weight_kg=Decimal("21.5"),
        default_supplier=supplier,
    )
    assert product.sku == "OAK-TOP" and product.default_supplier == supplier
    services.product_update(product=product, data={"list_price": Decimal("330.00")})
    product.refresh_from_db()
    assert product.list_price == Decimal("330.00")


def test_product_rules():
    make_product("P-1")
    with pytest.raises(InvalidData) as refused:
        make_product("P-1")
    assert "sku" in refused.value.errors
    with pytest.raises(InvalidData) as refused:
        make_product("P-2", list_price=Decimal("-1"))
    assert "list_price" in refused.value.errors
    with pytest.raises(InvalidData) as refused:
        make_product("P-3", default_supplier=make_customer())
    assert "default_supplier" in refused.value.errors
    with pytest.raises(InvalidData):
        services.product_update(product=Product.objects.get(), data={"sku": "NEW"})
    assert list(Product.objects.values_list("sku", flat=True)) == ["P-1"]


def test_price_list_set_price_replaces_the_same_quantity_break():
    product = make_product()
    price_list = services.price_list_create(name="Wholesale", currency="eur")
    assert price_list.currency == "EUR"
    services.price_list_set_price(price_list=price_list, product=product, price=Decimal("90"))
    services.price_list_set_price(price_list=price_list, product=product, price=Decimal("85"))
    services.price_list_set_price(
        price_list=price_list, product=product, price=Decimal("80"), min_quantity=Decimal("10")
    )
    assert list(
        PriceListItem.objects.order_by("min_quantity").values_list("min_quantity", "price")
    ) == [(Decimal("0.000"), Decimal("85.00")), (Decimal("10.000"), Decimal("80.00"))]


def test_customer_price_is_a_price_or_a_discount():
    party, product = make_customer(), make_product()
    with pytest.raises(InvalidData):
        services.customer_price_set(party=party, product=product)
    with pytest.raises(InvalidData):
        services.customer_price_set(
            party=party, product=product, price=Decimal("1"), discount_percent=Decimal("5")
        )
    with pytest.raises(InvalidData):
        services.customer_price_set(party=party, product=product, discount_percent=Decimal("101"))
    services.customer_price_set(party=party, product=product, price=Decimal("70"))
    services.customer_price_set(party=party, product=product, discount_percent=Decimal("10"))
    row = CustomerPrice.objects.get()
    assert row.price is None and row.discount_percent == Decimal("10.00")


def test_database_refuses_a_customer_price_with_both_terms():
    party, product = make_customer(), make_product()
    with pytest.raises(IntegrityError), transaction.atomic():
        CustomerPrice.objects.create(
            party=party, product=product, price=Decimal("1"), discount_percent=Decimal("2")
        )
