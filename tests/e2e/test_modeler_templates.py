"""Olga wires a service task from the connector list: she picks "Create the order", fills
its customer field, and the diagram holds the call the engine runs."""

import pytest

from tests.e2e.modeler_steps import (
    DIAGRAM_XML,
    choose_connector,
    connector_list,
    fill_field,
    open_modeler,
    select,
)

pytestmark = pytest.mark.e2e

DRAW = """() => {
  const modeler = window.hypercrm.modeler;
  const registry = modeler.get('elementRegistry');
  const factory = modeler.get('elementFactory');
  const modeling = modeler.get('modeling');
  const [start] = registry.filter((e) => e.type === 'bpmn:StartEvent');
  const task = modeling.appendShape(start, factory.createShape({ type: 'bpmn:ServiceTask' }),
    { x: start.x + 220, y: start.y + start.height / 2 });
  modeling.updateLabel(task, 'Order it');
  modeling.appendShape(task, factory.createShape({ type: 'bpmn:EndEvent' }),
    { x: task.x + 260, y: task.y + task.height / 2 });
  return task.id;
}"""


def test_olga_picks_create_the_order_from_the_list_and_fills_its_field(session, people):
    olga = session("olga-templates")
    olga.login("olga")
    page = open_modeler(olga)
    task_id = page.evaluate(DRAW)
    select(page, task_id)
    assert "calls no connector" in page.inner_text("#task-connector")

    connector_list(page, task_id, "zzz-nothing")
    assert "No connector matches." in page.inner_text("#template-list")
    page.fill("#template-search", "order")
    choices = page.locator(".template-choice")
    assert choices.filter(has_text="Create the order").count() == 1
    assert choices.filter(has_text="Send an email").count() == 0  # not about orders
    olga.screenshot("1-connector-list")
    choose_connector(page, "Create the order")

    # The fields read as a person's words; the parameter's name is in the field's help.
    assert page.locator("#properties").get_by_label("customer", exact=True).count() == 0
    assert "Empty: the process variable “customer”." in page.inner_text("#properties")
    fill_field(page, "Customer", "${customer_id}")
    olga.screenshot("2-fields-filled")

    xml = page.evaluate(DIAGRAM_XML)
    assert 'camunda:modelerTemplate="hypercrm.sales.create_order"' in xml
    assert 'camunda:topic="sales.create_order"' in xml and 'camunda:type="external"' in xml
    assert 'camunda:resultVariable="order"' in xml
    assert '<camunda:inputParameter name="customer">${customer_id}</camunda:inputParameter>' in xml
    # Left empty: not passed, so the connector reads the process variable `lines`.
    assert '<camunda:inputParameter name="lines" />' in xml

    page.click("#validate")
    page.wait_for_selector("[data-result=success]")
    page.set_viewport_size({"width": 390, "height": 844})
    olga.screenshot("3-valid-390")
    olga.assert_no_console_errors()


SERVICE_TASKS = """(topics) => {
  const modeler = window.hypercrm.modeler;
  const registry = modeler.get('elementRegistry');
  const factory = modeler.get('elementFactory');
  const modeling = modeler.get('modeling');
  const [start] = registry.filter((e) => e.type === 'bpmn:StartEvent');
  let previous = start;
  const ids = [];
  for (const topic of topics) {
    const task = modeling.appendShape(previous, factory.createShape({ type: 'bpmn:ServiceTask' }),
      { x: previous.x + 200, y: start.y + start.height / 2 });
    modeling.updateProperties(task, { 'camunda:type': 'external', 'camunda:topic': topic });
    ids.push(task.id);
    previous = task;
  }
  return ids;
}"""


def _groups(page):
    return page.eval_on_selector_all(
        "#properties [data-group-id]", "groups => groups.map((g) => g.dataset.groupId)"
    )


def test_the_panel_offers_only_what_the_engine_reads_and_marks_what_it_ignores(session, people):
    olga = session("olga-panel")
    olga.login("olga")
    page = open_modeler(olga)
    connector, worker = page.evaluate(SERVICE_TASKS, ["http", "credit-check"])

    select(page, connector)
    groups = _groups(page)
    assert "group-CamundaPlatform__Implementation" in groups
    assert "group-CamundaPlatform__Input" in groups  # the connector's parameters
    assert "group-CamundaPlatform__ExecutionListener" in groups  # expression or Python runs
    for refused in ("FieldInjection", "Output", "ConnectorInput"):  # its result: resultVariable
        assert f"group-CamundaPlatform__{refused}" not in groups, refused
    select(page, worker)
    worker_groups = _groups(page)
    assert "group-CamundaPlatform__Input" in worker_groups  # handed to the external worker
    assert "group-CamundaPlatform__Output" in worker_groups

    page.evaluate("window.hypercrm.modeler.get('selection').select(null)")  # the process
    cleanup = page.locator('[data-group-id="group-CamundaPlatform__HistoryCleanup"]')
    assert "(not read by HyperCRM)" in cleanup.inner_text()
    olga.screenshot("4-panel-process")
    olga.assert_no_console_errors()


WITH_PROPERTIES = """() => {
  const modeler = window.hypercrm.modeler;
  const registry = modeler.get('elementRegistry');
  const factory = modeler.get('elementFactory');
  const modeling = modeler.get('modeling');
  const moddle = modeler.get('moddle');
  const [start] = registry.filter((e) => e.type === 'bpmn:StartEvent');
  const give = (element, pairs) => modeling.updateProperties(element, {
    extensionElements: moddle.create('bpmn:ExtensionElements', { values: [
      moddle.create('camunda:Properties', { values: pairs.map(([name, value]) =>
        moddle.create('camunda:Property', { name, value })) }),
    ] }),
  });
  const task = modeling.appendShape(start, factory.createShape({ type: 'bpmn:UserTask' }),
    { x: start.x + 220, y: start.y + start.height / 2 });
  give(task, [['candidateGroups', 'sales'], ['colour', 'blue']]);
  // A generated form (camunda:formData) on the task and on the start event.
  for (const element of [task, start]) {
    const field = moddle.create('camunda:FormField', { id: 'approved', type: 'boolean' });
    const form = moddle.create('camunda:FormData', { fields: [field] });
    const extensions = element.businessObject.extensionElements
      || moddle.create('bpmn:ExtensionElements', { values: [] });
    modeling.updateProperties(element, {
      extensionElements: moddle.create('bpmn:ExtensionElements', {
        values: [...extensions.get('values'), form],
      }),
    });
  }
  const worker = modeling.appendShape(task, factory.createShape({ type: 'bpmn:ServiceTask' }),
    { x: task.x + 260, y: task.y + task.height / 2 });
  modeling.updateProperties(worker,
    { 'camunda:type': 'external', 'camunda:topic': 'credit-check' });
  give(worker, [['region', 'EU']]);
  give(modeler.get('canvas').getRootElement(),
    [['candidateStarterGroups', 'sales'], ['owner', 'olga']]);
  return [task.id, worker.id, start.id];
}"""
EXTENSION_PROPERTIES = '[data-group-id="group-CamundaPlatform__ExtensionProperties"]'


def _extension_properties(page) -> list[str]:
    group = page.locator(EXTENSION_PROPERTIES)
    if not group.locator(".bio-properties-panel-list.open").count():
        group.locator(".bio-properties-panel-group-header").click()
    return group.locator(".bio-properties-panel-collapsible-entry-header-title").all_inner_texts()


def test_an_extension_property_the_engine_does_not_read_is_marked(session, people):
    olga = session("olga-panel-properties")
    olga.login("olga")
    page = open_modeler(olga)
    task, worker, start = page.evaluate(WITH_PROPERTIES)

    select(page, task)
    assert _extension_properties(page) == ["candidateGroups", "colour (not read by HyperCRM)"]
    # A user task's generated form runs: its fields are offered; a start event's is refused.
    assert "group-CamundaPlatform__FormData" in _groups(page)
    olga.screenshot("1-user-task")
    select(page, start)
    assert "group-CamundaPlatform__FormData" not in _groups(page)
    # An external worker gets all of its task's properties: none is marked.
    select(page, worker)
    assert _extension_properties(page) == ["region"]
    page.evaluate("window.hypercrm.modeler.get('selection').select(null)")  # the process
    assert _extension_properties(page) == [
        "candidateStarterGroups",
        "owner (not read by HyperCRM)",
    ]
    olga.assert_no_console_errors()
