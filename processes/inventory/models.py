"""Stock: warehouses, levels per product and warehouse, the ledger, reservations, reorder rules.

Levels change only through inventory.services, which write a StockMove for every change:
the moves of kind reservation/release add up to `reserved`, all other moves to `on_hand`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

QUANTITY = {"max_digits": 14, "decimal_places": 3}
ZERO = Decimal("0.000")


class Warehouse(models.Model):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    address = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StockLevel(models.Model):
    """How much of a product a warehouse holds, and how much of that is promised."""

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, related_name="stock_levels"
    )
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="stock_levels")
    on_hand = models.DecimalField(**QUANTITY, default=ZERO)
    reserved = models.DecimalField(**QUANTITY, default=ZERO)

    class Meta:
        ordering = ["product", "warehouse"]
        constraints = [
            models.UniqueConstraint(fields=["product", "warehouse"], name="inventory_level_unique"),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="inventory_on_hand_gte_0"),
            models.CheckConstraint(condition=Q(reserved__gte=0), name="inventory_reserved_gte_0"),
            models.CheckConstraint(
                condition=Q(reserved__lte=F("on_hand")), name="inventory_reserved_lte_on_hand"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} @ {self.warehouse_id}: {self.on_hand} ({self.reserved} reserved)"

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


class StockMove(models.Model):
    """One line of the append-only stock ledger; `quantity` is signed (+ in, − out)."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "Receipt"
        ISSUE = "issue", "Issue"
        ADJUSTMENT = "adjustment", "Adjustment"
        RESERVATION = "reservation", "Reservation"
        RELEASE = "release", "Release"
        PRODUCTION_IN = "production_in", "Production in"
        CONSUMPTION = "consumption", "Consumption"
        SCRAP = "scrap", "Scrap"
        TRANSFER = "transfer", "Transfer"

    # These move `reserved`; every other kind moves `on_hand`.
    RESERVED_KINDS = (Kind.RESERVATION, Kind.RELEASE)

    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="moves")
    quantity = models.DecimalField(**QUANTITY)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reference = models.CharField(max_length=200, blank=True)
    reservation = models.ForeignKey(
        "Reservation", null=True, blank=True, on_delete=models.PROTECT, related_name="moves"
    )
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["product", "warehouse", "at"]),
            models.Index(fields=["kind", "at"]),
            models.Index(fields=["reference"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="inventory_move_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quantity:+} of {self.product_id}"


class Reservation(models.Model):
    """Stock promised to an order or a manufacturing order, held in one warehouse."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CONSUMED = "consumed", "Consumed"
        RELEASED = "released", "Released"

    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="reservations")
    quantity = models.DecimalField(**QUANTITY, validators=[MinValueValidator(Decimal("0.001"))])
    reference = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "product"]),
            models.Index(fields=["reference"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="inventory_reservation_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} for {self.reference} ({self.status})"


class ReorderRule(models.Model):
    """Keep between min_qty and max_qty of a product available in a warehouse."""

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="reorder_rules"
    )
    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE, related_name="reorder_rules")
    min_qty = models.DecimalField(**QUANTITY, validators=[MinValueValidator(Decimal("0"))])
    max_qty = models.DecimalField(**QUANTITY, validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        ordering = ["product", "warehouse"]
        constraints = [
            models.UniqueConstraint(fields=["product", "warehouse"], name="inventory_rule_unique"),
            models.CheckConstraint(
                condition=Q(min_qty__gte=0, max_qty__gte=F("min_qty")),
                name="inventory_rule_min_lte_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} @ {self.warehouse_id}: {self.min_qty}–{self.max_qty}"
