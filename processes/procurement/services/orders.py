"""Purchase orders: made from requests (or by hand), approved above a limit, sent."""

from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processes.catalog.models import Product
from processes.common.currencies import conversion_on, party_currency, quantum
from processes.common.errors import InvalidTransition, invalid
from processes.common.numbering import assign_number
from processes.common.reserving import main_warehouse
from processes.common.statuses import status_word
from processes.common.taxes import document_totals, line_amounts, rate_for
from processes.procurement.locks import lock_order, lock_requests
from processes.procurement.models import PurchaseOrder, PurchaseOrderLine, PurchaseRequest

Status = PurchaseOrder.Status
CENT = Decimal("0.01")
STEP = Decimal("0.001")
DEFAULT_APPROVAL_LIMIT = "5000.00"

# The step refused, as a whole sentence for the translators.
REFUSED = {
    "approval": gettext_lazy(
        "Purchase order %(number)s is “%(status)s”; only a draft is put up for approval."
    ),
    "approved": gettext_lazy("Purchase order %(number)s is “%(status)s”; it cannot be approved."),
    "rejected": gettext_lazy("Purchase order %(number)s is “%(status)s”; it cannot be rejected."),
    "cancelled": gettext_lazy("Purchase order %(number)s is “%(status)s”; it cannot be cancelled."),
    "sent": gettext_lazy(
        "Purchase order %(number)s is “%(status)s”; only an approved order is sent."
    ),
}


def _require(order: PurchaseOrder, *allowed: str, action: str) -> PurchaseOrder:
    order = lock_order(order)
    if order.status not in allowed:
        raise InvalidTransition(
            REFUSED[action] % {"number": order.number, "status": status_word(order)}
        )
    return order


def _check_supplier(supplier) -> None:
    if supplier is None or not supplier.is_supplier or not supplier.is_active:
        raise invalid(
            "supplier",
            _("%(party)s is not an active supplier.") % {"party": supplier or "—"},
        )


@transaction.atomic
def purchase_order_create(
    *, supplier, lines: list[dict], warehouse=None, notes: str = "", user=None
) -> PurchaseOrder:
    """A draft order to a supplier: lines [{"product", "quantity", "unit_price"?}]; the
    price defaults to the product's standard cost. Goods go to `warehouse` (else the main)."""
    _check_supplier(supplier)
    if not lines:
        raise invalid("lines", _("A purchase order needs at least one line."))
    currency = party_currency(supplier)
    smallest = quantum(currency)
    order = PurchaseOrder.objects.create(
        supplier=supplier,
        warehouse=main_warehouse(warehouse),
        notes=notes,
        created_by=user,
        **conversion_on(currency, timezone.localdate()).fields(),
    )
    rows = []
    for number, line in enumerate(lines, start=1):
        product = line["product"]
        if not isinstance(product, Product):
            product = Product.objects.get(pk=int(product))
        quantity = Decimal(str(line["quantity"]))
        price = Decimal(str(line.get("unit_price") or product.standard_cost))
        if not (quantity.is_finite() and price.is_finite()) or quantity <= 0 or price < 0:
            raise invalid(
                "lines",
                _("Line %(number)s: the quantity must be above zero and the price not negative.")
                % {"number": number},
            )
        if quantity != quantity.quantize(STEP) or price != price.quantize(CENT):
            raise invalid(
                "lines",
                _(
                    "Line %(number)s: too many decimal places (at most 3 for the quantity, "
                    "cents for the price)."
                )
                % {"number": number},
            )
        quantity, price = quantity.quantize(STEP), price.quantize(CENT)
        rate = rate_for(product=product, party=supplier)
        net, tax = line_amounts(
            quantity=quantity, unit_price=price, discount_percent=0, rate=rate, quantum=smallest
        )
        rows.append(
            PurchaseOrderLine(
                order=order,
                product=product,
                quantity=quantity,
                unit_price=price,
                total=net,
                tax_rate=rate,
                tax_amount=tax,
            )
        )
    PurchaseOrderLine.objects.bulk_create(rows)
    for name, amount in document_totals(rows).items():
        setattr(order, name, amount)
    order.save(update_fields=["net_total", "tax_total", "total"])
    assign_number(order, "PO")
    return order


@transaction.atomic
def purchase_order_create_from_requests(
    *, requests, supplier=None, warehouse=None, user=None
) -> PurchaseOrder:
    """One draft order for open requests (a line per product); the supplier defaults to
    the products' default supplier, which must then be the same for all."""
    requests = lock_requests(requests)
    if not requests:
        raise invalid("requests", _("Choose the purchase requests to order."))
    closed = [r for r in requests if r.status != PurchaseRequest.Status.OPEN]
    if closed:
        raise InvalidTransition(
            _(
                "The purchase request for %(product)s is “%(status)s”; only open requests "
                "are ordered."
            )
            % {"product": closed[0].product.name, "status": status_word(closed[0])}
        )
    if supplier is None:
        suppliers = {r.product.default_supplier for r in requests}
        if len(suppliers) != 1 or None in suppliers:
            raise invalid(
                "supplier",
                _("Name the supplier: these products have no default supplier in common."),
            )
        (supplier,) = suppliers
    quantities: dict[Product, Decimal] = defaultdict(Decimal)
    for request in requests:
        quantities[request.product] += request.quantity
    order = purchase_order_create(
        supplier=supplier,
        lines=[{"product": p, "quantity": q} for p, q in quantities.items()],
        warehouse=warehouse or requests[0].warehouse,
        notes=", ".join(sorted({r.reference for r in requests if r.reference})),
        user=user,
    )
    PurchaseRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        status=PurchaseRequest.Status.ORDERED, purchase_order=order
    )
    return order


def purchase_order_create_from_request(*, request, supplier=None, user=None) -> PurchaseOrder:
    """The order of a single open request (see purchase_order_create_from_requests)."""
    return purchase_order_create_from_requests(requests=[request], supplier=supplier, user=user)


def approval_limit() -> Decimal:
    """Orders above this total need a manager's approval (settings.HYPERCRM)."""
    return Decimal(str(settings.HYPERCRM.get("PURCHASE_APPROVAL_LIMIT", DEFAULT_APPROVAL_LIMIT)))


def purchase_order_needs_approval(*, order: PurchaseOrder) -> bool:
    """Whether the order's net total is above the approval limit. (The BPMN process decides
    with its DMN table; this is the same rule for the API and the other callers.)"""
    return order.net_total > approval_limit()


@transaction.atomic
def purchase_order_request_approval(*, order: PurchaseOrder, user=None) -> PurchaseOrder:
    """Draft → awaiting approval (by a manager)."""
    order = _require(order, Status.DRAFT, action="approval")
    order.status = Status.AWAITING_APPROVAL
    order.save(update_fields=["status"])
    return order


@transaction.atomic
def purchase_order_approve(*, order: PurchaseOrder, user=None) -> PurchaseOrder:
    """Draft or awaiting approval → approved, by `user` (None: below the limit, automatic)."""
    order = _require(order, Status.DRAFT, Status.AWAITING_APPROVAL, action="approved")
    order.status, order.approved_by, order.approved_at = Status.APPROVED, user, timezone.now()
    order.save(update_fields=["status", "approved_by", "approved_at"])
    return order


@transaction.atomic
def purchase_order_reject(*, order: PurchaseOrder, reason: str = "", user=None) -> PurchaseOrder:
    """Draft or awaiting approval → cancelled, with the reason; its requests are open
    again, so that they can be ordered otherwise."""
    order = _require(order, Status.DRAFT, Status.AWAITING_APPROVAL, action="rejected")
    return _cancel(order, reason)


@transaction.atomic
def purchase_order_cancel(*, order: PurchaseOrder, reason: str = "", user=None) -> PurchaseOrder:
    """Cancel an order of which nothing has been received; its requests are open again."""
    allowed = (Status.DRAFT, Status.AWAITING_APPROVAL, Status.APPROVED, Status.SENT)
    order = _require(order, *allowed, action="cancelled")
    return _cancel(order, reason)


def _cancel(order: PurchaseOrder, reason: str) -> PurchaseOrder:
    order.status, order.rejection_reason = Status.CANCELLED, reason
    order.save(update_fields=["status", "rejection_reason"])
    order.requests.update(status=PurchaseRequest.Status.OPEN, purchase_order=None)
    return order


@transaction.atomic
def purchase_order_send(*, order: PurchaseOrder, user=None) -> PurchaseOrder:
    """Approved → sent to the supplier."""
    order = _require(order, Status.APPROVED, action="sent")
    order.status, order.sent_at = Status.SENT, timezone.now()
    order.save(update_fields=["status", "sent_at"])
    return order
