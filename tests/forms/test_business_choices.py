"""The business's choice lists: checking a form asks about the submitted records only."""

import pytest

from forms.choices import existing_choices, expand_choices, registered_choices
from forms.loader import load_form
from forms.validation import CHOICES_MESSAGE, validate_form_data
from processes.catalog.models import Product
from processes.inventory.services import warehouse_update
from tests.processes.factories import make_customer, make_product, make_supplier, make_warehouse

pytestmark = pytest.mark.django_db


def _listed(name: str) -> set:
    return {choice["const"] for choice in expand_choices({"x-choices": name}).get("oneOf", [])}


def test_every_choice_list_checks_the_same_records_it_lists():
    records = [
        make_customer(),
        make_customer(is_active=False),
        make_supplier(),
        make_supplier(is_active=False),
        make_warehouse(),
        warehouse_update(warehouse=make_warehouse(), data={"is_active": False}),
        *(make_product(kind=kind) for kind in Product.Kind.values),
        *(make_product(kind=kind, is_active=False) for kind in Product.Kind.values),
    ]
    asked = {record.pk for record in records} | {10**30, -1}

    for name in registered_choices():
        assert existing_choices(name, asked) == _listed(name) & asked, name


def test_an_order_is_checked_with_one_query_per_choice_list(django_assert_num_queries):
    schema = load_form("sales-order-schema.json")
    acme = make_customer("Acme")
    retired = make_customer("Retired", is_active=False)
    bolt, nut = make_product(), make_product()
    lines = [{"product": bolt.pk, "quantity": 1}, {"product": nut.pk, "quantity": 2}]

    with django_assert_num_queries(2):
        assert validate_form_data(schema, {"customer": acme.pk, "lines": lines}) == {}
    with django_assert_num_queries(2):
        errors = validate_form_data(
            schema, {"customer": retired.pk, "lines": [*lines, {"product": 10**9, "quantity": 1}]}
        )
    assert errors == {"customer": [CHOICES_MESSAGE], "lines.2.product": [CHOICES_MESSAGE]}
