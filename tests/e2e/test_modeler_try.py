"""Olga tries an edited, undeployed diagram with sample data: the path is marked on the
diagram and listed with what each step produced; nothing is stored."""

import json

import pytest
from django.apps import apps

from engine.services.definitions import definition_deploy
from tests.factories import FIXTURES, deploy_fixture

pytestmark = pytest.mark.e2e


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_olga_tries_the_diagram_and_sees_the_approval_path(session, people):
    deploy_fixture()
    olga = session("olga-try")
    olga.login("olga")
    page = olga.page
    page.goto("/processes/order_approval/modeler/")
    page.wait_for_selector("#modeler[data-ready=true]")
    before = _counts()

    page.click("#try")
    page.wait_for_selector("#try-dialog[open]")
    # The sample lists the diagram's user tasks, to be answered.
    offered = json.loads(page.input_value("#try-sample"))
    assert set(offered["tasks"]) == {"enter_order", "approve_order"}
    page.fill("#try-sample", "{ not json")
    page.click("#try-run")
    assert "not valid JSON" in page.inner_text("#try-problem")
    sample = {
        "tasks": {
            "enter_order": {"customer": "ACME", "quantity": 3, "price": 500},
            "approve_order": {"approved": True},
        }
    }
    page.fill("#try-sample", json.dumps(sample, indent=2))
    olga.screenshot("1-sample")
    page.click("#try-run")
    page.wait_for_selector("[data-result=trial-completed]")
    steps = page.eval_on_selector_all(
        "[data-trial-path] li", "items => items.map(i => i.dataset.step)"
    )
    assert steps == [
        "start",
        "enter_order",
        "compute_total",
        "big_order",
        "approve_order",
        "approved",
    ]
    assert "total = 1500" in page.inner_text("[data-trial-path]")
    assert page.locator('.djs-element.trial-path[data-element-id="approve_order"]').count() == 1
    assert page.locator('.djs-element.trial-path[data-element-id="accepted"]').count() == 0
    olga.screenshot("2-path-1280")

    # A small order: the path goes round the approval.
    page.click("#try")
    page.fill(
        "#try-sample",
        json.dumps({"tasks": {"enter_order": {"customer": "ACME", "quantity": 1, "price": 5}}}),
    )
    page.click("#try-run")
    page.wait_for_selector("[data-trial-path] li[data-step=accepted]")
    assert page.locator('.djs-element.trial-path[data-element-id="approve_order"]').count() == 0
    assert page.locator('.djs-element.trial-path[data-element-id="accepted"]').count() == 1
    page.set_viewport_size({"width": 390, "height": 844})
    olga.screenshot("3-path-390")
    assert _counts() == before
    olga.assert_no_console_errors()


def test_olga_tries_a_diagram_whose_call_activity_runs_a_deployed_process(session, people):
    camunda = FIXTURES / "camunda"
    for name in ("credit_check.bpmn", "order_with_credit_check.bpmn"):
        definition_deploy(
            file_name=name, content=(camunda / name).read_bytes(), user=None, check_role=False
        )
    olga = session("olga-try-call")
    olga.login("olga")
    page = olga.page
    page.goto("/processes/order_with_credit_check/modeler/")
    page.wait_for_selector("#modeler[data-ready=true]")
    before = _counts()
    page.click("#try")
    page.wait_for_selector("#try-dialog[open]")
    offered = json.loads(page.input_value("#try-sample"))
    assert offered["timers"] == [] and offered["messages"] == {}
    sample = {"variables": {"order_total": 40, "limit_eur": 50}, "tasks": {"Activity_confirm": {}}}
    page.fill("#try-sample", json.dumps(sample))
    page.click("#try-run")
    page.wait_for_selector("[data-result=trial-completed]")
    called = page.locator('[data-trial-path] li[data-process="credit_check"]')
    assert called.count() == 3
    texts = called.all_inner_texts()
    assert texts[0] == "Start event without a name (in the called process Credit check)"
    assert texts[1].startswith("Score the customer (in the called process Credit check)")
    assert "score = 80" in page.inner_text("[data-trial-path]")
    assert page.locator('.djs-element.trial-path[data-element-id="Activity_check"]').count() == 1
    olga.screenshot("1-called-process")
    assert _counts() == before
    olga.assert_no_console_errors()
