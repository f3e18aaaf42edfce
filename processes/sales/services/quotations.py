"""Quotations: made for a customer (or from a draft order), sent, accepted or rejected."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processes.catalog.selectors import prices_include_tax
from processes.common.currencies import conversion_on
from processes.common.errors import InvalidTransition
from processes.common.numbering import assign_number
from processes.common.statuses import status_word
from processes.sales import documents
from processes.sales.locks import lock_order, lock_quotation
from processes.sales.models import Quotation, QuotationLine, SalesOrder
from processes.sales.selectors import currency_of
from processes.sales.services.lines import check_customer, copied_lines, priced_lines
from processes.sales.services.taxes import document_totals

Status = Quotation.Status
VALID_DAYS = 30


def _save_quotation(*, party, lines, valid_until, notes, user, includes_tax, currency) -> Quotation:
    quotation = Quotation.objects.create(
        party=party,
        prices_include_tax=includes_tax,
        **conversion_on(currency, timezone.localdate()).fields(),
        valid_until=valid_until or timezone.localdate() + timedelta(days=VALID_DAYS),
        notes=notes,
        created_by=user,
        **document_totals(lines),
    )
    QuotationLine.objects.bulk_create(QuotationLine(quotation=quotation, **line) for line in lines)
    assign_number(quotation, "QT")
    return quotation


# The step refused, as a whole sentence for the translators.
REFUSED = {
    "sent": gettext_lazy("Quotation %(number)s is “%(status)s”; it cannot be sent."),
    "accepted": gettext_lazy("Quotation %(number)s is “%(status)s”; it cannot be accepted."),
    "rejected": gettext_lazy("Quotation %(number)s is “%(status)s”; it cannot be rejected."),
}


def _require(quotation: Quotation, *allowed: str, action: str) -> Quotation:
    quotation = lock_quotation(quotation)
    if quotation.status not in allowed:
        raise InvalidTransition(
            REFUSED[action] % {"number": quotation.number, "status": status_word(quotation)}
        )
    return quotation


@transaction.atomic
def quotation_create(
    *, party, lines: list[dict], valid_until: date | None = None, notes: str = "", user=None
) -> Quotation:
    """A draft quotation: lines [{"product", "quantity", "discount_percent"?}] priced with
    price_for; valid for 30 days unless `valid_until` says otherwise."""
    check_customer(party)
    lines = priced_lines(party=party, lines=lines)
    return _save_quotation(
        party=party,
        lines=lines,
        valid_until=valid_until,
        notes=notes,
        user=user,
        includes_tax=prices_include_tax(party),
        currency=currency_of(party),
    )


@transaction.atomic
def quotation_create_for_order(
    *, order: SalesOrder, valid_until: date | None = None, user=None
) -> Quotation:
    """The quotation of a draft order (same lines and prices), linked to it."""
    order = lock_order(order)
    if order.status != SalesOrder.Status.DRAFT or order.quotation_id is not None:
        raise InvalidTransition(
            _("Order %(number)s is not a draft without a quotation.") % {"number": order.number}
        )
    quotation = _save_quotation(
        party=order.party,
        lines=copied_lines(order.lines.select_related("product")),
        valid_until=valid_until,
        notes=order.notes,
        user=user,
        includes_tax=order.prices_include_tax,
        currency=order.currency,
    )
    order.quotation = quotation
    order.save(update_fields=["quotation"])
    return quotation


@transaction.atomic
def quotation_send(*, quotation: Quotation, user=None) -> Quotation:
    """Draft → sent; its PDF is made now if it has none yet."""
    quotation = _require(quotation, Status.DRAFT, action="sent")
    quotation.status, quotation.sent_at = Status.SENT, timezone.now()
    quotation.save(update_fields=["status", "sent_at"])
    if not quotation.pdf:
        quotation_render_pdf(quotation=quotation)
    return quotation


@transaction.atomic
def quotation_accept(*, quotation: Quotation, user=None) -> Quotation:
    """Sent → accepted, while it is still valid."""
    quotation = _require(quotation, Status.SENT, action="accepted")
    if quotation.valid_until < timezone.localdate():
        raise InvalidTransition(
            _("Quotation %(number)s expired on %(date)s.")
            % {"number": quotation.number, "date": formats.date_format(quotation.valid_until)}
        )
    quotation.status, quotation.decided_at = Status.ACCEPTED, timezone.now()
    quotation.save(update_fields=["status", "decided_at"])
    return quotation


@transaction.atomic
def quotation_reject(*, quotation: Quotation, reason: str = "", user=None) -> Quotation:
    """Draft or sent → rejected, with the customer's reason."""
    quotation = _require(quotation, Status.DRAFT, Status.SENT, action="rejected")
    quotation.status, quotation.decided_at = Status.REJECTED, timezone.now()
    quotation.rejection_reason = reason
    quotation.save(update_fields=["status", "decided_at", "rejection_reason"])
    return quotation


@transaction.atomic
def quotations_expire(*, today: date | None = None) -> int:
    """Mark the draft and sent quotations past their validity as expired; how many."""
    today = today or timezone.localdate()
    return Quotation.objects.filter(
        status__in=[Status.DRAFT, Status.SENT], valid_until__lt=today
    ).update(status=Status.EXPIRED, decided_at=timezone.now())


@transaction.atomic
def quotation_render_pdf(*, quotation: Quotation) -> Quotation:
    """Make the quotation's PDF and store it with the quotation (replacing an older one)."""
    documents.store_pdf(quotation, documents.quotation_pdf(quotation))
    return quotation
