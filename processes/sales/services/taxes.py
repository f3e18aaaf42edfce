"""Tax on priced lines: the rate a line carries, its tax, and a document's breakdown.

Rounding (docs/taxes.md): each line's net amount is rounded to the cent first
(quantity × unit price less the discount, half up); its tax is the net × rate, rounded
half up to the cent; a document's tax per rate is the sum of its lines' taxes at that
rate, its net the sum of the nets, its gross net + tax. So every figure printed adds up
to the cent, as accountants check it.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def rate_for(*, product, party) -> Decimal:
    """The rate (percent) a sales line of `product` for `party` carries.

    The product's default rate, unless the customer is exempt (export, reverse charge).
    """
    if getattr(party, "tax_exemption", ""):
        return ZERO
    rate = getattr(product, "tax_rate", None)
    return rate.rate if rate is not None else ZERO


def line_tax(*, net: Decimal, rate: Decimal) -> Decimal:
    """The tax of one line: its net amount × rate, rounded half up to the cent."""
    return (net * rate / Decimal(100)).quantize(CENT, rounding=ROUND_HALF_UP)


def _pairs(lines: Iterable) -> list[tuple[Decimal, Decimal, Decimal]]:
    """(rate, net, tax) of each line, whether lines are dicts or records."""
    pairs = []
    for line in lines:
        get = line.get if isinstance(line, dict) else lambda name, _l=line: getattr(_l, name)
        pairs.append((Decimal(get("tax_rate")), Decimal(get("total")), Decimal(get("tax_amount"))))
    return pairs


def document_totals(lines: Iterable) -> dict[str, Decimal]:
    """net_total, tax_total and total (gross) of a document's lines."""
    pairs = _pairs(lines)
    net = sum((net for _rate, net, _tax in pairs), ZERO)
    tax = sum((tax for _rate, _net, tax in pairs), ZERO)
    return {"net_total": net, "tax_total": tax, "total": net + tax}


def tax_breakdown(lines: Iterable) -> list[dict[str, Decimal]]:
    """Per rate, highest first: {"rate", "net", "tax"} — what a document prints and answers."""
    by_rate: dict[Decimal, dict[str, Decimal]] = {}
    for rate, net, tax in _pairs(lines):
        row = by_rate.setdefault(rate.normalize(), {"rate": rate, "net": ZERO, "tax": ZERO})
        row["net"] += net
        row["tax"] += tax
    return [by_rate[key] for key in sorted(by_rate, reverse=True)]
