from decimal import Decimal

import pytest

from processes.crm import selectors, services
from tests.processes.factories import make_customer, make_funnel, make_supplier

pytestmark = pytest.mark.django_db


def test_party_lists_by_role_and_choices():
    acme = make_customer("Acme")
    make_customer("Gone", is_active=False)
    steel = make_supplier("Steel")
    both = services.party_create(name="Both", is_customer=True, is_supplier=True)
    assert list(selectors.customers()) == [acme, both]
    assert list(selectors.suppliers()) == [both, steel]
    assert selectors.customer_choices() == [(acme.pk, "Acme"), (both.pk, "Both")]
    assert selectors.supplier_choices() == [(both.pk, "Both"), (steel.pk, "Steel")]
    assert selectors.party_list(role="customer", active=False).get().name == "Gone"


def test_primary_channel():
    contact = services.contact_create(party=make_customer(), name="Maria")
    services.contact_add_channel(contact=contact, kind="phone", value="1")
    services.contact_add_channel(contact=contact, kind="phone", value="2", is_primary=True)
    assert selectors.primary_channel(contact, "phone").value == "2"
    assert selectors.primary_channel(contact, "email") is None


def test_funnel_sums_open_deals_per_stage():
    stages = make_funnel()
    party = make_customer()
    services.deal_create(party=party, title="A", amount=Decimal("100.00"))
    services.deal_create(party=party, title="B", amount=Decimal("50.00"))
    won = services.deal_create(party=party, title="C", amount=Decimal("999.00"))
    services.deal_move(deal=won, stage=stages["Won"])
    rows = {row["stage"].name: row for row in selectors.funnel()}
    assert rows["Lead"]["deal_count"] == 2
    assert rows["Lead"]["amount"] == Decimal("150.00")
    assert rows["Lead"]["weighted_amount"] == Decimal("15.00")
    assert rows["Won"]["deal_count"] == 0 and rows["Won"]["amount"] == 0


def test_party_history_newest_first():
    party = make_customer()
    services.interaction_log(party=party, kind="note", summary="first")
    services.interaction_log(party=party, kind="call", summary="second")
    assert [i.summary for i in selectors.party_history(party)] == ["second", "first"]
