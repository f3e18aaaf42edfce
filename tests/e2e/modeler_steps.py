"""What a process owner does in the modeler, step by step, shared by the modeler's browser
tests: open it, select an element, give a user task a new form, wire a service task from
the connector list (the element templates of GET /api/element-templates/)."""

from playwright.sync_api import Page

# The diagram as the modeler would save it.
DIAGRAM_XML = "async () => (await window.hypercrm.modeler.saveXML({ format: true })).xml"


def open_modeler(person, key: str = "") -> Page:
    """`person`'s modeler of the process `key` (a new diagram without one), ready, with the
    connector list loaded."""
    page = person.page
    page.goto(f"/processes/{key}/modeler/" if key else "/modeler/new/")
    page.wait_for_selector("#modeler[data-ready=true]")
    page.wait_for_selector("#modeler[data-templates]")
    return page


def select(page: Page, element_id: str) -> None:
    """Click the element on the canvas, unless it is selected already (a second click would
    start editing its label)."""
    shape = f'.djs-element[data-element-id="{element_id}"]'
    if not page.locator(f"{shape}.selected").count():
        page.click(shape)


def new_form_dialog(page: Page, task_id: str, title: str) -> None:
    """A user task's "New form": the dialog opens proposing the task's name as the title."""
    select(page, task_id)
    page.wait_for_selector("#task-form-new:not([hidden])")
    page.click("#task-form-new")
    page.wait_for_selector("#form-dialog[open]")
    assert page.input_value("#form-new-title") == title


def make_the_form(page: Page, form: str) -> None:
    """Confirm the new form dialog: the form `form` is deployed and opens in the editor."""
    page.click("#form-new-confirm")
    page.wait_for_url(f"**/forms/{form}/edit/")
    page.wait_for_selector("#form-editor[data-ready=true]")


def connector_list(page: Page, task_id: str, search: str) -> None:
    """A service task's "Choose a connector", searched for `search`."""
    select(page, task_id)
    page.wait_for_selector("#task-connector:not([hidden])")
    page.click("#task-connector-choose")
    page.wait_for_selector("#template-dialog[open]")
    page.fill("#template-search", search)


def choose_connector(page: Page, name: str) -> None:
    """Pick `name` in the open connector list: the task calls it and the panel shows its
    fields."""
    page.locator(".template-choice").filter(has_text=name).click()
    assert not page.locator("#template-dialog[open]").count()
    assert f"“{name}”" in page.inner_text("#task-connector")


def fill_field(page: Page, label: str, value: str) -> None:
    """Type `value` in the properties panel's field `label` and leave it (the panel writes it
    to the diagram)."""
    page.locator("#properties").get_by_label(label, exact=True).fill(value)
    page.keyboard.press("Tab")
