"""The catalogue: products, price lists with their prices, and customer-specific prices."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

MONEY = {"max_digits": 14, "decimal_places": 2}
RATE = {"max_digits": 18, "decimal_places": 8}
QUANTITY = {"max_digits": 14, "decimal_places": 3}
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


def validate_currency(code: str) -> None:
    from processes.common.currencies import is_currency

    if not is_currency(code):
        raise ValidationError(
            _("%(code)s is not an ISO 4217 currency code (EUR, USD, RUB …).") % {"code": code}
        )


class ExchangeRate(models.Model):
    """What one unit of a currency was worth in the company currency on a day, entered or
    imported (manage.py import_exchange_rates); documents keep the rate they used."""

    currency = models.CharField(max_length=3, validators=[validate_currency])
    day = models.DateField(help_text="The day the rate is for; it holds until a newer one.")
    rate = models.DecimalField(
        **RATE,
        validators=[MinValueValidator(Decimal("0.00000001"))],
        help_text="Company currency units for 1 unit of the currency.",
    )
    source = models.CharField(max_length=100, blank=True, help_text="e.g. ECB, CBR, by hand.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["currency", "-day"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "day"], name="catalog_rate_per_day"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="catalog_rate_above_zero"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate} on {self.day}"


class TaxRate(models.Model):
    """A tax rate as a record: "VAT 20 %", "VAT 5.5 %", "VAT 0 %" (docs/taxes.md)."""

    name = models.CharField(max_length=100, unique=True)
    rate = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text="Percent of the net amount.",
    )
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166 code, e.g. FR.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["country", "-rate", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0, rate__lte=100), name="catalog_tax_rate_percent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """Something we sell, buy or make. The kind says how it gets into stock."""

    class Kind(models.TextChoices):
        STOCKED = "stocked", "Stocked (bought in and kept in stock)"
        MANUFACTURED = "manufactured", "Manufactured (made from a bill of materials)"
        PURCHASED = "purchased", "Purchased (bought from a supplier when needed)"

    class Unit(models.TextChoices):
        PCS = "pcs", pgettext_lazy("unit name", "pieces")
        SET = "set", pgettext_lazy("unit name", "sets")
        BOX = "box", pgettext_lazy("unit name", "boxes")
        KG = "kg", pgettext_lazy("unit name", "kilograms")
        G = "g", pgettext_lazy("unit name", "grams")
        M = "m", pgettext_lazy("unit name", "metres")
        M2 = "m2", pgettext_lazy("unit name", "square metres")
        L = "l", pgettext_lazy("unit name", "litres")
        ML = "ml", pgettext_lazy("unit name", "millilitres")
        H = "h", pgettext_lazy("unit name", "hours")

    sku = models.CharField("SKU", max_length=64, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STOCKED)
    unit = models.CharField(max_length=8, choices=Unit.choices, default=Unit.PCS)
    description = models.TextField(blank=True)
    list_price = models.DecimalField(**MONEY, default=Decimal("0.00"), validators=NOT_NEGATIVE)
    standard_cost = models.DecimalField(**MONEY, default=Decimal("0.00"), validators=NOT_NEGATIVE)
    weight_kg = models.DecimalField(
        max_digits=10, decimal_places=3, default=Decimal("0.000"), validators=NOT_NEGATIVE
    )
    tax_rate = models.ForeignKey(
        TaxRate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
        help_text="The rate its sales lines carry by default; none: no tax.",
    )
    default_supplier = models.ForeignKey(
        "crm.Party",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supplied_products",
        limit_choices_to={"is_supplier": True},
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sku"]
        indexes = [models.Index(fields=["kind", "is_active"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(list_price__gte=0, standard_cost__gte=0, weight_kg__gte=0),
                name="catalog_product_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.name}"


class PriceList(models.Model):
    """A named set of prices given to the parties that carry it (wholesale, retail ...).

    Its prices are in its `currency` (ISO 4217), the currency of its customers' documents.
    """

    name = models.CharField(max_length=100, unique=True)
    currency = models.CharField(max_length=3, default="EUR", validators=[validate_currency])
    prices_include_tax = models.BooleanField(
        default=False,
        help_text="Its prices (and its customers' own prices) are with tax, e.g. for retail.",
    )
    is_active = models.BooleanField(default=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PriceListItem(models.Model):
    """A product's price on a price list, from `min_quantity` units up (quantity breaks)."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="price_list_items")
    min_quantity = models.DecimalField(
        **QUANTITY, default=Decimal("0.000"), validators=NOT_NEGATIVE
    )
    price = models.DecimalField(**MONEY, validators=NOT_NEGATIVE)

    class Meta:
        ordering = ["price_list", "product", "min_quantity"]
        constraints = [
            models.UniqueConstraint(
                fields=["price_list", "product", "min_quantity"], name="catalog_item_unique"
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0, min_quantity__gte=0),
                name="catalog_item_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product.sku} @ {self.price} ({self.price_list})"


class CustomerPrice(models.Model):
    """A party's own price for a product: either a fixed price or a discount in percent."""

    party = models.ForeignKey("crm.Party", on_delete=models.CASCADE, related_name="customer_prices")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="customer_prices")
    price = models.DecimalField(**MONEY, null=True, blank=True, validators=NOT_NEGATIVE)
    discount_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["party", "product"]
        constraints = [
            models.UniqueConstraint(fields=["party", "product"], name="catalog_customer_price"),
            models.CheckConstraint(
                condition=(
                    Q(price__isnull=False, discount_percent__isnull=True)
                    | Q(price__isnull=True, discount_percent__isnull=False)
                ),
                name="catalog_customer_price_or_discount",
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0) | Q(price__isnull=True),
                name="catalog_customer_price_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0, discount_percent__lte=100)
                | Q(discount_percent__isnull=True),
                name="catalog_customer_discount_percent",
            ),
        ]

    def __str__(self) -> str:
        terms = f"{self.price}" if self.price is not None else f"-{self.discount_percent}%"
        return f"{self.product.sku} for {self.party}: {terms}"
