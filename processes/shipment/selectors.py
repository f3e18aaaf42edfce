"""Reads of the shipment app."""

from decimal import Decimal

from django.db.models import DecimalField, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from processes.shipment.models import Shipment, ShipmentLine

WEIGHT = DecimalField(max_digits=12, decimal_places=3)


def shipment_list() -> QuerySet[Shipment]:
    """Shipments with their order, lines and packages, and the packages' total weight."""
    lines = ShipmentLine.objects.select_related("product", "warehouse")
    return (
        Shipment.objects.select_related("order")
        .prefetch_related(Prefetch("lines", queryset=lines), "packages")
        .annotate(
            weight_kg=Coalesce(
                Sum("packages__weight_kg"), Value(Decimal("0.000")), output_field=WEIGHT
            )
        )
        .order_by("-created_at", "-id")  # aggregating queries drop Meta.ordering
    )


def shipments_of(order) -> QuerySet[Shipment]:
    return shipment_list().filter(order=order)
