"""Writes of the shipment app: pick → pack → ship → delivered, for a sales order's stock.

Locks: the order first, then the shipment, then (through inventory) the reservations and
stock levels, the same order the sales services use.
"""

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processes.common.errors import InvalidTransition, invalid
from processes.common.numbering import assign_number
from processes.common.statuses import status_word
from processes.inventory.models import Reservation
from processes.inventory.services import reservation_consume
from processes.sales import services as sales
from processes.sales.locks import lock_order
from processes.sales.models import SalesOrder
from processes.shipment.models import Package, Shipment, ShipmentLine

Status = Shipment.Status

# The step refused, as a whole sentence for the translators.
REFUSED = {
    "picked": gettext_lazy(
        "Shipment %(number)s is “%(status)s”; only a shipment to pick is picked."
    ),
    "packed": gettext_lazy(
        "Shipment %(number)s is “%(status)s”; only a picked shipment is packed."
    ),
    "shipped": gettext_lazy(
        "Shipment %(number)s is “%(status)s”; only a packed shipment is shipped."
    ),
    "delivered": gettext_lazy(
        "Shipment %(number)s is “%(status)s”; only a shipped shipment is delivered."
    ),
}


def _lock(shipment: Shipment, *allowed: str, action: str) -> Shipment:
    order = lock_order(shipment.order_id)
    shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
    shipment.order = order
    if shipment.status not in allowed:
        raise InvalidTransition(
            REFUSED[action] % {"number": shipment.number, "status": status_word(shipment)}
        )
    return shipment


@transaction.atomic
def shipment_create_for_order(*, order: SalesOrder, notes: str = "", user=None) -> Shipment:
    """A shipment of the confirmed order's reserved stock that no shipment has taken yet:
    one line per reservation (product, warehouse, quantity).

    Raises InvalidTransition (409) when the order is not confirmed or nothing is reserved.
    """
    order = lock_order(order)
    if order.status != SalesOrder.Status.CONFIRMED:
        raise InvalidTransition(
            _("Order %(number)s is “%(status)s”; only a confirmed order is shipped.")
            % {"number": order.number, "status": status_word(order)}
        )
    lines = []
    for order_line in order.lines.all():
        free = order_line.reservations.filter(
            status=Reservation.Status.ACTIVE, shipment_line__isnull=True
        ).order_by("pk")
        lines += [
            ShipmentLine(
                order_line=order_line,
                product_id=r.product_id,
                warehouse_id=r.warehouse_id,
                quantity=r.quantity,
                reservation=r,
            )
            for r in free
        ]
    if not lines:
        raise InvalidTransition(
            _("Order %(number)s has no reserved stock left to ship.") % {"number": order.number}
        )
    shipment = Shipment.objects.create(order=order, notes=notes, created_by=user)
    for line in lines:
        line.shipment = shipment
    ShipmentLine.objects.bulk_create(lines)
    assign_number(shipment, "SH")
    return shipment


@transaction.atomic
def shipment_pick(*, shipment: Shipment, user=None) -> Shipment:
    """To pick → picked (the goods are taken from the shelves).

    A shipment still in the warehouse (picked or packed) is picked again when its case is
    moved back to the picking: its packages are unmade, to be packed anew. Its stock is
    untouched, as it leaves only when shipped; a shipped one cannot be picked again.
    """
    shipment = _lock(shipment, Status.TO_PICK, Status.PICKED, Status.PACKED, action="picked")
    if shipment.status == Status.PACKED:
        shipment.packages.all().delete()
    shipment.status, shipment.picked_at, shipment.packed_at = Status.PICKED, timezone.now(), None
    shipment.save(update_fields=["status", "picked_at", "packed_at"])
    return shipment


@transaction.atomic
def shipment_pack(*, shipment: Shipment, packages: list[dict], user=None) -> Shipment:
    """Picked → packed, into packages [{"weight_kg", "dimensions"?}] (at least one)."""
    shipment = _lock(shipment, Status.PICKED, action="packed")
    if not packages:
        raise invalid("packages", _("Pack the goods into at least one package."))
    rows = []
    for number, package in enumerate(packages, start=1):
        weight = Decimal(str(package.get("weight_kg", 0)))
        if not weight.is_finite() or weight <= 0:
            raise invalid(
                "packages",
                _("Package %(number)s: the weight must be above zero.") % {"number": number},
            )
        dimensions = str(package.get("dimensions") or "")[:50]
        rows.append(Package(shipment=shipment, weight_kg=weight, dimensions=dimensions))
    Package.objects.bulk_create(rows)
    shipment.status, shipment.packed_at = Status.PACKED, timezone.now()
    shipment.save(update_fields=["status", "packed_at"])
    return shipment


@transaction.atomic
def shipment_ship(
    *, shipment: Shipment, carrier: str, tracking_number: str = "", user=None
) -> Shipment:
    """Packed → shipped with the carrier: the shipment's reservations are consumed (the
    goods leave: on hand and reserved drop) and the order's lines count them as shipped
    (`shipment.order` is the order with its new statuses)."""
    shipment = _lock(shipment, Status.PACKED, action="shipped")
    if not carrier.strip():
        raise invalid("carrier", _("Name the carrier."))
    shipped: dict[int, Decimal] = defaultdict(Decimal)
    for line in shipment.lines.select_related("reservation"):
        reservation_consume(reservation=line.reservation, kind="issue", user=user)
        shipped[line.order_line_id] += line.quantity
    shipment.order = sales.order_mark_shipped(order=shipment.order, shipped=dict(shipped))
    shipment.status, shipment.shipped_at = Status.SHIPPED, timezone.now()
    shipment.carrier, shipment.tracking_number = carrier.strip(), tracking_number.strip()
    shipment.save(update_fields=["status", "shipped_at", "carrier", "tracking_number"])
    return shipment


@transaction.atomic
def shipment_confirm_delivery(
    *, shipment: Shipment, delivered_at: datetime | None = None, user=None
) -> Shipment:
    """Shipped → delivered; the order's lines count the goods as delivered
    (`shipment.order` is the order with its new statuses)."""
    shipment = _lock(shipment, Status.SHIPPED, action="delivered")
    delivered: dict[int, Decimal] = defaultdict(Decimal)
    for line in shipment.lines.all():
        delivered[line.order_line_id] += line.quantity
    shipment.order = sales.order_mark_delivered(order=shipment.order, delivered=dict(delivered))
    shipment.status, shipment.delivered_at = Status.DELIVERED, delivered_at or timezone.now()
    shipment.save(update_fields=["status", "delivered_at"])
    return shipment
