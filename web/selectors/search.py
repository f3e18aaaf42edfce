"""The top bar's search: customers, contacts, documents by number, products by SKU or name."""

from processes.access import documents_for, may, parties_for, party_related_for
from processes.access.rights import READ
from processes.catalog.models import Product
from processes.common.text_search import containing, starting
from processes.crm.models import Contact, Party
from processes.sales.models import Invoice, Quotation, SalesOrder
from web.selectors.customers import matching

LIMIT = 10


def search(user, q: str) -> dict[str, list]:
    """Up to `LIMIT` of each kind the person may read, matching `q`; numbers and SKUs by prefix."""
    q = q.strip()[:200]
    found: dict[str, list] = {}
    if not q:
        return found
    if may(user, READ, "customers"):
        parties = parties_for(user, Party.objects.filter(matching(q)))
        found["customers"] = list(parties.order_by("name")[:LIMIT])
        contacts = party_related_for(user, Contact.objects.select_related("party"))
        by_name = containing(Contact, "name", q).values("pk")
        found["contacts"] = list(contacts.filter(pk__in=by_name)[:LIMIT])
    documents = [("quotations", Quotation), ("orders", SalesOrder), ("invoices", Invoice)]
    for kind, model in documents:
        if may(user, READ, kind):
            rows = starting(model, "number", q).order_by("number")
            if model is Invoice:
                rows = rows.select_related("order__party")
            else:
                rows = rows.select_related("party")
            found[kind] = list(documents_for(user, rows)[:LIMIT])
    if may(user, READ, "products"):
        found["products"] = list(
            Product.objects.filter(sku__istartswith=q).order_by("sku")[:LIMIT]
            or Product.objects.filter(name__icontains=q).order_by("name")[:LIMIT]
        )
    return {kind: rows for kind, rows in found.items() if rows}
