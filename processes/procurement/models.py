"""Buying: purchase requests, purchase orders to suppliers, goods receipts, supplier bills.

A request says what is needed and why (by hand, a reorder rule, a sales or production
shortage); requests become purchase-order lines. An order above the approval limit waits
for a manager. Goods may arrive in several receipts; each passed one goes into stock.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

MONEY = {"max_digits": 14, "decimal_places": 2}
QUANTITY = {"max_digits": 14, "decimal_places": 3}
RATE = {"max_digits": 5, "decimal_places": 2}  # percent of the net amount
POSITIVE = [MinValueValidator(Decimal("0.001"))]


def _user():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class PurchaseOrder(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        APPROVED = "approved", "Approved"
        SENT = "sent", "Sent"
        PARTIALLY_RECEIVED = "partially_received", "Partially received"
        RECEIVED = "received", "Received"
        CANCELLED = "cancelled", "Cancelled"

    number = models.CharField(max_length=20, unique=True, null=True, blank=True, editable=False)
    supplier = models.ForeignKey(
        "crm.Party", on_delete=models.PROTECT, related_name="purchase_orders"
    )
    warehouse = models.ForeignKey(
        "inventory.Warehouse", on_delete=models.PROTECT, related_name="purchase_orders"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The approval limit is on the net total; `total` is the gross (net + tax), as on sales.
    net_total = models.DecimalField(**MONEY, default=Decimal("0.00"))
    tax_total = models.DecimalField(**MONEY, default=Decimal("0.00"))
    total = models.DecimalField(**MONEY, default=Decimal("0.00"))
    # Its currency (ISO 4217) and the rate to the company's on its date (docs/taxes.md).
    currency = models.CharField(max_length=3, default="EUR")
    exchange_rate = models.DecimalField(max_digits=18, decimal_places=8, default=Decimal(1))
    exchange_rate_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    rejection_reason = models.TextField(blank=True)
    created_by = _user()
    approved_by = _user()
    created_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "supplier"]),
            # The purchases report reads the orders sent since a day.
            models.Index(fields=["sent_at"], name="procurement_po_sent_idx"),
        ]

    def __str__(self) -> str:
        return self.number or f"Purchase order {self.pk}"


class PurchaseOrderLine(models.Model):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(**QUANTITY, validators=POSITIVE)
    unit_price = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0"))])
    total = models.DecimalField(**MONEY, default=Decimal("0.00"))  # net: before tax
    tax_rate = models.DecimalField(**RATE, default=Decimal("0.00"))
    tax_amount = models.DecimalField(**MONEY, default=Decimal("0.00"))
    received_quantity = models.DecimalField(**QUANTITY, default=Decimal("0.000"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, unit_price__gte=0, received_quantity__gte=0)
                & Q(received_quantity__lte=F("quantity")),
                name="procurement_line_received_within_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} on {self.order_id}"

    @property
    def outstanding(self) -> Decimal:
        return self.quantity - self.received_quantity


class PurchaseRequest(models.Model):
    class Reason(models.TextChoices):
        MANUAL = "manual", "Manual"
        REORDER = "reorder", "Reorder rule"
        SALES_SHORTAGE = "sales_shortage", "Sales shortage"
        PRODUCTION_SHORTAGE = "production_shortage", "Production shortage"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ORDERED = "ordered", "Ordered"
        RECEIVED = "received", "Received"
        CANCELLED = "cancelled", "Cancelled"

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, related_name="purchase_requests"
    )
    quantity = models.DecimalField(**QUANTITY, validators=POSITIVE)
    reason = models.CharField(max_length=20, choices=Reason.choices, default=Reason.MANUAL)
    # What the goods are for: a sales or manufacturing order number, a reorder rule ...
    reference = models.CharField(max_length=200, blank=True)
    warehouse = models.ForeignKey(
        "inventory.Warehouse", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    purchase_order = models.ForeignKey(
        PurchaseOrder, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    requested_by = _user()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "product"]),
            models.Index(fields=["reference"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="procurement_request_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} ({self.get_reason_display()})"


class GoodsReceipt(models.Model):
    """Goods that arrived for an order. Only a receipt whose quality is ok goes into stock."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="receipts")
    quality_ok = models.BooleanField(default=True)
    notes = models.TextField(blank=True)
    received_by = _user()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"Receipt {self.pk} for {self.order}"


class GoodsReceiptLine(models.Model):
    receipt = models.ForeignKey(GoodsReceipt, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        PurchaseOrderLine, on_delete=models.PROTECT, related_name="receipt_lines"
    )
    quantity = models.DecimalField(**QUANTITY, validators=POSITIVE)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="procurement_receipt_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} on receipt {self.receipt_id}"


class SupplierBill(models.Model):
    """The supplier's invoice for an order, as we recorded it: its lines with their tax
    rates, net, tax and gross (`amount`), checked against the lines (docs/taxes.md)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PAID = "paid", "Paid"

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="bills")
    supplier = models.ForeignKey("crm.Party", on_delete=models.PROTECT, related_name="bills")
    number = models.CharField("supplier's invoice number", max_length=100)
    net_total = models.DecimalField(**MONEY, default=Decimal("0.00"))
    tax_total = models.DecimalField(**MONEY, default=Decimal("0.00"))
    amount = models.DecimalField(  # gross: net + tax, what we owe the supplier
        **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    # Its currency (ISO 4217) and the rate to the company's on its date (docs/taxes.md).
    currency = models.CharField(max_length=3, default="EUR")
    exchange_rate = models.DecimalField(max_digits=18, decimal_places=8, default=Decimal(1))
    exchange_rate_date = models.DateField(null=True, blank=True)
    bill_date = models.DateField(default=timezone.localdate)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = _user()
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-bill_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "number"], name="procurement_bill_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="procurement_bill_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.number} from {self.supplier}"


class SupplierBillLine(models.Model):
    """A line of a supplier's bill: what was charged, at which tax rate."""

    bill = models.ForeignKey(SupplierBill, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        PurchaseOrderLine, on_delete=models.PROTECT, related_name="bill_lines"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(**QUANTITY, validators=POSITIVE)
    unit_price = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0"))])
    total = models.DecimalField(**MONEY, default=Decimal("0.00"))  # net: before tax
    tax_rate = models.DecimalField(**RATE, default=Decimal("0.00"))
    tax_amount = models.DecimalField(**MONEY, default=Decimal("0.00"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, unit_price__gte=0, tax_rate__gte=0, tax_rate__lte=100),
                name="procurement_bill_line_amounts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} on bill {self.bill_id}"
