"""What a form adds up to while it is filled in: a table the page redraws as lines change.

A form's UI schema names its summary under "ui:summary" (docs/modeling.md); the server
computes it from the form's current values with the same services that will act on them,
so what the person sees is what the process will do.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from processes.common.money import format_money
from processes.sales.preview import order_preview
from web.selectors.context import quantity


@dataclass
class Summary:
    kind: str
    title: str
    empty: str = ""  # what to do to see figures, when there are none yet
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    totals: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _sales_order(values: dict) -> Summary:
    preview = order_preview(customer=values.get("customer"), lines=values.get("lines"))
    summary = Summary(
        kind="sales_order",
        title=_("Order total"),
        columns=[_("Product"), _("Quantity"), _("Unit price"), _("Line total")],
        problems=preview.problems,
    )
    if preview.customer is None:
        summary.empty = _("Choose the customer to see the prices.")
        return summary
    currency = preview.currency
    for line in preview.lines:
        summary.rows.append(
            [
                line.product.name,
                quantity(line.quantity, line.product.unit),
                format_money(line.unit_price, currency),
                format_money(line.total, currency),
            ]
        )
    if not preview.lines:
        summary.empty = _("Add a product and its quantity to see the total.")
        return summary
    summary.totals = [
        (_("Net"), format_money(preview.net_total, currency)),
        (_("Tax"), format_money(preview.tax_total, currency)),
        (_("Total"), format_money(preview.total, currency)),
    ]
    return summary


SUMMARIES: dict[str, Callable[[dict], Summary]] = {"sales_order": _sales_order}


def summary_kind(ui_schema: dict | None) -> str:
    """The summary the form's UI schema names, or "" (none, or one this version lacks)."""
    kind = ui_schema.get("ui:summary") if isinstance(ui_schema, dict) else None
    return kind if isinstance(kind, str) and kind in SUMMARIES else ""


def form_summary(ui_schema: dict | None, values: dict | None) -> Summary | None:
    """The summary of the form's values, or None when its UI schema names none."""
    kind = summary_kind(ui_schema)
    if not kind:
        return None
    return SUMMARIES[kind](values if isinstance(values, dict) else {})
