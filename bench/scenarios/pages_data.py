"""The data set of the `pages` benchmark: customers with a contact (an e-mail and a phone),
products, and confirmed sales orders of five lines each, inserted in batches of plain
INSERTs (this measures the pages, not how records are made).

Orders are confirmed at a steady pace, newest first: a larger data set is the same business
with more customers and a longer history, so a report of last month reads the same number
of orders at both sizes.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

MARK = "bench-pages"  # the notes of every party it makes, to find and remove them
LINES_PER_ORDER = 5
ORDERS_PER_DAY = 50
PRODUCTS = 50
BATCH = 5000


def _insert(model, rows: list[dict]) -> None:
    """INSERT `rows` (field name → value ready for the database), the other columns at their
    defaults, in one executemany."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {
        f.attname: f.get_db_prep_save(f.get_default(), connection)
        for f in fields
        if f.has_default() or f.null or f.blank
    }
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
            [tuple(row[n] if n in row else defaults[n] for n in names) for row in rows],
        )


def _moment(value):
    from django.db import connection

    return connection.ops.adapt_datetimefield_value(value)


FIRST = "anna boris chloe david elena farid greta hugo irina jonas katya luca maria nikos olga"
FIRST += " pablo quinn rosa sven tanya umar vera wilma xenia yusuf zoe"
LAST = "adler berg costa dubois eriksen fischer garcia hansen ivanova jansen kowalski lambert"
LAST += " moreau novak olsen petrov quist rossi schmidt tanaka ueda vidal weber young zimmer"
TRADE = "nord sud alpen baltic coral delta ember fjord granite harbour iris juniper kestrel"
TRADE += " lumen meridian orchard pioneer quarry riverside summit tundra union vista willow"
FIRSTS, LASTS, TRADES = FIRST.split(), LAST.split(), TRADE.split()


def _person(number: int) -> tuple[str, str]:
    return FIRSTS[number % len(FIRSTS)], LASTS[(number // len(FIRSTS)) % len(LASTS)]


def name_of(number: int) -> str:
    """A customer's name, made of words as real ones are (and its number, to be unique)."""
    trade = TRADES[(number * 7) % len(TRADES)]
    return f"{trade.title()} {_person(number)[1].title()} {number}"


def email_of(number: int) -> str:
    first, last = _person(number)
    return f"{first}.{last}{number}@{TRADES[(number * 7) % len(TRADES)]}-{last}.example"


def search_part(number: int) -> str:
    """Part of the customer's contact's e-mail, not its start: "kowalski500@"."""
    return f"{_person(number)[1]}{number}@"


def clear() -> None:
    """Remove what an earlier run made (raw deletes: a million lines in seconds)."""
    from django.db import connection, transaction

    from processes.catalog.models import Product
    from processes.crm.models import Contact, ContactChannel, Party
    from processes.sales.models import SalesOrder, SalesOrderLine

    q = connection.ops.quote_name
    parties = f"SELECT id FROM {q(Party._meta.db_table)} WHERE notes = %s"  # noqa: S608
    orders = f"SELECT id FROM {q(SalesOrder._meta.db_table)} WHERE party_id IN ({parties})"  # noqa: S608
    contacts = f"SELECT id FROM {q(Contact._meta.db_table)} WHERE party_id IN ({parties})"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        for table, where in [
            (SalesOrderLine, f"order_id IN ({orders})"),
            (SalesOrder, f"id IN ({orders})"),
            (ContactChannel, f"contact_id IN ({contacts})"),
            (Contact, f"id IN ({contacts})"),
            (Party, f"id IN ({parties})"),
        ]:
            cursor.execute(f"DELETE FROM {q(table._meta.db_table)} WHERE {where}", [MARK])  # noqa: S608
    Product.objects.filter(sku__startswith="BP-").delete()


def products() -> list:
    from processes.catalog.models import Product

    Product.objects.bulk_create(
        [
            Product(sku=f"BP-{n:03d}", name=f"Bench product {n}", list_price=Decimal(10 + n))
            for n in range(PRODUCTS)
        ]
    )
    return list(Product.objects.filter(sku__startswith="BP-").values_list("pk", "list_price"))


def grow_customers(have: int, target: int, owners: list[int]) -> None:
    """Customers number `have` to `target`, each with a contact who has an e-mail and a phone."""
    from django.db import connection, transaction

    from processes.crm.models import Contact, ContactChannel, Party

    now = _moment(timezone.now())
    for start in range(have, target, BATCH):
        numbers = range(start, min(target, start + BATCH))
        with transaction.atomic():
            _insert(
                Party,
                [
                    {
                        "name": name_of(n),
                        "tax_id": f"FR{(n * 2654435761) % 10**11:011d}",
                        "is_customer": True,
                        "owner_id": owners[n % len(owners)],
                        "notes": MARK,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for n in numbers
                ],
            )
            ids = _ids(connection, Party, "name", name_of(numbers[0]), len(numbers))
            _insert(
                Contact,
                [
                    {"party_id": pk, "name": " ".join(_person(n)).title(), "created_at": now}
                    for pk, n in zip(ids, numbers, strict=True)
                ],
            )
            contact_ids = _ids(connection, Contact, "party_id", ids[0], len(numbers))
            channels = []
            for pk, n in zip(contact_ids, numbers, strict=True):
                channels.append({"contact_id": pk, "kind": "email", "value": email_of(n)})
                phone = f"+33 6 {(n * 104729) % 10**8:08d}"
                channels.append({"contact_id": pk, "kind": "phone", "value": phone})
            _insert(ContactChannel, channels)


def _ids(connection, model, column: str, first, count: int) -> list[int]:
    """The ids of the `count` rows just inserted from the one whose `column` is `first`."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE id >= (SELECT MIN(id) FROM {table} "  # noqa: S608
            f"WHERE {column} = %s) ORDER BY id LIMIT %s",
            [first, count],
        )
        return [row[0] for row in cursor.fetchall()]


def grow_orders(have: int, target: int, products: list, customers: int) -> None:
    """Orders number `have` to `target` (the later, the older), each of five lines, for
    customers among the first `customers`."""
    from django.db import connection, transaction

    from processes.crm.models import Party
    from processes.sales.models import SalesOrder, SalesOrderLine

    parties = list(
        Party.objects.filter(notes=MARK).order_by("id").values_list("pk", flat=True)[:customers]
    )
    rng = random.Random(have)
    now = timezone.now()
    for start in range(have, target, BATCH):
        numbers = range(start, min(target, start + BATCH))
        orders, lines = [], []
        for n in numbers:
            at = now - timedelta(days=n / ORDERS_PER_DAY, minutes=rng.randrange(60))
            picked = [products[(n + i * 7) % len(products)] for i in range(LINES_PER_ORDER)]
            net = sum((price * (i + 1) for i, (_pk, price) in enumerate(picked)), Decimal(0))
            tax = (net * Decimal("0.2")).quantize(Decimal("0.01"))
            orders.append(
                {
                    "number": f"BP-{n:07d}",
                    "party_id": parties[rng.randrange(len(parties))],
                    "status": "confirmed",
                    "net_total": net,
                    "tax_total": tax,
                    "total": net + tax,
                    "created_at": _moment(at),
                    "confirmed_at": _moment(at),
                }
            )
            lines.append(picked)
        with transaction.atomic():
            _insert(SalesOrder, orders)
            ids = _ids(connection, SalesOrder, "number", orders[0]["number"], len(orders))
            _insert(
                SalesOrderLine,
                [
                    {
                        "order_id": order_id,
                        "product_id": pk,
                        "quantity": Decimal(i + 1),
                        "unit_price": price,
                        "total": price * (i + 1),
                        "tax_rate": Decimal(20),
                        "tax_amount": (price * (i + 1) * Decimal("0.2")).quantize(Decimal("0.01")),
                    }
                    for order_id, picked in zip(ids, lines, strict=True)
                    for i, (pk, price) in enumerate(picked)
                ],
            )
