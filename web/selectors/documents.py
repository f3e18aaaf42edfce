"""Reads of the document pages: quotations, sales orders, invoices, payments, purchase
orders, manufacturing orders and shipments — their lists with filters, one document with
its lines, and the process that drives it (processes.ownership)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engine.models import HumanTask
from processes.access import documents_for
from processes.access.visibility import DOCUMENT_PARTY
from processes.common.statuses import WORDS
from processes.ownership.models import DocumentProcess
from processes.procurement.models import PurchaseOrder
from processes.procurement.selectors import purchase_order_list
from processes.production.models import ManufacturingOrder
from processes.production.selectors import mo_list
from processes.sales.models import Invoice, Payment, Quotation, SalesOrder
from processes.sales.selectors import (
    currency_of,
    invoice_list,
    order_list,
    payment_list,
    quotation_list,
)
from processes.shipment.models import Shipment
from processes.shipment.selectors import shipment_list

# A payment has no lifecycle: its list is filtered by how it was paid.
METHODS = {
    Payment.Method.BANK_TRANSFER: pgettext_lazy("payment method", "Bank transfer"),
    Payment.Method.CARD: pgettext_lazy("payment method", "Card"),
    Payment.Method.CASH: pgettext_lazy("payment method", "Cash"),
    Payment.Method.OTHER: pgettext_lazy("payment method", "Other"),
}
# Each status axis → the choices it reads, in the model's order.
AXES = {
    "order": SalesOrder.Status,
    "fulfilment": SalesOrder.Fulfilment,
    "billing": SalesOrder.Billing,
    "quotation": Quotation.Status,
    "invoice": Invoice.Status,
    "purchase": PurchaseOrder.Status,
    "production": ManufacturingOrder.Status,
    "shipment": Shipment.Status,
}
STATUSES = {axis: {code: WORDS[code] for code in choices.values} for axis, choices in AXES.items()}
STATUSES["payment"] = METHODS


def company_currency() -> str:
    return settings.HYPERCRM.get("COMPANY_CURRENCY", "EUR")


@dataclass(frozen=True)
class DocKind:
    """One kind of document page: what it lists, who reads it, how it is searched."""

    key: str  # the address: /orders/, /purchase-orders/ ...
    right: str  # the processes.access kind read to open the pages
    title: object
    statuses: str  # the STATUSES key of its main status
    queryset: Callable[[], QuerySet]
    search: Callable[[str], Q]
    party: Callable[[object], object] = lambda doc: None  # the customer or supplier
    currency: Callable[[object], str] = lambda doc: company_currency()
    # The document whose process moves this one (an invoice's: its order's).
    owner: Callable[[object], object] = lambda doc: doc
    status_field: str = "status"  # what the status filter and column read
    number: Callable[[object], str] = lambda doc: doc.number or ""
    amount: Callable[[object], object] = lambda doc: getattr(doc, "total", None)
    date: Callable[[object], object] = lambda doc: doc.created_at
    # What else its list shows, as export columns: (header, value of a document).
    more: tuple[tuple[object, Callable[[object], object]], ...] = ()

    def row(self, doc) -> "DocRow":
        return DocRow(
            doc=doc,
            number=self.number(doc),
            party=self.party(doc),
            currency=self.currency(doc),
            status=getattr(doc, self.status_field),
            amount=self.amount(doc),
            date=self.date(doc),
        )


@dataclass(frozen=True)
class DocRow:
    """One line of a document list, the same for every kind of document."""

    doc: object
    number: str
    party: object
    currency: str
    status: str
    amount: object
    date: object


KINDS = {
    "quotations": DocKind(
        key="quotations",
        right="quotations",
        title=_("Quotations"),
        statuses="quotation",
        queryset=lambda: quotation_list().select_related("order").order_by("-created_at", "-id"),
        search=lambda q: Q(number__istartswith=q) | Q(party__name__icontains=q),
        party=lambda doc: doc.party,
        currency=lambda doc: doc.currency,
        owner=lambda doc: getattr(doc, "order", None),
    ),
    "orders": DocKind(
        key="orders",
        right="orders",
        title=_("Sales orders"),
        statuses="order",
        queryset=lambda: order_list().order_by("-created_at", "-id"),
        search=lambda q: Q(number__istartswith=q) | Q(party__name__icontains=q),
        party=lambda doc: doc.party,
        currency=lambda doc: currency_of(doc.party),
        more=(
            (_("Delivery"), lambda doc: STATUSES["fulfilment"].get(doc.fulfilment_status, "")),
            (_("Billing"), lambda doc: STATUSES["billing"].get(doc.billing_status, "")),
        ),
    ),
    "invoices": DocKind(
        key="invoices",
        right="invoices",
        title=_("Invoices"),
        statuses="invoice",
        queryset=lambda: invoice_list().order_by("-created_at", "-id"),
        search=lambda q: (
            Q(number__istartswith=q)
            | Q(order__number__istartswith=q)
            | Q(order__party__name__icontains=q)
        ),
        party=lambda doc: doc.order.party,
        currency=lambda doc: doc.currency,
        owner=lambda doc: doc.order,
        more=((_("Outstanding"), lambda doc: doc.outstanding),),
    ),
    "payments": DocKind(
        key="payments",
        right="payments",
        title=_("Payments"),
        statuses="payment",
        queryset=lambda: (
            payment_list().select_related("invoice__order__party", "user").order_by("-at", "-id")
        ),
        search=lambda q: (
            Q(invoice__number__istartswith=q)
            | Q(reference__icontains=q)
            | Q(invoice__order__party__name__icontains=q)
        ),
        party=lambda doc: doc.invoice.order.party,
        currency=lambda doc: doc.invoice.currency,
        owner=lambda doc: doc.invoice.order,
        status_field="method",
        number=lambda doc: doc.invoice.number or "",
        amount=lambda doc: doc.amount,
        date=lambda doc: doc.at,
    ),
    "purchase-orders": DocKind(
        key="purchase-orders",
        right="purchases",
        title=_("Purchase orders"),
        statuses="purchase",
        queryset=lambda: purchase_order_list().order_by("-created_at", "-id"),
        search=lambda q: Q(number__istartswith=q) | Q(supplier__name__icontains=q),
        party=lambda doc: doc.supplier,
    ),
    "manufacturing-orders": DocKind(
        key="manufacturing-orders",
        right="production",
        title=_("Manufacturing orders"),
        statuses="production",
        queryset=lambda: mo_list().order_by("-created_at", "-id"),
        search=lambda q: (
            Q(number__istartswith=q)
            | Q(product__sku__istartswith=q)
            | Q(product__name__icontains=q)
            | Q(reference__istartswith=q)
        ),
        more=(
            (_("Produced"), lambda doc: doc.produced_quantity),
            (_("Quantity"), lambda doc: doc.quantity),
        ),
    ),
    "shipments": DocKind(
        key="shipments",
        right="shipments",
        title=_("Shipments"),
        statuses="shipment",
        queryset=lambda: (
            shipment_list().select_related("order__party").order_by("-created_at", "-id")
        ),
        search=lambda q: (
            Q(number__istartswith=q)
            | Q(order__number__istartswith=q)
            | Q(order__party__name__icontains=q)
            | Q(tracking_number__istartswith=q)
        ),
        party=lambda doc: doc.order.party,
        currency=lambda doc: currency_of(doc.order.party),
        more=((_("Carrier"), lambda doc: doc.carrier),),
    ),
}


@dataclass(frozen=True)
class DocFilters:
    q: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, query, kind: DocKind) -> "DocFilters":
        status = query.get("status", "")
        return cls(
            q=query.get("q", "").strip()[:100],
            status=status if status in STATUSES[kind.statuses] else "",
        )

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.status)


def documents_seen(kind: DocKind, user) -> QuerySet:
    """The documents of `kind` the person sees (processes.access.documents_for: an
    own-only person sees those of her customers)."""
    qs = kind.queryset()
    if qs.model._meta.label_lower in DOCUMENT_PARTY:
        qs = documents_for(user, qs)
    return qs


def document_search(kind: DocKind, filters: DocFilters, user) -> QuerySet:
    qs = documents_seen(kind, user)
    if filters.status:
        qs = qs.filter(**{kind.status_field: filters.status})
    if filters.q:
        qs = qs.filter(kind.search(filters.q))
    return qs


def document_rows(kind: DocKind, documents: QuerySet):
    """The list's columns for an export: header, then one row per document (streamed)."""
    labels = STATUSES[kind.statuses]
    header = [_("Number"), _("For"), _("Status"), _("Total"), _("Currency"), _("Created")]
    header += [title for title, _value in kind.more]
    rows = (
        [
            row.number,
            _described(kind, row),
            str(labels.get(row.status, row.status)),
            "" if row.amount is None else row.amount,
            "" if row.amount is None else row.currency,
            row.date.date().isoformat(),
            *(_cell(value(row.doc)) for _title, value in kind.more),
        ]
        for row in map(kind.row, documents.iterator(chunk_size=2000))
    )
    return [str(h) for h in header], rows


def _cell(value):
    return str(value) if isinstance(value, Promise) else value


def _described(kind: DocKind, row: DocRow) -> str:
    if row.party is not None:
        return row.party.name
    return f"{row.doc.quantity.normalize():f} × {row.doc.product.name}"


@dataclass
class DocumentCase:
    """The process instance that made the document, with its open tasks."""

    instance: object
    tasks: list = field(default_factory=list)


def document_case(document) -> DocumentCase | None:
    """The instance that made the document (running or ended), with its open tasks."""
    if document is None:
        return None
    link = (
        DocumentProcess.objects.filter(kind=document._meta.label_lower, document_id=document.pk)
        .select_related("instance__definition")
        .only(
            "instance__status",
            "instance__stage",
            "instance__started_at",
            "instance__ended_at",
            "instance__definition__key",
            "instance__definition__name",
        )
        .first()
    )
    if link is None:
        return None
    tasks = HumanTask.objects.filter(
        instance_id=link.instance_id, status__in=[HumanTask.Status.OPEN, HumanTask.Status.CLAIMED]
    ).select_related("assignee")
    return DocumentCase(link.instance, list(tasks.order_by("created_at", "pk")))
