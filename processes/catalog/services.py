"""Writes of the catalogue: products, price lists and their prices, customer prices."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from processes.catalog.models import (
    CustomerPrice,
    ExchangeRate,
    PriceList,
    PriceListItem,
    Product,
    TaxRate,
)
from processes.common.errors import invalid
from processes.common.updates import clean_and_save, model_update

PRODUCT_FIELDS = {
    "name",
    "kind",
    "unit",
    "description",
    "list_price",
    "standard_cost",
    "weight_kg",
    "default_supplier",
    "tax_rate",
    "is_active",
}
PRICE_LIST_FIELDS = {"name", "currency", "prices_include_tax", "is_active", "notes"}


@transaction.atomic
def product_create(
    *,
    sku: str,
    name: str,
    kind: str = Product.Kind.STOCKED,
    unit: str = Product.Unit.PCS,
    list_price: Decimal = Decimal("0.00"),
    standard_cost: Decimal = Decimal("0.00"),
    weight_kg: Decimal = Decimal("0.000"),
    description: str = "",
    default_supplier=None,
    tax_rate=None,
    is_active: bool = True,
) -> Product:
    """Add a product to the catalogue; its SKU must be new."""
    _check_supplier(default_supplier)
    product = Product(
        sku=sku.strip(),
        name=name.strip(),
        kind=kind,
        unit=unit,
        list_price=list_price,
        standard_cost=standard_cost,
        weight_kg=weight_kg,
        description=description,
        default_supplier=default_supplier,
        tax_rate=tax_rate,
        is_active=is_active,
    )
    return clean_and_save(product)


@transaction.atomic
def product_update(*, product: Product, data: dict[str, Any]) -> Product:
    """Change a product's fields; the SKU stays (documents and BPMN variables refer to it)."""
    if "default_supplier" in data:
        _check_supplier(data["default_supplier"])
    product, _changed = model_update(instance=product, data=data, fields=PRODUCT_FIELDS)
    return product


def _check_supplier(party) -> None:
    if party is not None and not party.is_supplier:
        raise invalid("default_supplier", _("%(party)s is not a supplier.") % {"party": party})


@transaction.atomic
def price_list_create(
    *,
    name: str,
    currency: str = "EUR",
    prices_include_tax: bool = False,
    notes: str = "",
    is_active: bool = True,
) -> PriceList:
    """Start a price list; add its prices with price_list_set_price."""
    price_list = PriceList(
        name=name.strip(),
        currency=currency.upper(),
        prices_include_tax=prices_include_tax,
        notes=notes,
        is_active=is_active,
    )
    return clean_and_save(price_list)


@transaction.atomic
def price_list_update(*, price_list: PriceList, data: dict[str, Any]) -> PriceList:
    """Rename, re-label or (de)activate a price list."""
    if "currency" in data:
        data = {**data, "currency": data["currency"].upper()}
    price_list, _changed = model_update(instance=price_list, data=data, fields=PRICE_LIST_FIELDS)
    return price_list


@transaction.atomic
def price_list_set_price(
    *,
    price_list: PriceList,
    product: Product,
    price: Decimal,
    min_quantity: Decimal = Decimal("0"),
) -> PriceListItem:
    """Set the product's price on the list from `min_quantity` units up (adds or replaces)."""
    item = PriceListItem.objects.select_for_update().filter(
        price_list=price_list, product=product, min_quantity=min_quantity
    ).first() or PriceListItem(price_list=price_list, product=product, min_quantity=min_quantity)
    item.price = price
    return clean_and_save(item)


@transaction.atomic
def price_list_remove_price(*, item: PriceListItem) -> None:
    """Take a price off its list; the product falls back to its list price there."""
    item.delete()


@transaction.atomic
def customer_price_set(
    *,
    party,
    product: Product,
    price: Decimal | None = None,
    discount_percent: Decimal | None = None,
) -> CustomerPrice:
    """Give `party` its own price for `product`: a fixed price or a discount, not both."""
    if (price is None) == (discount_percent is None):
        raise invalid("price", _("Give either a price or a discount in percent, not both."))
    customer_price = CustomerPrice.objects.select_for_update().filter(
        party=party, product=product
    ).first() or CustomerPrice(party=party, product=product)
    customer_price.price = price
    customer_price.discount_percent = discount_percent
    return clean_and_save(customer_price)


@transaction.atomic
def customer_price_remove(*, customer_price: CustomerPrice) -> None:
    """Drop a customer's own price; the party's price list or the list price apply again."""
    customer_price.delete()


@transaction.atomic
def exchange_rate_set(*, currency: str, day, rate, source: str = "") -> ExchangeRate:
    """Enter (or correct) what 1 unit of `currency` is worth in the company currency on
    `day`. Documents already made keep the rate they stored."""
    from processes.common.currencies import check_currency
    from processes.common.money import company_currency

    currency = check_currency(currency)
    if currency == company_currency():
        raise invalid(
            "currency",
            _("%(currency)s is the company currency; it needs no rate.") % {"currency": currency},
        )
    try:
        day = day if isinstance(day, date) else date.fromisoformat(str(day).strip())
    except ValueError:
        raise invalid(
            "day", _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": day}
        ) from None
    try:
        rate = Decimal(str(rate).strip().replace(",", "."))
    except InvalidOperation:
        rate = None
    if rate is None or not rate.is_finite() or rate <= 0:
        raise invalid("rate", _("The rate must be a number above zero."))
    record = ExchangeRate.objects.filter(currency=currency, day=day).first() or ExchangeRate(
        currency=currency, day=day
    )
    record.rate, record.source = rate, source.strip()
    return clean_and_save(record)


@transaction.atomic
def tax_rate_ensure(*, name: str, rate: Decimal, country: str = "") -> TaxRate:
    """The tax rate called `name`, made with `rate` and `country` when there is none yet;
    an existing one is left as its owner set it."""
    existing = TaxRate.objects.filter(name=name.strip()).first()
    if existing is not None:
        return existing
    tax_rate = TaxRate(name=name.strip(), rate=rate, country=country.strip().upper())
    return clean_and_save(tax_rate)
