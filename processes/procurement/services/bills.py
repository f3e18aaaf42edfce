"""Supplier bills: the supplier's invoice for an order, line by line with its tax.

The same tax rules as our invoices (processes.common.taxes, docs/taxes.md): each line
carries its rate, its net and tax rounded per line; the bill's net, tax and gross
(`amount`) are their sums. The amount the supplier printed, when given, must be that
gross to the cent — a bill that does not add up is refused, not recorded.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processes.common.currencies import conversion_on, quantum
from processes.common.errors import InvalidTransition, invalid
from processes.common.money import format_money, format_number
from processes.common.statuses import status_word
from processes.common.taxes import CENT, document_totals, line_amounts
from processes.procurement.locks import lock_order
from processes.procurement.models import PurchaseOrder, SupplierBill, SupplierBillLine

Status = PurchaseOrder.Status
NOT_BILLABLE = (Status.DRAFT, Status.AWAITING_APPROVAL, Status.CANCELLED)
# A line's value that is not a number, as a whole sentence for the translators.
NOT_A_NUMBER = {
    "quantity": gettext_lazy("Line %(number)s: the quantity “%(value)s” is not a number."),
    "price": gettext_lazy("Line %(number)s: the price “%(value)s” is not a number."),
    "tax rate": gettext_lazy("Line %(number)s: the tax rate “%(value)s” is not a number."),
}


def _decimal(raw, what: str, number: int) -> Decimal:
    try:
        result = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        result = None
    if result is None or not result.is_finite():
        raise invalid("lines", NOT_A_NUMBER[what] % {"number": number, "value": raw})
    return result


def _already_recorded(order: PurchaseOrder, number: str):
    return invalid(
        "number",
        _("Bill %(bill)s of %(supplier)s is already recorded.")
        % {"bill": number, "supplier": order.supplier},
    )


def _billed(order: PurchaseOrder) -> dict[int, Decimal]:
    """{order line id: quantity already billed}."""
    rows = (
        SupplierBillLine.objects.filter(order_line__order=order)
        .values("order_line")
        .annotate(quantity=Sum("quantity"))
        .values_list("order_line", "quantity")
    )
    return {line_id: Decimal(quantity) for line_id, quantity in rows}


def _bill_lines(order: PurchaseOrder, lines: list[dict] | None) -> list[SupplierBillLine]:
    """The bill's lines: [{"line" or "product", "quantity", "unit_price"?, "tax_rate"?}],
    else what of the order is not billed yet, at the order's prices and rates."""
    order_lines = list(order.lines.select_related("product"))
    billed = _billed(order)
    if lines is None:
        lines = [
            {"line": line.pk, "quantity": line.quantity - billed.get(line.pk, 0)}
            for line in order_lines
            if line.quantity - billed.get(line.pk, 0) > 0
        ]
        if not lines:
            raise invalid(
                "lines",
                _("Purchase order %(number)s is billed in full already.")
                % {"number": order.number},
            )
    if not lines:
        raise invalid("lines", _("A bill needs at least one line."))
    by_id = {line.pk: line for line in order_lines}
    by_product = {line.product_id: line for line in order_lines}
    result = []
    for number, row in enumerate(lines, start=1):
        order_line = _order_line(row, by_id, by_product)
        if order_line is None:
            raise invalid(
                "lines",
                _("Line %(number)s is not on %(order)s.")
                % {"number": number, "order": order.number},
            )
        quantity = _decimal(row.get("quantity"), "quantity", number)
        price = row.get("unit_price")
        price = order_line.unit_price if price in (None, "") else _decimal(price, "price", number)
        rate = row.get("tax_rate")
        rate = order_line.tax_rate if rate in (None, "") else _decimal(rate, "tax rate", number)
        if quantity <= 0 or price < 0 or not Decimal(0) <= rate <= Decimal(100):
            raise invalid(
                "lines",
                _(
                    "Line %(number)s: the quantity must be above zero, the price not negative "
                    "and the tax rate a percentage (0–100)."
                )
                % {"number": number},
            )
        if price != price.quantize(CENT) or rate != rate.quantize(CENT):
            raise invalid(
                "lines",
                _("Line %(number)s: the price and the tax rate take at most two decimals.")
                % {"number": number},
            )
        left = order_line.quantity - billed.get(order_line.pk, 0)
        billed[order_line.pk] = billed.get(order_line.pk, 0) + quantity
        if quantity > left:
            raise invalid(
                "lines",
                _("Line %(number)s: only %(quantity)s of %(product)s is left to bill on %(order)s.")
                % {
                    "number": number,
                    "quantity": format_number(left),
                    "product": order_line.product.name,
                    "order": order.number,
                },
            )
        net, tax = line_amounts(
            quantity=quantity,
            unit_price=price,
            discount_percent=0,
            rate=rate,
            quantum=quantum(order.currency),
        )
        result.append(
            SupplierBillLine(
                order_line=order_line,
                product=order_line.product,
                quantity=quantity,
                unit_price=price,
                total=net,
                tax_rate=rate,
                tax_amount=tax,
            )
        )
    return result


def _order_line(row: dict, by_id: dict, by_product: dict):
    try:
        if row.get("line") not in (None, ""):
            return by_id.get(int(getattr(row["line"], "pk", row["line"])))
        product = row.get("product")
        return by_product.get(int(getattr(product, "pk", product))) if product else None
    except (TypeError, ValueError):
        return None


def _amount(raw, totals: dict, currency: str) -> None:
    """The supplier's printed gross, when given, is the lines' gross to the cent."""
    if raw in (None, ""):
        return
    try:
        amount = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0:
        raise invalid(
            "amount", _("The amount “%(value)s” is not a sum above zero.") % {"value": raw}
        )
    if amount != totals["total"]:
        raise invalid(
            "amount",
            _(
                "The bill's amount %(amount)s is not what its lines come to with tax: "
                "%(gross)s (net %(net)s + tax %(tax)s)."
            )
            % {
                "amount": format_money(amount, currency),
                "gross": format_money(totals["total"], currency),
                "net": format_money(totals["net_total"], currency),
                "tax": format_money(totals["tax_total"], currency),
            },
        )


@transaction.atomic
def supplier_bill_record(
    *,
    order: PurchaseOrder,
    number: str,
    amount=None,
    lines: list[dict] | None = None,
    bill_date: date | None = None,
    due_date: date | None = None,
    user=None,
) -> SupplierBill:
    """Record the supplier's invoice for an approved (or later) order.

    `lines` as the supplier billed them (see _bill_lines), else what of the order is not
    billed yet; `amount` the gross the supplier printed, checked against the lines.
    """
    order = lock_order(order)
    if order.status in NOT_BILLABLE:
        raise InvalidTransition(
            _("Purchase order %(number)s is “%(status)s”; it is billed only once approved.")
            % {"number": order.number, "status": status_word(order)}
        )
    number = (number or "").strip()
    if not number:
        raise invalid("number", _("Enter the number of the supplier's invoice."))
    if SupplierBill.objects.filter(supplier=order.supplier, number=number).exists():
        raise _already_recorded(order, number)
    bill_date = bill_date or timezone.localdate()
    conversion = conversion_on(order.currency, bill_date)
    bill_lines = _bill_lines(order, lines)
    totals = document_totals(bill_lines)
    _amount(amount, totals, order.currency)
    if totals["total"] <= 0:
        raise invalid("lines", _("The bill comes to nothing; there is nothing to record."))
    try:
        with transaction.atomic():
            bill = SupplierBill.objects.create(
                order=order,
                supplier=order.supplier,
                number=number,
                net_total=totals["net_total"],
                tax_total=totals["tax_total"],
                amount=totals["total"],
                bill_date=bill_date,
                **conversion.fields(),
                due_date=due_date,
                created_by=user,
            )
    except IntegrityError:
        raise _already_recorded(order, number) from None
    for line in bill_lines:
        line.bill = bill
    SupplierBillLine.objects.bulk_create(bill_lines)
    return bill


@transaction.atomic
def supplier_bill_mark_paid(*, bill: SupplierBill, user=None) -> SupplierBill:
    """Open → paid."""
    bill = SupplierBill.objects.select_for_update().get(pk=bill.pk)
    if bill.status != SupplierBill.Status.OPEN:
        raise InvalidTransition(
            _("Bill %(bill)s of %(supplier)s is paid already.")
            % {"bill": bill.number, "supplier": bill.supplier}
        )
    bill.status, bill.paid_at = SupplierBill.Status.PAID, timezone.now()
    bill.save(update_fields=["status", "paid_at"])
    return bill
