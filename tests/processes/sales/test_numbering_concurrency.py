"""Ten invoices made at once take ten numbers in a row: none twice, none skipped. Needs
PostgreSQL's row locks (DATABASE_URL=postgres://… make test)."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from processes.sales import services
from processes.sales.models import Invoice
from tests.processes.business import make_order
from tests.processes.factories import make_product

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_invoices_at_once_are_numbered_without_gap_or_double():
    chair = make_product("CHAIR")
    orders = [make_order((chair, 1), confirm=True) for _ in range(10)]
    barrier = threading.Barrier(10)
    errors: list[str] = []

    def invoice(order) -> None:
        try:
            barrier.wait()
            services.invoice_create_for_order(order=order)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=invoice, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    year = timezone.localdate().year
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [
        f"INV-{year}-{n:05d}" for n in range(1, 11)
    ]
