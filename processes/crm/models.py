"""Parties (companies and people we sell to or buy from), contacts, deals, interactions."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

MONEY = {"max_digits": 14, "decimal_places": 2}


class Tag(models.Model):
    """A word people file customers and suppliers under ("key account", "trade fair 2026")."""

    name = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="crm_tag_name_once_in_any_case"),
        ]

    def __str__(self) -> str:
        return self.name


class Party(models.Model):
    """A company or a person; the role flags say whether we sell to it, buy from it, or both."""

    class Kind(models.TextChoices):
        COMPANY = "company", gettext_lazy("Company")
        PERSON = "person", gettext_lazy("Person")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMPANY)
    name = models.CharField(max_length=200)
    tax_id = models.CharField("legal / tax id", max_length=50, blank=True)

    class TaxExemption(models.TextChoices):
        NONE = "", pgettext_lazy("tax exemption", "None")
        EXPORT = "export", pgettext_lazy("tax exemption", "Export")
        REVERSE_CHARGE = "reverse_charge", gettext_lazy("Reverse charge")

    # Exempt customers' lines carry no tax and their documents print the legal mention.
    tax_exemption = models.CharField(
        max_length=20, choices=TaxExemption.choices, default=TaxExemption.NONE, blank=True
    )
    is_customer = models.BooleanField(default=False)
    is_supplier = models.BooleanField(default=False)
    price_list = models.ForeignKey(
        "catalog.PriceList",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parties",
        help_text="Prices this party gets unless a customer price says otherwise.",
    )
    notes = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_parties",
        help_text="Who looks after this customer or supplier.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="parties")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "parties"
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A person at a party whom we talk to."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.party})"


class ContactChannel(models.Model):
    """One way to reach a contact; at most one channel of each kind is the primary one."""

    class Kind(models.TextChoices):
        EMAIL = "email", pgettext_lazy("contact channel", "E-mail")
        PHONE = "phone", pgettext_lazy("contact channel", "Phone")
        MOBILE = "mobile", pgettext_lazy("contact channel", "Mobile")
        MESSENGER = "messenger", pgettext_lazy("contact channel", "Messenger")
        SOCIAL = "social", pgettext_lazy("contact channel", "Social network")
        WEBSITE = "website", pgettext_lazy("contact channel", "Website")

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=255)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "kind"],
                condition=Q(is_primary=True),
                name="crm_channel_one_primary_per_kind",
            ),
            models.UniqueConstraint(
                fields=["contact", "kind", "value"], name="crm_channel_unique_value"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class FunnelStage(models.Model):
    """A step of the sales funnel; a won or a lost stage closes the deals moved into it."""

    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    probability = models.PositiveSmallIntegerField(
        "probability (%)", default=0, validators=[MaxValueValidator(100)]
    )
    is_won = models.BooleanField(default=False)
    is_lost = models.BooleanField(default=False)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__lte=100), name="crm_stage_probability_percent"
            ),
            models.CheckConstraint(
                condition=~Q(is_won=True, is_lost=True), name="crm_stage_not_won_and_lost"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closing(self) -> bool:
        return self.is_won or self.is_lost


class Deal(models.Model):
    """A sales opportunity with a party, moving through the funnel until won or lost."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("deal status", "Open")
        WON = "won", pgettext_lazy("deal status", "Won")
        LOST = "lost", pgettext_lazy("deal status", "Lost")

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="deals")
    title = models.CharField(max_length=200)
    amount = models.DecimalField(
        **MONEY, default=Decimal("0.00"), validators=[MinValueValidator(Decimal("0"))]
    )
    stage = models.ForeignKey(FunnelStage, on_delete=models.PROTECT, related_name="deals")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    expected_close = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lost_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "stage"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="crm_deal_amount_not_negative"),
            models.CheckConstraint(
                condition=~Q(status="lost", lost_reason=""), name="crm_deal_lost_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Interaction(models.Model):
    """Something that happened between us and a party: a call, an e-mail, a meeting, a note."""

    class Kind(models.TextChoices):
        CALL = "call", gettext_lazy("Call")
        EMAIL = "email", gettext_lazy("E-mail")
        MEETING = "meeting", gettext_lazy("Meeting")
        NOTE = "note", gettext_lazy("Note")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="interactions")
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    deal = models.ForeignKey(
        Deal, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    summary = models.TextField()
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["party", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.party} at {self.at:%Y-%m-%d %H:%M}"


class Address(models.Model):
    """Where a customer or supplier is billed or delivered to; the default one of each kind
    is the one documents print (an invoice its billing address, a delivery its delivery
    address)."""

    class Kind(models.TextChoices):
        BILLING = "billing", pgettext_lazy("address kind", "Billing")
        DELIVERY = "delivery", pgettext_lazy("address kind", "Delivery")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BILLING)
    street = models.TextField(help_text="Street and number, one line each (building, floor …).")
    postal_code = models.CharField(max_length=20, blank=True)
    city = models.CharField(max_length=100)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. DE.")
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-is_default", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "kind"],
                condition=models.Q(is_default=True),
                name="crm_address_one_default_per_kind",
            )
        ]

    def __str__(self) -> str:
        return ", ".join(line for line in (self.street, self.postal_code, self.city) if line)
