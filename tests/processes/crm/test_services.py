from decimal import Decimal

import pytest

from engine.exceptions import InvalidData
from processes.common.errors import InvalidTransition
from processes.crm import services
from processes.crm.models import ContactChannel, Deal, Interaction
from tests.factories import make_user
from tests.processes.factories import make_customer, make_funnel

pytestmark = pytest.mark.django_db


def test_party_create_and_update():
    party = services.party_create(name="  Acme  ", tax_id="DE1", is_customer=True)
    assert party.name == "Acme" and party.is_customer and not party.is_supplier
    services.party_update(party=party, data={"is_supplier": True, "notes": "Also sells us bolts"})
    party.refresh_from_db()
    assert party.is_supplier and party.notes == "Also sells us bolts"


def test_party_update_refuses_unknown_fields_and_bad_values():
    party = make_customer()
    with pytest.raises(InvalidData) as refused:
        services.party_update(party=party, data={"created_at": None})
    assert "created_at" in refused.value.errors
    with pytest.raises(InvalidData) as refused:
        services.party_update(party=party, data={"kind": "robot"})
    assert "kind" in refused.value.errors
    party.refresh_from_db()
    assert party.kind == "company"


def test_contact_with_channels_first_of_a_kind_is_primary():
    contact = services.contact_create(
        party=make_customer(),
        name="Maria",
        channels=[
            {"kind": "email", "value": "maria@acme.example"},
            {"kind": "phone", "value": "+49 30 1"},
            {"kind": "phone", "value": "+49 30 2"},
        ],
    )
    primary = {(c.kind, c.value): c.is_primary for c in contact.channels.all()}
    assert primary == {
        ("email", "maria@acme.example"): True,
        ("phone", "+49 30 1"): True,
        ("phone", "+49 30 2"): False,
    }


def test_contact_add_channel_primary_replaces_previous_and_repeats_are_kept_once():
    contact = services.contact_create(party=make_customer(), name="Tom")
    old = services.contact_add_channel(contact=contact, kind="email", value="old@x.example")
    new = services.contact_add_channel(
        contact=contact, kind="email", value="new@x.example", is_primary=True
    )
    again = services.contact_add_channel(contact=contact, kind="email", value="new@x.example")
    old.refresh_from_db()
    assert again.pk == new.pk and new.is_primary and not old.is_primary
    assert ContactChannel.objects.filter(contact=contact).count() == 2


def test_contact_add_channel_checks_email_addresses():
    contact = services.contact_create(party=make_customer(), name="Tom")
    with pytest.raises(InvalidData) as refused:
        services.contact_add_channel(contact=contact, kind="email", value="not an address")
    assert "value" in refused.value.errors
    assert not contact.channels.exists()


def test_deal_starts_in_the_first_open_stage():
    stages = make_funnel()
    deal = services.deal_create(party=make_customer(), title="Desks", amount=Decimal("900.50"))
    assert deal.stage == stages["Lead"] and deal.status == Deal.Status.OPEN


def test_deal_create_refuses_a_closing_stage_and_an_empty_funnel():
    party = make_customer()
    with pytest.raises(InvalidData):
        services.deal_create(party=party, title="Desks")
    stages = make_funnel()
    with pytest.raises(InvalidData):
        services.deal_create(party=party, title="Desks", stage=stages["Won"])


def test_deal_move_through_the_funnel_to_won():
    stages = make_funnel()
    deal = services.deal_create(party=make_customer(), title="Desks")
    deal = services.deal_move(deal=deal, stage=stages["Proposal"])
    assert deal.status == Deal.Status.OPEN and deal.closed_at is None
    deal = services.deal_move(deal=deal, stage=stages["Won"])
    deal.refresh_from_db()
    assert deal.status == Deal.Status.WON and deal.stage == stages["Won"] and deal.closed_at


def test_deal_lost_needs_a_reason():
    stages = make_funnel()
    deal = services.deal_create(party=make_customer(), title="Desks")
    with pytest.raises(InvalidData) as refused:
        services.deal_move(deal=deal, stage=stages["Lost"])
    assert "lost_reason" in refused.value.errors
    deal.refresh_from_db()
    assert deal.status == Deal.Status.OPEN
    services.deal_move(deal=deal, stage=stages["Lost"], lost_reason="Too expensive")
    deal.refresh_from_db()
    assert deal.status == Deal.Status.LOST and deal.lost_reason == "Too expensive"


def test_a_closed_deal_cannot_move():
    stages = make_funnel()
    deal = services.deal_create(party=make_customer(), title="Desks")
    services.deal_move(deal=deal, stage=stages["Won"])
    with pytest.raises(InvalidTransition):
        services.deal_move(deal=deal, stage=stages["Lead"])
    deal.refresh_from_db()
    assert deal.stage == stages["Won"]


def test_deal_update_cannot_change_the_stage():
    stages = make_funnel()
    deal = services.deal_create(party=make_customer(), title="Desks")
    with pytest.raises(InvalidData):
        services.deal_update(deal=deal, data={"stage": stages["Won"]})
    services.deal_update(deal=deal, data={"amount": Decimal("10.00")})
    deal.refresh_from_db()
    assert deal.amount == Decimal("10.00") and deal.stage == stages["Lead"]


def test_funnel_stage_rules():
    stages = make_funnel()
    with pytest.raises(InvalidData):
        services.funnel_stage_create(name="Both", order=5, is_won=True, is_lost=True)
    services.deal_create(party=make_customer(), title="Desks")
    with pytest.raises(InvalidData):
        services.funnel_stage_update(stage=stages["Lead"], data={"is_won": True})
    services.funnel_stage_update(stage=stages["Lead"], data={"probability": 20})
    stages["Lead"].refresh_from_db()
    assert stages["Lead"].probability == 20 and not stages["Lead"].is_won


def test_interaction_log_keeps_contact_and_deal_of_the_same_party():
    alice = make_user("alice", "sales")
    party, other = make_customer(), make_customer()
    contact = services.contact_create(party=party, name="Maria")
    stranger = services.contact_create(party=other, name="Tom")
    entry = services.interaction_log(
        party=party, contact=contact, kind="call", summary=" Called ", user=alice
    )
    assert entry.summary == "Called" and entry.user == alice and entry.at is not None
    with pytest.raises(InvalidData):
        services.interaction_log(party=party, contact=stranger, kind="call", summary="x")
    assert Interaction.objects.count() == 1
