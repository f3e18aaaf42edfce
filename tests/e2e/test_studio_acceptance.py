"""The studio's acceptance, end to end in the browser: olga adds a manager's approval to
`sales` — a decision table, a business rule task and a "Manager approval" user task after
"Create the order" — tries it with sample data and sees the approval path, deploys it with
a comment, gives the task a new form in the form editor (an approval decision and a
comment), tightens the decision table in the decision editor, opens the diff of v1 → v2
with the added elements marked; a new big order then reaches erin's inbox with that form.

Drawing shapes by drag and drop is not reliably automatable, so olga opens the edited
diagram and the decision table as files with the modeler's own "Open file…" (as a process
owner bringing a diagram from Camunda Modeler would); adding the approval field in the form
editor goes through form-js's own modeling command (the palette's drag and drop does the
same). In that diagram "Create the order" is a bare service task: olga wires it in the
modeler from the connector list (the element templates of GET /api/element-templates/),
choosing "Create the order" and filling its fields. Screenshots in
var/screenshots/olga-studio-*.png.
"""

import json
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from engine.models import HumanTask, ProcessDefinition
from engine.services.case_start import case_start_for
from engine.services.tasks import task_complete
from tests.e2e.modeler_steps import (
    DIAGRAM_XML,
    choose_connector,
    connector_list,
    fill_field,
    make_the_form,
    new_form_dialog,
    open_modeler,
    select,
)
from tests.factories import run_due_work
from tests.processes.factories import make_customer, make_product, make_warehouse, stock

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DMN = Path(__file__).parent / "data" / "sales-approval.dmn"
ADDED = {"decide_approval", "approval_gw", "manager_approval"}
# The approval's elements and their shapes, as the modeler would have drawn them.
ELEMENTS = (DMN.parent / "sales-approval-elements.xml").read_text()
SHAPES = (DMN.parent / "sales-approval-shapes.xml").read_text()


def with_approval(*, wired: bool = True) -> str:
    """Sales with the approval between "Create the order" and "Send the quotation"; with
    `wired=False`, "Create the order" calls no connector yet (olga wires it from the list)."""
    xml = (ROOT / "processes" / "bpmn" / "sales.bpmn").read_text()
    if not wired:
        xml, unwired = re.subn(
            r'(<bpmn:serviceTask id="create_order"[^>]*>\s*<bpmn:documentation>[^<]*'
            r"</bpmn:documentation>)\s*<bpmn:extensionElements>.*?</bpmn:extensionElements>",
            r"\1",
            xml,
            count=1,
            flags=re.S,
        )
        assert unwired == 1
    xml = xml.replace(
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
        '                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
        1,
    )
    # The old flow goes; the approval takes its place.
    xml = re.sub(r'\s*<bpmn:sequenceFlow id="Flow_create_order_send_quotation"[^>]*/>', "", xml)
    xml = re.sub(
        r'\s*<bpmndi:BPMNEdge id="Flow_create_order_send_quotation_di".*?</bpmndi:BPMNEdge>',
        "",
        xml,
        flags=re.S,
    )
    xml = xml.replace(
        "<bpmn:outgoing>Flow_create_order_send_quotation</bpmn:outgoing>",
        "<bpmn:outgoing>Flow_create_order_decide_approval</bpmn:outgoing>",
    ).replace(
        "<bpmn:incoming>Flow_create_order_send_quotation</bpmn:incoming>",
        "<bpmn:incoming>Flow_approval_gw_send_quotation</bpmn:incoming>"
        "<bpmn:incoming>Flow_manager_approval_send_quotation</bpmn:incoming>",
    )
    xml = xml.replace(
        "<bpmn:flowNodeRef>create_order</bpmn:flowNodeRef>",
        "<bpmn:flowNodeRef>create_order</bpmn:flowNodeRef>"
        "<bpmn:flowNodeRef>decide_approval</bpmn:flowNodeRef>"
        "<bpmn:flowNodeRef>approval_gw</bpmn:flowNodeRef>"
        "<bpmn:flowNodeRef>manager_approval</bpmn:flowNodeRef>",
    )
    xml = xml.replace("</bpmn:process>", ELEMENTS + "  </bpmn:process>", 1)
    return xml.replace("</bpmndi:BPMNPlane>", SHAPES + "    </bpmndi:BPMNPlane>", 1)


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _sample(total: str, customer, product) -> dict:
    order = {"order_id": 1, "order_number": "SO-TRY", "total": total}
    line = {"product": product.pk, "quantity": 1}
    return {
        "variables": {},
        "tasks": {
            "enter_order": {"customer": customer.pk, "lines": [line]},
            "manager_approval": {"approved": True, "comment": "Fine."},
            "customer_decision": {"accepted": False, "reason": "Too dear."},
        },
        "services": {
            "create_order": order,
            "send_quotation": {"pdf_url": "/q.pdf"},
            "reject_quotation": {},
        },
    }


def _try(page, sample: dict, reaches: str) -> list[str]:
    page.click("#try")
    page.wait_for_selector("#try-dialog[open]")
    page.fill("#try-sample", json.dumps(sample, indent=2))
    with page.expect_response("**/modeler/try/"):
        page.click("#try-run")
    page.wait_for_selector(f"[data-trial-path] li[data-step={reaches}]")
    return page.eval_on_selector_all(
        "[data-trial-path] li", "items => items.map(i => i.dataset.step)"
    )


def test_olga_adds_a_manager_approval_to_sales_and_erin_gets_it(session, people, tmp_path):
    call_command("deploy_processes", stdout=StringIO())
    customer = make_customer("Acme Ltd")
    desk = make_product("DESK", name="Oak desk", list_price=Decimal("1270.15"))
    stock(desk, make_warehouse("WH1"), 10)
    diagram = tmp_path / "sales-with-approval.bpmn"
    diagram.write_text(with_approval(wired=False))
    olga = session("olga-studio")
    olga.login("olga")
    page = open_modeler(olga, "sales")

    # The decision table goes with the diagram; then the edited diagram is opened.
    page.set_input_files("#open-file", str(DMN))
    page.wait_for_selector("#problems:has-text('sales-approval.dmn')")
    page.set_input_files("#open-file", str(diagram))
    page.wait_for_selector('.djs-element[data-element-id="manager_approval"]')
    assert page.locator("#dirty").is_visible()

    # "Create the order" is wired from the connector list, its fields filled.
    select(page, "create_order")
    page.wait_for_selector("#task-connector:not([hidden])")
    assert "calls no connector" in page.inner_text("#task-connector")
    connector_list(page, "create_order", "order")
    olga.screenshot("1a-connector-list")
    choose_connector(page, "Create the order")
    fill_field(page, "Customer", "${customer}")
    fill_field(page, "Order lines", "${lines}")
    olga.screenshot("1b-connector-fields")
    xml = page.evaluate(DIAGRAM_XML)
    assert 'camunda:topic="sales.create_order"' in xml
    assert 'camunda:resultVariable="order"' in xml
    assert '<camunda:inputParameter name="customer">${customer}</camunda:inputParameter>' in xml
    page.click("#validate")
    page.wait_for_selector("[data-result=success]")
    olga.screenshot("1-approval-drawn")

    # Trying it: a big order takes the approval path, a small one goes round it.
    before = _counts()
    steps = _try(page, _sample("12000.00", customer, desk), "manager_approval")
    assert steps[:6] == [
        "order_received",
        "enter_order",
        "create_order",
        "decide_approval",
        "approval_gw",
        "manager_approval",
    ]
    assert "needs_approval" in page.inner_text("[data-trial-path]")
    marked = '.djs-element.trial-path[data-element-id="manager_approval"]'
    assert page.locator(marked).count() == 1
    olga.screenshot("2-try-approval-path")
    steps = _try(page, _sample("800.00", customer, desk), "send_quotation")
    assert "manager_approval" not in steps and "send_quotation" in steps
    assert _counts() == before

    page.click("#deploy")
    page.wait_for_selector("#deploy-dialog[open]")
    page.fill("#deploy-comment", "A manager approves orders above 10 000 before the quotation.")
    page.click("#deploy-confirm")
    page.wait_for_selector("#modeler[data-deployed-version='2']")
    olga.screenshot("3-deployed")
    v2 = ProcessDefinition.objects.select_related("deployment").get(key="sales", version=2)
    assert v2.deployed_by == people["olga"]
    assert "sales-approval.dmn" in v2.deployment.files

    # The deployed version's table is offered beside its task at once.
    select(page, "decide_approval")
    page.wait_for_selector("#task-decision:not([hidden])")
    page.click("#canvas", position={"x": 500, "y": 60})  # an empty spot: nothing selected
    assert page.is_hidden("#task-decision")

    # A new form for the task, shaped in the form editor: a decision and a comment.
    new_form_dialog(page, "manager_approval", "Manager approval")
    make_the_form(page, "manager_approval-schema.json")
    page.evaluate(
        """() => {
            const editor = window.hypercrm.editor;
            const form = editor._state.schema;
            editor.get('modeling').addFormField({
                type: 'radio', key: 'approved', label: 'Approved?',
                validate: { required: true },
                values: [{ label: 'Approve', value: true }, { label: 'Refuse', value: false }],
            }, form, 0);
        }"""
    )
    page.wait_for_selector("#dirty:not([hidden])")
    page.click("#preview")
    page.wait_for_selector("#preview-box [data-preview]")
    assert page.locator("#preview-box input[type=radio]").count() == 2
    assert page.locator("#preview-box textarea, #preview-box input[type=text]").count() >= 1
    olga.screenshot("4-form-preview")
    page.click("#deploy")
    page.wait_for_selector("#deploy-dialog[open]")
    page.fill("#deploy-comment", "The manager approves or refuses, and says why.")
    page.click("#deploy-confirm")
    page.wait_for_selector("#form-editor[data-deployed=true]")
    latest = ProcessDefinition.objects.filter(key="sales").order_by("-version").first()
    form = latest.forms["manager_approval-schema.json"]
    assert set(form["schema"]["properties"]) == {"approved", "comment"}

    # The decision table, from its task in the modeler: the limit moves to 5 000.
    page = open_modeler(olga, "sales")
    select(page, "decide_approval")
    page.wait_for_selector("#task-decision:not([hidden])")
    assert "Does a manager approve the order?" in page.inner_text("#task-decision-text")
    assert page.is_hidden("#task-form")
    olga.screenshot("5-task-decision")
    page.click("#task-decision-edit")
    page.wait_for_url("**/decisions/sales_approval/edit/")
    page.wait_for_selector("#decision-editor[data-ready=true]")
    cell = page.locator("td[data-element-id='UnaryTests_above_limit']")
    cell.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("> 5000")
    low = page.locator("td[data-element-id='UnaryTests_up_to_limit']")
    low.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("<= 5000")
    page.click("h1")
    page.click("#validate")
    page.wait_for_selector("[data-result=success]")
    page.click("#deploy")
    page.wait_for_selector("#deploy-dialog[open]")
    page.fill("#deploy-comment", "Approval from 5 000.")
    page.click("#deploy-confirm")
    page.wait_for_selector("#decision-editor[data-deployed=true]")
    olga.screenshot("5b-decision-deployed")

    # The diff of v1 → v2 marks what was added.
    page.goto("/processes/sales/versions/")
    page.locator('li.version[data-version="2"]').locator("text=Changes since v1").click()
    page.wait_for_url("**/diff/?from=1&to=2")
    page.wait_for_selector("#diagram-after[data-ready=true]")
    added = set(
        page.eval_on_selector_all(
            "#diagram-after .djs-element.is-added", "els => els.map(e => e.dataset.elementId)"
        )
    )
    assert added >= ADDED
    assert "Manager approval" in page.locator(".diff-added").inner_text()
    assert "yes (Approval needed? → Manager approval)" in page.inner_text(".diff-added")
    # The new elements join their lane with their addition: the lane is not changed; "Create
    # the order" is, now wired from the connector list, and its wiring is listed.
    changed = page.eval_on_selector_all(
        "#diagram-after .djs-element.is-changed", "els => els.map(e => e.dataset.elementId)"
    )
    assert changed == ["create_order"]
    wiring = page.inner_text('.diff-changed li[data-element="create_order"]')
    assert "camunda:topic" in wiring and "sales.create_order" in wiring
    assert "flowNodeRef" not in page.inner_text("main")
    assert (
        page.locator(
            "#diagram-before .djs-element.is-removed"
            '[data-element-id="Flow_create_order_send_quotation"]'
        ).count()
        == 1
    )
    olga.screenshot("6-diff")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()  # the diagrams fit the width they are opened at
    page.wait_for_selector("#diagram-after[data-ready=true]")
    olga.screenshot("6-diff-390")
    olga.assert_no_console_errors()

    # A new order above the limit (10 × 1 270.15) reaches erin's inbox with the new form.
    instance, task = case_start_for(user=people["alice"], definition_key="sales")
    assert instance.definition.version == latest.version + 1  # the decision's deploy
    task_complete(
        task_id=task.pk,
        user=people["alice"],
        data={"customer": customer.pk, "lines": [{"product": desk.pk, "quantity": 10}]},
    )
    run_due_work(instance)
    approval = HumanTask.objects.get(instance=instance, element_id="manager_approval")
    erin = session("erin-studio")
    erin.login("erin")
    page = erin.page
    page.goto("/inbox/")
    item = page.locator(f'a[href="/tasks/{approval.pk}/"]').first
    assert "Manager approval" in item.inner_text()
    erin.screenshot("1-inbox")
    item.click()
    page.wait_for_url(f"**/tasks/{approval.pk}/")
    erin.claim_and_start()
    assert page.locator("input[type=radio]").count() == 2
    assert "Approve" in page.inner_text("main") and "Refuse" in page.inner_text("main")
    assert page.locator("textarea[name='f.comment']").count() == 1
    erin.screenshot("2-task-form")
    page.set_viewport_size({"width": 390, "height": 844})
    erin.screenshot("2-task-form-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    erin.assert_no_console_errors()
