"""A process owner edits a diagram, sees the validation error on the element, deploys v2."""

import pytest

from engine.models import ProcessDefinition
from engine.services.instances import instance_start
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e

SCRIPT = "#bio-properties-panel-scriptValue"


def test_olga_fixes_a_refused_script_and_deploys_version_2(session, people):
    deploy_fixture()
    instance_start(definition_key="order_approval", business_key="SO-1")

    olga = session("olga-modeler")
    olga.login("olga")
    page = olga.page
    assert page.url.endswith("/processes/")
    page.locator('tr[data-process="order_approval"] a', has_text="Edit").click()
    page.wait_for_url("**/processes/order_approval/modeler/")
    page.wait_for_selector("#modeler[data-ready=true]")

    page.click('.djs-element[data-element-id="compute_total"]')
    group = page.locator('[data-group-id="group-CamundaPlatform__Script"]')
    group.locator(".bio-properties-panel-group-header").click()
    script = page.locator(SCRIPT)
    script.fill("import os\ntotal = quantity * price")
    page.keyboard.press("Tab")

    page.click("#validate")
    page.wait_for_selector("[data-result=error]")
    marked = page.locator('.djs-element.has-error[data-element-id="compute_total"]')
    assert marked.count() == 1
    problem = page.locator('.problem[data-element="compute_total"]')
    assert "refused" in problem.inner_text()
    # Named as the diagram names it, not by its id; clicking selects it.
    assert "Compute total" in problem.locator(".problem-element").inner_text()
    page.evaluate("window.hypercrm.modeler.get('selection').select(null)")
    problem.click()
    selected = page.evaluate("window.hypercrm.modeler.get('selection').get().map((e) => e.id)")
    assert selected == ["compute_total"]
    olga.screenshot("1-validation-error")
    # Deploying a refused diagram lists its problems instead of asking to deploy.
    page.click("#deploy")
    page.wait_for_selector("[data-result=error]")
    assert not page.locator("#deploy-dialog[open]").count()

    script.fill("total = quantity * price * 2")
    page.keyboard.press("Tab")
    page.click("#validate")
    page.wait_for_selector("[data-result=success]")
    assert page.locator(".djs-element.has-error").count() == 0

    page.click("#deploy")
    page.wait_for_selector("#deploy-dialog[open]")
    impact = page.locator("#deploy-impact").inner_text()
    assert "Deploys Order approval as v2; new cases start on it." in impact
    assert "v1: running cases: 1" in impact
    page.fill("#deploy-comment", "Totals are doubled while prices are checked.")
    olga.screenshot("2-deploy-comment")
    page.set_viewport_size({"width": 390, "height": 844})
    olga.screenshot("2-deploy-comment-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    olga.screenshot("2-deploy-comment-1280")
    page.click("#deploy-confirm")
    page.wait_for_selector("#modeler[data-deployed-version='2']")
    assert "Order approval version 2" in page.locator("#problems").inner_text()
    assert not page.locator("#dirty").is_visible()
    olga.screenshot("2-deployed")

    latest = ProcessDefinition.objects.get(key="order_approval", version=2)
    assert latest.deployed_by == people["olga"]
    assert latest.deployment.comment == "Totals are doubled while prices are checked."
    assert "quantity * price * 2" in latest.bpmn_xml
    # The forms of v1 travel with the diagram into v2.
    assert set(latest.forms) == set(ProcessDefinition.objects.get(version=1).forms)

    page.goto("/processes/order_approval/")
    page.wait_for_selector("[data-diagram][data-ready=true]")
    assert page.locator('tr[data-version="2"]').count() == 1
    assert (
        "Totals are doubled while prices are checked."
        in page.locator(".version-comment").inner_text()
    )
    assert "Olga" in page.locator('tr[data-version="2"]').inner_text()
    olga.screenshot("3-versions")
    olga.assert_no_console_errors()


def test_leaving_the_modeler_with_unsaved_changes_asks_first(session, people):
    deploy_fixture()
    olga = session("olga-unsaved")
    olga.login("olga")
    page = olga.page
    page.goto("/processes/order_approval/modeler/")
    page.wait_for_selector("#modeler[data-ready=true]")

    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.click('.djs-element[data-element-id="compute_total"]')
    page.keyboard.press("Delete")
    assert page.locator("#dirty").is_visible()
    page.evaluate("window.location.href = '/processes/'")
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert "/modeler/" in page.url
    olga.screenshot("4-unsaved-asks")


def test_olga_walks_a_token_through_the_diagram_by_hand(session, people):
    deploy_fixture()
    olga = session("olga-simulation")
    olga.login("olga")
    page = olga.page
    page.goto("/processes/order_approval/modeler/")
    page.wait_for_selector("#modeler[data-ready=true]")
    edits = "window.hypercrm.modeler.get('commandStack')._stackIdx"
    before = page.evaluate(edits)
    page.click(".bts-toggle-mode")
    page.wait_for_selector(".djs-overlay-container .bts-context-pad")
    start = page.locator('.djs-overlays[data-container-id="start"] .bts-context-pad')
    start.first.click()
    # The token runs to an end event; the log says which one it reached.
    page.click(".bts-toggle-log, .bts-log-toggle, [title='Toggle Simulation Log']")
    page.wait_for_function(
        "document.querySelector('.bts-log .bts-content').innerText.includes('finished')",
        timeout=20_000,
    )
    log = page.locator(".bts-log .bts-content").inner_text()
    assert "Process finished" in log and "Compute total" in log
    olga.screenshot("5-token-simulation")
    # Walking a token edits nothing in the diagram.
    assert page.evaluate(edits) == before
    olga.assert_no_console_errors()
