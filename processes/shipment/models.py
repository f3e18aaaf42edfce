"""Shipping sales orders: pick → pack (packages, weight) → ship (carrier, tracking) → delivered.

A shipment takes over reservations of its order: one line per reservation, so the picker
knows the warehouse, and shipping consumes exactly that stock.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

QUANTITY = {"max_digits": 14, "decimal_places": 3}


class Shipment(models.Model):
    class Status(models.TextChoices):
        TO_PICK = "to_pick", "To pick"
        PICKED = "picked", "Picked"
        PACKED = "packed", "Packed"
        SHIPPED = "shipped", "Shipped"
        DELIVERED = "delivered", "Delivered"

    number = models.CharField(max_length=20, unique=True, null=True, blank=True, editable=False)
    order = models.ForeignKey(
        "sales.SalesOrder", on_delete=models.PROTECT, related_name="shipments"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TO_PICK)
    carrier = models.CharField(max_length=100, blank=True)
    tracking_number = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    picked_at = models.DateTimeField(null=True, blank=True)
    packed_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["tracking_number"]),
        ]

    def __str__(self) -> str:
        return self.number or f"Shipment {self.pk}"


class ShipmentLine(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        "sales.SalesOrderLine", on_delete=models.PROTECT, related_name="shipment_lines"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey("inventory.Warehouse", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(**QUANTITY, validators=[MinValueValidator(Decimal("0.001"))])
    # The stock this line ships; one reservation is never shipped twice.
    reservation = models.OneToOneField(
        "inventory.Reservation", on_delete=models.PROTECT, related_name="shipment_line"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="shipment_line_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} from {self.warehouse_id}"


class Package(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="packages")
    weight_kg = models.DecimalField(
        max_digits=10, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    dimensions = models.CharField("dimensions (L×W×H cm)", max_length=50, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_kg__gt=0), name="shipment_package_weight_gt_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weight_kg} kg {self.dimensions}".strip()
