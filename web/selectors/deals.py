"""Reads of the deals pages: the funnel as a board (a column per stage with its count and
amount), the same deals as a list, and the reasons a lost deal is given."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from processes.access import deals_for
from processes.crm.models import Deal, FunnelStage
from processes.crm.selectors import deal_list
from processes.ownership.models import DocumentProcess
from processes.ownership.selectors import LIVE

CARDS_PER_STAGE = 50  # a column shows this many deals; the count and amount cover all
BUILT_IN_LOST_REASONS = [
    _("Price too high"),
    _("Chose a competitor"),
    _("No budget"),
    _("No decision made"),
    _("Product does not fit"),
]
STATUS_LABELS = {
    Deal.Status.OPEN: _("Open"),
    Deal.Status.WON: _("Won"),
    Deal.Status.LOST: _("Lost"),
}
DEAL_KIND = Deal._meta.label_lower


def lost_reasons() -> list[str]:
    """The configured reasons (HYPERCRM_DEAL_LOST_REASONS), else the built-in ones."""
    configured = settings.HYPERCRM.get("DEAL_LOST_REASONS") or []
    return [str(reason) for reason in (configured or BUILT_IN_LOST_REASONS)]


@dataclass(frozen=True)
class DealFilters:
    q: str = ""
    owner: int | None = None
    view: str = "board"

    @classmethod
    def from_query(cls, query) -> "DealFilters":
        owner = query.get("owner", "")
        return cls(
            q=query.get("q", "").strip()[:100],
            owner=int(owner) if owner.isdigit() else None,
            view="list" if query.get("view") == "list" else "board",
        )

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.owner)


def deal_search(filters: DealFilters, user) -> QuerySet[Deal]:
    """The deals the person sees (processes.access.deals_for) that the filters pick."""
    deals = deals_for(user, deal_list())
    if filters.owner:
        deals = deals.filter(owner_id=filters.owner)
    if filters.q:
        deals = deals.filter(Q(title__icontains=filters.q) | Q(party__name__icontains=filters.q))
    return deals


@dataclass
class Column:
    stage: FunnelStage
    count: int
    amount: Decimal
    cards: list = field(default_factory=list)


def deal_board(filters: DealFilters, user) -> list[Column]:
    """Each stage in funnel order with its deals' count and amount (one aggregate query)
    and its first cards (one query per stage, newest first)."""
    deals = deal_search(filters, user)
    totals = {
        row["stage_id"]: row
        for row in deals.order_by()
        .values("stage_id")
        .annotate(count=Count("id"), amount=Coalesce(Sum("amount"), Decimal("0.00")))
    }
    columns = []
    for stage in FunnelStage.objects.all():
        row = totals.get(stage.pk, {"count": 0, "amount": Decimal("0.00")})
        cards = list(deals.filter(stage=stage).order_by("-updated_at", "-id")[:CARDS_PER_STAGE])
        columns.append(Column(stage, row["count"], row["amount"], cards))
    owned = owned_deals([card.pk for column in columns for card in column.cards])
    for column in columns:
        for card in column.cards:
            card.process = owned.get(card.pk)
    return columns


def owned_deals(deal_ids: list[int]) -> dict[int, object]:
    """The live process instance that moves each deal, for the deals a process owns."""
    links = DocumentProcess.objects.filter(
        kind=DEAL_KIND, document_id__in=deal_ids, instance__status__in=LIVE
    ).select_related("instance__definition")
    return {link.document_id: link.instance for link in links}


def deal_owners():
    """The people who own a deal, for the owner filter."""
    owner_ids = Deal.objects.exclude(owner=None).values("owner_id").distinct()
    return get_user_model().objects.filter(pk__in=owner_ids).order_by("first_name", "username")


def deal_rows(deals: QuerySet[Deal], currency: str):
    """The list's columns for an export: header, then one row per deal (streamed)."""
    header = [
        _("Deal"), _("Customer"), _("Stage"), _("Status"), _("Amount"), _("Currency"),
        _("Expected close"), _("Owner"),
    ]  # fmt: skip
    rows = (
        [
            deal.title,
            deal.party.name,
            deal.stage.name,
            str(STATUS_LABELS.get(deal.status, deal.status)),
            deal.amount,
            currency,
            deal.expected_close.isoformat() if deal.expected_close else "",
            (deal.owner.get_full_name() or deal.owner.username) if deal.owner else "",
        ]
        for deal in deals.iterator(chunk_size=2000)
    )
    return [str(h) for h in header], rows
