"""Tax on priced lines, for sales and purchases alike (docs/taxes.md).

Rounding: a line's amount is rounded to the cent first (quantity × unit price less the
discount, half up). With prices before tax that amount is the line's net and its tax is
net × rate, rounded half up. With prices that include tax (a price list that says so)
the amount is the line's gross, its tax is gross × rate / (100 + rate), rounded half up,
and its net gross − tax. A document's tax per rate is the sum of its lines' taxes at that
rate, its net the sum of the nets, its gross net + tax: every printed figure adds up to
the cent, as accountants check it.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def rate_for(*, product, party) -> Decimal:
    """The rate (percent) a line of `product` for or from `party` carries.

    The product's default rate, unless the party is exempt (export, reverse charge).
    """
    if getattr(party, "tax_exemption", ""):
        return ZERO
    rate = getattr(product, "tax_rate", None)
    return rate.rate if rate is not None else ZERO


def line_tax(*, net: Decimal, rate: Decimal, quantum: Decimal = CENT) -> Decimal:
    """The tax of one line priced before tax: net × rate, rounded half up to the cent
    (to the currency's smallest unit: `quantum`, 1 for yen)."""
    return (net * rate / HUNDRED).quantize(quantum, rounding=ROUND_HALF_UP)


def line_amounts(
    *,
    quantity: Decimal,
    unit_price: Decimal,
    discount_percent: Decimal,
    rate: Decimal,
    includes_tax: bool = False,
    quantum: Decimal = CENT,
) -> tuple[Decimal, Decimal]:
    """(net, tax) of a line; `includes_tax`: the unit price is with tax (gross); amounts
    rounded to `quantum`, the currency's smallest unit (processes.common.currencies)."""
    discount = Decimal(discount_percent or 0)
    amount = quantity * unit_price * (HUNDRED - discount) / HUNDRED
    amount = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    if not includes_tax:
        return amount, line_tax(net=amount, rate=rate, quantum=quantum)
    tax = (amount * rate / (HUNDRED + rate)).quantize(quantum, rounding=ROUND_HALF_UP)
    return amount - tax, tax


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
