"""Customer pages: search by name, VAT id, contact name, e-mail or phone; the customer page;
logging a call; who may open them."""

from decimal import Decimal

from processes.crm import services as crm
from processes.crm.models import Interaction
from processes.sales.services.orders import order_create
from profiles.services import set_language
from tests.processes.factories import make_customer, make_funnel, make_product, make_supplier


def names(response) -> list[str]:
    return [party.name for party in response.context["page"].object_list]


def _acme():
    acme = make_customer("Acme Tools", tax_id="FR123456789")
    crm.contact_create(
        party=acme,
        name="Jane Roe",
        channels=[
            {"kind": "email", "value": "jane.roe@acme.example", "is_primary": True},
            {"kind": "phone", "value": "+33 1 23 45 67 89"},
        ],
    )
    return acme


def test_search_by_name_vat_contact_email_and_phone(login, users):
    _acme()
    make_customer("Bolt Supplies")
    make_supplier("Copper Works")
    client = login(users["alice"])
    assert names(client.get("/customers/")) == ["Acme Tools", "Bolt Supplies", "Copper Works"]
    for q in ["acme", "FR1234", "jane", "roe@acme", "45 67"]:
        assert names(client.get("/customers/", {"q": q})) == ["Acme Tools"], q
    assert names(client.get("/customers/", {"role": "supplier"})) == ["Copper Works"]
    assert names(client.get("/customers/", {"sort": "-name"}))[0] == "Copper Works"
    empty = client.get("/customers/", {"q": "nobody-like-this"})
    assert names(empty) == []
    assert "Nobody matches this search" in empty.content.decode()
    # htmx asks for the list alone.
    partial = client.get("/customers/", {"q": "acme"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "Acme Tools" in partial.content.decode()


def test_the_list_pages_by_fifty(login, users):
    for n in range(55):
        make_customer(f"Customer {n:03}")
    client = login(users["alice"])
    assert len(names(client.get("/customers/"))) == 50
    assert names(client.get("/customers/", {"page": 2})) == [
        f"Customer {n:03}" for n in range(50, 55)
    ]


def test_customer_page_shows_contacts_orders_and_money_with_currency(login, users):
    acme = _acme()
    order_create(
        party=acme,
        lines=[{"product": make_product(list_price=Decimal("1234.50")), "quantity": Decimal("2")}],
    )
    html = login(users["alice"]).get(f"/customers/{acme.pk}/").content.decode()
    assert "Jane Roe" in html and "jane.roe@acme.example" in html
    assert "€2,469.00" in html
    assert "Nothing logged yet" in html


def test_the_customer_page_names_channels_deals_and_calls_in_french(login, users):
    acme = _acme()
    funnel = make_funnel()
    deal = crm.deal_create(party=acme, title="Dix bureaux", stage=funnel["Lead"])
    crm.deal_move(deal=deal, stage=funnel["Won"])
    crm.interaction_log(party=acme, kind="call", summary="Veut vingt de plus.")
    set_language(users["alice"], "fr")
    html = login(users["alice"]).get(f"/customers/{acme.pk}/").content.decode()
    assert "Téléphone:" in html and "E-mail:" in html  # the contact's channels
    assert '<span class="badge">Appel</span>' in html  # the call on the timeline
    assert "<td>Dix bureaux</td><td>Won</td><td>Gagnée</td>" in html  # its stage, then status
    assert ">Phone<" not in html and ">Call<" not in html


def test_logging_a_call_puts_it_on_the_timeline(login, users):
    acme = _acme()
    jane = acme.contacts.get()
    client = login(users["alice"])
    response = client.post(
        f"/customers/{acme.pk}/log/",
        {"kind": "call", "contact": jane.pk, "summary": "Wants 20 more next month."},
    )
    assert response.status_code == 302
    logged = Interaction.objects.get(party=acme)
    assert (logged.kind, logged.contact, logged.user) == ("call", jane, users["alice"])
    html = client.get(f"/customers/{acme.pk}/").content.decode()
    assert "Wants 20 more next month." in html


def test_a_bad_log_changes_nothing_and_says_why(login, users):
    acme = _acme()
    other = make_customer("Other").pk
    response = login(users["alice"]).post(
        f"/customers/{acme.pk}/log/", {"kind": "call", "contact": other, "summary": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"contact", "summary"}
    assert not Interaction.objects.exists()


def test_who_may_open_and_log(client, login, users):
    acme = _acme()
    assert client.get("/customers/").status_code == 302  # to the login page
    # Everyone at work reads customers; only sales writes on their timeline.
    bob = login(users["bob"])
    assert bob.get(f"/customers/{acme.pk}/").status_code == 200
    assert "Invoices" not in bob.get(f"/customers/{acme.pk}/").content.decode()
    refused = bob.post(f"/customers/{acme.pk}/log/", {"kind": "note", "summary": "Hi"})
    assert refused.status_code == 403
    assert not Interaction.objects.exists()
    assert login(users["alice"]).get("/customers/999999/").status_code == 404


def test_the_top_bar_links_customers(login, users):
    html = login(users["alice"]).get("/inbox/").content.decode()
    assert 'href="/customers/"' in html


def _exported(response, fmt: str) -> list[list[str]]:
    import csv
    import io

    from openpyxl import load_workbook

    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    return [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def test_exports_hold_the_rows_the_list_shows_with_its_filters(login, users):
    _acme()
    make_customer("Bolt Supplies")
    make_supplier("Copper Works", tax_id="DE999")
    client = login(users["alice"])
    for query in [{}, {"role": "supplier"}, {"q": "roe@acme"}, {"sort": "-name"}]:
        shown = [
            [party.name, party.tax_id]
            for party in client.get("/customers/", {**query, "page": 1}).context["page"]
        ]
        for fmt in ["csv", "xlsx"]:
            rows = _exported(client.get("/customers/", {**query, "format": fmt}), fmt)
            assert rows[0] == ["Name", "Role", "VAT id", "Price list", "Active", "Owner", "Tags"]
            assert [[row[0], row[2]] for row in rows[1:]] == shown, (query, fmt)
    assert _exported(client.get("/customers/", {"format": "csv"}), "csv")[3][1] == "Supplier"


def test_owner_and_tag_filters_keep_to_the_address_and_the_export(login, users):
    from processes.crm import services as crm

    acme = crm.party_create(
        name="Acme Tools", is_customer=True, owner=users["alice"], tags=["Key account", "Fair"]
    )
    crm.party_create(name="Bolt Supplies", is_customer=True, owner=users["erin"], tags=["fair"])
    crm.party_create(name="Copper Works", is_supplier=True, tags=["Key account"])
    client = login(users["alice"])
    page = client.get("/customers/").content.decode()
    assert '<option value="Key account"' in page and '<option value="Fair"' in page
    assert f'<option value="{users["alice"].pk}">Me</option>' in page
    cases = {
        (("owner", users["alice"].pk),): ["Acme Tools"],
        (("tag", "FAIR"),): ["Acme Tools", "Bolt Supplies"],
        (("tag", "key account"), ("role", "supplier")): ["Copper Works"],
        (("owner", users["erin"].pk), ("tag", "Key account")): [],
    }
    for pairs, names in cases.items():
        query = dict(pairs)
        answer = client.get("/customers/", query)
        assert [party.name for party in answer.context["page"]] == names, query
        rows = _exported(client.get("/customers/", {**query, "format": "xlsx"}), "xlsx")
        assert [row[0] for row in rows[1:]] == names, query
    filtered = client.get("/customers/", {"tag": "fair"}).content.decode()
    assert 'href="?tag=Key+account' in filtered and "selected>Fair</option>" in filtered
    rows = _exported(client.get("/customers/", {"q": "acme", "format": "csv"}), "csv")
    assert rows[0][-2:] == ["Owner", "Tags"] and rows[1][-1] == "Fair, Key account"
    detail = client.get(f"/customers/{acme.pk}/").content.decode()
    assert "looked after by alice" in detail and "/customers/?tag=Key%20account" in detail


def test_the_edit_page_sets_owner_and_tags(login, users):
    from processes.crm import services as crm

    acme = crm.party_create(name="Acme Tools", is_customer=True, tags=["VIP"])
    client = login(users["alice"])
    form = client.get(f"/customers/{acme.pk}/edit/").content.decode()
    assert 'value="VIP"' in form
    data = {"name": "Acme Tools", "kind": "company", "is_customer": "on", "is_active": "on"}
    bad = client.post(f"/customers/{acme.pk}/edit/", {**data, "tags": "vip, " + "x" * 51})
    assert bad.status_code == 400 and "longer than 50 characters" in bad.content.decode()
    assert [t.name for t in acme.tags.all()] == ["VIP"]
    done = client.post(
        f"/customers/{acme.pk}/edit/",
        {**data, "owner": users["erin"].pk, "tags": "vip,  trade   fair ,"},
    )
    assert done.status_code == 302
    acme.refresh_from_db()
    assert acme.owner == users["erin"]
    assert sorted(t.name for t in acme.tags.all()) == ["VIP", "trade fair"]
    new = client.get("/customers/new/").content.decode()
    assert f'<option value="{users["alice"].pk}" selected>' in new
