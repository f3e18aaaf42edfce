"""The demo company has order-to-cash runs in flight at different stages (demo mode only)."""

from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import HumanTask, Incident, ProcessInstance
from processes.sales.models import SalesOrder

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo_company", stdout=out)
    return out.getvalue()


def open_tasks() -> set[tuple[str, str, str]]:
    rows = HumanTask.objects.filter(status__in=["open", "claimed"])
    return {(t.instance.definition.key, t.element_id, ",".join(t.candidate_groups)) for t in rows}


def test_demo_runs_wait_in_the_inboxes_and_are_seeded_once(settings, deployed):
    settings.DEMO_MODE = True
    assert "5 order-to-cash runs in flight" in seed()

    sales = ProcessInstance.objects.filter(definition__key="sales")
    runs = {i.variables["demo_run"]: i for i in sales}
    assert sorted(runs) == [f"Demo run {n}" for n in range(1, 6)]
    # Named by their order numbers, like any case; the first has no order yet.
    assert runs["Demo run 1"].business_key == ""
    for n in range(2, 6):
        run = runs[f"Demo run {n}"]
        assert run.business_key == run.variables["order"]["order_number"]
    assert runs["Demo run 1"].active == ["enter_order"]
    assert runs["Demo run 2"].active == ["customer_decision"]
    assert runs["Demo run 3"].active == ["order_delivered"]
    assert runs["Demo run 4"].active == ["stock_arrived"]  # 6 desks, 4 in stock
    assert runs["Demo run 5"].active == ["payment_overdue", "record_payment"]
    assert {
        ("sales", "enter_order", "sales"),
        ("sales", "customer_decision", "sales"),
        ("shipment", "pick_goods", "warehouse"),
        ("production", "produce", "production"),
        ("sales", "record_payment", "sales"),
    } <= open_tasks()
    assert not Incident.objects.exists()

    instances, orders = ProcessInstance.objects.count(), SalesOrder.objects.count()
    assert "5 order-to-cash runs in flight" in seed()
    assert (ProcessInstance.objects.count(), SalesOrder.objects.count()) == (instances, orders)


def test_no_runs_without_the_deployed_processes(settings):
    settings.DEMO_MODE = True
    assert "the processes are not deployed" in seed()
    assert not ProcessInstance.objects.exists()
