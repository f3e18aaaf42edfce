"""Reads of the customer pages: the searchable list and everything about one customer."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from processes.access import deals_for, parties_for
from processes.common.text_search import containing
from processes.crm.addresses import address_lines
from processes.crm.models import Contact, ContactChannel, Party, Tag
from processes.crm.selectors import contact_list, deal_list, party_history
from processes.sales.models import Invoice
from processes.sales.selectors import invoice_list, order_list, payment_list, quotation_list

from .timeline import record_timeline

DEFAULT_CURRENCY = "EUR"
ROLES = {"customer": _("Customers"), "supplier": _("Suppliers")}
SORTS = {
    "name": _("Name (A–Z)"),
    "-name": _("Name (Z–A)"),
    "-created": _("Newest first"),
    "created": _("Oldest first"),
}
_ORDER = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "-created": ("-created_at", "-id"),
    "created": ("created_at", "id"),
}


@dataclass(frozen=True)
class CustomerFilters:
    q: str = ""
    role: str = ""
    owner: int | None = None
    tag: str = ""  # a tag's name, any case
    sort: str = "name"

    @classmethod
    def from_query(cls, query) -> "CustomerFilters":
        role, owner = query.get("role", ""), query.get("owner", "")
        sort = query.get("sort", "name")
        return cls(
            q=query.get("q", "").strip()[:200],
            role=role if role in ROLES else "",
            owner=int(owner) if owner.isdigit() and len(owner) < 19 else None,
            tag=" ".join(query.get("tag", "").split())[:50],
            sort=sort if sort in SORTS else "name",
        )

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.role or self.owner or self.tag)


def matching(q: str) -> Q:
    """Parties whose name or VAT id, a contact's name, or a contact's e-mail or phone holds
    `q` — each found from its trigram index (processes/common/text_search.py), together."""
    by_name = containing(Party, "name", q).order_by().values("pk")
    by_tax_id = containing(Party, "tax_id", q).order_by().values("pk")
    by_contact = containing(Contact, "name", q).order_by().values("party_id")
    by_channel = containing(ContactChannel, "value", q).order_by().values("contact__party_id")
    return Q(pk__in=by_name.union(by_tax_id, by_contact, by_channel))


def customer_search(filters: CustomerFilters, user) -> QuerySet[Party]:
    """The parties the list shows the person (processes.access.parties_for), in the chosen
    order (subqueries, so no duplicate rows)."""
    qs = Party.objects.select_related("price_list", "owner").prefetch_related("tags")
    qs = parties_for(user, qs)
    if filters.owner:
        qs = qs.filter(owner_id=filters.owner)
    if filters.tag:
        qs = qs.filter(
            pk__in=Party.tags.through.objects.filter(tag__name__iexact=filters.tag).values(
                "party_id"
            )
        )
    if filters.role == "customer":
        qs = qs.filter(is_customer=True)
    elif filters.role == "supplier":
        qs = qs.filter(is_supplier=True)
    if filters.q:
        qs = qs.filter(matching(filters.q))
    return qs.order_by(*_ORDER[filters.sort])


def party_owners():
    """The people who look after a customer or supplier, for the owner filter."""
    # Per person, whether a party of hers exists (the owner index): no pass over every party.
    owns = Party.objects.filter(owner=OuterRef("pk"))
    return get_user_model().objects.filter(Exists(owns)).order_by("first_name", "username")


def party_tags() -> list[str]:
    """The tags in use, for the tag filter."""
    tagged = Party.tags.through.objects.filter(tag=OuterRef("pk"))
    return list(Tag.objects.filter(Exists(tagged)).values_list("name", flat=True))


def person_name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def currency_of(party: Party) -> str:
    """The currency the party is billed in: its price list's, else the company's."""
    price_list = party.price_list
    return price_list.currency if price_list is not None else DEFAULT_CURRENCY


def customer_page(party: Party, user, *, limit: int = 20) -> dict:
    """What the customer page shows the person, each list newest first and capped at
    `limit` (her deals only when her groups see their own deals only)."""
    invoices = invoice_list().filter(order__party=party).order_by("-issued_on", "-id")
    open_invoices = invoices.filter(status=Invoice.Status.OPEN)
    outstanding = open_invoices.aggregate(
        total=Coalesce(Sum(F("total") - F("paid_amount")), Decimal("0.00"))
    )["total"]
    return {
        "currency": currency_of(party),
        "contacts": list(contact_list().filter(party=party, is_active=True)),
        "addresses": [
            {"address": address, "lines": address_lines(address)}
            for address in party.addresses.all()
        ],
        "deals": list(deals_for(user, deal_list().filter(party=party))[:limit]),
        "quotations": list(quotation_list().filter(party=party).order_by("-created_at")[:limit]),
        "orders": list(order_list().filter(party=party).order_by("-created_at")[:limit]),
        "invoices": list(invoices[:limit]),
        "outstanding": outstanding,
        "payments": list(
            payment_list().filter(invoice__order__party=party).order_by("-at")[:limit]
        ),
        "interactions": record_timeline(
            "customer", party.pk, party_history(party, limit=limit), limit=limit
        ),
    }


def role_label(party: Party) -> str:
    if party.is_customer and party.is_supplier:
        return _("Customer and supplier")
    if party.is_supplier:
        return _("Supplier")
    return _("Customer") if party.is_customer else ""


def customer_rows(parties: QuerySet[Party]):
    """The list's columns for an export: header, then one row per party (streamed)."""
    header = [_("Name"), _("Role"), _("VAT id"), _("Price list"), _("Active")]
    header += [_("Owner"), _("Tags")]
    rows = (
        [
            party.name,
            str(role_label(party)),
            party.tax_id,
            party.price_list.name if party.price_list else "",
            _("yes") if party.is_active else _("no"),
            person_name(party.owner),
            ", ".join(tag.name for tag in party.tags.all()),
        ]
        for party in parties.iterator(chunk_size=2000)
    )
    return [str(h) for h in header], ([str(cell) for cell in row] for row in rows)
