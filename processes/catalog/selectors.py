"""Reads of the catalogue: product lists and choices, and what a party pays for a product."""

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from processes.catalog.models import CustomerPrice, PriceList, PriceListItem, Product
from processes.common.errors import invalid

CENT = Decimal("0.01")


def product_list(*, kind: str | None = None, active: bool | None = None) -> QuerySet[Product]:
    qs = Product.objects.select_related("default_supplier")
    if kind is not None:
        qs = qs.filter(kind=kind)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs


def product_choices() -> list[tuple[int, str]]:
    """(id, "SKU name") of the active products, for form choice lists."""
    return _choices(product_list(active=True))


def product_choices_of_kind(kind: str) -> Callable[[], list[tuple[int, str]]]:
    """A choice provider of the active products of one kind (stocked, manufactured ...)."""

    def provider() -> list[tuple[int, str]]:
        return _choices(product_list(kind=kind, active=True))

    return provider


def _choices(products: QuerySet[Product]) -> list[tuple[int, str]]:
    return [(pk, f"{sku} {name}") for pk, sku, name in products.values_list("id", "sku", "name")]


def price_list_list() -> QuerySet[PriceList]:
    return PriceList.objects.prefetch_related("items__product")


def prices_include_tax(party) -> bool:
    """Whether the prices `party` pays are with tax: its active price list says so."""
    price_list = getattr(party, "price_list", None) if party is not None else None
    return bool(price_list is not None and price_list.is_active and price_list.prices_include_tax)


def price_for(*, product: Product, party=None, quantity: Decimal | int = 1) -> Decimal:
    """The unit price `party` pays for `quantity` of `product`, rounded to cents.

    A customer price with a fixed price wins. Otherwise the base is the party's active
    price list (its item with the largest `min_quantity` not above `quantity`), else the
    product's list price; a customer discount in percent is then taken off that base.
    """
    quantity = Decimal(quantity)
    if quantity <= 0:
        raise invalid("quantity", _("The quantity must be greater than zero."))
    customer_price = None
    if party is not None:
        customer_price = CustomerPrice.objects.filter(party=party, product=product).first()
    if customer_price is not None and customer_price.price is not None:
        return customer_price.price.quantize(CENT, rounding=ROUND_HALF_UP)
    base = _price_list_price(product, party, quantity)
    if base is None:
        base = product.list_price
    if customer_price is not None and customer_price.discount_percent:
        base = base * (Decimal(100) - customer_price.discount_percent) / Decimal(100)
    return base.quantize(CENT, rounding=ROUND_HALF_UP)


def _price_list_price(product: Product, party, quantity: Decimal) -> Decimal | None:
    if party is None or party.price_list_id is None:
        return None
    item = (
        PriceListItem.objects.filter(
            price_list_id=party.price_list_id,
            price_list__is_active=True,
            product=product,
            min_quantity__lte=quantity,
        )
        .order_by("-min_quantity")
        .values_list("price", flat=True)
        .first()
    )
    return item
