"""Journeys through the shipped processes (processes/bpmn/) that reach every user task's
page: each step names who works it, the process and element, and what it is completed
with to go on (None: the journey ends there). Driven through the real engine; the person
opens each task's page in the browser on the way."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from engine.models import HumanTask
from engine.services.instances import instance_start
from tests.processes.business import make_order, oak_desk
from tests.processes.factories import (
    make_customer,
    make_product,
    make_supplier,
    make_warehouse,
    stock,
)

BPMN = Path(__file__).resolve().parents[2] / "processes" / "bpmn"
USER_TASK = re.compile(r'<bpmn:userTask id="([^"]+)"')


@dataclass(frozen=True)
class Step:
    person: str
    process: str
    element: str
    data: dict | str | None = None


def shipped_user_tasks() -> set[tuple[str, str]]:
    """(process key, element id) of every user task of the shipped diagrams."""
    found = set()
    for path in BPMN.glob("*.bpmn"):
        key = re.search(r'<bpmn:process id="([^"]+)"', path.read_text()).group(1)
        found |= {(key, element) for element in USER_TASK.findall(path.read_text())}
    return found


def open_task(process: str, element: str) -> HumanTask:
    return (
        HumanTask.objects.filter(
            instance__definition__key=process,
            element_id=element,
            status__in=[HumanTask.Status.OPEN, HumanTask.Status.CLAIMED],
        )
        .order_by("-pk")
        .get()
    )


# Each journey: who opens which task, in order. The last step of each is only looked at.
ROUTES: dict[str, list[tuple[str, str, str]]] = {
    "sales": [
        ("alice", "sales", "enter_order"),
        ("alice", "sales", "customer_decision"),
        ("bob", "shipment", "pick_goods"),
        ("bob", "shipment", "pack_goods"),
        ("bob", "shipment", "hand_over"),
        ("alice", "shipment", "confirm_delivery"),
        ("alice", "sales", "record_payment"),  # left open: two weeks on, the reminder
        ("alice", "sales", "remind_customer"),
    ],
    "purchase": [
        ("dave", "procurement", "request_form"),
        ("erin", "procurement", "approve_order"),
        ("bob", "procurement", "receive_goods"),
        ("bob", "procurement", "check_goods"),
    ],
    "purchase-without-supplier": [
        ("dave", "procurement", "request_form"),
        ("dave", "procurement", "choose_supplier"),
    ],
    "production": [
        ("carol", "production", "plan_form"),
        ("carol", "production", "produce"),
        ("pat", "production", "check_quality"),
    ],
    "shipment-by-hand": [("bob", "shipment", "choose_order")],
}

# Not completed: the clock moves two weeks on and the timers fire.
LATER = "later"


def journey(name: str, people) -> list[Step]:
    """The journey's records made and its case started; its steps with their data."""
    data = _BUILDERS[name](people)
    return [Step(who, key, element, data.get(element)) for who, key, element in ROUTES[name]]


def _sales(people) -> dict:
    lamp = make_product("LAMP", name="Desk lamp", list_price=Decimal("50.00"))
    stock(lamp, make_warehouse("WH1", name="Main warehouse"), 10)
    customer = make_customer("Acme Ltd")
    instance_start(definition_key="sales", user=people["alice"])
    return {
        "enter_order": {"customer": customer.pk, "lines": [{"product": lamp.pk, "quantity": 4}]},
        "customer_decision": {"accepted": True},
        "pick_goods": {"all_picked": True},
        "pack_goods": {"packages": [{"weight_kg": 10}]},
        "hand_over": {"carrier": "DHL"},
        "confirm_delivery": {"delivered": True},
        "record_payment": LATER,
    }


def _purchase(people) -> dict:
    supplier = make_supplier("Nordic Timber AB")
    top = make_product(
        "OAK-TOP",
        name="Oak tabletop",
        kind="purchased",
        standard_cost=Decimal("180.00"),
        default_supplier=supplier,
    )
    make_warehouse("WH1", name="Main warehouse")
    instance_start(definition_key="procurement", user=people["dave"])
    return {
        "request_form": {"product": top.pk, "quantity": 40},
        "approve_order": {"approved": True},
        "receive_goods": {"all_arrived": True},
    }


def _purchase_without_supplier(people) -> dict:
    make_supplier("Office Supply Co")
    tray = make_product("CABLE-TRAY", name="Cable tray", standard_cost=Decimal("11.00"))
    make_warehouse("WH1", name="Main warehouse")
    instance_start(definition_key="procurement", user=people["dave"])
    return {"request_form": {"product": tray.pk, "quantity": 20}}


def _production(people) -> dict:
    parts = oak_desk()
    main = make_warehouse("WH9", name="Workshop")
    stock(parts.frame, main, 2)
    stock(parts.top, main, 2)
    instance_start(definition_key="production", user=people["carol"])
    return {
        "plan_form": {"product": parts.desk.pk, "quantity": 2, "warehouse": main.pk},
        "produce": {"produced": 2, "scrap": 0},
    }


def _shipment_by_hand(people) -> dict:
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("120.00"))
    stock(chair, make_warehouse("WH1", name="Main warehouse"), 5)
    make_order((chair, 2), party=make_customer("Fjord Trading"), reserve=True)
    instance_start(definition_key="shipment", user=people["bob"])
    return {}


_BUILDERS = {
    "sales": _sales,
    "purchase": _purchase,
    "purchase-without-supplier": _purchase_without_supplier,
    "production": _production,
    "shipment-by-hand": _shipment_by_hand,
}


class TwoWeeksLater(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(days=15)
