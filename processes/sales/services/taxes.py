"""Tax on sales lines: the shared rules of processes.common.taxes (docs/taxes.md)."""

from processes.common.taxes import (
    document_totals,
    line_amounts,
    line_tax,
    rate_for,
    tax_breakdown,
)

__all__ = ["document_totals", "line_amounts", "line_tax", "rate_for", "tax_breakdown"]
