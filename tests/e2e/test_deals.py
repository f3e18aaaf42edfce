"""Alice opens a deal, drags it to the next stage, loses another with a reason by the
keyboard, and makes an order from a deal, landing on its first task; the board is one
stacked list at 390 px."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from processes.crm import services as crm
from processes.crm.models import Deal
from tests.processes.factories import make_customer, make_funnel

pytestmark = pytest.mark.e2e


def test_alice_moves_deals_along_the_funnel(session, people):
    call_command("deploy_processes", stdout=StringIO())
    stages = make_funnel()
    acme = make_customer("Acme Tools")
    bolt = make_customer("Bolt Supplies")
    crm.deal_create(party=bolt, title="Spare parts", amount=Decimal("80.00"))

    alice = session("alice-deals")
    alice.login("alice")
    page = alice.page
    page.goto(f"/deals/new/?party={acme.pk}")
    page.fill("#id_title", "Ten standing desks")
    page.fill("#id_amount", "4500")
    page.click("button:has-text('Open the deal')")
    page.wait_for_url("**/deals/")
    deal = Deal.objects.get(title="Ten standing desks")
    lead = page.locator(f".board-column[data-stage='{stages['Lead'].pk}']")
    assert "2 deals" in lead.inner_text() and "€4,580.00" in lead.inner_text()
    alice.screenshot("1-board")

    # Drag the card onto Proposal: htmx swaps the board in place.
    card = page.locator(f".deal-card[data-deal='{deal.pk}']")
    proposal = page.locator(f".board-column[data-stage='{stages['Proposal'].pk}']")
    card.drag_to(proposal)
    page.wait_for_selector(".board-wrap .flash-success:has-text('Ten standing desks')")
    proposal = page.locator(f".board-column[data-stage='{stages['Proposal'].pk}']")
    assert "Ten standing desks" in proposal.inner_text() and "1 deal" in proposal.inner_text()
    deal.refresh_from_db()
    assert deal.stage == stages["Proposal"]
    alice.screenshot("2-dragged")

    # The other one is lost, by the card's own form and the keyboard, with a reason.
    spare = page.locator(".deal-card", has_text="Spare parts")
    spare.locator("summary").focus()
    page.keyboard.press("Enter")
    spare.locator("[data-stage-select]").select_option(label="Lost")
    spare.locator("[data-reason-select]").select_option(label="No budget")
    spare.locator("button:has-text('Move')").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".board-wrap .flash-success:has-text('Spare parts')")
    lost = page.locator(f".board-column[data-stage='{stages['Lost'].pk}']")
    assert "Spare parts" in lost.inner_text() and "Lost: No budget" in lost.inner_text()

    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("document.documentElement.scrollWidth")
    alice.screenshot("3-phone")
    assert wide <= 390, f"the deals board is {wide} px wide at 390 px"
    page.set_viewport_size({"width": 1366, "height": 900})

    page.locator(f".deal-card[data-deal='{deal.pk}']").locator(
        "button:has-text('Make an order')"
    ).click()
    page.wait_for_url("**/tasks/*/")
    task = HumanTask.objects.get()
    assert task.element_id == "enter_order" and task.assignee.username == "alice"
    chosen = page.locator("select[name='f.customer'] option:checked").inner_text()
    assert chosen == "Acme Tools"
    alice.screenshot("4-order-task")
    alice.assert_no_console_errors()
