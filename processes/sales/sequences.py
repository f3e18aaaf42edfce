"""Invoice and credit note numbers that run without gaps per year: INV-2026-00001, …

The law in France, Russia and most places wants an invoice's number to follow the
previous one with no gap, restarting each year. A primary key does not do that (a rolled
back insert burns one), so these documents take their number from a counter row per
(prefix, year), locked (SELECT … FOR UPDATE) and moved on in the same transaction as the
document: a transaction that rolls back gives its number back, and two that run at once
wait for each other rather than both taking the same number. The first document of a
year makes the row; two making it at once are told apart by its unique key.
"""

from django.db import IntegrityError, transaction

from processes.sales.models import NumberSequence

WIDTH = 5


def next_number(prefix: str, year: int) -> str:
    """The next number of `prefix` in `year`, e.g. "INV-2026-00042". Call it inside the
    transaction that saves the document (it needs one: the row stays locked until then).

    Two queries: the counter row's lock and its update (the year's first: its insert)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() belongs in the document's transaction")
    rows = NumberSequence.objects.select_for_update()
    sequence = rows.filter(prefix=prefix, year=year).first()
    if sequence is None:
        try:
            with transaction.atomic():  # a savepoint: losing the race keeps the outer one
                sequence = NumberSequence.objects.create(prefix=prefix, year=year, last=1)
            return _format(prefix, year, 1)
        except IntegrityError:
            # Another transaction made the row first: wait for its lock, then go on.
            sequence = rows.get(prefix=prefix, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return _format(prefix, year, sequence.last)


def _format(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:0{WIDTH}d}"
