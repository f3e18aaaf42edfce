"""CSV import of customers with contacts: all or nothing, problems by line and column."""

import time

import pytest

from processes.catalog import services as catalog
from processes.crm.imports import parties_import
from processes.crm.models import Contact, ContactChannel, Party, Tag
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HEADER = "name,kind,role,vat_id,price_list,contact_name,contact_email,contact_phone\n"


def lines(count: int) -> list[str]:
    return [
        f"Customer {n:05},company,customer,FR{n:09},,Person {n},p{n}@example.com,+33 1 {n:05}\n"
        for n in range(count)
    ]


def test_a_thousand_customers_with_three_bad_lines_store_nothing_then_all(api, people):
    rows = lines(1000)
    rows[10] = "Bad kind,robot,customer,,,,,\n"  # line 12 of the file
    rows[500] = "Bad mail,company,customer,,,Jane,not-an-address,\n"  # line 502
    rows[998] = ",company,customer,,,,,\n"  # line 1000: no name
    result = parties_import(content=HEADER + "".join(rows))
    assert [(p.line, p.column) for p in result.problems] == [
        (12, "kind"),
        (502, "contact_email"),
        (1000, "name"),
    ]
    assert "robot" in result.problems[0].message
    assert not Party.objects.exists() and not Contact.objects.exists()

    good = lines(1000)
    result = parties_import(content=HEADER + "".join(good))
    assert result.valid and result.created == 1000 and result.contacts == 1000
    assert Party.objects.filter(is_customer=True).count() == 1000
    jane = Contact.objects.get(name="Person 500")
    assert jane.party.name == "Customer 00500"
    assert set(jane.channels.values_list("kind", "value")) == {
        ("email", "p500@example.com"),
        ("phone", "+33 1 00500"),
    }


def test_columns_price_lists_roles_and_a_dry_run(db):
    catalog.price_list_create(name="Wholesale")
    csv_text = "Name;Role;Price_list\nNordic Timber;supplier;\nAcme;both;wholesale\n"
    checked = parties_import(content=csv_text.encode("utf-8-sig"), dry_run=True)
    assert checked.valid and len(checked.rows) == 2 and not Party.objects.exists()
    parties_import(content=csv_text)
    acme = Party.objects.get(name="Acme")
    assert (acme.is_customer, acme.is_supplier, acme.price_list.name) == (True, True, "Wholesale")
    bad = parties_import(content="name,colour\nX,red\n")
    assert [(p.line, p.column) for p in bad.problems] == [(1, "colour")]
    none = parties_import(content="company\nX\n")
    assert [(p.line, p.column) for p in none.problems] == [(1, "name"), (1, "company")]
    unknown = parties_import(content="name,price_list\nY,Retail\n")
    assert [(p.line, p.column) for p in unknown.problems] == [(2, "price_list")]


def test_ten_thousand_lines_in_seconds(db):
    started = time.process_time()
    result = parties_import(content=HEADER + "".join(lines(10_000)))
    spent = time.process_time() - started
    assert result.created == 10_000 and ContactChannel.objects.count() == 20_000
    assert spent < 10, f"10,000 lines took {spent:.1f} s of CPU"


def test_the_api_imports_with_a_dry_run_and_names_the_problems(api, people):
    body = HEADER + "".join(lines(3))
    assert api(people.bob).post("/api/parties/import/", {"csv": body}).status_code == 403
    dry = api(people.alice).post("/api/parties/import/", {"csv": body, "dry_run": True})
    assert dry.status_code == 200 and dry.json() == {"valid": True, "lines": 3, "dry_run": True}
    assert not Party.objects.exists()
    bad = api(people.alice).post("/api/parties/import/", {"csv": body + ",x,,,,,,\n"})
    assert bad.status_code == 400
    assert {"line": 5, "column": "name", "message": "A name is needed."} in bad.json()["errors"]
    assert not Party.objects.exists()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("customers.csv", body.encode("utf-8-sig"), "text/csv")
    done = api(people.alice).post("/api/parties/import/", {"file": upload}, format="multipart")
    assert done.status_code == 201 and done.json()["created"] == 3
    assert Party.objects.count() == 3
    empty = api(people.alice).post("/api/parties/import/", {})
    assert empty.status_code == 400 and "file" in empty.json()["errors"]


def test_owners_and_tags_come_from_their_columns_and_whoever_imports_owns_the_rest(db):
    alice = make_user("alice", "sales")
    make_user("Bob", "sales")  # "bob" in the file: user names match in any case
    csv_text = "name,owner,tags\nAcme,bob,VIP | trade fair 2026\nGlobex,,vip\nInitech,alice,\n"
    result = parties_import(content=csv_text, user=alice)
    assert result.valid and result.created == 3
    owners = dict(Party.objects.values_list("name", "owner__username"))
    assert owners == {"Acme": "Bob", "Globex": "alice", "Initech": "alice"}
    tags = {party.name: sorted(t.name for t in party.tags.all()) for party in Party.objects.all()}
    assert tags == {"Acme": ["VIP", "trade fair 2026"], "Globex": ["VIP"], "Initech": []}
    assert Tag.objects.count() == 2  # "vip" is the tag "VIP"


def test_an_unknown_or_inactive_owner_or_a_long_tag_stores_nothing(db):
    make_user("carol", "sales", is_active=False)
    csv_text = f"name,owner,tags\nAcme,ghost,\nGlobex,carol,\nInitech,,{'x' * 51}\n"
    result = parties_import(content=csv_text)
    assert [(p.line, p.column) for p in result.problems] == [
        (2, "owner"),
        (3, "owner"),
        (4, "tags"),
    ]
    assert "ghost" in result.problems[0].message
    assert not Party.objects.exists() and not Tag.objects.exists()
