"""What an order being entered will cost: the lines priced as order_create prices them.

Nothing is stored. The order form shows it while lines change (web/selectors/summaries.py);
a line that is not filled in yet is left out, a line that cannot be priced is named with
the reason, so the figures shown are those the order will be made with.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from forms.choices import record_ids
from processes.catalog.models import Product
from processes.common.taxes import document_totals
from processes.crm.models import Party
from processes.sales.selectors import currency_of
from processes.sales.services.lines import STEP, priced_lines


@dataclass
class PreviewLine:
    number: int  # the line's place on the form, from 1
    product: Product
    quantity: Decimal
    discount_percent: Decimal
    unit_price: Decimal
    total: Decimal  # net


@dataclass
class OrderPreview:
    currency: str = ""
    lines: list[PreviewLine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    net_total: Decimal = Decimal(0)
    tax_total: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    customer: Party | None = None


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _customer(value: Any) -> Party | None:
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    ids = record_ids([value])
    if not ids:
        return None
    return (
        Party.objects.select_related("price_list")
        .filter(pk=ids[0], is_customer=True, is_active=True)
        .first()
    )


def order_preview(*, customer: Any, lines: Any) -> OrderPreview:
    """The lines of an order being entered, priced for `customer` (an id), with the totals.

    Lines without a product or quantity yet are skipped; a line whose product is not for
    sale or whose quantity or discount is out of range is named in `problems`."""
    preview = OrderPreview(customer=_customer(customer))
    if preview.customer is None:
        return preview
    preview.currency = currency_of(preview.customer)
    wanted = [line for line in lines if isinstance(line, dict)] if isinstance(lines, list) else []
    ids = record_ids(line.get("product") for line in wanted)
    products = Product.objects.filter(pk__in=ids, is_active=True).in_bulk() if ids else {}
    accepted: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(wanted, start=1):
        product = products.get(line.get("product"))
        quantity = _decimal(line.get("quantity"))
        if line.get("product") in (None, "") or line.get("quantity") in (None, ""):
            continue
        discount = _decimal(line.get("discount_percent") or 0)
        if product is None:
            preview.problems.append(
                _("Line %(number)s: this product is not for sale.") % {"number": number}
            )
        elif quantity is None or quantity <= 0 or quantity != quantity.quantize(STEP):
            preview.problems.append(
                _("Line %(number)s: the quantity must be a number above zero.") % {"number": number}
            )
        elif discount is None or not Decimal(0) <= discount <= Decimal(100):
            preview.problems.append(
                _("Line %(number)s: the discount is a percentage from 0 to 100.")
                % {"number": number}
            )
        else:
            accepted.append(
                (number, {"product": product, "quantity": quantity, "discount_percent": discount})
            )
    if not accepted:
        return preview
    priced = priced_lines(party=preview.customer, lines=[line for _n, line in accepted])
    for (number, _line), line in zip(accepted, priced, strict=True):
        preview.lines.append(
            PreviewLine(
                number=number,
                product=line["product"],
                quantity=line["quantity"],
                discount_percent=line["discount_percent"],
                unit_price=line["unit_price"],
                total=line["total"],
            )
        )
    totals = document_totals(priced)
    preview.net_total = totals["net_total"]
    preview.tax_total = totals["tax_total"]
    preview.total = totals["total"]
    return preview
