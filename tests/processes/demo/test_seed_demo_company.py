from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from processes.catalog.models import CustomerPrice, PriceListItem, Product
from processes.catalog.selectors import price_for
from processes.crm.models import Contact, ContactChannel, Deal, FunnelStage, Interaction, Party
from processes.inventory.models import ReorderRule, StockLevel, StockMove, Warehouse
from processes.inventory.selectors import product_stock, products_below_reorder

pytestmark = pytest.mark.django_db

MODELS = [
    Party,
    Contact,
    ContactChannel,
    FunnelStage,
    Deal,
    Interaction,
    Product,
    PriceListItem,
    CustomerPrice,
    Warehouse,
    StockLevel,
    StockMove,
    ReorderRule,
]


def seed() -> str:
    out = StringIO()
    call_command("seed_demo_company", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_nothing_is_seeded_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    assert "Demo mode is off" in seed()
    assert not any(counts().values())


def test_the_demo_company(settings):
    settings.DEMO_MODE = True
    assert "Demo company ready" in seed()
    assert Party.objects.filter(is_customer=True, is_active=True).count() == 12
    assert Party.objects.filter(is_supplier=True).count() >= 3
    assert Contact.objects.filter(party__is_customer=True).count() >= 12
    assert ContactChannel.objects.filter(kind="email", is_primary=True).count() >= 12
    assert set(Product.objects.values_list("kind", flat=True)) == {
        "stocked",
        "manufactured",
        "purchased",
    }
    made = Product.objects.filter(kind="manufactured").values_list("sku", flat=True)
    assert {"OAK-DESK", "DESK-FRAME"} <= set(made)
    assert Product.objects.get(sku="OAK-TOP").default_supplier.is_supplier
    assert Warehouse.objects.count() == 2
    assert product_stock(Product.objects.get(sku="CHAIR-ERGO")).on_hand == 30
    assert {n.rule.product.sku for n in products_below_reorder()} == {"OAK-TOP", "CABLE-TRAY"}
    assert set(Deal.objects.values_list("status", flat=True)) == {"open", "won", "lost"}
    acme = Party.objects.get(name="Acme Corporation")
    assert price_for(product=Product.objects.get(sku="OAK-DESK"), party=acme) == 799
    juniper = Party.objects.get(name="Juniper Hotels")
    # Wholesale 315.00 less the 12 % customer discount.
    assert price_for(product=Product.objects.get(sku="CHAIR-ERGO"), party=juniper) == Decimal(
        "277.20"
    )


def test_the_demo_customers_have_owners_and_tags(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())
    seed()
    customers = Party.objects.filter(is_customer=True)
    owners = dict(customers.values_list("name", "owner__username"))
    assert owners["Juniper Hotels"] == "erin" and owners["Acme Corporation"] == "alice"
    assert set(owners.values()) == {"alice", "erin"}
    juniper = sorted(Party.objects.get(name="Juniper Hotels").tags.values_list("name", flat=True))
    assert juniper == ["Key account", "Reseller"]
    assert Party.objects.filter(is_supplier=True, owner__isnull=False).count() == 0
    acme = Party.objects.get(name="Acme Corporation").addresses.get()
    assert (acme.street, acme.postal_code, acme.city, acme.country, acme.is_default) == (
        "Friedrichstraße 12", "10117", "Berlin", "DE", True
    )  # fmt: skip


def test_seeding_twice_adds_nothing(settings):
    settings.DEMO_MODE = True
    seed()
    first = counts()
    seed()
    assert counts() == first
