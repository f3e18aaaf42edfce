"""The everyday pages pass axe-core's checks (from npm, node_modules/axe-core, loaded into
the page by the test only) with no serious or critical violation: the inbox, a task page,
the customers list and a customer, an order, the monitor and an instance, the dashboard;
and every shipped user task's page (processes/bpmn/), read-only and as its form, reached
by working the real processes to it (tests/e2e/shipped_forms.py)."""

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from engine.runtime.spiff import timer_module as timer
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.e2e.conftest import PASSWORD, Session
from tests.e2e.shipped_forms import (
    LATER,
    ROUTES,
    TwoWeeksLater,
    journey,
    open_task,
    shipped_user_tasks,
)
from tests.factories import make_user
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from tests.processes.flows.steps import settle

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
# The journeys' people besides alice, erin and olga.
MORE = [
    ("bob", "warehouse"),
    ("carol", "production"),
    ("dave", "procurement"),
    ("pat", "production"),
]


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


def test_the_journeys_reach_every_shipped_user_task():
    reached = {(key, element) for route in ROUTES.values() for _who, key, element in route}
    assert reached == shipped_user_tasks()


@pytest.mark.skipif(not AXE.exists(), reason="needs npm's axe-core (make install)")
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_every_shipped_form_has_no_serious_accessibility_violation(
    session, people, settings, tmp_path, monkeypatch, name
):
    """Each shipped user task's page, read before it is claimed and as the form after
    "Claim and start", reached by working the real process to it."""
    settings.MEDIA_ROOT = tmp_path
    call_command("deploy_processes", stdout=StringIO())
    everyone = {**people, **{who: make_user(who, group, password=PASSWORD) for who, group in MORE}}
    steps = journey(name, everyone)
    settle()
    browsers: dict[str, Session] = {}
    found: dict[str, list[str]] = {}
    for step in steps:
        task = open_task(step.process, step.element)
        if step.person not in browsers:
            browsers[step.person] = session(f"{step.person}-axe-{name}")
            browsers[step.person].login(step.person)
        browser = browsers[step.person]
        browser.page.goto(f"/tasks/{task.pk}/")
        form = f"{step.process}/{step.element}"
        found[f"{form} read-only"] = violations(browser.page)
        browser.screenshot(f"{step.element}-1-read-only")
        browser.claim_and_start()
        assert browser.page.locator("#task-form").count() == 1, form
        found[f"{form} form"] = violations(browser.page)
        browser.screenshot(f"{step.element}-2-form")
        if step.data == LATER:
            monkeypatch.setattr(timer, "datetime", TwoWeeksLater)
        elif step.data is not None:
            task_complete(task_id=task.pk, user=everyone[step.person], data=step.data)
        settle()
    assert len(found) == 2 * len(ROUTES[name])
    bad = {form: rows for form, rows in found.items() if rows}
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)
    for browser in browsers.values():
        browser.assert_no_console_errors()
