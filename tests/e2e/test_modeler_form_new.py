"""Olga gives a user task a new form from the modeler and lands in the form editor."""

import pytest

from engine.models import ProcessDefinition
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e


def test_olga_makes_a_new_form_for_a_task_and_edits_it(session, people):
    deploy_fixture("deal_review")
    olga = session("olga-form-new")
    olga.login("olga")
    page = olga.page
    page.goto("/processes/deal_review/modeler/")
    page.wait_for_selector("#modeler[data-ready=true]")
    page.click('.djs-element[data-element-id="review"]')
    page.wait_for_selector("#task-form:not([hidden])")
    assert "no form yet" in page.inner_text("#task-form-text")
    assert page.is_hidden("#task-form-edit")
    olga.screenshot("1-task-without-form")

    page.click("#task-form-new")
    page.wait_for_selector("#form-dialog[open]")
    assert page.input_value("#form-new-title") == "Review the proposal"
    page.fill("#form-new-comment", "The reviewer writes down why.")
    olga.screenshot("2-new-form-dialog")
    page.click("#form-new-confirm")
    page.wait_for_url("**/forms/review-schema.json/edit/")
    page.wait_for_selector("#form-editor[data-ready=true]")
    assert page.input_value("#form-title") == "Review the proposal"
    assert page.locator(".fjs-editor-container .fjs-element:has-text('Comment')").count() >= 1
    olga.screenshot("3-form-editor")

    latest = ProcessDefinition.objects.get(key="deal_review", version=2)
    assert latest.elements["review"]["form"] == "review-schema.json"
    olga.assert_no_console_errors()


def test_a_task_with_a_form_offers_to_edit_it(session, people):
    deploy_fixture()
    olga = session("olga-form-edit-link")
    olga.login("olga")
    page = olga.page
    page.goto("/processes/order_approval/modeler/")
    page.wait_for_selector("#modeler[data-ready=true]")
    page.click('.djs-element[data-element-id="approve_order"]')
    page.wait_for_selector("#task-form-edit:not([hidden])")
    assert "approval-schema.json" in page.inner_text("#task-form-text")
    page.click("#task-form-edit")
    page.wait_for_url("**/forms/approval-schema.json/edit/")
    page.wait_for_selector("#form-editor[data-ready=true]")
    # Away from a user task, the box goes.
    page.go_back()
    page.wait_for_selector("#modeler[data-ready=true]")
    page.click('.djs-element[data-element-id="compute_total"]')
    assert page.is_hidden("#task-form")
    olga.assert_no_console_errors()
