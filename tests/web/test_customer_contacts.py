"""Alice adds the people she talks to at Acme on its page, and marks one who left; a wrong
e-mail is named under its field and nothing is stored; the warehouse may not add any."""

import pytest

from processes.crm import services as crm
from processes.crm.models import Contact, ContactChannel
from tests.processes.factories import make_customer

pytestmark = pytest.mark.django_db

JANE = {"name": "Jane Roe", "job_title": "Buyer", "email": "jane@acme.example",
        "phone": "+49 30 5550101"}  # fmt: skip


def form(**fields) -> dict:
    return {f"contact-{name}": value for name, value in {**JANE, **fields}.items()}


def test_alice_adds_a_contact_and_marks_another_gone(login, users):
    acme = make_customer("Acme Corporation")
    tom = crm.contact_create(party=acme, name="Tom Becker")
    client = login(users["alice"])
    response = client.post(f"/customers/{acme.pk}/contacts/", form())
    assert response.status_code == 302
    assert response["Location"] == f"/customers/{acme.pk}/#contacts"
    jane = Contact.objects.get(name="Jane Roe")
    assert (jane.party, jane.job_title) == (acme, "Buyer")
    assert set(jane.channels.values_list("kind", "value", "is_primary")) == {
        ("email", "jane@acme.example", True),
        ("phone", "+49 30 5550101", True),
    }
    client.post(f"/customers/{acme.pk}/contacts/{tom.pk}/gone/")
    page = client.get(f"/customers/{acme.pk}/").content.decode()
    assert "Tom Becker is no longer listed at Acme Corporation." in page
    assert f'data-contact="{jane.pk}"' in page and f'data-contact="{tom.pk}"' not in page
    assert Contact.objects.get(pk=tom.pk).is_active is False  # kept for the timeline


def test_a_wrong_email_is_shown_under_it_and_nothing_is_stored(login, users):
    acme = make_customer("Acme Corporation")
    response = login(users["alice"]).post(
        f"/customers/{acme.pk}/contacts/", form(email="not-an-address")
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Contact.objects.exists() and not ContactChannel.objects.exists()


def test_the_warehouse_may_not_add_a_contact(login, users):
    acme = make_customer("Acme Corporation")
    response = login(users["bob"]).post(f"/customers/{acme.pk}/contacts/", form())
    assert response.status_code == 403
    assert not Contact.objects.exists()
