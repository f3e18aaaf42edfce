import pytest

from forms.choices import expand_choices, registered_choices
from tests.processes.factories import make_customer, make_supplier


def test_crm_registers_its_choice_lists():
    assert {"customer", "supplier"} <= set(registered_choices())


@pytest.mark.django_db
def test_customer_choices_fill_a_form_field():
    acme = make_customer("Acme")
    make_supplier("Steel")
    schema = {"properties": {"customer": {"type": "integer", "x-choices": "customer"}}}
    field = expand_choices(schema)["properties"]["customer"]
    assert field["oneOf"] == [{"const": acme.pk, "title": "Acme"}]
