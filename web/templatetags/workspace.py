"""Template helpers of the business pages: money with its currency."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def money(amount, currency: str) -> str:
    """`1234.5|money:"EUR"` → "1,234.50 EUR" (grouping and decimal mark of the language)."""
    if amount in (None, ""):
        return "—"
    value = Decimal(amount).quantize(Decimal("0.01"))
    return f"{number_format(value, 2, force_grouping=True)} {currency}"
