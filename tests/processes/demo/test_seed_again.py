"""Seeding is idempotent: `make run` starts again after any edit to the demo records."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import ProcessInstance
from processes.catalog.models import Product
from processes.crm.models import Party
from processes.sales.models import Quotation, SalesOrder

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def seed() -> str:
    out = StringIO()
    for command in ("deploy_processes", "seed_demo", "seed_demo_company"):
        call_command(command, stdout=out)
    return out.getvalue()


def runs_named(*names: str) -> list[int]:
    """The demo runs (found by their demo_run variable, as the seeding finds them)."""
    runs = ProcessInstance.objects.filter(definition__key="sales")
    return [run.pk for run in runs if run.variables.get("demo_run") in names]


def test_seeding_again_after_people_edited_the_demo_records_starts_and_keeps_their_edits(
    settings,
):  # fmt: skip
    settings.DEMO_MODE = True
    seed()
    counts = (Quotation.objects.count(), SalesOrder.objects.count())
    # People deactivate a customer and a product, change a price, and a run is gone.
    Party.objects.filter(name="Juniper Hotels").update(is_active=False)
    Product.objects.filter(sku="LAMP-LED").update(is_active=False)
    Product.objects.filter(sku="OAK-DESK").update(list_price=Decimal("999.00"))
    ProcessInstance.objects.filter(pk__in=runs_named("Demo run 1", "Demo run 2")).delete()

    out = seed()

    assert "Demo company ready" in out
    assert "Demo run 1 (LAMP-LED is inactive or gone)" in out
    assert "Demo run 2 (Juniper Hotels is inactive or gone)" in out
    assert not Party.objects.get(name="Juniper Hotels").is_active
    assert Product.objects.get(sku="OAK-DESK").list_price == Decimal("999.00")
    assert (Quotation.objects.count(), SalesOrder.objects.count()) == counts
    assert not runs_named("Demo run 2")
    # Once the customer and product are active again, the runs come back.
    Party.objects.filter(name="Juniper Hotels").update(is_active=True)
    Product.objects.filter(sku="LAMP-LED").update(is_active=True)
    assert "5 order-to-cash runs in flight" in seed()
    assert runs_named("Demo run 2")
