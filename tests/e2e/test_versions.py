"""Olga reads the version history, opens the diff of v1 → v2 marked on the diagram and
rolls back to v1; screenshots at 1280 and 390 px."""

import pytest

from engine.models import ProcessDefinition
from engine.services.definitions import definition_deploy
from tests.factories import deploy_fixture, fixture_bytes, order_bundle

pytestmark = pytest.mark.e2e

FLOW = b'<bpmn:sequenceFlow id="f4" sourceRef="approve_order" targetRef="approved" />'


def with_new_task() -> bytes:
    """A "Tell the customer" task after the approval, wired both ways for the layout."""
    return (
        fixture_bytes("order_approval.bpmn")
        .replace(
            FLOW,
            b'<bpmn:userTask id="tell_customer" name="Tell the customer">'
            b"<bpmn:incoming>f4a</bpmn:incoming><bpmn:outgoing>f4b</bpmn:outgoing>"
            b"</bpmn:userTask>"
            b'<bpmn:sequenceFlow id="f4a" sourceRef="approve_order" targetRef="tell_customer" />'
            b'<bpmn:sequenceFlow id="f4b" sourceRef="tell_customer" targetRef="approved" />',
        )
        .replace(b"<bpmn:outgoing>f4</bpmn:outgoing>", b"<bpmn:outgoing>f4a</bpmn:outgoing>")
        .replace(b"<bpmn:incoming>f4</bpmn:incoming>", b"<bpmn:incoming>f4b</bpmn:incoming>")
    )


def test_olga_compares_two_versions_and_rolls_back(session, people):
    deploy_fixture()
    definition_deploy(
        file_name="order.zip",
        content=order_bundle({"order_approval.bpmn": with_new_task()}),
        user=people["olga"],
        comment="The customer is told after approval.",
    )
    olga = session("olga-versions")
    olga.login("olga")
    page = olga.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/processes/order_approval/")
    page.click("text=history, changes and rollback")
    page.wait_for_url("**/processes/order_approval/versions/")
    latest = page.locator('li.version[data-version="2"]')
    assert "The customer is told after approval." in latest.inner_text()
    assert "Olga" in latest.inner_text()
    olga.screenshot("1-history-1280")

    latest.locator("text=Changes since v1").click()
    page.wait_for_url("**/diff/?from=1&to=2")
    page.wait_for_selector("#diagram-after[data-ready=true]")
    page.wait_for_selector("#diagram-before[data-ready=true]")
    added = page.locator("#diagram-after .djs-element.is-added")
    assert added.count() == 3  # the task and its two flows
    # Rewired incoming/outgoing follow from the flows and do not count as changes.
    assert page.locator("#diagram-after .djs-element.is-changed").count() == 0
    assert (
        page.locator(
            '#diagram-after .djs-element.is-added[data-element-id="tell_customer"]'
        ).count()
        == 1
    )
    assert (
        page.locator('#diagram-before .djs-element.is-removed[data-element-id="f4"]').count() == 1
    )
    assert "Tell the customer" in page.locator(".diff-added").inner_text()
    olga.screenshot("2-diff-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()  # the diagrams fit the width they are opened at
    page.wait_for_selector("#diagram-before[data-ready=true]")
    olga.screenshot("3-diff-390")

    page.goto("/processes/order_approval/versions/")
    olga.screenshot("4-history-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    first = page.locator('li.version[data-version="1"]')
    first.locator("summary").click()
    first.locator("textarea").fill("Back to the short process while sales is trained.")
    page.once("dialog", lambda dialog: dialog.accept())
    first.locator("button[type=submit]").click()
    page.wait_for_selector('li.version[data-version="3"]')
    newest = page.locator('li.version[data-version="3"]')
    assert "rolled back to v1" in newest.inner_text()
    assert "Back to the short process while sales is trained." in newest.inner_text()
    olga.screenshot("5-rolled-back-1280")
    restored = ProcessDefinition.objects.get(key="order_approval", version=3)
    assert restored.restored_from == 1
    assert restored.content_hash == ProcessDefinition.objects.get(version=1).content_hash
    olga.assert_no_console_errors()
