"""Making things: bills of materials and manufacturing orders.

A bill of materials says what one unit of a manufactured product is made of. Planning a
manufacturing order explodes its active BOM one level into component lines; a component
that is itself manufactured gets its own (sub-)order. Components are reserved with the
order's number as the reference, consumed when it finishes.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

QUANTITY = {"max_digits": 14, "decimal_places": 3}
ZERO = Decimal("0.000")
POSITIVE = [MinValueValidator(Decimal("0.001"))]


class BillOfMaterials(models.Model):
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="boms")
    name = models.CharField(max_length=100, blank=True)
    is_active = models.BooleanField(default=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["product", "-created_at", "-id"]
        verbose_name = "bill of materials"
        verbose_name_plural = "bills of materials"
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=Q(is_active=True), name="production_one_active_bom"
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"BOM {self.pk} of {self.product_id}"


class BomLine(models.Model):
    bom = models.ForeignKey(BillOfMaterials, on_delete=models.CASCADE, related_name="lines")
    component = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField("quantity per unit", **QUANTITY, validators=POSITIVE)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["bom", "component"], name="production_bom_line_unique"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="production_bom_line_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.component_id}"


class ManufacturingOrder(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        COMPONENTS_RESERVED = "components_reserved", "Components reserved"
        IN_PROGRESS = "in_progress", "In progress"
        QUALITY_CHECK = "quality_check", "Quality check"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    number = models.CharField(max_length=20, unique=True, null=True, blank=True, editable=False)
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, related_name="manufacturing_orders"
    )
    bom = models.ForeignKey(BillOfMaterials, on_delete=models.PROTECT, related_name="orders")
    quantity = models.DecimalField(**QUANTITY, validators=POSITIVE)
    warehouse = models.ForeignKey("inventory.Warehouse", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    produced_quantity = models.DecimalField(**QUANTITY, default=ZERO)
    scrap_quantity = models.DecimalField(**QUANTITY, default=ZERO)
    quality_passed = models.BooleanField(null=True, blank=True)
    # What it is made for: a sales order number, the parent manufacturing order ...
    reference = models.CharField(max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_orders"
    )
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # "produced today" sums the orders finished in a day.
            models.Index(fields=["finished_at"]),
            models.Index(fields=["status", "product"]),
            models.Index(fields=["reference"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, produced_quantity__gte=0, scrap_quantity__gte=0)
                & Q(produced_quantity__lte=F("quantity") - F("scrap_quantity")),
                name="production_mo_output_within_quantity",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"Manufacturing order {self.pk}"


class ManufacturingOrderComponent(models.Model):
    """A component the order needs in total (BOM quantity × order quantity)."""

    order = models.ForeignKey(
        ManufacturingOrder, on_delete=models.CASCADE, related_name="components"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(**QUANTITY, validators=POSITIVE)
    reserved_quantity = models.DecimalField(**QUANTITY, default=ZERO)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, reserved_quantity__gte=0)
                & Q(reserved_quantity__lte=F("quantity")),
                name="production_component_reserved_within_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} for {self.order_id}"
