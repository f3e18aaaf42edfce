"""Choice lists the shipment process's forms name (`x-choices`)."""

from django.db.models import Exists, OuterRef

from processes.inventory.models import Reservation
from processes.sales.models import SalesOrder


def orders_to_ship_choices() -> list[tuple[int, str]]:
    """(id, "SO-00001 customer") of the confirmed orders with reserved stock that no
    shipment has taken yet."""
    unshipped = Reservation.objects.filter(
        reference=OuterRef("number"),
        status=Reservation.Status.ACTIVE,
        shipment_line__isnull=True,
    )
    orders = (
        SalesOrder.objects.filter(status=SalesOrder.Status.CONFIRMED)
        .filter(Exists(unshipped))
        .order_by("number")
        .values_list("id", "number", "party__name")
    )
    return [(pk, f"{number} {party}") for pk, number, party in orders]


CHOICES = {"sales_order_to_ship": orders_to_ship_choices}
