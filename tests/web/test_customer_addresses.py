"""Alice adds Acme's billing and delivery addresses on its page and removes one; a wrong
country is named under its field and nothing is stored; the warehouse may not add any."""

import pytest

from processes.crm.models import Address
from tests.processes.factories import make_customer

pytestmark = pytest.mark.django_db

ADDRESS = {
    "kind": "billing",
    "street": "Friedrichstraße 12\n3rd floor",
    "postal_code": "10117",
    "city": "Berlin",
    "country": "DE",
}


def form(**fields) -> dict:
    """The address form's fields as the page posts them (its fields carry a prefix)."""
    return {f"address-{name}": value for name, value in {**ADDRESS, **fields}.items()}


OFFICE = form()


def test_alice_adds_and_removes_addresses_on_the_customer_page(login, users):
    acme = make_customer("Acme Corporation")
    client = login(users["alice"])
    page = client.get(f"/customers/{acme.pk}/").content.decode()
    assert "No address yet: add the billing address" in page
    response = client.post(f"/customers/{acme.pk}/addresses/", OFFICE)
    assert response.status_code == 302
    assert response["Location"] == f"/customers/{acme.pk}/#addresses"
    depot = form(kind="delivery", street="Hafenweg 3", city="Hamburg")
    client.post(f"/customers/{acme.pk}/addresses/", depot)
    page = client.get(f"/customers/{acme.pk}/").content.decode()
    assert "Address added to Acme Corporation." in page
    assert "Friedrichstraße 12<br>3rd floor<br>10117 Berlin<br>Germany" in page
    assert "Hamburg" in page and page.count('<span class="badge">on documents</span>') == 2
    office = Address.objects.get(city="Berlin")
    client.post(f"/customers/{acme.pk}/addresses/{office.pk}/remove/")
    assert list(Address.objects.values_list("city", flat=True)) == ["Hamburg"]


def test_a_wrong_field_is_shown_under_it_and_nothing_is_stored(login, users):
    acme = make_customer("Acme Corporation")
    client = login(users["alice"])
    response = client.post(f"/customers/{acme.pk}/addresses/", form(city=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details open id="address-form">' in html and "This field is required." in html
    response = client.post(f"/customers/{acme.pk}/addresses/", form(country="XX"))
    assert response.status_code == 400
    assert not Address.objects.exists()


def test_the_warehouse_may_not_add_an_address(login, users):
    acme = make_customer("Acme Corporation")
    response = login(users["bob"]).post(f"/customers/{acme.pk}/addresses/", OFFICE)
    assert response.status_code == 403
    assert not Address.objects.exists()


def test_alice_edits_an_address_in_place_and_the_change_is_audited(login, users):
    from auditlog.models import LogEntry

    acme = make_customer("Acme Corporation")
    client = login(users["alice"])
    client.post(f"/customers/{acme.pk}/addresses/", OFFICE)
    office = Address.objects.get()
    page = client.get(f"/customers/{acme.pk}/").content.decode()
    edit = f"/customers/{acme.pk}/addresses/{office.pk}/edit/"
    assert f'href="{edit}#address-form"' in page
    opened = client.get(edit)
    html = opened.content.decode()
    assert opened.status_code == 200 and f'data-editing="{office.pk}"' in html
    assert "Friedrichstraße 12\n3rd floor</textarea>" in html and 'value="10117"' in html
    assert '<option value="DE" selected>' in html and "Save the address" in html
    response = client.post(edit, form(street="Friedrichstraße 14", is_default="on"))
    assert response.status_code == 302
    assert response["Location"] == f"/customers/{acme.pk}/#addresses"
    office.refresh_from_db()
    assert (office.street, office.city, office.is_default) == ("Friedrichstraße 14", "Berlin", True)
    assert Address.objects.count() == 1
    page = client.get(f"/customers/{acme.pk}/").content.decode()
    assert "Address of Acme Corporation changed." in page and "Friedrichstraße 14" in page
    entry = LogEntry.objects.get_for_object(office).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == users["alice"] and "street" in entry.changes_dict


def test_a_wrong_edit_is_named_under_its_field_and_changes_nothing(login, users):
    acme = make_customer("Acme Corporation")
    client = login(users["alice"])
    client.post(f"/customers/{acme.pk}/addresses/", OFFICE)
    office = Address.objects.get()
    before = Address.objects.values().get()
    edit = f"/customers/{acme.pk}/addresses/{office.pk}/edit/"
    response = client.post(edit, form(city="", street="Elsewhere 1"))
    html = response.content.decode()
    assert response.status_code == 400 and f'data-editing="{office.pk}"' in html
    assert "This field is required." in html and "Elsewhere 1</textarea>" in html
    assert client.post(edit, form(country="XX")).status_code == 400
    assert Address.objects.values().get() == before
    other = make_customer("Bolt Supplies")
    assert client.get(f"/customers/{other.pk}/addresses/{office.pk}/edit/").status_code == 404
    assert login(users["bob"]).post(edit, form(city="Bonn")).status_code == 403
    assert Address.objects.values().get() == before
