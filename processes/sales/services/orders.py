"""Sales orders: create, confirm, cancel, reserve their stock, record shipping and delivery."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from processes.catalog.selectors import prices_include_tax
from processes.common.currencies import conversion_on
from processes.common.errors import InvalidTransition, invalid
from processes.common.numbering import assign_number
from processes.common.reserving import Need, reserve_needs
from processes.common.statuses import status_word
from processes.inventory.models import Reservation
from processes.inventory.services import reservation_release
from processes.sales.locks import lock_order
from processes.sales.models import Invoice, Quotation, SalesOrder, SalesOrderLine
from processes.sales.selectors import currency_of
from processes.sales.services.lines import check_customer, copied_lines, priced_lines
from processes.sales.services.progress import order_refresh
from processes.sales.services.taxes import document_totals

Status = SalesOrder.Status


@dataclass(frozen=True)
class Shortage:
    line: SalesOrderLine
    quantity: Decimal  # still missing after this reservation run


@dataclass
class StockReservation:
    order: SalesOrder
    short: list[Shortage] = field(default_factory=list)

    @property
    def all_reserved(self) -> bool:
        return not self.short


def _save_order(
    *,
    party,
    lines: list[dict],
    includes_tax: bool,
    currency: str,
    quotation=None,
    notes="",
    user=None,
) -> SalesOrder:
    order = SalesOrder.objects.create(
        party=party,
        prices_include_tax=includes_tax,
        **conversion_on(currency, timezone.localdate()).fields(),
        quotation=quotation,
        notes=notes,
        created_by=user,
        **document_totals(lines),
    )
    SalesOrderLine.objects.bulk_create(SalesOrderLine(order=order, **line) for line in lines)
    assign_number(order, "SO")
    return order


# The step refused, as a whole sentence for the translators.
REFUSED = {
    "confirmed": _("Order %(number)s is “%(status)s”; it cannot be confirmed."),
    "cancelled": _("Order %(number)s is “%(status)s”; it cannot be cancelled."),
    "reserved": _("Order %(number)s is “%(status)s”; its stock cannot be reserved."),
    "shipped": _("Order %(number)s is “%(status)s”; it cannot be marked shipped."),
    "delivered": _("Order %(number)s is “%(status)s”; it cannot be marked delivered."),
}


def _require(order: SalesOrder, *allowed: str, action: str) -> None:
    if order.status not in allowed:
        raise InvalidTransition(
            REFUSED[action] % {"number": order.number, "status": status_word(order)}
        )


@transaction.atomic
def order_create(*, party, lines: list[dict], notes: str = "", user=None) -> SalesOrder:
    """A draft order for a customer: lines [{"product", "quantity", "discount_percent"?}],
    each priced with catalog's price_for. Its number (SO-00001) is the business key."""
    check_customer(party)
    return _save_order(
        party=party,
        lines=priced_lines(party=party, lines=lines),
        includes_tax=prices_include_tax(party),
        currency=currency_of(party),
        notes=notes,
        user=user,
    )


@transaction.atomic
def order_create_from_quotation(*, quotation: Quotation, user=None) -> SalesOrder:
    """A draft order with the lines and prices of an accepted quotation (one order per quote)."""
    if quotation.status != Quotation.Status.ACCEPTED:
        raise InvalidTransition(
            _("Quotation %(number)s is “%(status)s”, not accepted.")
            % {"number": quotation.number, "status": status_word(quotation)}
        )
    if SalesOrder.objects.filter(quotation=quotation).exists():
        raise InvalidTransition(
            _("Quotation %(number)s already has an order.") % {"number": quotation.number}
        )
    return _save_order(
        party=quotation.party,
        lines=copied_lines(quotation.lines.all()),
        includes_tax=quotation.prices_include_tax,
        currency=quotation.currency,
        quotation=quotation,
        notes=quotation.notes,
        user=user,
    )


@transaction.atomic
def order_confirm(*, order: SalesOrder, user=None) -> SalesOrder:
    """Draft → confirmed: the customer has agreed. Refused when its quote was turned down."""
    order = lock_order(order)
    _require(order, Status.DRAFT, action="confirmed")
    quote = order.quotation
    if quote is not None and quote.status in (Quotation.Status.REJECTED, Quotation.Status.EXPIRED):
        raise InvalidTransition(
            _("The quotation %(quotation)s of %(order)s is “%(status)s”.")
            % {"quotation": quote.number, "order": order.number, "status": status_word(quote)}
        )
    order.status, order.confirmed_at = Status.CONFIRMED, timezone.now()
    order.save(update_fields=["status", "confirmed_at"])
    return order


@transaction.atomic
def order_cancel(*, order: SalesOrder, reason: str = "", user=None) -> SalesOrder:
    """Cancel a draft or confirmed order before anything was shipped or invoiced; its
    reserved stock becomes available again."""
    order = lock_order(order)
    _require(order, Status.DRAFT, Status.CONFIRMED, action="cancelled")
    if order.lines.filter(shipped_quantity__gt=0).exists() or order.shipments.exists():
        raise InvalidTransition(
            _("Order %(number)s has shipments; it cannot be cancelled.") % {"number": order.number}
        )
    if order.invoices.exclude(status=Invoice.Status.CANCELLED).exists():
        raise InvalidTransition(
            _("Order %(number)s is invoiced; cancel the invoice first.") % {"number": order.number}
        )
    for line in order.lines.all():
        for reservation in line.reservations.filter(status=Reservation.Status.ACTIVE):
            reservation_release(reservation=reservation, user=user)
    order.lines.update(reserved_quantity=0)
    order.status, order.cancel_reason = Status.CANCELLED, reason
    order.save(update_fields=["status", "cancel_reason"])
    return order_refresh(order)


@transaction.atomic
def order_reserve_stock(*, order: SalesOrder, user=None) -> StockReservation:
    """Reserve stock for what each line still lacks, as far as stock allows.

    Takes each line from one warehouse when one holds enough, else from several. Lines
    left short are listed with the missing quantity; calling again later (goods made or
    received) reserves what has arrived since.
    """
    order = lock_order(order)
    _require(order, Status.CONFIRMED, action="reserved")
    lines = list(order.lines.select_related("product"))
    needs = [Need(line, line.product, line.quantity - line.reserved_quantity) for line in lines]
    result = StockReservation(order=order)
    for outcome in reserve_needs(needs, reference=order.number, user=user):
        line = outcome.need.key
        if outcome.reservations:
            line.reserved_quantity += outcome.reserved
            line.save(update_fields=["reserved_quantity"])
            line.reservations.add(*outcome.reservations)
        if outcome.short > 0:
            result.short.append(Shortage(line=line, quantity=outcome.short))
    order_refresh(order, lines=lines)
    return result


def _progress(order: SalesOrder, quantities, *, field: str, limit: str) -> SalesOrder:
    order = lock_order(order)
    _require(order, Status.CONFIRMED, action=field.split("_")[0])
    lines = {line.pk: line for line in order.lines.all()}
    if quantities is None:
        quantities = {pk: getattr(line, limit) - getattr(line, field) for pk, line in lines.items()}
    for line_id, quantity in quantities.items():
        line = lines.get(int(line_id))
        if line is None:
            raise invalid(
                "lines",
                _("Line %(line)s is not a line of %(number)s.")
                % {"line": line_id, "number": order.number},
            )
        new = getattr(line, field) + Decimal(str(quantity))
        if new > getattr(line, limit) or Decimal(str(quantity)) < 0:
            raise invalid(
                "lines",
                _("Line %(line)s: %(quantity)s is more than is left (%(left)s).")
                % {
                    "line": line_id,
                    "quantity": quantity,
                    "left": getattr(line, limit) - getattr(line, field),
                },
            )
        setattr(line, field, new)
        line.save(update_fields=[field])
    return order_refresh(order, lines=lines.values())


@transaction.atomic
def order_mark_shipped(*, order: SalesOrder, shipped: dict | None = None) -> SalesOrder:
    """Record shipped quantities {line id: quantity} (all reserved, when None).

    The stock itself leaves with the shipment (shipment_ship), which calls this.
    """
    return _progress(order, shipped, field="shipped_quantity", limit="reserved_quantity")


@transaction.atomic
def order_mark_delivered(*, order: SalesOrder, delivered: dict | None = None) -> SalesOrder:
    """Record delivered quantities {line id: quantity} (all shipped, when None)."""
    return _progress(order, delivered, field="delivered_quantity", limit="shipped_quantity")
