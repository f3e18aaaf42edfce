"""Partial credit notes: chosen lines and quantities of an open invoice credited back (goods
returned, a price corrected), numbered without gaps like invoices (CN-2026-00002).

A line is never credited more than was invoiced less what earlier credit notes took; the
credit note that takes the rest of a line takes exactly the rest of its net and tax, so the
credit notes of a line always add up to the line, to the cent. What the customer owes
(`outstanding`) goes down by each credit note's gross (docs/taxes.md).
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from processes.common.currencies import quantum
from processes.common.errors import InvalidData, InvalidTransition
from processes.common.money import format_money
from processes.common.statuses import status_word
from processes.sales.locks import lock_invoice, lock_order
from processes.sales.models import CreditNote, CreditNoteLine, Invoice, InvoiceLine
from processes.sales.sequences import next_number
from processes.sales.services.billing import credit_note_render_pdf
from processes.sales.services.lines import line_part
from processes.sales.services.progress import order_refresh
from processes.sales.services.taxes import document_totals

ZERO = Decimal("0")
PARTIAL_REASONS = (CreditNote.Reason.RETURN, CreditNote.Reason.CORRECTION)


def credited_so_far(invoice: Invoice) -> dict[int, dict[str, Decimal]]:
    """Invoice line id → the quantity, net and tax its credit notes took so far."""
    rows = (
        CreditNoteLine.objects.filter(credit_note__invoice=invoice)
        .values("invoice_line")
        .annotate(quantity=Sum("quantity"), total=Sum("total"), tax=Sum("tax_amount"))
    )
    return {
        row["invoice_line"]: {"quantity": row["quantity"], "total": row["total"], "tax": row["tax"]}
        for row in rows
    }


@transaction.atomic
def credit_note_create(
    *,
    invoice: Invoice,
    lines: list[dict],
    reason: str = CreditNote.Reason.RETURN,
    note: str = "",
    user=None,
) -> CreditNote:
    """Credit `lines` [{"line": invoice line id, "quantity"}] of an open invoice, with the
    credit note's PDF; the invoice then owes that much less (paid once nothing is left,
    cancelled once every line is credited in full and nothing was paid).

    Raises InvalidData (400) naming the line credited beyond what is left, a line not on the
    invoice or a credit note above what is still owed; InvalidTransition (409) for an
    invoice that is not open. Nothing is stored then.
    """
    invoice = lock_invoice(invoice)
    if invoice.status != Invoice.Status.OPEN:
        raise InvalidTransition(
            _("Invoice %(number)s is “%(status)s”: only an open invoice takes a credit note.")
            % {"number": invoice.number, "status": status_word(invoice)}
        )
    if reason not in PARTIAL_REASONS:
        allowed = ", ".join(PARTIAL_REASONS)
        raise _refused("reason", _("The reason is one of: %(allowed)s.") % {"allowed": allowed})
    invoice_lines = {line.pk: line for line in invoice.lines.select_related("product")}
    credited = credited_so_far(invoice)
    chosen = _chosen(lines, invoice, invoice_lines, credited)
    smallest = quantum(invoice.currency)
    new_lines = []
    for line, quantity in chosen:
        taken = credited.get(line.pk, {"quantity": ZERO, "total": ZERO, "tax": ZERO})
        part = line_part(line, quantity, includes_tax=invoice.prices_include_tax, smallest=smallest)
        if quantity == line.quantity - taken["quantity"]:
            # The rest of the line: exactly what is left of its net and tax.
            part["total"] = line.total - taken["total"]
            part["tax_amount"] = line.tax_amount - taken["tax"]
        new_lines.append(CreditNoteLine(invoice_line=line, **part))
    totals = document_totals(new_lines)
    if totals["total"] > invoice.outstanding:
        raise _refused(
            "lines",
            _(
                "The credit note comes to %(amount)s, more than the %(outstanding)s "
                "still owed on %(number)s."
            )
            % {
                "amount": format_money(totals["total"], invoice.currency),
                "outstanding": format_money(invoice.outstanding, invoice.currency),
                "number": invoice.number,
            },
        )
    credit_note = CreditNote.objects.create(
        invoice=invoice,
        reason=reason,
        note=note,
        **totals,
        currency=invoice.currency,
        exchange_rate=invoice.exchange_rate,
        exchange_rate_date=invoice.exchange_rate_date,
        created_by=user,
    )
    for line in new_lines:
        line.credit_note = credit_note
    CreditNoteLine.objects.bulk_create(new_lines)
    credit_note.number = next_number("CN", credit_note.issued_on.year)
    credit_note.save(update_fields=["number"])
    _settle(invoice, credit_note, credited, chosen)
    credit_note_render_pdf(credit_note=credit_note)
    invoice.order = order_refresh(lock_order(invoice.order_id))
    return credit_note


def _refused(field: str, message: str) -> InvalidData:
    return InvalidData(message, errors={field: [message]})


def _chosen(lines, invoice, invoice_lines, credited) -> list[tuple[InvoiceLine, Decimal]]:
    """(invoice line, quantity) of each requested line, each checked; InvalidData naming
    every wrong one."""
    if not lines:
        raise _refused("lines", _("Name at least one invoice line to credit."))
    problems, chosen, seen = [], [], set()
    for index, row in enumerate(lines, start=1):
        row = row if isinstance(row, dict) else {}
        line = invoice_lines.get(_integer(row.get("line")))
        if line is None:
            problems.append(
                _("Line %(index)s: %(line)s is not a line of invoice %(number)s.")
                % {"index": index, "line": row.get("line"), "number": invoice.number}
            )
            continue
        name = f"{line.product.sku} {line.product.name}"
        if line.pk in seen:
            problems.append(
                _("Line %(index)s: %(product)s is named twice.") % {"index": index, "product": name}
            )
            continue
        seen.add(line.pk)
        quantity = _decimal(row.get("quantity"))
        left = line.quantity - credited.get(line.pk, {}).get("quantity", ZERO)
        if quantity is None or quantity <= 0:
            problems.append(
                _("Line %(index)s (%(product)s): the quantity must be a number above zero.")
                % {"index": index, "product": name}
            )
        elif quantity > left:
            problems.append(
                _(
                    "Line %(index)s (%(product)s): %(quantity)s cannot be credited, only "
                    "%(left)s is left (%(invoiced)s invoiced, %(credited)s already credited)."
                )
                % {
                    "index": index,
                    "product": name,
                    "quantity": _qty(quantity),
                    "left": _qty(left),
                    "invoiced": _qty(line.quantity),
                    "credited": _qty(line.quantity - left),
                }
            )
        else:
            chosen.append((line, quantity))
    if problems:
        raise InvalidData(problems[0], errors={"lines": problems})
    return chosen


def _settle(invoice: Invoice, credit_note: CreditNote, credited, chosen) -> None:
    """The invoice owes the credit note's gross less; paid or cancelled when that is all."""
    invoice.credited_amount += credit_note.total
    fields = ["credited_amount"]
    taken = {pk: row["quantity"] for pk, row in credited.items()}
    for line, quantity in chosen:
        taken[line.pk] = taken.get(line.pk, ZERO) + quantity
    everything = all(taken.get(line.pk, ZERO) >= line.quantity for line in invoice.lines.all())
    if everything and invoice.paid_amount == 0:
        invoice.status = Invoice.Status.CANCELLED
        fields.append("status")
    elif invoice.outstanding <= 0:
        invoice.status, invoice.paid_at = Invoice.Status.PAID, timezone.now()
        fields += ["status", "paid_at"]
    invoice.save(update_fields=fields)


def _integer(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number != number.quantize(Decimal("0.001")):
        return None
    return number


def _qty(value: Decimal) -> str:
    from django.utils import formats

    return formats.number_format(value.normalize())
