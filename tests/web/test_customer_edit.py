"""Creating and editing customers on pages checked on the server (errors next to their
fields, nothing stored), the cases of a customer on their page, and "Make an order"."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.html import escape

from engine.models import HumanTask, ProcessInstance
from processes.crm.models import ContactChannel, Party
from processes.sales.models import SalesOrder
from tests.processes.factories import make_customer, make_product, make_supplier
from tests.processes.flows.steps import settle

GOOD = {"name": "Acme Tools", "kind": "company", "is_customer": "on", "tax_id": "FR1"}


def test_a_new_customer_with_its_contact_is_stored(login, users):
    client = login(users["alice"])
    page = client.get("/customers/new/")
    assert page.status_code == 200 and "New customer or supplier" in page.content.decode()
    data = {**GOOD, "contact_name": "Jane Roe", "contact_email": "jane@acme.example"}
    response = client.post("/customers/new/", {**data, "contact_phone": "+33 1 23"})
    party = Party.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/customers/{party.pk}/"
    assert (party.name, party.is_customer, party.is_supplier, party.tax_id) == (
        "Acme Tools",
        True,
        False,
        "FR1",
    )
    jane = party.contacts.get()
    assert jane.name == "Jane Roe"
    assert set(jane.channels.values_list("kind", "value")) == {
        (ContactChannel.Kind.EMAIL, "jane@acme.example"),
        (ContactChannel.Kind.PHONE, "+33 1 23"),
    }
    assert "Acme Tools is saved." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"is_customer": ""}, "is_customer", "Say whether we sell to them"),
        ({"contact_email": "not-an-address"}, "contact_email", "Enter a valid email address."),
        ({"contact_phone": "+33 1"}, "contact_name", "Name the person this e-mail or phone"),
        ({"kind": "robot"}, "kind", "Select a valid choice."),
        ({"price_list": "999999"}, "price_list", "Select a valid choice."),
    ],
)
def test_a_wrong_field_is_named_next_to_it_and_nothing_is_stored(
    login, users, change, field, message
):
    response = login(users["alice"]).post("/customers/new/", {**GOOD, **change})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html and message in html
    assert "Nothing is saved yet" in html
    assert not Party.objects.exists()


def test_editing_changes_the_fields_and_a_bad_edit_changes_nothing(login, users):
    acme = make_customer("Acme Tools")
    client = login(users["alice"])
    page = client.get(f"/customers/{acme.pk}/edit/").content.decode()
    assert 'value="Acme Tools"' in page
    bad = client.post(f"/customers/{acme.pk}/edit/", {**GOOD, "name": " ", "is_supplier": "on"})
    assert bad.status_code == 400
    acme.refresh_from_db()
    assert (acme.name, acme.is_supplier) == ("Acme Tools", False)
    edit = {**GOOD, "name": "Acme Tools SA", "is_supplier": "on", "is_active": "on"}
    response = client.post(f"/customers/{acme.pk}/edit/", edit)
    assert response.status_code == 302
    acme.refresh_from_db()
    assert (acme.name, acme.is_customer, acme.is_supplier, acme.is_active) == (
        "Acme Tools SA",
        True,
        True,
        True,
    )


def test_only_those_who_change_customers_create_and_edit(login, users):
    acme = make_customer("Acme Tools")
    bob = login(users["bob"])
    assert bob.get("/customers/new/").status_code == 403
    response = bob.post(f"/customers/{acme.pk}/edit/", {**GOOD, "name": "Hijacked"})
    assert response.status_code == 403 and "change customers" in response.content.decode()
    acme.refresh_from_db()
    assert acme.name == "Acme Tools"
    assert login(users["alice"]).get("/customers/999999/edit/").status_code == 404
    page = login(users["alice"]).get(f"/customers/{acme.pk}/").content.decode()
    assert f"/customers/{acme.pk}/edit/" in page and "Make an order" not in page  # no sales yet


@pytest.fixture
def sales_deployed(db, settings):
    # The shipped processes with their own forms (this folder's tests use the fixtures').
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": settings.BASE_DIR / "forms" / "schemas"}
    call_command("deploy_processes", stdout=StringIO())


def test_make_an_order_opens_its_first_task_with_the_customer_filled_in(
    login, users, sales_deployed
):
    acme = make_customer("Acme Tools")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("120.00"))
    client = login(users["alice"])
    page = client.get(f"/customers/{acme.pk}/").content.decode()
    assert "Make an order" in page and "No processes about this customer yet" in page
    response = client.post(f"/customers/{acme.pk}/order/")
    task = HumanTask.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tasks/{task.pk}/"
    assert (task.element_id, task.assignee) == ("enter_order", users["alice"])
    form = client.get(response["Location"]).content.decode()
    assert f'<option value="{acme.pk}" selected' in form

    # The order is entered: the case shows on the customer's page with its stage and task.
    client.post(
        f"/api/tasks/{task.pk}/complete/",
        {"data": {"customer": acme.pk, "lines": [{"product": chair.pk, "quantity": 2}]}},
        content_type="application/json",
    )
    settle()
    order = SalesOrder.objects.get()
    instance = ProcessInstance.objects.get()
    page = client.get(f"/customers/{acme.pk}/").content.decode()
    assert order.number in page and "Record the customer&#x27;s decision" in page
    assert escape(instance.stage) in page


def test_no_order_for_a_supplier_nor_for_those_who_may_not_start_sales(
    login, users, sales_deployed
):
    supplier = make_supplier("Copper Works")
    acme = make_customer("Acme Tools")
    response = login(users["alice"]).post(f"/customers/{supplier.pk}/order/")
    assert response.status_code == 409 and "not an active customer" in response.content.decode()
    response = login(users["bob"]).post(f"/customers/{acme.pk}/order/")
    assert response.status_code == 403
    assert not ProcessInstance.objects.exists()
