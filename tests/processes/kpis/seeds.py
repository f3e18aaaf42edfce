"""The records the operations reports are checked against, made through the services:
stock in two warehouses, purchase orders in two currencies, finished manufacturing orders,
completed process instances and tasks — with the dates moved where a period matters."""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from engine.models import HumanTask, ProcessInstance
from engine.services.instances import instance_start
from engine.services.tasks import task_claim, task_complete
from processes.catalog import services as catalog
from processes.inventory import services as inventory
from processes.procurement import services as procurement
from processes.procurement.models import PurchaseOrder
from processes.production import services as production
from processes.production.models import ManufacturingOrder
from tests.factories import deploy_fixture
from tests.processes.business import oak_desk
from tests.processes.factories import make_product, make_supplier, make_warehouse, stock

D = Decimal
LONG_AGO = timedelta(days=800)


def stock_in_two_warehouses():
    """Main: 10 chairs (cost 40, price 100), 2 desks (150.50 / 300), 12.5 m of tube
    (6.50 / 9); Annex: 3 chairs; a lamp received and issued again (nothing held)."""
    main = make_warehouse("WH1", name="Main")
    annex = make_warehouse("WH2", name="Annex")
    chair = make_product("CHAIR", name="Office chair", standard_cost=D("40.00"))
    desk = make_product("DESK", name="Oak desk", standard_cost=D("150.50"), list_price=D("300.00"))
    tube = make_product(
        "TUBE", name="Steel tube", unit="m", standard_cost=D("6.50"), list_price=D("9.00")
    )
    lamp = make_product("LAMP", name="Desk lamp", standard_cost=D("20.00"))
    for product, warehouse, quantity in [
        (chair, main, 10), (desk, main, 2), (tube, main, "12.5"), (chair, annex, 3),
        (lamp, annex, 1),
    ]:  # fmt: skip
        stock(product, warehouse, quantity)
    inventory.stock_issue(product=lamp, warehouse=annex, quantity=D(1), reference="sold")
    return SimpleNamespace(main=main, annex=annex, chair=chair, desk=desk, tube=tube)


def _sent(supplier, lines, days_ago: int = 0):
    order = procurement.purchase_order_create(supplier=supplier, lines=lines)
    procurement.purchase_order_approve(order=order)
    procurement.purchase_order_send(order=order)
    moment = timezone.now() - timedelta(days=days_ago)
    PurchaseOrder.objects.filter(pk=order.pk).update(sent_at=moment)
    order.refresh_from_db()
    return order


def purchases_from_two_suppliers():
    """Timber & Steel (EUR): two orders sent now, one sent 800 days ago, a draft, a sent one
    cancelled; Nordic Parts (USD at 0.9): one order sent now."""
    make_warehouse("WH1", name="Main")
    today = timezone.localdate()
    dollars = catalog.price_list_create(name="Export", currency="USD")
    catalog.exchange_rate_set(currency="USD", day=today - timedelta(days=900), rate="0.9")
    timber = make_supplier("Timber & Steel")
    nordic = make_supplier("Nordic Parts", price_list=dollars)
    chair = make_product("CHAIR", name="Office chair", standard_cost=D("40.00"))
    desk = make_product("DESK", name="Oak desk", standard_cost=D("150.50"))
    orders = SimpleNamespace(
        chairs=_sent(timber, [{"product": chair, "quantity": 10}]),
        desks=_sent(timber, [{"product": desk, "quantity": 2}]),
        old=_sent(timber, [{"product": chair, "quantity": 99}], days_ago=LONG_AGO.days),
        usd=_sent(nordic, [{"product": chair, "quantity": 5, "unit_price": "30.00"}]),
    )
    procurement.purchase_order_create(supplier=timber, lines=[{"product": desk, "quantity": 7}])
    cancelled = _sent(timber, [{"product": desk, "quantity": 3}])
    procurement.purchase_order_cancel(order=cancelled)
    return SimpleNamespace(timber=timber, nordic=nordic, orders=orders)


def _made(product, quantity, produced, scrap=0, days_ago: int = 0):
    mo = production.manufacturing_order_plan(product=product, quantity=quantity)
    production.mo_reserve_components(mo=mo)
    production.mo_start(mo=mo)
    production.mo_record_output(mo=mo, produced=produced, scrap=scrap)
    production.mo_quality_check(mo=mo, passed=True)
    mo = production.mo_finish(mo=mo)
    if days_ago:
        moment = timezone.now() - timedelta(days=days_ago)
        ManufacturingOrder.objects.filter(pk=mo.pk).update(finished_at=moment)
    return mo


def production_of_desks_and_frames():
    """Desks: 3 made (2 good, 1 scrapped) and 2 made (2 good), one made 800 days ago, one in
    progress; frames: 5 made, all good."""
    main = make_warehouse("WH1", name="Main")
    parts = oak_desk()
    for part, quantity in [(parts.frame, 7), (parts.top, 7), (parts.tube, 20), (parts.screw, 40)]:
        stock(part, main, quantity)
    _made(parts.desk, 3, produced=2, scrap=1)
    _made(parts.desk, 2, produced=2)
    _made(parts.desk, 1, produced=1, days_ago=LONG_AGO.days)
    _made(parts.frame, 5, produced=5)
    waiting = production.manufacturing_order_plan(product=parts.desk, quantity=1)
    production.mo_reserve_components(mo=waiting)
    production.mo_start(mo=waiting)
    return parts


def _times(instance, *, started: timedelta, tasks: dict[str, tuple], ended=timedelta(0)):
    """Move an instance's start/end and its tasks' (opened, claimed or None, ended) back by
    the given offsets from now."""
    now = timezone.now()
    ProcessInstance.objects.filter(pk=instance.pk).update(
        started_at=now - started, ended_at=now - ended
    )
    for element_id, (opened, claimed, done) in tasks.items():
        HumanTask.objects.filter(instance=instance, element_id=element_id).update(
            created_at=now - opened,
            claimed_at=None if claimed is None else now - claimed,
            ended_at=now - done,
        )


def completed_orders(alice, erin):
    """The order approval process: a small order completed in 2 hours (its entry took 1 hour,
    30 minutes of it waiting to be taken), a big one in 6 hours (entry 2 hours, approval 3
    hours), one completed 800 days ago, one still running."""
    hour = timedelta(hours=1)
    deploy_fixture()

    def entered(quantity, price, claim=False):
        instance = instance_start(definition_key="order_approval", user=alice)
        task = HumanTask.objects.get(instance=instance, element_id="enter_order")
        if claim:
            task_claim(task_id=task.pk, user=alice)
        data = {"customer": "Acme", "quantity": quantity, "price": price}
        task_complete(task_id=task.pk, user=alice, data=data)
        return instance

    small = entered(1, 100, claim=True)
    _times(small, started=2 * hour, tasks={"enter_order": (2 * hour, 1.5 * hour, hour)})
    big = entered(10, 200)
    approval = HumanTask.objects.get(instance=big, element_id="approve_order")
    task_complete(task_id=approval.pk, user=erin, data={"approved": True})
    _times(
        big,
        started=6 * hour,
        tasks={
            "enter_order": (6 * hour, None, 4 * hour),
            "approve_order": (3 * hour, None, 0 * hour),
        },
    )
    old = entered(1, 1)
    _times(
        old,
        started=LONG_AGO + hour,
        ended=LONG_AGO,
        tasks={"enter_order": (LONG_AGO, None, LONG_AGO)},
    )
    instance_start(definition_key="order_approval", user=alice)  # still running
    for instance in (small, big, old):
        instance.refresh_from_db()
        assert instance.status == ProcessInstance.Status.COMPLETED, instance.status
    return SimpleNamespace(small=small, big=big)
