"""Seed the demo company's business records (demo mode only); running it again adds nothing.

In the language HYPERCRM_DEMO_LANGUAGE names (en, fr, ru: processes/demo/dataset.py).
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from processes.catalog import services as catalog
from processes.catalog.models import CustomerPrice, PriceList, Product, TaxRate
from processes.company import services as company_services
from processes.company.models import CompanyDetails
from processes.crm import services as crm
from processes.crm.addresses import address_add
from processes.crm.models import Contact, Deal, FunnelStage, Interaction, Party
from processes.demo.company import DEFAULT_OWNER
from processes.demo.dataset import demo_company
from processes.demo.documents import seed_documents
from processes.demo.instances import seed_instances
from processes.inventory import services as inventory
from processes.inventory.models import StockMove, Warehouse


class Command(BaseCommand):
    help = "Seed the demo company (customers, products, stock ...); refuses unless HYPERCRM_DEMO."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            self.stdout.write("Demo mode is off (HYPERCRM_DEMO); no demo company is created.")
            return
        demo = self.demo = demo_company()
        # Its documents (PDFs, refusals, statuses) are written in the demo's language.
        with translation.override(demo.language), transaction.atomic():
            self._seed(demo)

    def _seed(self, demo) -> None:
        self._details()
        rate = self._tax_rates()
        stages = self._funnel()
        price_list = self._price_list()
        parties = self._parties(price_list)
        products = self._products(parties, rate)
        warehouses = self._warehouses()
        self._prices(price_list, parties, products)
        self._stock(products, warehouses)
        self._deals(parties, stages)
        self._interactions(parties)
        documents = seed_documents(demo)
        runs, why_not, left_out = seed_instances(demo)
        self.stdout.write(
            f"Demo company ready ({demo.details['legal_name']}, in {demo.currency}): "
            f"{len(demo.customers)} customers, {len(demo.suppliers)} suppliers, "
            f"{len(products)} products, "
            f"{len(warehouses)} warehouses, {documents['boms']} bills of materials, "
            f"{documents['quotations']} quotations, {documents['orders']} sales orders."
        )
        if why_not:
            self.stdout.write(f"No order-to-cash runs in flight: {why_not}.")
        else:
            self.stdout.write(f"{runs} order-to-cash runs in flight at different stages.")
        if left_out:
            self.stdout.write(f"Left out, as the demo records were changed: {', '.join(left_out)}.")

    def _details(self) -> None:
        # The company's own details, unless someone has set them already.
        if not CompanyDetails.objects.exists():
            company_services.company_details_set(by=None, **self.demo.details)

    def _tax_rates(self) -> TaxRate:
        """The country's tax rates; answers the standard one, every product's default."""
        rates = [
            catalog.tax_rate_ensure(name=name, rate=rate, country=country)
            for name, rate, country in self.demo.tax_rates
        ]
        return rates[0]

    def _funnel(self) -> dict[str, FunnelStage]:
        stages = {}
        for name, order, probability, won, lost in self.demo.FUNNEL:
            stages[name] = FunnelStage.objects.filter(name=name).first() or (
                crm.funnel_stage_create(
                    name=name, order=order, probability=probability, is_won=won, is_lost=lost
                )
            )
        return stages

    def _price_list(self) -> PriceList:
        name = self.demo.PRICE_LIST
        existing = PriceList.objects.filter(name=name).first()
        return existing or catalog.price_list_create(name=name, currency=self.demo.currency)

    def _parties(self, price_list: PriceList) -> dict[str, Party]:
        parties = {}
        demo, sales = self.demo, self.demo.local("Sales")
        rows = [(*row, True) for row in demo.customers] + [
            (name, "company", tax_id, contact, sales, channels, False)
            for name, tax_id, contact, channels in demo.suppliers
        ]
        owners = {user.username: user for user in User.objects.filter(is_active=True)}
        owner_of, tags_of = dict(demo.CUSTOMER_OWNERS), dict(demo.CUSTOMER_TAGS)
        for name, kind, tax_id, contact, job_title, channels, is_customer in rows:
            owner = owner_of.get(name, DEFAULT_OWNER) if is_customer else ""
            existing = Party.objects.filter(name=name).first()
            party = existing or crm.party_create(
                name=name,
                kind=kind,
                tax_id=tax_id,
                is_customer=is_customer,
                is_supplier=not is_customer,
                price_list=price_list if name in demo.WHOLESALE_CUSTOMERS else None,
                owner=owners.get(owner),
                tags=tags_of.get(name, ()),
            )
            street = demo.customer_addresses.get(name) if is_customer else None
            if street is not None and existing is None:  # a person's edits are kept
                address_add(party=party, street=street[0], postal_code=street[1],
                            city=street[2], country=demo.country)  # fmt: skip
            person = Contact.objects.filter(party=party, name=contact).first()
            if person is None:
                crm.contact_create(
                    party=party,
                    name=contact,
                    job_title=job_title,
                    channels=[{"kind": kind, "value": value} for kind, value in channels],
                )
            parties[name] = party
        return parties

    def _products(self, parties: dict[str, Party], rate: TaxRate) -> dict[str, Product]:
        products, demo = {}, self.demo
        for sku, name, kind, unit, price, cost, weight, supplier in demo.PRODUCTS:
            products[sku] = Product.objects.filter(sku=sku).first() or catalog.product_create(
                sku=sku,
                name=name,
                kind=kind,
                unit=unit,
                list_price=demo.price(price),
                standard_cost=demo.price(cost),
                weight_kg=weight,
                default_supplier=parties[supplier] if supplier else None,
                tax_rate=rate,
            )
        return products

    def _warehouses(self) -> dict[str, Warehouse]:
        return {
            code: Warehouse.objects.filter(code=code).first()
            or inventory.warehouse_create(code=code, name=name)
            for code, name in self.demo.WAREHOUSES
        }

    def _prices(self, price_list, parties, products) -> None:
        # Setting a price replaces the same one, so these may run again.
        demo = self.demo
        for sku, min_quantity, price in demo.WHOLESALE_PRICES:
            catalog.price_list_set_price(
                price_list=price_list,
                product=products[sku],
                price=demo.price(price),
                min_quantity=min_quantity,
            )
        for name, sku, price, discount in demo.CUSTOMER_PRICES:
            if not CustomerPrice.objects.filter(party=parties[name], product=products[sku]):
                catalog.customer_price_set(
                    party=parties[name],
                    product=products[sku],
                    price=demo.price(price),
                    discount_percent=discount,
                )

    def _stock(self, products, warehouses) -> None:
        opening = self.demo.OPENING_STOCK
        for sku, code, quantity in self.demo.STOCK:
            product, warehouse = products[sku], warehouses[code]
            received = StockMove.objects.filter(
                product=product, warehouse=warehouse, reference=opening
            )
            if not received.exists():
                inventory.stock_receive(
                    product=product,
                    warehouse=warehouse,
                    quantity=quantity,
                    reference=opening,
                )
        for sku, code, min_qty, max_qty in self.demo.REORDER_RULES:
            inventory.reorder_rule_set(
                product=products[sku], warehouse=warehouses[code], min_qty=min_qty, max_qty=max_qty
            )

    def _deals(self, parties, stages) -> None:
        first_stage = stages[self.demo.FUNNEL[0][0]]
        for name, title, amount, stage, lost_reason in self.demo.DEALS:
            amount = self.demo.price(amount)
            if Deal.objects.filter(party=parties[name], title=title).exists():
                continue
            deal = crm.deal_create(
                party=parties[name], title=title, amount=amount, stage=first_stage
            )
            if stages[stage] != first_stage:
                crm.deal_move(deal=deal, stage=stages[stage], lost_reason=lost_reason)

    def _interactions(self, parties) -> None:
        for name, kind, summary in self.demo.INTERACTIONS:
            if not Interaction.objects.filter(party=parties[name], summary=summary).exists():
                crm.interaction_log(party=parties[name], kind=kind, summary=summary)
