"""Priced lines: what a quotation, an order and an invoice line is worth."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processes.catalog.models import Product
from processes.catalog.selectors import price_for, prices_include_tax
from processes.common.currencies import quantum
from processes.common.errors import invalid
from processes.sales.selectors import currency_of
from processes.sales.services.taxes import line_amounts, rate_for

CENT = Decimal("0.01")
STEP = Decimal("0.001")


def line_total(*, quantity: Decimal, unit_price: Decimal, discount_percent: Decimal) -> Decimal:
    """The amount: quantity × unit price less the discount, rounded to cents (the net
    of a line priced before tax)."""
    amount = quantity * unit_price * (Decimal(100) - discount_percent) / Decimal(100)
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def priced_lines(*, party, lines: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check the requested lines and price them for `party` with catalog's price_for.

    Each line is {"product": Product or id, "quantity", "discount_percent"?}; the answer
    adds unit_price, total (net), tax_rate and tax_amount; when the party's price list
    includes tax, the unit price is with tax and the net is worked back from the line's
    gross (docs/taxes.md). Bad input raises InvalidData naming the line.
    """
    includes_tax = prices_include_tax(party)
    smallest = quantum(currency_of(party))
    lines = list(lines or [])
    if not lines:
        raise invalid("lines", _("An order needs at least one line."))
    priced = []
    for number, line in enumerate(lines, start=1):
        product = _product(line.get("product"), number)
        quantity = _decimal(line.get("quantity"), number, "quantity")
        if quantity <= 0 or quantity != quantity.quantize(STEP):
            raise invalid(
                "lines",
                _("Line %(number)s: the quantity must be above zero (3 decimals).")
                % {"number": number},
            )
        quantity = quantity.quantize(STEP)
        discount = _decimal(line.get("discount_percent") or 0, number, "discount")
        if not Decimal(0) <= discount <= Decimal(100):
            raise invalid(
                "lines",
                _("Line %(number)s: the discount is a percentage (0–100).") % {"number": number},
            )
        unit_price = price_for(product=product, party=party, quantity=quantity)
        rate = rate_for(product=product, party=party)
        net, tax = line_amounts(
            quantity=quantity,
            unit_price=unit_price,
            discount_percent=discount,
            rate=rate,
            includes_tax=includes_tax,
            quantum=smallest,
        )
        priced.append(
            {
                "product": product,
                "quantity": quantity,
                "unit_price": unit_price,
                "discount_percent": discount,
                "total": net,
                "tax_rate": rate,
                "tax_amount": tax,
            }
        )
    return priced


def copied_lines(source_lines) -> list[dict[str, Any]]:
    """The lines of another document with their prices as they were agreed."""
    return [
        {
            "product": line.product,
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "discount_percent": line.discount_percent,
            "total": line.total,
            "tax_rate": line.tax_rate,
            "tax_amount": line.tax_amount,
        }
        for line in source_lines
    ]


def line_part(
    source, quantity: Decimal, *, includes_tax: bool, smallest: Decimal
) -> dict[str, Any]:
    """Part of another document's line (`quantity` of it) at the price agreed on it: its
    net and tax worked out again for that quantity, rounded as every line is."""
    total, tax = line_amounts(
        quantity=quantity,
        unit_price=source.unit_price,
        discount_percent=source.discount_percent,
        rate=source.tax_rate,
        includes_tax=includes_tax,
        quantum=smallest,
    )
    return {
        "product": source.product,
        "quantity": quantity,
        "unit_price": source.unit_price,
        "discount_percent": source.discount_percent,
        "total": total,
        "tax_rate": source.tax_rate,
        "tax_amount": tax,
    }


NOT_A_NUMBER = {
    "quantity": gettext_lazy("Line %(number)s: the quantity “%(value)s” is not a number."),
    "discount": gettext_lazy("Line %(number)s: the discount “%(value)s” is not a number."),
}


def check_customer(party) -> None:
    if party is None or not party.is_customer or not party.is_active:
        raise invalid("party", _("%(party)s is not an active customer.") % {"party": party})


def _product(value, number: int) -> Product:
    if isinstance(value, Product):
        product = value
    else:
        try:
            product = Product.objects.filter(pk=int(value)).first()
        except (TypeError, ValueError):
            product = None
    if product is None or not product.is_active:
        raise invalid(
            "lines",
            _("Line %(number)s: “%(value)s” is not an active product.")
            % {"number": number, "value": value},
        )
    return product


def _decimal(value, number: int, what: str) -> Decimal:
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        result = None
    if result is None or not result.is_finite():
        raise invalid(
            "lines",
            NOT_A_NUMBER[what] % {"number": number, "value": value},
        )
    return result
