import pytest

from processes.crm import services
from processes.crm.models import Deal, Party
from tests.processes.factories import make_customer, make_funnel, make_supplier

pytestmark = pytest.mark.django_db


def test_anonymous_users_read_nothing(api):
    assert api().get("/api/parties/").status_code in (401, 403)


def test_parties_filtered_by_role_and_paginated(api, people):
    make_customer("Acme")
    make_customer("Birch")
    make_supplier("Steel")
    client = api(people.bob)
    customers = client.get("/api/parties/?role=customer").json()
    assert customers["count"] == 2 and [p["name"] for p in customers["results"]] == [
        "Acme",
        "Birch",
    ]
    suppliers = client.get("/api/parties/", {"role": "supplier"}).json()
    assert [p["name"] for p in suppliers["results"]] == ["Steel"]
    assert client.get("/api/parties/?search=bir").json()["count"] == 1
    refused = client.get("/api/parties/?role=robot")
    assert refused.status_code == 400 and "role" in refused.json()["errors"]


def test_sales_create_and_update_parties_others_may_not(api, people):
    body = {"name": "Acme", "is_customer": True, "tax_id": "DE1"}
    assert api(people.bob).post("/api/parties/", body).status_code == 403
    created = api(people.alice).post("/api/parties/", body)
    assert created.status_code == 201, created.json()
    party_id = created.json()["id"]
    changed = api(people.staff).patch(f"/api/parties/{party_id}/", {"notes": "VIP"})
    assert changed.status_code == 200 and changed.json()["notes"] == "VIP"
    assert Party.objects.get(pk=party_id).notes == "VIP"


def test_bad_party_data_answers_field_errors(api, people):
    answer = api(people.alice).post("/api/parties/", {"name": "", "kind": "robot"})
    assert answer.status_code == 400
    assert {"name", "kind"} <= set(answer.json()["errors"])


def test_contacts_with_channels(api, people):
    party = make_customer()
    client = api(people.alice)
    created = client.post(
        "/api/contacts/",
        {
            "party": party.pk,
            "name": "Maria",
            "channels": [{"kind": "email", "value": "maria@acme.example"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    contact_id = created.json()["id"]
    added = client.post(
        f"/api/contacts/{contact_id}/channels/", {"kind": "mobile", "value": "+49 170 1"}
    )
    assert added.status_code == 201
    assert {(c["kind"], c["is_primary"]) for c in added.json()["channels"]} == {
        ("email", True),
        ("mobile", True),
    }
    assert client.get(f"/api/contacts/?party={party.pk}").json()["count"] == 1
    assert client.get("/api/contacts/?search=acme.example").json()["count"] == 1
    bad = client.post(f"/api/contacts/{contact_id}/channels/", {"kind": "email", "value": "x"})
    assert bad.status_code == 400 and "value" in bad.json()["errors"]


def test_deals_are_created_and_moved(api, people):
    stages = make_funnel()
    party = make_customer()
    client = api(people.alice)
    created = client.post("/api/deals/", {"party": party.pk, "title": "Desks", "amount": "1200"})
    assert created.status_code == 201, created.json()
    deal = created.json()
    assert deal["stage"] == stages["Lead"].pk and deal["status"] == "open"
    no_reason = client.post(f"/api/deals/{deal['id']}/move/", {"stage": stages["Lost"].pk})
    assert no_reason.status_code == 400 and "lost_reason" in no_reason.json()["errors"]
    won = client.post(f"/api/deals/{deal['id']}/move/", {"stage": stages["Won"].pk})
    assert won.status_code == 200 and won.json()["status"] == "won"
    again = client.post(f"/api/deals/{deal['id']}/move/", {"stage": stages["Lead"].pk})
    assert again.status_code == 409
    sneaky = client.patch(f"/api/deals/{deal['id']}/", {"stage": stages["Lead"].pk})
    assert sneaky.status_code == 400
    assert Deal.objects.get().status == Deal.Status.WON
    assert client.get("/api/deals/?status=won").json()["count"] == 1
    assert client.get("/api/deals/?status=open").json()["count"] == 0
    assert client.get("/api/deals/?status=nonsense").status_code == 400


def test_funnel_stages_listed_in_order_unpaginated(api, people):
    make_funnel()
    answer = api(people.bob).get("/api/funnel-stages/")
    assert [s["name"] for s in answer.json()] == ["Lead", "Proposal", "Won", "Lost"]
    assert api(people.bob).post("/api/funnel-stages/", {"name": "X", "order": 3}).status_code == 403
    made = api(people.alice).post("/api/funnel-stages/", {"name": "Demo", "order": 3})
    assert made.status_code == 201


def test_interactions_log_the_user_and_filter(api, people):
    party = make_customer()
    services.interaction_log(party=make_customer(), kind="note", summary="other")
    client = api(people.alice)
    logged = client.post(
        "/api/interactions/", {"party": party.pk, "kind": "call", "summary": "Called back"}
    )
    assert logged.status_code == 201 and logged.json()["user"] == people.alice.pk
    rows = client.get(f"/api/interactions/?party={party.pk}").json()["results"]
    assert [r["summary"] for r in rows] == ["Called back"]
    assert client.patch(f"/api/interactions/{rows[0]['id']}/", {"summary": "x"}).status_code == 405


def test_put_keeps_party_of_a_contact_and_stage_of_a_deal(api, people):
    stages = make_funnel()
    party, other = make_customer(), make_customer()
    contact = services.contact_create(party=party, name="Maria")
    deal = services.deal_create(party=party, title="Desks")
    client = api(people.alice)
    put = client.put(f"/api/contacts/{contact.pk}/", {"party": party.pk, "name": "Maria K."})
    assert put.status_code == 200 and put.json()["name"] == "Maria K."
    moved = client.patch(f"/api/contacts/{contact.pk}/", {"party": other.pk})
    assert moved.status_code == 400 and "party" in moved.json()["errors"]
    body = {"party": party.pk, "title": "Oak desks", "stage": stages["Lead"].pk}
    assert client.put(f"/api/deals/{deal.pk}/", body).json()["title"] == "Oak desks"


def test_parties_carry_an_owner_and_tags_and_filter_by_them(api, people):
    client = api(people.alice)
    made = client.post(
        "/api/parties/",
        {"name": "Acme", "is_customer": True, "owner": people.alice.pk, "tags": ["VIP", "fair"]},
    )
    assert made.status_code == 201 and sorted(made.json()["tags"]) == ["VIP", "fair"]
    other = client.post("/api/parties/", {"name": "Bolt", "is_customer": True, "tags": ["vip"]})
    assert other.json()["tags"] == ["VIP"]  # one tag in any case, spelt as first written
    by_tag = client.get("/api/parties/", {"tag": "Vip"}).json()["results"]
    assert sorted(row["name"] for row in by_tag) == ["Acme", "Bolt"]
    mine = client.get("/api/parties/", {"owner": people.alice.pk}).json()["results"]
    assert [row["name"] for row in mine] == ["Acme"]
    acme = made.json()["id"]
    refused = client.patch(f"/api/parties/{acme}/", {"tags": ["ok", "x" * 51]})
    assert refused.status_code == 400 and "tags" in refused.json()["errors"]
    assert sorted(t.name for t in Party.objects.get(pk=acme).tags.all()) == ["VIP", "fair"]
    replaced = client.patch(f"/api/parties/{acme}/", {"tags": ["Key account"]})
    assert replaced.status_code == 200 and replaced.json()["tags"] == ["Key account"]
