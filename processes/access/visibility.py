"""Object-level visibility: per group, whether its members see every customer and deal or
only their own (the customers they look after, `Party.owner`, and those customers' deals,
plus the deals they own). An administrator sets it on the rights page and with
PUT /api/rights/{group}/ `{"own": ["customers", "deals"]}`; a group that never had it set
sees all (`DEFAULT_OWN`: the demo company has one salesperson).

A person sees all of a kind when any of her groups that reads it sees all of it;
administrators see everything. Suppliers that are not customers are not "her customers":
an own-only person still sees them. Lists, search, boards, exports, the API's lists and a
record's page and API detail (404 otherwise) all filter through here.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from processes.access.rights import (
    READ,
    _everything,
    _signed_in,
    _stored_rights,
    group_names,
    group_rights,
)

# kind → what seeing only one's own means, for the rights page.
OWN_KINDS = {
    "customers": _("only the customers they look after"),
    "deals": _("only the deals of the customers they look after, and the deals they own"),
}
DEFAULT_OWN: dict[str, frozenset[str]] = {}  # group → kinds it sees only its own of


def group_own(name: str, stored: list | None) -> frozenset[str]:
    """The kinds a group sees only its members' own records of: what an administrator set
    (`stored`), else the shipped default."""
    if stored is None:
        return DEFAULT_OWN.get(name.lower(), frozenset())
    return frozenset(kind for kind in stored if kind in OWN_KINDS)


def _stored_own(user) -> dict[str, list]:
    """Group name (lower-cased) → the kinds an administrator made own-only; read once per
    user object (one request)."""
    cached = getattr(user, "_access_own", None)
    if cached is None:
        from processes.access.models import GroupRights

        rows = GroupRights.objects.filter(group__user=user).values_list("group__name", "own")
        cached = {name.lower(): own for name, own in rows} if user.pk else {}
        user._access_own = cached
    return cached


def sees_own_only(user, kind: str) -> bool:
    """Whether the person sees only her own records of `kind` (customers, deals)."""
    if kind not in OWN_KINDS:
        raise ValueError(f"no own-only visibility for {kind!r}")
    if not _signed_in(user):
        return True
    if _everything(user):
        return False
    rights, own = _stored_rights(user), _stored_own(user)
    for group in group_names(user):
        reads = READ in group_rights(group, rights.get(group)).get(kind, ())
        if reads and kind not in group_own(group, own.get(group)):
            return False
    return True


def _own_parties(user, prefix: str = "") -> Q:
    return Q(**{f"{prefix}owner": user}) | Q(**{f"{prefix}is_customer": False})


def parties_for(user, queryset: QuerySet) -> QuerySet:
    """The customers and suppliers of `queryset` the person sees."""
    if not _signed_in(user):  # nobody's own records (the API schema asks without a person)
        return queryset.none()
    if sees_own_only(user, "customers"):
        return queryset.filter(_own_parties(user))
    return queryset


def party_related_for(user, queryset: QuerySet) -> QuerySet:
    """Contacts and interactions (anything with a `party`) of the parties the person sees."""
    if not _signed_in(user):
        return queryset.none()
    if sees_own_only(user, "customers"):
        return queryset.filter(_own_parties(user, "party__"))
    return queryset


def deals_for(user, queryset: QuerySet) -> QuerySet:
    """The deals of `queryset` the person sees."""
    if not _signed_in(user):
        return queryset.none()
    if sees_own_only(user, "deals"):
        return queryset.filter(Q(party__owner=user) | Q(owner=user))
    return queryset


# Sales document model → the path from it to its customer.
DOCUMENT_PARTY = {
    "sales.quotation": "party__",
    "sales.salesorder": "party__",
    "sales.invoice": "order__party__",
    "sales.payment": "invoice__order__party__",
    "sales.creditnote": "invoice__order__party__",
    "shipment.shipment": "order__party__",
}


def documents_for(user, queryset: QuerySet) -> QuerySet:
    """The quotations, orders, invoices, payments, credit notes and shipments of `queryset`
    the person sees: those of the customers she sees (`parties_for`)."""
    if not _signed_in(user):
        return queryset.none()
    if sees_own_only(user, "customers"):
        prefix = DOCUMENT_PARTY[queryset.model._meta.label_lower]
        return queryset.filter(_own_parties(user, prefix))
    return queryset
