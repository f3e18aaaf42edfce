from decimal import Decimal

import pytest

from engine.exceptions import InvalidData
from processes.catalog import selectors, services
from processes.crm.services import party_update
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_product("DESK", name="Desk", list_price=Decimal("100.00"))


@pytest.fixture
def wholesale(desk):
    price_list = services.price_list_create(name="Wholesale")
    services.price_list_set_price(price_list=price_list, product=desk, price=Decimal("90.00"))
    services.price_list_set_price(
        price_list=price_list, product=desk, price=Decimal("80.00"), min_quantity=Decimal("10")
    )
    return price_list


def test_list_price_without_a_party(desk):
    assert selectors.price_for(product=desk) == Decimal("100.00")


def test_price_list_of_the_party_with_quantity_breaks(desk, wholesale):
    party = make_customer(price_list=wholesale)
    assert selectors.price_for(product=desk, party=party) == Decimal("90.00")
    assert selectors.price_for(product=desk, party=party, quantity=9) == Decimal("90.00")
    assert selectors.price_for(product=desk, party=party, quantity=10) == Decimal("80.00")


def test_inactive_price_list_or_missing_item_falls_back_to_list_price(desk, wholesale):
    party = make_customer(price_list=wholesale)
    other = make_product("CHAIR", list_price=Decimal("40.00"))
    assert selectors.price_for(product=other, party=party) == Decimal("40.00")
    services.price_list_update(price_list=wholesale, data={"is_active": False})
    assert selectors.price_for(product=desk, party=party) == Decimal("100.00")


def test_customer_fixed_price_beats_the_price_list(desk, wholesale):
    party = make_customer(price_list=wholesale)
    services.customer_price_set(party=party, product=desk, price=Decimal("75.00"))
    assert selectors.price_for(product=desk, party=party, quantity=50) == Decimal("75.00")


def test_customer_discount_applies_to_the_price_list_or_the_list_price(desk, wholesale):
    party = make_customer()
    services.customer_price_set(party=party, product=desk, discount_percent=Decimal("12.5"))
    assert selectors.price_for(product=desk, party=party) == Decimal("87.50")
    party_update(party=party, data={"price_list": wholesale})
    assert selectors.price_for(product=desk, party=party, quantity=10) == Decimal("70.00")


def test_prices_are_rounded_to_cents(desk):
    party = make_customer()
    services.product_update(product=desk, data={"list_price": Decimal("9.99")})
    services.customer_price_set(party=party, product=desk, discount_percent=Decimal("33.33"))
    # 9.99 × 0.6667 = 6.660333 → 6.66
    assert selectors.price_for(product=desk, party=party) == Decimal("6.66")
    assert selectors.price_for(product=desk, party=party).as_tuple().exponent == -2


def test_other_parties_prices_do_not_leak(desk):
    services.customer_price_set(party=make_customer(), product=desk, price=Decimal("1.00"))
    assert selectors.price_for(product=desk, party=make_customer()) == Decimal("100.00")


def test_quantity_must_be_positive(desk):
    with pytest.raises(InvalidData):
        selectors.price_for(product=desk, quantity=0)


def test_product_choices_by_kind():
    desk = make_product("DESK", name="Desk", kind="manufactured")
    top = make_product("TOP", name="Top", kind="purchased")
    make_product("OLD", name="Old", is_active=False)
    assert selectors.product_choices() == [(desk.pk, "DESK Desk"), (top.pk, "TOP Top")]
    assert selectors.product_choices_of_kind("purchased")() == [(top.pk, "TOP Top")]
