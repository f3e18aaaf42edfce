"""Customers' addresses: the first of a kind is the default, a new default replaces the old,
a wrong field is named and nothing stored, and the invoice prints the billing address."""

import shutil
import subprocess

import pytest
from babel import Locale
from django.utils import translation

from engine.exceptions import InvalidData
from processes.crm.addresses import (
    NOT_COUNTRIES,
    address_add,
    address_lines,
    address_remove,
    address_update,
    country_codes,
    country_name,
    default_address,
)
from processes.crm.models import Address
from processes.sales import services as sales
from tests.processes import business
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db
media = business.media  # documents go to a temporary MEDIA_ROOT


def test_the_first_of_a_kind_is_the_default_and_a_new_default_replaces_it():
    acme = make_customer("Acme Corporation")
    office = address_add(party=acme, street="Friedrichstraße 12", postal_code="10117",
                         city="Berlin", country="de")  # fmt: skip
    depot = address_add(party=acme, kind="delivery", street="Hafenweg 3\nTor 2",
                        postal_code="20457", city="Hamburg", country="DE")  # fmt: skip
    assert office.is_default and depot.is_default and office.country == "DE"
    assert default_address(acme) == office
    assert default_address(acme, "delivery") == depot
    moved = address_add(party=acme, street="Unter den Linden 1", postal_code="10117",
                        city="Berlin", country="DE", is_default=True)  # fmt: skip
    assert default_address(acme) == moved
    assert not Address.objects.get(pk=office.pk).is_default
    address_remove(address=moved)
    assert default_address(acme) == Address.objects.get(pk=office.pk)  # the next one again
    with translation.override("en"):
        assert address_lines(depot) == ["Hafenweg 3", "Tor 2", "20457 Hamburg", "Germany"]
    assert country_name("DE", "fr") == "Allemagne" and country_name("DE", "ru") == "Германия"


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"street": " ", "city": "Berlin", "country": "DE"}, "street"),
        ({"street": "Hauptstraße 1", "city": "", "country": "DE"}, "city"),
        ({"street": "Hauptstraße 1", "city": "Berlin", "country": "XX"}, "country"),
        ({"street": "Hauptstraße 1", "city": "Berlin", "country": "DE", "kind": "home"}, "kind"),
    ],
)
def test_a_wrong_field_is_named_and_nothing_is_stored(fields, named):
    acme = make_customer("Acme Corporation")
    with pytest.raises(InvalidData) as refused:
        address_add(party=acme, **fields)
    assert named in refused.value.errors
    assert not Address.objects.exists()


def _stored(party) -> list[tuple]:
    return list(
        Address.objects.filter(party=party)
        .order_by("id")
        .values_list("kind", "street", "postal_code", "city", "country", "is_default")
    )


def test_an_address_is_changed_in_place_and_the_default_follows():
    acme = make_customer("Acme Corporation")
    office = address_add(party=acme, street="Friedrichstraße 12", city="Berlin", country="DE")
    annex = address_add(party=acme, street="Hafenweg 3", city="Hamburg", country="DE")
    changed = address_update(address=office, street=" Friedrichstraße 14 ", postal_code="10117",
                             city="Berlin", country="de")  # fmt: skip
    assert changed.pk == office.pk and Address.objects.count() == 2
    assert _stored(acme)[0] == ("billing", "Friedrichstraße 14", "10117", "Berlin", "DE", True)
    address_update(address=annex, street="Hafenweg 3", city="Hamburg", country="DE",
                   is_default=True)  # fmt: skip
    assert default_address(acme) == annex and not Address.objects.get(pk=office.pk).is_default
    # Moved to delivery, the billing default passes to the office; the only delivery one prints.
    annex.refresh_from_db()
    address_update(address=annex, street="Hafenweg 3", city="Hamburg", country="DE",
                   kind="delivery", is_default=False)  # fmt: skip
    assert default_address(acme) == Address.objects.get(pk=office.pk)
    assert default_address(acme, "delivery").pk == annex.pk


def test_a_wrong_change_is_named_and_the_address_is_as_it_was():
    acme = make_customer("Acme Corporation")
    office = address_add(party=acme, street="Friedrichstraße 12", city="Berlin", country="DE")
    before = _stored(acme)
    for fields, named in [
        ({"street": "", "city": "Berlin", "country": "DE"}, "street"),
        ({"street": "Hauptstraße 1", "city": "Bonn", "country": "XX"}, "country"),
        ({"street": "Hauptstraße 1", "city": "Bonn", "country": "DE", "kind": "home"}, "kind"),
    ]:
        with pytest.raises(InvalidData) as refused:
            address_update(address=office, **fields)
        assert named in refused.value.errors
    assert _stored(acme) == before


def test_the_countries_are_read_from_babel_once_and_are_babels():
    country_codes.cache_clear()
    plain = {code for code in Locale("en").territories if len(code) == 2 and code.isalpha()}
    assert country_codes() == plain - NOT_COUNTRIES and "DE" in plain and "XX" not in plain
    # CLDR's unknown region and the European Union are no country to send goods to.
    assert {"ZZ", "EU"} <= plain and not {"ZZ", "EU"} & country_codes() and "XK" in country_codes()
    assert country_codes() is country_codes() and country_codes.cache_info().misses == 1


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils' pdftotext")
def test_the_invoice_prints_the_billing_address_as_it_was():
    customer = make_customer("Société Générale Équipement")
    address_add(party=customer, street="29 boulevard Haussmann", postal_code="75009",
                city="Paris", country="FR")  # fmt: skip
    address_add(party=customer, kind="delivery", street="Quai de la Gare 4",
                postal_code="69002", city="Lyon", country="FR")  # fmt: skip
    order = make_order((make_product(name="Chaise"), 2), party=customer, confirm=True)
    with translation.override("fr"):
        invoice = sales.invoice_create_for_order(order=order, due_in_days=30)
    with invoice.pdf.open("rb") as handle:
        text = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
            input=handle.read(), capture_output=True, check=True,
        ).stdout.decode()  # fmt: skip
    assert "29 boulevard Haussmann" in text and "75009 Paris" in text and "France" in text
    assert "Lyon" not in text  # the delivery address is not the billing one


def test_the_api_adds_lists_and_removes_addresses_and_names_a_wrong_field(api, people):
    acme = make_customer("Acme Corporation")
    client = api(people.alice)
    body = {"party": acme.pk, "street": "Jungfernstieg 40", "postal_code": "20354",
            "city": "Hamburg", "country": "DE"}  # fmt: skip
    made = client.post("/api/addresses/", body, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["is_default"] is True and made.json()["lines"][-1] == "Germany"
    listed = client.get("/api/addresses/", {"party": acme.pk}).json()
    assert [row["city"] for row in listed["results"]] == ["Hamburg"]
    wrong = client.post("/api/addresses/", {**body, "country": "Atlantis"}, format="json")
    assert wrong.status_code == 400 and "country" in wrong.json()["errors"]
    assert api(people.bob).post("/api/addresses/", body, format="json").status_code == 403
    assert Address.objects.count() == 1
    assert client.delete(f"/api/addresses/{made.json()['id']}/").status_code == 204
    assert not Address.objects.exists()
