"""Selling: quotations, sales orders with their lines, invoices and payments.

An order's `status` is its document lifecycle (draft → confirmed → done, or cancelled).
Its `fulfilment_status` and `billing_status` are worked out from the lines, the
invoices and the payments by `sales.services` whenever those change, and stored so that
lists can filter on them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

MONEY = {"max_digits": 14, "decimal_places": 2}
QUANTITY = {"max_digits": 14, "decimal_places": 3}
ZERO_MONEY = Decimal("0.00")
ZERO_QTY = Decimal("0.000")
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def _number():
    # Set by processes.common.numbering right after the insert.
    return models.CharField(max_length=20, unique=True, null=True, blank=True, editable=False)


def _user():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class LineAmounts(models.Model):
    """What every priced line has: product, quantity, unit price, discount, line total."""

    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(**QUANTITY, validators=[MinValueValidator(Decimal("0.001"))])
    unit_price = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0"))])
    discount_percent = models.DecimalField(
        max_digits=5, decimal_places=2, default=ZERO_MONEY, validators=PERCENT
    )
    total = models.DecimalField(**MONEY, default=ZERO_MONEY)  # net: before tax
    # The rate (percent) the line carries, kept as it was when the line was made.
    tax_rate = models.DecimalField(
        max_digits=5, decimal_places=2, default=ZERO_MONEY, validators=PERCENT
    )
    tax_amount = models.DecimalField(**MONEY, default=ZERO_MONEY)

    class Meta:
        abstract = True
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0, unit_price__gte=0, discount_percent__gte=0)
                & Q(discount_percent__lte=100),
                name="%(app_label)s_%(class)s_amounts_valid",
            ),
        ]


class Quotation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        EXPIRED = "expired", "Expired"

    number = _number()
    party = models.ForeignKey("crm.Party", on_delete=models.PROTECT, related_name="quotations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    valid_until = models.DateField()
    net_total = models.DecimalField(**MONEY, default=ZERO_MONEY)
    tax_total = models.DecimalField(**MONEY, default=ZERO_MONEY)
    total = models.DecimalField(**MONEY, default=ZERO_MONEY)  # gross: net + tax
    # Its unit prices include tax (its price list says so; docs/taxes.md).
    prices_include_tax = models.BooleanField(default=False)
    # Its currency (ISO 4217) and the rate to the company's on its date (docs/taxes.md).
    currency = models.CharField(max_length=3, default="EUR")
    exchange_rate = models.DecimalField(max_digits=18, decimal_places=8, default=Decimal(1))
    exchange_rate_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    rejection_reason = models.TextField(blank=True)
    pdf = models.FileField(upload_to="quotations/", blank=True)
    created_by = _user()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self) -> str:
        return self.number or f"Quotation {self.pk}"


class QuotationLine(LineAmounts):
    quotation = models.ForeignKey(Quotation, on_delete=models.CASCADE, related_name="lines")

    class Meta(LineAmounts.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} on {self.quotation_id}"


class SalesOrder(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        DONE = "done", "Done"

    class Fulfilment(models.TextChoices):
        UNRESERVED = "unreserved", "Unreserved"
        PARTIALLY_RESERVED = "partially_reserved", "Partially reserved"
        RESERVED = "reserved", "Reserved"
        PARTIALLY_SHIPPED = "partially_shipped", "Partially shipped"
        SHIPPED = "shipped", "Shipped"
        DELIVERED = "delivered", "Delivered"

    class Billing(models.TextChoices):
        NOT_INVOICED = "not_invoiced", "Not invoiced"
        INVOICED = "invoiced", "Invoiced"
        PARTIALLY_PAID = "partially_paid", "Partially paid"
        PAID = "paid", "Paid"

    number = _number()  # the business key of the order's process instance
    party = models.ForeignKey("crm.Party", on_delete=models.PROTECT, related_name="sales_orders")
    quotation = models.OneToOneField(
        Quotation, null=True, blank=True, on_delete=models.PROTECT, related_name="order"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    fulfilment_status = models.CharField(
        max_length=20, choices=Fulfilment.choices, default=Fulfilment.UNRESERVED
    )
    billing_status = models.CharField(
        max_length=20, choices=Billing.choices, default=Billing.NOT_INVOICED
    )
    net_total = models.DecimalField(**MONEY, default=ZERO_MONEY)
    tax_total = models.DecimalField(**MONEY, default=ZERO_MONEY)
    total = models.DecimalField(**MONEY, default=ZERO_MONEY)  # gross: net + tax
    # Its unit prices include tax (its price list says so; docs/taxes.md).
    prices_include_tax = models.BooleanField(default=False)
    # Its currency (ISO 4217) and the rate to the company's on its date (docs/taxes.md).
    currency = models.CharField(max_length=3, default="EUR")
    exchange_rate = models.DecimalField(max_digits=18, decimal_places=8, default=Decimal(1))
    exchange_rate_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    cancel_reason = models.TextField(blank=True)
    created_by = _user()
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # "sales today" / "orders today" read confirmed orders by the time of confirmation.
            models.Index(fields=["confirmed_at"]),
            models.Index(fields=["status", "fulfilment_status"]),
            models.Index(fields=["party", "-created_at"]),
            # The orders list, newest first, read in the order of an index (no sort).
            models.Index(fields=["-created_at", "-id"], name="sales_order_newest_idx"),
            # The sales reports: the orders sold (confirmed or done) in a period.
            models.Index(fields=["status", "confirmed_at"], name="sales_order_sold_idx"),
        ]

    def __str__(self) -> str:
        return self.number or f"Order {self.pk}"


class SalesOrderLine(LineAmounts):
    """An order line and how far it has come: reserved, shipped and delivered quantities."""

    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="lines")
    reserved_quantity = models.DecimalField(**QUANTITY, default=ZERO_QTY)
    shipped_quantity = models.DecimalField(**QUANTITY, default=ZERO_QTY)
    delivered_quantity = models.DecimalField(**QUANTITY, default=ZERO_QTY)
    # The stock promised to this line (the reservations' reference is the order number).
    reservations = models.ManyToManyField("inventory.Reservation", blank=True, related_name="+")

    class Meta(LineAmounts.Meta):
        constraints = [
            *LineAmounts.Meta.constraints,
            models.CheckConstraint(
                condition=Q(reserved_quantity__lte=F("quantity"))
                & Q(shipped_quantity__lte=F("reserved_quantity"))
                & Q(delivered_quantity__lte=F("shipped_quantity")),
                name="sales_line_progress_within_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} on {self.order_id}"


class Invoice(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PAID = "paid", "Paid"
        CANCELLED = "cancelled", "Cancelled"

    number = _number()
    order = models.ForeignKey(SalesOrder, on_delete=models.PROTECT, related_name="invoices")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    net_total = models.DecimalField(**MONEY, default=ZERO_MONEY)
    tax_total = models.DecimalField(**MONEY, default=ZERO_MONEY)
    total = models.DecimalField(**MONEY, default=ZERO_MONEY)  # gross: net + tax
    # Its unit prices include tax (its price list says so; docs/taxes.md).
    prices_include_tax = models.BooleanField(default=False)
    # Its currency (ISO 4217) and the rate to the company's on its date (docs/taxes.md).
    currency = models.CharField(max_length=3, default="EUR")
    exchange_rate = models.DecimalField(max_digits=18, decimal_places=8, default=Decimal(1))
    exchange_rate_date = models.DateField(null=True, blank=True)
    paid_amount = models.DecimalField(**MONEY, default=ZERO_MONEY)
    # The gross of its credit notes: what the customer no longer owes (docs/taxes.md).
    credited_amount = models.DecimalField(**MONEY, default=ZERO_MONEY)
    issued_on = models.DateField(default=timezone.localdate)
    due_date = models.DateField()
    pdf = models.FileField(upload_to="invoices/", blank=True)
    created_by = _user()
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(paid_amount__gte=0, paid_amount__lte=F("total")),
                name="sales_invoice_paid_within_total",
            ),
            # Payments and credit notes together stay within the total: checked under the
            # invoice's lock (SQLite adds decimals as floats, so no sum in a constraint).
            models.CheckConstraint(
                condition=Q(credited_amount__gte=0, credited_amount__lte=F("total")),
                name="sales_invoice_credited_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"Invoice {self.pk}"

    @property
    def outstanding(self) -> Decimal:
        """What the customer still owes: the gross less payments and credit notes; nothing
        on an invoice its credit notes cancelled."""
        if self.status == self.Status.CANCELLED:
            return ZERO_MONEY
        return self.total - self.paid_amount - self.credited_amount


class InvoiceLine(LineAmounts):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(SalesOrderLine, on_delete=models.PROTECT, related_name="+")

    class Meta(LineAmounts.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} on {self.invoice_id}"


class NumberSequence(models.Model):
    """The last number given of a prefix in a year (INV 2026: 42), for numbers without
    gaps (processes/sales/sequences.py)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="sales_sequence_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.year}: {self.last}"


class CreditNote(models.Model):
    """What reverses an invoice, in full (a cancellation) or chosen lines and quantities of
    it (goods returned, a price corrected) — an invoice is never deleted, and its number
    stays in the year's run (docs/taxes.md)."""

    class Reason(models.TextChoices):
        CANCELLATION = "cancellation", "Cancellation"
        RETURN = "return", "Return"
        CORRECTION = "correction", "Correction"

    number = _number()
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    reason = models.CharField(max_length=20, choices=Reason.choices, default=Reason.CANCELLATION)
    note = models.TextField(blank=True)
    net_total = models.DecimalField(**MONEY, default=ZERO_MONEY)
    tax_total = models.DecimalField(**MONEY, default=ZERO_MONEY)
    total = models.DecimalField(**MONEY, default=ZERO_MONEY)  # gross: net + tax
    currency = models.CharField(max_length=3, default="EUR")
    exchange_rate = models.DecimalField(max_digits=18, decimal_places=8, default=Decimal(1))
    exchange_rate_date = models.DateField(null=True, blank=True)
    issued_on = models.DateField(default=timezone.localdate)
    pdf = models.FileField(upload_to="credit-notes/", blank=True)
    created_by = _user()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.number or f"Credit note {self.pk}"

    @property
    def party(self):
        return self.invoice.order.party


class CreditNoteLine(LineAmounts):
    credit_note = models.ForeignKey(CreditNote, on_delete=models.CASCADE, related_name="lines")
    invoice_line = models.ForeignKey(InvoiceLine, on_delete=models.PROTECT, related_name="+")

    class Meta(LineAmounts.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product_id} on {self.credit_note_id}"


class Payment(models.Model):
    class Method(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", "Bank transfer"
        CARD = "card", "Card"
        CASH = "cash", "Cash"
        OTHER = "other", "Other"

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.BANK_TRANSFER)
    reference = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)
    user = _user()

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="sales_payment_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} on {self.invoice}"
