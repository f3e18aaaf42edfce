"""Template helpers of the business pages: quantities as people write them.

Money is `{% load money %}{{ amount|money:currency }}` (processes.common.money)."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


def decimals_of(value: Decimal, most: int = 3) -> int:
    """How many decimals the quantity needs (10.000 → 0, 2.500 → 1), at most `most`."""
    value = Decimal(value).quantize(Decimal(1).scaleb(-most))
    text = f"{value:f}"
    return len(text.split(".", 1)[1].rstrip("0")) if "." in text else 0


def plain_quantity(value, *, signed: bool = False) -> str:
    """A quantity for a message: "5", "2.5", "+3" (no grouping, no trailing zeros)."""
    value = Decimal(value)
    text = f"{value.quantize(Decimal(1).scaleb(-decimals_of(value))):f}"
    return f"+{text}" if signed and value > 0 else text


@register.filter
def qty(value, signed: str = "") -> str:
    """`level.on_hand|qty` → "1,250" / "2.5" in the page's language; `|qty:"+"` signs it."""
    if value in (None, ""):
        return "—"
    value = Decimal(value)
    text = number_format(value, decimals_of(value), force_grouping=True)
    return f"+{text}" if signed and value > 0 else text


@register.filter
def status_label(value, axis: str) -> str:
    """`order.status|status_label:"order"` → "Confirmed" in the page's language."""
    from web.selectors.documents import STATUSES

    return str(STATUSES.get(axis, {}).get(value, value))


@register.filter
def unit(code) -> str:
    """`product.unit|unit` → "pcs", "шт." in the page's language."""
    from processes.catalog.units import unit_symbol

    return unit_symbol(code)
