import pytest

from forms.choices import expand_choices, registered_choices
from tests.processes.factories import make_product


def test_catalog_registers_its_choice_lists():
    expected = {"product", "product_stocked", "product_manufactured", "product_purchased"}
    assert expected <= set(registered_choices())


@pytest.mark.django_db
def test_product_kind_choices_fill_a_form_field():
    made = make_product("DESK", name="Desk", kind="manufactured")
    make_product("CHAIR", name="Chair", kind="stocked")
    schema = {"properties": {"p": {"type": "integer", "x-choices": "product_manufactured"}}}
    assert expand_choices(schema)["properties"]["p"]["oneOf"] == [
        {"const": made.pk, "title": "DESK Desk"}
    ]
