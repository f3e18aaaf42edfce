import json
import os

import pytest

from forms.loader import FormNotFound, InvalidForm, load_form, load_ui_schema, ui_schema_name_for

ORDER = {"type": "object", "properties": {"customer": {"type": "string"}}}
OTHER = {"type": "object", "title": "from the folder"}


def write(folder, name, content):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_bundle_is_searched_before_the_forms_folder(tmp_path):
    write(tmp_path, "order-schema.json", OTHER)
    bundle = {"order-schema.json": json.dumps(ORDER).encode()}

    assert load_form("order-schema.json", bundle=bundle, forms_dir=tmp_path) == ORDER


def test_falls_back_to_the_forms_folder(tmp_path):
    write(tmp_path, "order-schema.json", OTHER)
    bundle = {"process.bpmn": b"<definitions/>"}

    assert load_form("order-schema.json", bundle=bundle, forms_dir=tmp_path) == OTHER
    assert load_form("order-schema.json", forms_dir=tmp_path) == OTHER


def test_base_name_matches_a_key_inside_a_folder_of_the_bundle(tmp_path):
    bundle = {"sales/forms/order-schema.json": json.dumps(ORDER)}

    assert load_form("order-schema.json", bundle=bundle, forms_dir=tmp_path) == ORDER


@pytest.mark.parametrize(
    "form_key",
    [
        "embedded:app:forms/order.json",
        "embedded:deployment:order.json",
        "camunda-forms:deployment:order.json",
        "order",
    ],
)
def test_camunda_form_keys(tmp_path, form_key):
    bundle = {"bundle/forms/order.json": json.dumps(ORDER)}

    assert load_form(form_key, bundle=bundle, forms_dir=tmp_path) == ORDER


def test_bare_name_finds_schema_json_in_the_forms_folder(tmp_path):
    write(tmp_path, "order.schema.json", ORDER)

    assert load_form("order", forms_dir=tmp_path) == ORDER


def test_app_form_key_finds_the_file_at_the_top_of_the_forms_folder(tmp_path):
    write(tmp_path, "order.json", ORDER)

    assert load_form("embedded:app:forms/order.json", forms_dir=tmp_path) == ORDER


def test_same_base_name_twice_in_the_bundle_is_ambiguous(tmp_path):
    bundle = {"a/order.json": json.dumps(ORDER), "b/order.json": json.dumps(OTHER)}

    with pytest.raises(FormNotFound, match="ambiguous"):
        load_form("order.json", bundle=bundle, forms_dir=tmp_path)
    assert load_form("b/order.json", bundle=bundle, forms_dir=tmp_path) == OTHER


def test_missing_form_names_what_was_looked_for(tmp_path):
    with pytest.raises(FormNotFound, match=r"order-schema\.json"):
        load_form("order-schema.json", bundle={}, forms_dir=tmp_path)


@pytest.mark.parametrize(
    "name",
    ["../secret.json", "forms/../../secret.json", "/etc/passwd", "..\\secret.json", ""],
)
def test_names_that_leave_the_forms_folder_are_refused(tmp_path, name):
    forms_dir = tmp_path / "forms"
    forms_dir.mkdir()
    write(tmp_path, "secret.json", ORDER)

    with pytest.raises(FormNotFound):
        load_form(name, forms_dir=forms_dir)


def test_symlink_out_of_the_forms_folder_is_refused(tmp_path):
    forms_dir = tmp_path / "forms"
    forms_dir.mkdir()
    secret = write(tmp_path, "secret.json", ORDER)
    os.symlink(secret, forms_dir / "order.json")

    with pytest.raises(FormNotFound, match="outside"):
        load_form("order.json", forms_dir=forms_dir)


def test_symlink_inside_the_forms_folder_is_followed(tmp_path):
    real = write(tmp_path, "real/order.json", ORDER)
    os.symlink(real, tmp_path / "order.json")

    assert load_form("order.json", forms_dir=tmp_path) == ORDER


def test_invalid_json_names_the_file_and_the_place(tmp_path):
    bundle = {"forms/order.json": b'{"type": "object",\n  "properties": }'}

    with pytest.raises(InvalidForm) as raised:
        load_form("order.json", bundle=bundle, forms_dir=tmp_path)

    assert "forms/order.json" in str(raised.value)
    assert "not valid JSON" in str(raised.value)
    assert "line 2" in str(raised.value)


def test_invalid_json_in_the_forms_folder_names_the_file(tmp_path):
    write(tmp_path, "broken.json", "{nope")

    with pytest.raises(InvalidForm, match=r"broken\.json is not valid JSON"):
        load_form("broken.json", forms_dir=tmp_path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ({"type": "strin"}, "not a valid JSON Schema"),
        ({"properties": {"qty": {"minimum": "one"}}}, "properties/qty/minimum"),
        ([1, 2], "an array, not an object"),
    ],
)
def test_invalid_schema_is_refused(tmp_path, content, reason):
    write(tmp_path, "order.json", content)

    with pytest.raises(InvalidForm, match="order.json") as raised:
        load_form("order.json", forms_dir=tmp_path)
    assert reason in str(raised.value)


def test_bytes_that_are_not_utf8_are_invalid(tmp_path):
    with pytest.raises(InvalidForm, match="UTF-8"):
        load_form("order.json", bundle={"order.json": b"\xff\xfe{"}, forms_dir=tmp_path)


def test_default_forms_dir_comes_from_settings(tmp_path, settings):
    write(tmp_path, "order.json", ORDER)
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": tmp_path}

    assert load_form("order.json") == ORDER


@pytest.mark.parametrize(
    ("schema_name", "ui_name"),
    [
        ("order-schema.json", "order-uischema.json"),
        ("forms/order-schema.json", "forms/order-uischema.json"),
        ("order.schema.json", "order.uischema.json"),
        ("order.json", "order-uischema.json"),
    ],
)
def test_ui_schema_name_follows_the_spiffarena_convention(schema_name, ui_name):
    assert ui_schema_name_for(schema_name) == ui_name


def test_ui_schema_is_loaded_beside_its_schema_or_is_none(tmp_path):
    bundle = {"x/order-uischema.json": json.dumps({"ui:order": ["customer"]})}

    assert load_ui_schema("order-schema.json", bundle=bundle, forms_dir=tmp_path) == {
        "ui:order": ["customer"]
    }
    assert load_ui_schema("other-schema.json", bundle=bundle, forms_dir=tmp_path) is None
