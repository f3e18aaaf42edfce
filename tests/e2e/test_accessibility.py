"""The everyday pages pass axe-core's checks (from npm, node_modules/axe-core, loaded into
the page by the test only) with no serious or critical violation: the inbox, a task page,
the customers list and a customer, an order, the monitor and an instance, the dashboard."""

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from engine.services.instances import instance_start
from tests.processes.factories import make_customer, make_product, make_warehouse, stock

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + json.dumps([n["target"] for n in v["nodes"]][:5])
        for v in found
        if v["impact"] in SERIOUS
    ]


@pytest.mark.skipif(not AXE.exists(), reason="needs npm's axe-core (make install)")
def test_the_everyday_pages_have_no_serious_accessibility_violation(session, people):
    call_command("deploy_processes", stdout=StringIO())
    acme = make_customer("Acme Ltd")
    desk = make_product("DESK", name="Oak desk", list_price=Decimal("120"))
    stock(desk, make_warehouse("WH1"), 5)
    case = instance_start(definition_key="sales", user=people["alice"])
    task = HumanTask.objects.get(instance=case, element_id="enter_order")

    found: dict[str, list[str]] = {}
    alice = session("alice-axe")
    alice.login("alice")
    for url in ("/inbox/", f"/tasks/{task.pk}/", "/customers/", f"/customers/{acme.pk}/"):
        alice.page.goto(url)
        found[url] = violations(alice.page)
    erin = session("erin-axe")
    erin.login("erin")
    for url in ("/monitor/", f"/monitor/instances/{case.pk}/", "/dashboard/"):
        erin.page.goto(url)
        erin.page.wait_for_load_state("networkidle")
        found[url] = violations(erin.page)
    bad = {url: rows for url, rows in found.items() if rows}
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)
