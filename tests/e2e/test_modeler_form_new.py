"""Olga gives a user task a new form from the modeler and lands in the form editor."""

import pytest

from engine.models import ProcessDefinition
from tests.e2e.modeler_steps import make_the_form, new_form_dialog, open_modeler, select
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e


def test_olga_makes_a_new_form_for_a_task_and_edits_it(session, people):
    deploy_fixture("deal_review")
    olga = session("olga-form-new")
    olga.login("olga")
    page = open_modeler(olga, "deal_review")
    select(page, "review")
    page.wait_for_selector("#task-form:not([hidden])")
    assert "no form yet" in page.inner_text("#task-form-text")
    assert page.is_hidden("#task-form-edit")
    olga.screenshot("1-task-without-form")

    new_form_dialog(page, "review", "Review the proposal")
    page.fill("#form-new-comment", "The reviewer writes down why.")
    olga.screenshot("2-new-form-dialog")
    make_the_form(page, "review-schema.json")
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
    page = open_modeler(olga, "order_approval")
    select(page, "approve_order")
    page.wait_for_selector("#task-form-edit:not([hidden])")
    assert "approval-schema.json" in page.inner_text("#task-form-text")
    page.click("#task-form-edit")
    page.wait_for_url("**/forms/approval-schema.json/edit/")
    page.wait_for_selector("#form-editor[data-ready=true]")
    # Away from a user task, the box goes.
    page.go_back()
    page.wait_for_selector("#modeler[data-ready=true]")
    select(page, "compute_total")
    assert page.is_hidden("#task-form")
    olga.assert_no_console_errors()
