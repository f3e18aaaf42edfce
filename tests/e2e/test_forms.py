"""Olga edits a user task's form in the browser (form-js) and deploys it with its process;
every shipped form goes through the real editor and comes back the same. Screenshots at
1280 and 390 px; the palette offers only what the engine takes."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import ProcessDefinition
from forms.formjs import FIELD_TYPES, from_formjs, to_formjs
from tests.forms.test_formjs import SHIPPED, _ui

pytestmark = pytest.mark.e2e


def _select_field(page, label: str) -> None:
    """Select a field on the form canvas and open its general properties."""
    page.click(f".fjs-editor-container .fjs-element:has-text('{label}') >> nth=-1")
    general = page.locator(".bio-properties-panel-group-header:has-text('General')")
    if "open" not in (general.get_attribute("class") or ""):
        general.click()


def _type_into(page, selector: str, text: str) -> None:
    page.click(selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


@pytest.fixture
def shipped(people):
    call_command("deploy_processes", stdout=StringIO())


def test_olga_renames_a_field_previews_and_deploys_the_form(session, shipped):
    olga = session("olga-form")
    olga.login("olga")
    page = olga.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/processes/")
    page.click("a.button:has-text('Forms')")
    page.wait_for_url("**/forms/")
    row = page.locator('tr[data-form="sales-decision-schema.json"]')
    assert "Record the customer's decision" in row.inner_text()
    assert "Order to cash" in row.inner_text() or "sales" in row.inner_text().lower()
    row.locator("text=Edit").click()
    page.wait_for_selector("#form-editor[data-ready=true]")
    assert page.input_value("#form-title") == "Record the customer's decision"
    olga.screenshot("1-form-1280")

    _select_field(page, "Reason (when declined)")
    _type_into(page, "#bio-properties-panel-label", "Why the customer declined")
    page.click("h1")
    page.wait_for_selector("#dirty:not([hidden])")
    page.click("#preview")
    page.wait_for_selector("#preview-box [data-preview]")
    preview = page.locator("#preview-box").inner_text()
    assert "Why the customer declined" in preview
    # The decision is the task page's radio list with its named answers.
    assert page.locator("#preview-box input[type=radio]").count() == 2
    assert "Accepted" in preview and "Declined" in preview
    olga.screenshot("2-preview-1280")

    page.click("#deploy")
    page.wait_for_selector("#deploy-dialog[open]")
    page.fill("#deploy-comment", "Ask why a customer declined, in plain words.")
    page.click("#deploy-confirm")
    page.wait_for_selector("#form-editor[data-deployed=true]")
    assert "version 2" in page.locator("#problems").inner_text()
    olga.screenshot("3-deployed-1280")

    sales = ProcessDefinition.objects.select_related("deployment").get(key="sales", version=2)
    form = sales.forms["sales-decision-schema.json"]
    assert form["schema"]["properties"]["reason"]["title"] == "Why the customer declined"
    assert form["ui_schema"]["accepted"]["ui:enumNames"] == ["Accepted", "Declined"]
    assert "sales-decision-schema.json" in sales.deployment.files
    assert sales.deployment.comment == "Ask why a customer declined, in plain words."
    olga.assert_no_console_errors()


def _box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_on_a_phone_the_form_takes_the_width_and_the_panels_open_on_demand(session, shipped):
    olga = session("olga-form-phone")
    olga.login("olga")
    page = olga.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/forms/sales-decision-schema.json/edit/")
    page.wait_for_selector("#form-editor[data-ready=true]")
    # The form itself is as wide as the editor; the palette and the properties wait.
    assert _box(page, "#canvas")["width"] >= 330
    assert not page.is_visible("#palette") and not page.is_visible("#form-properties")
    olga.screenshot("1-form-390")

    page.click("button[data-panel=palette]")
    assert page.is_visible("button[data-field-type=textfield]")
    assert page.get_attribute("button[data-panel=palette]", "aria-pressed") == "true"
    assert _box(page, "#palette")["width"] >= 330
    olga.screenshot("2-fields-390")

    page.click("button[data-panel=properties]")
    assert not page.is_visible("#palette")
    _select_field(page, "Reason (when declined)")
    page.wait_for_selector("#bio-properties-panel-label")
    assert page.inner_text("#bio-properties-panel-label") == "Reason (when declined)"
    assert _box(page, "#form-properties")["width"] >= 330
    # No part of the editor is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    olga.screenshot("3-properties-390")
    olga.assert_no_console_errors()


def test_the_palette_offers_only_the_fields_the_engine_takes(session, shipped):
    olga = session("olga-form-palette")
    olga.login("olga")
    page = olga.page
    page.goto("/forms/sales-decision-schema.json/edit/")
    page.wait_for_selector("#form-editor[data-ready=true]")
    offered = page.eval_on_selector_all(
        "#palette button[data-field-type]", "buttons => buttons.map(b => b.dataset.fieldType)"
    )
    assert sorted(offered) == sorted(FIELD_TYPES)
    assert page.locator("#palette button[data-field-type=taglist]").count() == 0
    olga.screenshot("palette-1280")
    olga.assert_no_console_errors()


def test_every_shipped_form_goes_through_the_editor_unchanged(session, shipped):
    olga = session("olga-form-roundtrip")
    olga.login("olga")
    page = olga.page
    page.goto("/forms/sales-decision-schema.json/edit/")
    page.wait_for_selector("#form-editor[data-ready=true]")
    for path in SHIPPED:
        schema, ui = json.loads(path.read_text()), _ui(path)
        saved = page.evaluate(
            """async (form) => {
                const editor = window.hypercrm.editor;
                await editor.importSchema(form);
                return editor.saveSchema();
            }""",
            to_formjs(schema, ui),
        )
        assert from_formjs(saved) == (schema, ui), path.name


DEPLOYED = [path for path in SHIPPED if path.parent.name == "schemas"]


def test_every_shipped_form_saved_by_the_editor_passes_the_deploy_checks_as_before(
    session, shipped
):
    """The third acceptance item: each shipped form, loaded into the real editor in its
    format and saved, is accepted by the checks a deploy makes exactly as the original is;
    broken in the editor the way the engine refuses, it is refused by name."""
    olga = session("olga-form-deploy-checks")
    olga.login("olga")
    page = olga.page
    page.goto("/forms/sales-decision-schema.json/edit/")
    page.wait_for_selector("#form-editor[data-ready=true]")
    check = """async ([name, form, edit]) => {
        const editor = window.hypercrm.editor;
        await editor.importSchema(form);
        const saved = editor.saveSchema();
        const first = saved.components[0];
        // A list of rows is named by its path, the other fields by their key.
        if (edit) {
            const rows = edit[0] === 'key' && first.type === 'dynamiclist';
            first[rows ? 'path' : edit[0]] = edit[1];
        }
        const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
        const response = await fetch(`/forms/${name}/validate/`, {
            method: 'POST', credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'X-CSRFToken': token },
            body: JSON.stringify({ form: saved }),
        });
        return [response.status, await response.json()];
    }"""
    for path in DEPLOYED:
        form = to_formjs(json.loads(path.read_text()), _ui(path))
        original = page.evaluate(
            """async ([name, form]) => {
                const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
                const response = await fetch(`/forms/${name}/validate/`, {
                    method: 'POST', credentials: 'same-origin',
                    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': token },
                    body: JSON.stringify({ form }),
                });
                return [response.status, await response.json()];
            }""",
            [path.name, form],
        )
        assert original == [200, {"valid": True, "errors": []}], path.name
        assert page.evaluate(check, [path.name, form, None]) == original, path.name
        # A field kind the engine's forms do not take, and a key that is no variable name.
        status, refused = page.evaluate(check, [path.name, form, ["type", "taglist"]])
        assert (status, refused["valid"]) == (200, False), path.name
        assert "taglist" in refused["errors"][0]["message"], path.name
        assert refused["errors"][0]["field"], path.name  # the field is named
        status, refused = page.evaluate(check, [path.name, form, ["key", "2 words"]])
        assert (status, refused["valid"]) == (200, False), path.name
        assert "2 words" in refused["errors"][0]["message"], path.name
    olga.assert_no_console_errors()
