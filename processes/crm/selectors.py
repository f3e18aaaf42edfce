"""Reads of the crm app: party lists by role, contacts with channels, deals, the funnel."""

from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from processes.crm.models import Contact, ContactChannel, Deal, FunnelStage, Interaction, Party

ROLES = {"customer": "is_customer", "supplier": "is_supplier"}


def party_list(*, role: str | None = None, active: bool | None = None) -> QuerySet[Party]:
    """Parties, optionally only customers (`role="customer"`) or suppliers, active or not."""
    qs = Party.objects.select_related("price_list")
    if role is not None:
        qs = qs.filter(**{ROLES[role]: True})
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs


def customers() -> QuerySet[Party]:
    return party_list(role="customer", active=True)


def suppliers() -> QuerySet[Party]:
    return party_list(role="supplier", active=True)


def customer_choices() -> list[tuple[int, str]]:
    """(id, name) of the active customers, for form choice lists."""
    return list(customers().values_list("id", "name"))


def supplier_choices() -> list[tuple[int, str]]:
    """(id, name) of the active suppliers, for form choice lists."""
    return list(suppliers().values_list("id", "name"))


def contact_list() -> QuerySet[Contact]:
    """Contacts with their party and channels (primary first), in three queries."""
    return Contact.objects.select_related("party").prefetch_related(
        Prefetch("channels", queryset=ContactChannel.objects.order_by("kind", "-is_primary", "id"))
    )


def primary_channel(contact: Contact, kind: str) -> ContactChannel | None:
    """The contact's primary channel of `kind` (e-mail, phone ...), if it has one."""
    return contact.channels.filter(kind=kind, is_primary=True).first()


def deal_list() -> QuerySet[Deal]:
    return Deal.objects.select_related("party", "stage", "owner")


def funnel() -> list[dict]:
    """Each stage in order with its open deals: count, amount and probability-weighted amount."""
    open_deals = Q(deals__status=Deal.Status.OPEN)
    stages = FunnelStage.objects.annotate(
        deal_count=Count("deals", filter=open_deals),
        amount=Coalesce(Sum("deals__amount", filter=open_deals), Decimal("0.00")),
    )
    return [
        {
            "stage": stage,
            "deal_count": stage.deal_count,
            "amount": stage.amount,
            "weighted_amount": (stage.amount * stage.probability / 100).quantize(Decimal("0.01")),
        }
        for stage in stages
    ]


def interaction_list() -> QuerySet[Interaction]:
    return Interaction.objects.select_related("party", "contact", "deal", "user")


def party_history(party: Party, *, limit: int = 50) -> list[Interaction]:
    """The party's latest interactions, newest first."""
    return list(interaction_list().filter(party=party)[:limit])
