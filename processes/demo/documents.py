"""The demo company's documents: bills of materials, quotations and orders in different
states, a purchase order and a planned manufacturing order (processes/demo/company.py,
in the demo's language: processes/demo/dataset.py).

Everything goes through the services, as a user would make it; each record is found again
by its note or product, so seeding twice adds nothing.
"""

from decimal import Decimal

from processes.catalog.models import Product
from processes.crm.models import Party
from processes.demo.dataset import Demo
from processes.procurement import services as procurement
from processes.procurement.models import PurchaseOrder, PurchaseRequest
from processes.production import services as production
from processes.production.models import BillOfMaterials, ManufacturingOrder
from processes.sales import services as sales
from processes.sales.models import Quotation, SalesOrder
from processes.shipment import services as shipment


def seed_documents(demo: Demo) -> dict[str, int]:
    """Create what is missing; answer how many of each kind there are."""
    products = {p.sku: p for p in Product.objects.all()}
    _boms(products, demo)
    for note, customer, lines, state in demo.QUOTATIONS:
        if not Quotation.objects.filter(notes=note).exists():
            _quotation(note, _party(customer), _lines(products, lines), state, demo)
    for note, customer, lines, state in demo.ORDERS:
        if not SalesOrder.objects.filter(notes=note).exists():
            _order(note, _party(customer), _lines(products, lines), state)
    _purchase(products[demo.PURCHASE_SKU])
    note, sku, quantity = demo.MANUFACTURING
    if not ManufacturingOrder.objects.filter(reference=note).exists():
        production.manufacturing_order_plan(
            product=products[sku], quantity=quantity, reference=note
        )
    return {
        "boms": BillOfMaterials.objects.filter(is_active=True).count(),
        "quotations": Quotation.objects.count(),
        "orders": SalesOrder.objects.count(),
    }


def _party(name: str) -> Party:
    return Party.objects.get(name=name)


def _lines(products, lines) -> list[dict]:
    return [{"product": products[sku], "quantity": quantity} for sku, quantity in lines]


def _boms(products, demo: Demo) -> None:
    for sku, components in demo.BOMS:
        if not BillOfMaterials.objects.filter(product=products[sku], is_active=True).exists():
            production.bom_create(
                product=products[sku],
                lines=[{"component": products[c], "quantity": q} for c, q in components],
            )


def _quotation(note: str, party: Party, lines: list[dict], state: str, demo: Demo) -> None:
    quotation = sales.quotation_create(party=party, lines=lines, notes=note)
    if state in ("sent", "rejected"):
        sales.quotation_send(quotation=quotation)
    if state == "rejected":
        sales.quotation_reject(quotation=quotation, reason=demo.REJECT_REASON)


def _order(note: str, party: Party, lines: list[dict], state: str) -> None:
    order = sales.order_create(party=party, lines=lines, notes=note)
    if state == "draft":
        return
    sales.order_confirm(order=order)
    sales.order_reserve_stock(order=order)
    if state != "delivered":
        return
    parcel = shipment.shipment_create_for_order(order=order)
    shipment.shipment_pick(shipment=parcel)
    shipment.shipment_pack(
        shipment=parcel, packages=[{"weight_kg": "6.5", "dimensions": "60x40x30"}]
    )
    shipment.shipment_ship(shipment=parcel, carrier="DHL", tracking_number="DEMO-0001")
    shipment.shipment_confirm_delivery(shipment=parcel)
    invoice = sales.invoice_create_for_order(order=order)
    half = (invoice.total / 2).quantize(Decimal("0.01"))
    sales.payment_record(invoice=invoice, amount=half, method="bank_transfer")


def _purchase(product: Product) -> None:
    if PurchaseOrder.objects.filter(lines__product=product).exists():
        return
    request = PurchaseRequest.objects.filter(product=product, status="open").first()
    request = request or procurement.purchase_request_create(
        product=product, quantity=Decimal("14"), reason="reorder", reference="Reorder rule"
    )
    order = procurement.purchase_order_create_from_request(request=request)
    procurement.purchase_order_approve(order=order)
    procurement.purchase_order_send(order=order)
