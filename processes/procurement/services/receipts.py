"""Goods received for purchase orders (partial receipts)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from processes.common.errors import InvalidTransition, invalid
from processes.common.money import format_number
from processes.common.statuses import status_word
from processes.inventory.services import stock_receive
from processes.procurement.locks import lock_order
from processes.procurement.models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseRequest,
)

Status = PurchaseOrder.Status
RECEIVING = (Status.SENT, Status.PARTIALLY_RECEIVED)


def _quantities(order: PurchaseOrder, lines: list[dict] | None) -> dict:
    """{order line: quantity} from [{"line" or "product", "quantity"}]; None = all outstanding."""
    order_lines = list(order.lines.select_related("product"))
    if lines is None:
        return {line: line.outstanding for line in order_lines if line.outstanding > 0}
    by_id = {line.pk: line for line in order_lines}
    by_product = {line.product_id: line for line in order_lines}
    result: dict = {}
    for number, row in enumerate(lines, start=1):
        line = _find(row, by_id, by_product)
        quantity = Decimal(str(row.get("quantity", 0)))
        if line is None:
            raise invalid(
                "lines",
                _("Line %(number)s is not on %(order)s.")
                % {"number": number, "order": order.number},
            )
        if quantity == 0:
            continue
        if not quantity.is_finite() or quantity < 0:
            raise invalid(
                "lines",
                _("Line %(number)s: the quantity must be above zero.") % {"number": number},
            )
        if result.get(line, 0) + quantity > line.outstanding:
            raise invalid(
                "lines",
                _(
                    "Line %(number)s: only %(quantity)s of %(product)s is still to come on "
                    "%(order)s."
                )
                % {
                    "number": number,
                    "quantity": format_number(line.outstanding),
                    "product": line.product.name,
                    "order": order.number,
                },
            )
        result[line] = result.get(line, 0) + quantity
    if not result:
        raise invalid("lines", _("Nothing was received: enter what arrived."))
    return result


def _find(row: dict, by_id: dict, by_product: dict):
    if row.get("line") is not None:
        return by_id.get(int(getattr(row["line"], "pk", row["line"])))
    product = row.get("product")
    return by_product.get(int(getattr(product, "pk", product))) if product is not None else None


@transaction.atomic
def goods_receipt_record(
    *,
    order: PurchaseOrder,
    lines: list[dict] | None = None,
    quality_ok: bool = True,
    notes: str = "",
    user=None,
) -> GoodsReceipt:
    """Record goods that arrived for a sent order: lines [{"line" or "product", "quantity"}],
    or everything still outstanding when `lines` is None.

    A receipt whose quality is ok goes into the order's warehouse (`stock_receive`) and
    counts as received: the order becomes partially received, or received when all has
    come (its requests are then received too). A failed one is recorded and sent back:
    no stock, nothing counted.
    """
    order = lock_order(order)
    if order.status not in RECEIVING:
        raise InvalidTransition(
            _("Purchase order %(number)s is “%(status)s”; goods are received only once it is sent.")
            % {"number": order.number, "status": status_word(order)}
        )
    quantities = _quantities(order, lines)
    receipt = GoodsReceipt.objects.create(
        order=order, quality_ok=quality_ok, notes=notes, received_by=user
    )
    GoodsReceiptLine.objects.bulk_create(
        GoodsReceiptLine(receipt=receipt, order_line=line, quantity=quantity)
        for line, quantity in quantities.items()
    )
    if not quality_ok:
        return receipt
    for line, quantity in quantities.items():
        stock_receive(
            product=line.product,
            warehouse=order.warehouse,
            quantity=quantity,
            reference=order.number,
            user=user,
        )
        line.received_quantity += quantity
        line.save(update_fields=["received_quantity"])
    if all(line.outstanding <= 0 for line in order.lines.all()):
        order.status, order.received_at = Status.RECEIVED, timezone.now()
        order.requests.update(status=PurchaseRequest.Status.RECEIVED)
    else:
        order.status = Status.PARTIALLY_RECEIVED
    order.save(update_fields=["status", "received_at"])
    return receipt
