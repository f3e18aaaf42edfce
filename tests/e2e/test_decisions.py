"""Olga edits a decision table in the browser (dmn-js) and deploys it as the next version
of the process that calls it; screenshots at 1280 and 390 px."""

import pytest

from engine.models import ProcessDefinition
from engine.services.definitions import definition_deploy
from tests.engine.test_parsing_decisions import bundle, discount_dmn

pytestmark = pytest.mark.e2e


def test_olga_changes_a_rule_and_deploys_it(session, people):
    definition_deploy(
        file_name="pricing.zip", content=bundle(discount_dmn()), user=None, check_role=False
    )
    olga = session("olga-decision")
    olga.login("olga")
    page = olga.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/processes/")
    page.click("a.button:has-text('Decisions')")
    page.wait_for_url("**/decisions/")
    row = page.locator('tr[data-decision="discount_level"]')
    assert "Which discount does an order get?" in row.inner_text()
    assert "Pricing" in row.inner_text()
    row.locator("text=Edit").click()
    page.wait_for_url("**/decisions/discount_level/edit/")
    page.wait_for_selector("#decision-editor[data-ready=true]")
    cell = page.locator("td[data-element-id='big_order_total']")
    assert ">= 1000" in cell.inner_text()
    olga.screenshot("1-table-1280")

    cell.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(">= 5000")
    page.click("h1")
    assert page.locator("#dirty").is_visible()
    page.click("#validate")
    page.wait_for_selector("[data-result=success]")
    page.click("#deploy")
    page.wait_for_selector("#deploy-dialog[open]")
    page.fill("#deploy-comment", "Gold starts at 5 000 from January.")
    page.click("#deploy-confirm")
    page.wait_for_selector("#decision-editor[data-deployed=true]")
    assert "Pricing version 2" in page.locator("#problems").inner_text()
    assert page.locator('[data-process-version="pricing"]').inner_text() == "v2"
    olga.screenshot("2-deployed-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("#decision-editor[data-ready=true]")
    olga.screenshot("3-table-390")

    latest = ProcessDefinition.objects.select_related("deployment").get(key="pricing", version=2)
    assert "&gt;= 5000" in latest.deployment.files["discount.dmn"]
    assert latest.deployment.comment == "Gold starts at 5 000 from January."
    olga.assert_no_console_errors()
